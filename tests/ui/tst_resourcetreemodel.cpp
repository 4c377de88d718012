#include "apiresourcesmodel.h"
#include "resourcetreefilterproxy.h"
#include "resourcetreemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace kube::ui;

namespace {

const QStringList AllVerbs = { "create", "delete", "get", "list", "patch", "update", "watch" };

ResourceType rt(const QString &group,
                const QString &version,
                const QString &resource,
                const QString &kind,
                bool namespaced,
                QStringList shortNames = {},
                bool preferred = true,
                QStringList verbs = AllVerbs)
{
    ResourceType r;
    r.group = group;
    r.version = version;
    r.resource = resource;
    r.singular = resource.endsWith(u's') ? resource.chopped(1) : resource;
    r.kind = kind;
    r.namespaced = namespaced;
    r.shortNames = shortNames;
    r.preferred = preferred;
    r.verbs = verbs;
    return r;
}

// Discovery order: core first, then groups as /apis lists them; a CRD group with two
// versions (v1 preferred), a cluster-scoped CRD, a subresource and a resource without "list".
QList<ResourceType> discovered()
{
    return {
        rt("", "v1", "pods", "Pod", true, { "po" }),
        rt("", "v1", "pods/log", "Pod", true),
        rt("", "v1", "namespaces", "Namespace", false, { "ns" }),
        rt("", "v1", "bindings", "Binding", true, {}, true, { "create" }),
        rt("", "v1", "configmaps", "ConfigMap", true, { "cm" }),
        rt("apps", "v1", "deployments", "Deployment", true, { "deploy" }),
        rt("apps", "v1", "deployments/scale", "Scale", true),
        rt("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition",
           false, { "crd", "crds" }),
        rt("stable.example.com", "v1", "crontabs", "CronTab", true, { "ct" }, true),
        rt("stable.example.com", "v1beta1", "crontabs", "CronTab", true, { "ct" }, false),
        rt("infra.example.com", "v1alpha1", "clusterwidgets", "ClusterWidget", false, { "cw" }),
    };
}

QModelIndex child(const QAbstractItemModel &m, const QModelIndex &parent, const QString &text)
{
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex i = m.index(r, 0, parent);
        if (i.data().toString() == text)
            return i;
    }
    return {};
}

int countResources(const QAbstractItemModel &m, const QModelIndex &parent = {})
{
    int n = 0;
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex i = m.index(r, 0, parent);
        if (ResourceTreeModel::NodeType(i.data(ResourceTreeModel::NodeTypeRole).toInt())
            == ResourceTreeModel::NodeType::Resource)
            ++n;
        n += countResources(m, i);
    }
    return n;
}

} // namespace

class tst_ResourceTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void structure()
    {
        ResourceTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setClusterName(QStringLiteral("kind-dev"));
        model.setResources(discovered());

        QCOMPARE(model.rowCount(), 1);
        const QModelIndex cluster = model.clusterIndex();
        QCOMPARE(cluster.data().toString(), QStringLiteral("kind-dev"));
        // Groups in discovery order, core named "core".
        QStringList groups;
        for (int r = 0; r < model.rowCount(cluster); ++r)
            groups << model.index(r, 0, cluster).data().toString();
        QCOMPARE(groups,
                 (QStringList { "core", "apps", "apiextensions.k8s.io", "stable.example.com",
                                "infra.example.com" }));

        // Subresources are not nodes; resources sorted by name within a version.
        const QModelIndex core = child(model, cluster, QStringLiteral("core"));
        const QModelIndex v1 = child(model, core, QStringLiteral("v1 (preferred)"));
        QVERIFY(v1.isValid());
        QStringList coreResources;
        for (int r = 0; r < model.rowCount(v1); ++r)
            coreResources << model.index(r, 0, v1).data().toString();
        QCOMPARE(coreResources, (QStringList { "bindings", "configmaps", "namespaces", "pods" }));
        QCOMPARE(countResources(model), 9);

        // A CRD group with two versions: the preferred one first and marked.
        const QModelIndex crontabs = child(model, cluster, QStringLiteral("stable.example.com"));
        QCOMPARE(model.rowCount(crontabs), 2);
        QCOMPARE(model.index(0, 0, crontabs).data().toString(), QStringLiteral("v1 (preferred)"));
        QCOMPARE(model.index(1, 0, crontabs).data().toString(), QStringLiteral("v1beta1"));
        QVERIFY(model.index(0, 0, crontabs).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(1, 0, crontabs).data(ResourceTreeModel::PreferredRole).toBool());

        // Scope column and tooltip.
        const QModelIndex widgets
            = model.index(0, 0, model.index(0, 0, child(model, cluster, "infra.example.com")));
        QCOMPARE(widgets.data().toString(), QStringLiteral("clusterwidgets"));
        QCOMPARE(widgets.siblingAtColumn(ResourceTreeModel::KindColumn).data().toString(),
                 QStringLiteral("ClusterWidget"));
        QCOMPARE(widgets.siblingAtColumn(ResourceTreeModel::ScopeColumn).data().toString(),
                 QStringLiteral("Cluster"));
        const QString tip = widgets.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("cw")) && tip.contains(QStringLiteral("watch")),
                 qPrintable(tip));

        // No "list" verb: shown but disabled.
        const QModelIndex bindings = model.index(0, 0, v1);
        QCOMPARE(bindings.data().toString(), QStringLiteral("bindings"));
        QVERIFY(!(model.flags(bindings) & Qt::ItemIsEnabled));
        QVERIFY(model.flags(model.index(3, 0, v1)) & Qt::ItemIsSelectable);

        // Lookup by GVR.
        const QModelIndex found = model.indexOf({ "stable.example.com", "v1beta1", "crontabs" });
        QVERIFY(found.isValid());
        QCOMPARE(model.resourceAt(found)->version, QStringLiteral("v1beta1"));
        QVERIFY(!model.indexOf({ "", "v1", "pods/log" }).isValid());
    }

    void refreshReplacesTree()
    {
        ResourceTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResources(discovered());
        auto more = discovered();
        more.append(rt("new.example.com", "v1", "gadgets", "Gadget", true, { "gd" }));
        model.setResources(more);
        QVERIFY(model.indexOf({ "new.example.com", "v1", "gadgets" }).isValid());
        model.setResources({});
        QCOMPARE(model.rowCount(model.clusterIndex()), 0);
    }

    void filter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("resources");
        QTest::newRow("short name po") << "po" << QStringList { "pods" };
        QTest::newRow("short name deploy") << "deploy" << QStringList { "deployments" };
        QTest::newRow("short name crd") << "crd" << QStringList { "customresourcedefinitions" };
        QTest::newRow("kind") << "CronTab" << QStringList { "crontabs", "crontabs" };
        QTest::newRow("plural substring") << "map" << QStringList { "configmaps" };
        QTest::newRow("group prefix") << "apps" << QStringList { "deployments" };
        QTest::newRow("nothing") << "zzz" << QStringList {};
    }
    void filter()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, resources);
        ResourceTreeModel model;
        model.setResources(discovered());
        ResourceTreeFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setFilterText(text);
        QStringList found;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int r = 0; r < proxy.rowCount(parent); ++r) {
                const QModelIndex i = proxy.index(r, 0, parent);
                if (ResourceTreeModel::NodeType(i.data(ResourceTreeModel::NodeTypeRole).toInt())
                    == ResourceTreeModel::NodeType::Resource)
                    found << i.data().toString();
                walk(i);
            }
        };
        walk({});
        QCOMPARE(found, resources);
    }

    void apiResources()
    {
        ApiResourcesModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResources(discovered());
        // Preferred versions only, no subresources, sorted by group then name (kubectl's order).
        QStringList names;
        for (int r = 0; r < model.rowCount(); ++r)
            names << model.index(r, ApiResourcesModel::NameColumn).data().toString();
        QCOMPARE(names,
                 (QStringList { "bindings", "configmaps", "namespaces", "pods",
                                "customresourcedefinitions", "deployments", "clusterwidgets",
                                "crontabs" }));
        const int crd = int(names.indexOf(QStringLiteral("customresourcedefinitions")));
        QCOMPARE(model.index(crd, ApiResourcesModel::ShortNamesColumn).data().toString(),
                 QStringLiteral("crd,crds"));
        QCOMPARE(model.index(crd, ApiResourcesModel::ApiVersionColumn).data().toString(),
                 QStringLiteral("apiextensions.k8s.io/v1"));
        QCOMPARE(model.index(crd, ApiResourcesModel::NamespacedColumn).data().toString(),
                 QStringLiteral("false"));
        QCOMPARE(model.index(crd, ApiResourcesModel::KindColumn).data().toString(),
                 QStringLiteral("CustomResourceDefinition"));
        QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("NAME"));
    }
};

QTEST_MAIN(tst_ResourceTreeModel)
#include "tst_resourcetreemodel.moc"
