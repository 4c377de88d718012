#include "discovery/restmapper.h"
#include "fixtures.h"

#include <QTest>

using namespace kube;

class tst_RestMapper : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mappingFor_data();
    void mappingFor();
    void unknown_data();
    void unknown();
    void shortNameWarning();
    void ambiguous();
    void kindToResource_data();
    void kindToResource();
    void categories();
    void mappingsFor();
    void preferredVersionFollowsServer();

private:
    RestMapper m_mapper;
};

void tst_RestMapper::initTestCase()
{
    m_mapper = RestMapper(fixtures::stockData());
    QVERIFY(!m_mapper.isEmpty());
}

void tst_RestMapper::mappingFor_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("namespaced");

    const QString core;
    QTest::newRow("plural") << "pods" << core << "v1"
                            << "pods"
                            << "Pod" << true;
    QTest::newRow("singular") << "pod" << core << "v1"
                              << "pods"
                              << "Pod" << true;
    QTest::newRow("short") << "po" << core << "v1"
                           << "pods"
                           << "Pod" << true;
    QTest::newRow("kind") << "Pod" << core << "v1"
                          << "pods"
                          << "Pod" << true;
    QTest::newRow("kind upper") << "POD" << core << "v1"
                                << "pods"
                                << "Pod" << true;
    QTest::newRow("cluster scoped") << "no" << core << "v1"
                                    << "nodes"
                                    << "Node" << false;
    QTest::newRow("core wins over metrics") << "nodes" << core << "v1"
                                            << "nodes"
                                            << "Node" << false;
    QTest::newRow("metrics by group") << "pods.metrics.k8s.io"
                                      << "metrics.k8s.io"
                                      << "v1beta1"
                                      << "pods"
                                      << "PodMetrics" << true;
    QTest::newRow("core events first") << "events" << core << "v1"
                                       << "events"
                                       << "Event" << true;
    QTest::newRow("events by group") << "events.events.k8s.io"
                                     << "events.k8s.io"
                                     << "v1"
                                     << "events"
                                     << "Event" << true;
    QTest::newRow("ev short") << "ev" << core << "v1"
                              << "events"
                              << "Event" << true;
    QTest::newRow("deployments.apps") << "deployments.apps"
                                      << "apps"
                                      << "v1"
                                      << "deployments"
                                      << "Deployment" << true;
    QTest::newRow("deployments.v1.apps") << "deployments.v1.apps"
                                         << "apps"
                                         << "v1"
                                         << "deployments"
                                         << "Deployment" << true;
    QTest::newRow("deploy") << "deploy"
                            << "apps"
                            << "v1"
                            << "deployments"
                            << "Deployment" << true;
    QTest::newRow("deploy.apps") << "deploy.apps"
                                 << "apps"
                                 << "v1"
                                 << "deployments"
                                 << "Deployment" << true;
    QTest::newRow("Deployment kind") << "Deployment"
                                     << "apps"
                                     << "v1"
                                     << "deployments"
                                     << "Deployment" << true;
    QTest::newRow("Deployment.v1.apps") << "Deployment.v1.apps"
                                        << "apps"
                                        << "v1"
                                        << "deployments"
                                        << "Deployment" << true;
    QTest::newRow("hpa preferred v2") << "hpa"
                                      << "autoscaling"
                                      << "v2"
                                      << "horizontalpodautoscalers"
                                      << "HorizontalPodAutoscaler" << true;
    QTest::newRow("hpa explicit v1") << "horizontalpodautoscalers.v1.autoscaling"
                                     << "autoscaling"
                                     << "v1"
                                     << "horizontalpodautoscalers"
                                     << "HorizontalPodAutoscaler" << true;
    QTest::newRow("group prefix") << "hpa.autoscal"
                                  << "autoscaling"
                                  << "v2"
                                  << "horizontalpodautoscalers"
                                  << "HorizontalPodAutoscaler" << true;
    QTest::newRow("crd plural") << "crontabs"
                                << "stable.example.com"
                                << "v1"
                                << "crontabs"
                                << "CronTab" << true;
    QTest::newRow("crd short") << "ct"
                               << "stable.example.com"
                               << "v1"
                               << "crontabs"
                               << "CronTab" << true;
    QTest::newRow("crd fully qualified") << "crontabs.v1beta1.stable.example.com"
                                         << "stable.example.com"
                                         << "v1beta1"
                                         << "crontabs"
                                         << "CronTab" << true;
    QTest::newRow("crd only in old version") << "ot"
                                             << "stable.example.com"
                                             << "v1beta1"
                                             << "oldtabs"
                                             << "OldTab" << true;
    QTest::newRow("crd cluster scoped") << "cw"
                                        << "widgets.example.io"
                                        << "v1alpha1"
                                        << "clusterwidgets"
                                        << "ClusterWidget" << false;
    QTest::newRow("crd kind") << "ClusterWidget"
                              << "widgets.example.io"
                              << "v1alpha1"
                              << "clusterwidgets"
                              << "ClusterWidget" << false;
    QTest::newRow("crd short first group wins") << "vs"
                                                << "snapshot.storage.k8s.io"
                                                << "v1"
                                                << "volumesnapshots"
                                                << "VolumeSnapshot" << true;
    QTest::newRow("crd short qualified") << "vs.networking.istio.io"
                                         << "networking.istio.io"
                                         << "v1"
                                         << "virtualservices"
                                         << "VirtualService" << true;
    QTest::newRow("crds") << "crds"
                          << "apiextensions.k8s.io"
                          << "v1"
                          << "customresourcedefinitions"
                          << "CustomResourceDefinition" << false;
    QTest::newRow("endpoints singular=plural") << "endpoints" << core << "v1"
                                               << "endpoints"
                                               << "Endpoints" << true;
    QTest::newRow("flowschemas preferred") << "flowschemas"
                                           << "flowcontrol.apiserver.k8s.io"
                                           << "v1"
                                           << "flowschemas"
                                           << "FlowSchema" << false;
}

void tst_RestMapper::mappingFor()
{
    QFETCH(QString, input);
    QFETCH(QString, group);
    QFETCH(QString, version);
    QFETCH(QString, resource);
    QFETCH(QString, kind);
    QFETCH(bool, namespaced);
    auto m = m_mapper.mappingFor(input);
    QVERIFY2(m, qPrintable(m ? QString() : m.error().message));
    QCOMPARE(m->resource, (GroupVersionResource { group, version, resource }));
    QCOMPARE(m->kind, (GroupVersionKind { group, version, kind }));
    QCOMPARE(m->namespaced, namespaced);
    QCOMPARE(m->info.name, resource);
}

void tst_RestMapper::unknown_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing") << "flurbs"
                             << "the server doesn't have a resource type \"flurbs\"";
    QTest::newRow("wrong group") << "pods.apps"
                                 << "the server doesn't have a resource type \"pods\"";
    QTest::newRow("subresource") << "pods/log"
                                 << "the server doesn't have a resource type \"pods/log\"";
    QTest::newRow("short upper") << "PO"
                                 << "the server doesn't have a resource type \"PO\"";
    QTest::newRow("empty") << ""
                           << "the server doesn't have a resource type \"\"";
}

void tst_RestMapper::unknown()
{
    QFETCH(QString, input);
    QFETCH(QString, message);
    auto m = m_mapper.mappingFor(input);
    QVERIFY(!m);
    QCOMPARE(m.error().kind, Error::Kind::NotFound);
    QCOMPARE(m.error().message, message);
}

void tst_RestMapper::shortNameWarning()
{
    auto vs = m_mapper.mappingFor(QStringLiteral("vs"));
    QVERIFY(vs);
    QCOMPARE(vs->warnings,
             QStringList { QStringLiteral("short name \"vs\" could also match lower priority "
                                          "resource virtualservices.networking.istio.io") });
    auto ev = m_mapper.mappingFor(QStringLiteral("ev"));
    QVERIFY(ev);
    QCOMPARE(
        ev->warnings,
        QStringList { QStringLiteral(
            "short name \"ev\" could also match lower priority resource events.events.k8s.io") });
    auto hpa
        = m_mapper.mappingFor(QStringLiteral("hpa")); // same resource in two versions: no warning
    QVERIFY(hpa);
    QVERIFY(hpa->warnings.isEmpty());
}

void tst_RestMapper::ambiguous()
{
    // Given one group-version where "gadget" is the plural of one resource and the singular
    // of another, neither group order nor version preference can settle it.
    DiscoveryData d;
    d.groups.append(APIGroup {
        QStringLiteral("toys.example.com"), { QStringLiteral("v1") }, QStringLiteral("v1") });
    APIResourceList l { QStringLiteral("toys.example.com/v1"), {} };
    l.resources.append(APIResource { QStringLiteral("gadget"),
                                     QStringLiteral("gadgetone"),
                                     true,
                                     {},
                                     {},
                                     QStringLiteral("GadgetOne"),
                                     { QStringLiteral("get") },
                                     {},
                                     {},
                                     {} });
    l.resources.append(APIResource { QStringLiteral("gadgets"),
                                     QStringLiteral("gadget"),
                                     true,
                                     {},
                                     {},
                                     QStringLiteral("GadgetTwo"),
                                     { QStringLiteral("get") },
                                     {},
                                     {},
                                     {} });
    d.resources.append(l);
    RestMapper mapper(d);
    auto m = mapper.mappingFor(QStringLiteral("gadget"));
    QVERIFY(!m);
    QCOMPARE(m.error().reason, QStringLiteral("Ambiguous"));
    QVERIFY2(m.error().message.contains(QLatin1String("gadget.v1.toys.example.com (GadgetOne)")),
             qPrintable(m.error().message));
    QVERIFY(m.error().message.contains(QLatin1String("gadgets.v1.toys.example.com (GadgetTwo)")));
    // The unambiguous spelling still works.
    QVERIFY(mapper.mappingFor(QStringLiteral("gadgets")));
}

void tst_RestMapper::kindToResource_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected"); // GVR toString, or "" for an error
    QTest::newRow("Pod") << ""
                         << "v1"
                         << "Pod"
                         << "pods";
    QTest::newRow("pod lower") << ""
                               << ""
                               << "pod"
                               << "pods";
    QTest::newRow("Deployment no version") << "apps"
                                           << ""
                                           << "Deployment"
                                           << "deployments.v1.apps";
    QTest::newRow("hpa preferred") << "autoscaling"
                                   << ""
                                   << "HorizontalPodAutoscaler"
                                   << "horizontalpodautoscalers.v2.autoscaling";
    QTest::newRow("hpa v1") << "autoscaling"
                            << "v1"
                            << "HorizontalPodAutoscaler"
                            << "horizontalpodautoscalers.v1.autoscaling";
    QTest::newRow("CronTab") << "stable.example.com"
                             << ""
                             << "CronTab"
                             << "crontabs.v1.stable.example.com";
    QTest::newRow("group must match") << ""
                                      << ""
                                      << "Deployment"
                                      << "";
    QTest::newRow("version must exist") << "apps"
                                        << "v1beta2"
                                        << "Deployment"
                                        << "";
    QTest::newRow("subresource kinds are not mapped") << "autoscaling"
                                                      << "v1"
                                                      << "Scale"
                                                      << "";
}

void tst_RestMapper::kindToResource()
{
    QFETCH(QString, group);
    QFETCH(QString, version);
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    auto gvr = m_mapper.resourceFor(GroupVersionKind { group, version, kind });
    if (expected.isEmpty()) {
        QVERIFY(!gvr);
        return;
    }
    QVERIFY2(gvr, qPrintable(gvr ? QString() : gvr.error().message));
    QCOMPARE(gvr->toString(), expected);
    // and back again
    auto k = m_mapper.kindFor(*gvr);
    QVERIFY(k);
    QCOMPARE(k->kind.toLower(), kind.toLower());
    QCOMPARE(k->version, gvr->version);
}

void tst_RestMapper::categories()
{
    auto all = m_mapper.expandCategory(QStringLiteral("all"));
    QVERIFY(all);
    QStringList names;
    for (const GroupVersionResource &r : *all)
        names.append(r.group.isEmpty() ? r.resource : r.resource + u'.' + r.group);
    QCOMPARE(names,
             (QStringList { QStringLiteral("pods"), QStringLiteral("replicationcontrollers"),
                            QStringLiteral("services"), QStringLiteral("daemonsets.apps"),
                            QStringLiteral("deployments.apps"), QStringLiteral("replicasets.apps"),
                            QStringLiteral("statefulsets.apps"),
                            QStringLiteral("horizontalpodautoscalers.autoscaling"),
                            QStringLiteral("cronjobs.batch"), QStringLiteral("jobs.batch"),
                            QStringLiteral("crontabs.stable.example.com") }));
    QVERIFY(m_mapper.expandCategory(QStringLiteral("widgets")));
    QVERIFY(!m_mapper.expandCategory(QStringLiteral("nope")));
}

void tst_RestMapper::mappingsFor()
{
    auto list = m_mapper.mappingsFor(QStringLiteral("all,po,svc,cw"));
    QVERIFY(list);
    QCOMPARE(list->size(), 12); // the 11 of "all", po and svc already in it, cw new
    QCOMPARE(list->first().resource.resource, QStringLiteral("pods"));
    QCOMPARE(list->at(7).resource,
             (GroupVersionResource { QStringLiteral("autoscaling"), QStringLiteral("v2"),
                                     QStringLiteral("horizontalpodautoscalers") }));
    QCOMPARE(list->last().resource.resource, QStringLiteral("clusterwidgets"));
    auto bad = m_mapper.mappingsFor(QStringLiteral("pods,flurbs"));
    QVERIFY(!bad);
    QVERIFY(bad.error().message.contains(QLatin1String("flurbs")));
}

void tst_RestMapper::preferredVersionFollowsServer()
{
    // When the server prefers v1beta1, plain names resolve there.
    DiscoveryData d = fixtures::stockData();
    for (APIGroup &g : d.groups) {
        if (g.name == QLatin1String("stable.example.com"))
            g.preferredVersion = QStringLiteral("v1beta1");
    }
    RestMapper mapper(d);
    auto m = mapper.mappingFor(QStringLiteral("ct"));
    QVERIFY(m);
    QCOMPARE(m->resource.version, QStringLiteral("v1beta1"));
}

QTEST_GUILESS_MAIN(tst_RestMapper)
#include "tst_restmapper.moc"
