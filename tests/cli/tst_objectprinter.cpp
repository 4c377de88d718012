#include "goldens.h"
#include "objectprinter.h"

#include <QTest>

using namespace kube::cli;
using namespace kube::cli::test;

class tst_ObjectPrinter : public QObject
{
    Q_OBJECT

private slots:
    void matchesKubectl_data();
    void matchesKubectl();
    void listItemsGetKindAndApiVersion();
};

void tst_ObjectPrinter::matchesKubectl_data()
{
    QTest::addColumn<QString>("golden");
    QTest::addColumn<int>("format");
    QTest::addColumn<QStringList>("fixtures"); //!< objects, or lists (ending in "s")
    QTest::addColumn<bool>("single");

    const int json = int(ObjectPrinter::Format::Json), yaml = int(ObjectPrinter::Format::Yaml),
              name = int(ObjectPrinter::Format::Name);
    const QString web1 = QStringLiteral("api_v1_namespaces_default_pods_web-1");
    const QString db = QStringLiteral("api_v1_namespaces_default_pods_db");
    const QString podList = QStringLiteral("list:api_v1_namespaces_default_pods");
    QTest::newRow("pod -o yaml") << "get_pod_yaml" << yaml << QStringList { web1 } << true;
    QTest::newRow("pod -o json") << "get_pod_json" << json << QStringList { web1 } << true;
    QTest::newRow("pod -o name") << "get_pod_name" << name << QStringList { web1 } << true;
    const QString edge = QStringLiteral("api_v1_namespaces_default_configmaps_edge");
    QTest::newRow("edge cases -o yaml")
        << "get_cm_edge_yaml" << yaml << QStringList { edge } << true;
    QTest::newRow("edge cases -o json")
        << "get_cm_edge_json" << json << QStringList { edge } << true;
    QTest::newRow("pods -o yaml") << "get_pods_yaml" << yaml << QStringList { podList } << false;
    QTest::newRow("pods -o json") << "get_pods_json" << json << QStringList { podList } << false;
    QTest::newRow("two names -o json")
        << "get_pod_two_json" << json << QStringList { db, web1 } << false;
    QTest::newRow("all namespaces -o yaml")
        << "get_pods_A_yaml" << yaml << QStringList { QStringLiteral("list:api_v1_pods") } << false;
    QTest::newRow("all namespaces -o name")
        << "get_pods_A_name" << name << QStringList { QStringLiteral("list:api_v1_pods") } << false;
    QTest::newRow("empty -o json")
        << "get_pods_empty_json" << json
        << QStringList { QStringLiteral("list:api_v1_namespaces_empty_pods") } << false;
    QTest::newRow("empty -o yaml")
        << "get_pods_empty_yaml" << yaml
        << QStringList { QStringLiteral("list:api_v1_namespaces_empty_pods") } << false;
    QTest::newRow("empty -o name")
        << "get_pods_empty_name" << name
        << QStringList { QStringLiteral("list:api_v1_namespaces_empty_pods") } << false;
    QTest::newRow("nodes -o yaml")
        << "get_nodes_yaml" << yaml << QStringList { QStringLiteral("list:api_v1_nodes") } << false;
    QTest::newRow("nodes -o name")
        << "get_nodes_name" << name << QStringList { QStringLiteral("list:api_v1_nodes") } << false;
    const QStringList deploySvc { QStringLiteral(
                                      "list:apis_apps_v1_namespaces_default_deployments"),
                                  QStringLiteral("list:api_v1_namespaces_default_services") };
    QTest::newRow("deploy,svc -o json") << "get_deploy_svc_json" << json << deploySvc << false;
    QTest::newRow("deploy,svc -o name") << "get_deploy_svc_name" << name << deploySvc << false;
}

void tst_ObjectPrinter::matchesKubectl()
{
    QFETCH(QString, golden);
    QFETCH(int, format);
    QFETCH(QStringList, fixtures);
    QFETCH(bool, single);

    QList<QJsonObject> objects;
    for (const QString &f : fixtures) {
        if (f.startsWith(QLatin1String("list:")))
            objects += ObjectPrinter::itemsOf(fixture(f.mid(5)));
        else
            objects.append(fixture(f));
    }
    const QByteArray out = ObjectPrinter::print(ObjectPrinter::Format(format), objects, single);
    if (out != goldenOut(golden))
        saveActual(golden, out);
    QCOMPARE(out, goldenOut(golden));
}

void tst_ObjectPrinter::listItemsGetKindAndApiVersion()
{
    const QJsonObject list
        = QJsonDocument::fromJson(
              R"({"apiVersion":"apps/v1","kind":"DeploymentList","items":[{"metadata":{"name":"a"}},
                                     {"kind":"Other","apiVersion":"x/v1","metadata":{"name":"b"}}]})")
              .object();
    const QList<QJsonObject> items = ObjectPrinter::itemsOf(list);
    QCOMPARE(items.size(), 2);
    QCOMPARE(ObjectPrinter::nameOf(items.at(0)), QByteArray("deployment.apps/a"));
    QCOMPARE(ObjectPrinter::nameOf(items.at(1)), QByteArray("other.x/b"));
}

QTEST_GUILESS_MAIN(tst_ObjectPrinter)
#include "tst_objectprinter.moc"
