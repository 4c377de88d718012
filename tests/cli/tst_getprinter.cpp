#include "getprinter.h"
#include "goldens.h"

#include <QTest>

using namespace kube::cli;
using namespace kube::cli::test;

namespace {

struct Part
{
    GetPrinter::Resource resource;
    QStringList fixtures; //!< Table fixtures, printed in order (pages, or one per name)
};

const GetPrinter::Resource pods { QString(), QStringLiteral("pods"), QStringLiteral("Pod"), true };
const GetPrinter::Resource nodes { QString(), QStringLiteral("nodes"), QStringLiteral("Node"),
                                   false };
const GetPrinter::Resource services { QString(), QStringLiteral("services"),
                                      QStringLiteral("Service"), true };
const GetPrinter::Resource deployments { QStringLiteral("apps"), QStringLiteral("deployments"),
                                         QStringLiteral("Deployment"), true };
const GetPrinter::Resource widgets { QStringLiteral("example.com"), QStringLiteral("widgets"),
                                     QStringLiteral("Widget"), true };

} // namespace

Q_DECLARE_METATYPE(QList<Part>)

class tst_GetPrinter : public QObject
{
    Q_OBJECT

private slots:
    void matchesKubectl_data();
    void matchesKubectl();
    void pagesShareOneHeaderAndAlignment();
    void emptyTableThenRowsPrintsHeaderOnce();
    void discardResourceForgetsARestartedList();
};

void tst_GetPrinter::matchesKubectl_data()
{
    QTest::addColumn<QString>("golden");
    QTest::addColumn<GetPrinter::Options>("options");
    QTest::addColumn<QList<Part>>("parts");

    const QString ns = QStringLiteral("default");
    const auto opts = [&](bool wide, bool noHeaders, bool all, bool withKind,
                          QString n = QStringLiteral("default")) {
        GetPrinter::Options o;
        o.wide = wide;
        o.noHeaders = noHeaders;
        o.allNamespaces = all;
        o.namespaceName = n;
        o.withKind = withKind;
        return o;
    };
    const QString podsDefault = QStringLiteral("api_v1_namespaces_default_pods.table");
    const QString podsAll = QStringLiteral("api_v1_pods.table");
    QTest::newRow("get pods") << "get_pods" << opts(false, false, false, false)
                              << QList<Part> { { pods, { podsDefault } } };
    QTest::newRow("get pods -o wide") << "get_pods_wide" << opts(true, false, false, false)
                                      << QList<Part> { { pods, { podsDefault } } };
    QTest::newRow("get pods -A") << "get_pods_A" << opts(false, false, true, false)
                                 << QList<Part> { { pods, { podsAll } } };
    QTest::newRow("get pods -A -o wide") << "get_pods_A_wide" << opts(true, false, true, false)
                                         << QList<Part> { { pods, { podsAll } } };
    QTest::newRow("get pods --no-headers")
        << "get_pods_no_headers" << opts(false, true, false, false)
        << QList<Part> { { pods, { podsDefault } } };
    QTest::newRow("get pods -A --no-headers")
        << "get_pods_A_no_headers" << opts(false, true, true, false)
        << QList<Part> { { pods, { podsAll } } };
    QTest::newRow("get pod web-1")
        << "get_pod_web1" << opts(false, false, false, false)
        << QList<Part> { { pods,
                           { QStringLiteral("api_v1_namespaces_default_pods_web-1.table") } } };
    QTest::newRow("get po web-1 -o wide")
        << "get_po_web1_wide" << opts(true, false, false, false)
        << QList<Part> { { pods,
                           { QStringLiteral("api_v1_namespaces_default_pods_web-1.table") } } };
    const QString widgetsTable
        = QStringLiteral("apis_example.com_v1_namespaces_default_widgets.table");
    QTest::newRow("odd cells") << "get_widgets" << opts(false, false, false, false)
                               << QList<Part> { { widgets, { widgetsTable } } };
    QTest::newRow("odd cells wide") << "get_widgets_wide" << opts(true, false, false, false)
                                    << QList<Part> { { widgets, { widgetsTable } } };
    QTest::newRow("get nodes") << "get_nodes" << opts(false, false, false, false)
                               << QList<Part> { { nodes,
                                                  { QStringLiteral("api_v1_nodes.table") } } };
    QTest::newRow("cluster-scoped with -A")
        << "get_nodes_A" << opts(false, false, true, false)
        << QList<Part> { { nodes, { QStringLiteral("api_v1_nodes.table") } } };
    const QList<Part> deploySvc {
        { deployments, { QStringLiteral("apis_apps_v1_namespaces_default_deployments.table") } },
        { services, { QStringLiteral("api_v1_namespaces_default_services.table") } }
    };
    QTest::newRow("get deploy,svc")
        << "get_deploy_svc" << opts(false, false, false, true) << deploySvc;
    QTest::newRow("get deploy,svc -o wide")
        << "get_deploy_svc_wide" << opts(true, false, false, true) << deploySvc;
    QTest::newRow("get deploy,svc --no-headers")
        << "get_deploy_svc_no_headers" << opts(false, true, false, true) << deploySvc;
    QTest::newRow("get no,po -A") << "get_no_po_A" << opts(false, false, true, true)
                                  << QList<Part> { { nodes,
                                                     { QStringLiteral("api_v1_nodes.table") } },
                                                   { pods, { podsAll } } };
    QTest::newRow("get po,no") << "get_po_no" << opts(false, false, false, true)
                               << QList<Part> { { pods, { podsDefault } },
                                                { nodes,
                                                  { QStringLiteral("api_v1_nodes.table") } } };
    QTest::newRow("empty namespace")
        << "get_pods_empty" << opts(false, false, false, false, QStringLiteral("empty"))
        << QList<Part> { { pods, { QStringLiteral("api_v1_namespaces_empty_pods.table") } } };
    QTest::newRow("empty namespace wide")
        << "get_pods_empty_wide" << opts(true, false, false, false, QStringLiteral("empty"))
        << QList<Part> { { pods, { QStringLiteral("api_v1_namespaces_empty_pods.table") } } };
    Q_UNUSED(ns)
}

void tst_GetPrinter::matchesKubectl()
{
    QFETCH(QString, golden);
    QFETCH(GetPrinter::Options, options);
    QFETCH(QList<Part>, parts);

    // Given the tables kubectl received, when printed like kubectl does,
    GetPrinter printer(options);
    QByteArray out;
    for (const Part &part : parts) {
        printer.beginResource(part.resource);
        for (const QString &f : part.fixtures)
            printer.addTable(TableData::fromJson(fixture(f)));
        out += printer.takeOutput();
    }
    out += printer.finish();

    // then stdout and stderr are byte for byte what kubectl printed.
    if (out != goldenOut(golden))
        saveActual(golden, out);
    QCOMPARE(out, goldenOut(golden));
    QCOMPARE(printer.noResourcesMessage(false), goldenErr(golden));
}

void tst_GetPrinter::pagesShareOneHeaderAndAlignment()
{
    // Given a list that arrives in two pages whose second page has the widest name,
    const TableData all
        = TableData::fromJson(fixture(QStringLiteral("api_v1_namespaces_default_pods.table")));
    TableData first = all, second = all;
    first.rows = all.rows.mid(0, 1);
    second.rows = all.rows.mid(1);

    GetPrinter::Options o;
    o.namespaceName = QStringLiteral("default");
    GetPrinter printer(o);
    printer.beginResource(pods);
    printer.addTable(first);
    printer.beginResource(pods);
    printer.addTable(second);

    // then the output is the same as for one table: one header, one alignment.
    QCOMPARE(printer.finish(), goldenOut(QStringLiteral("get_pods")));
}

void tst_GetPrinter::emptyTableThenRowsPrintsHeaderOnce()
{
    const TableData all
        = TableData::fromJson(fixture(QStringLiteral("api_v1_namespaces_default_pods.table")));
    TableData empty = all;
    empty.rows.clear();
    GetPrinter::Options o;
    o.namespaceName = QStringLiteral("default");
    GetPrinter printer(o);
    printer.beginResource(pods);
    printer.addTable(empty);
    printer.addTable(all);
    QCOMPARE(printer.finish(), goldenOut(QStringLiteral("get_pods")));
    QVERIFY(printer.noResourcesMessage(false).isEmpty());
}

void tst_GetPrinter::discardResourceForgetsARestartedList()
{
    // Given `get po,no` whose pod list restarts (410 Expired, then one full list) after a page
    // with a name wider than any in the final list,
    const TableData podsTable
        = TableData::fromJson(fixture(QStringLiteral("api_v1_namespaces_default_pods.table")));
    TableData stale = podsTable;
    stale.rows = podsTable.rows.mid(0, 1);
    stale.rows.first().cells.replace(0, QStringLiteral("a-pod-name-wider-than-any-other-one"));
    GetPrinter::Options o;
    o.namespaceName = QStringLiteral("default");
    o.withKind = true;
    GetPrinter printer(o);
    printer.beginResource(pods);
    printer.addTable(stale);
    printer.discardResource();
    printer.addTable(podsTable);
    QByteArray out = printer.takeOutput();
    printer.beginResource(nodes);
    // and the node list restarts after its first page too,
    printer.addTable(TableData::fromJson(fixture(QStringLiteral("api_v1_nodes.table"))));
    printer.discardResource();
    printer.addTable(TableData::fromJson(fixture(QStringLiteral("api_v1_nodes.table"))));
    out += printer.finish();

    // then only the lists as finally received are printed: no stale rows, no width they set,
    // one header each, the blank line between the types kept.
    QCOMPARE(out, goldenOut(QStringLiteral("get_po_no")));
}

QTEST_GUILESS_MAIN(tst_GetPrinter)
#include "tst_getprinter.moc"
