#include "objectfilterproxy.h"
#include "objectlistmodel.h"
#include "statusseverity.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace kube::ui;

namespace {

const qint64 Now = 1'800'000'000;

QList<TableColumn> podColumns()
{
    return {
        { QStringLiteral("Name"), QStringLiteral("string"), QStringLiteral("name"), {}, 0 },
        { QStringLiteral("Ready"), QStringLiteral("string"), {}, {}, 0 },
        { QStringLiteral("Status"), QStringLiteral("string"), {}, {}, 0 },
        { QStringLiteral("Restarts"), QStringLiteral("string"), {}, {}, 0 },
        { QStringLiteral("Age"), QStringLiteral("string"), {}, {}, 0 },
        { QStringLiteral("IP"), QStringLiteral("string"), {}, {}, 1 },
        { QStringLiteral("Node"), QStringLiteral("string"), {}, {}, 1 },
    };
}

ObjectRow pod(const QString &name,
              const QString &status,
              const QString &ready,
              const QString &restarts,
              qint64 ageSecs)
{
    ObjectRow r;
    r.name = name;
    r.ns = QStringLiteral("default");
    r.uid = QStringLiteral("uid-") + name;
    r.createdSecs = Now - ageSecs;
    r.cells = { name,
                ready,
                status,
                restarts,
                QStringLiteral("ignored"),
                QStringLiteral("10.0.0.1"),
                QStringLiteral("node-1") };
    return r;
}

QList<ObjectRow> page(int first, int count)
{
    QList<ObjectRow> rows;
    for (int i = first; i < first + count; ++i)
        rows.append(pod(QStringLiteral("pod-%1").arg(i, 5, 10, QLatin1Char('0')),
                        QStringLiteral("Running"), QStringLiteral("1/1"), QString::number(i % 7),
                        60 * i));
    return rows;
}

QStringList column(const QAbstractItemModel &m, int c)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, c).data().toString();
    return out;
}

} // namespace

class tst_ObjectListModel : public QObject
{
    Q_OBJECT

private slots:
    void pagesArriveInBatches()
    {
        ObjectListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ObjectFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset(podColumns());
        model.setReferenceTime(Now);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        // Given three pages of 500, each appended as one batch
        for (int p = 0; p < 3; ++p)
            model.appendRows(page(p * 500, 500));

        // Then one insert signal per page, rows in arrival order
        QCOMPARE(inserted.size(), 3);
        QCOMPARE(inserted.at(1).at(1).toInt(), 500);
        QCOMPARE(inserted.at(1).at(2).toInt(), 999);
        QCOMPARE(model.rowCount(), 1500);
        QCOMPARE(model.index(1499, 0).data().toString(), QStringLiteral("pod-01499"));
        QCOMPARE(proxy.rowCount(), 1500);
    }

    void agesAreLive()
    {
        ObjectListModel model;
        model.reset(podColumns());
        model.setReferenceTime(Now);
        model.appendRows({ pod(QStringLiteral("a"), QStringLiteral("Running"),
                               QStringLiteral("1/1"), QStringLiteral("0"), 200) });
        QCOMPARE(model.index(0, 4).data().toString(), QStringLiteral("3m20s"));
        model.setReferenceTime(Now + 3600);
        QCOMPARE(model.index(0, 4).data().toString(), QStringLiteral("63m"));
        QCOMPARE(model.index(0, 4).data(ObjectListModel::SortRole).toDouble(), 3800.0);
    }

    void ageRefreshRepaintsWithoutResortingEveryRow()
    {
        // Every 30 s the ages move on. A dataChanged over the whole column made the sort/filter
        // proxy re-examine all rows (a GUI stall on large lists); the order by age cannot change.
        ObjectListModel model;
        ObjectFilterProxy proxy;
        proxy.setSourceModel(&model);
        model.reset(podColumns());
        model.setReferenceTime(Now);
        model.appendRows(page(0, 1500));
        proxy.sort(4, Qt::AscendingOrder);
        const QString firstBefore = proxy.index(0, 0).data().toString();
        QSignalSpy repaint(&model, &ObjectListModel::agesRefreshed);
        QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
        QSignalSpy layout(&proxy, &QAbstractItemModel::layoutChanged);
        model.refreshAges();
        QCOMPARE(repaint.size(), 1);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(layout.size(), 0);
        QCOMPARE(proxy.index(0, 0).data().toString(), firstBefore);
        QVERIFY(model.referenceTime() >= QDateTime::currentSecsSinceEpoch() - 5);
    }

    void headerCarriesPriority()
    {
        ObjectListModel model;
        model.reset(podColumns());
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("NAME"));
        QCOMPARE(model.headerData(5, Qt::Horizontal, ObjectListModel::PriorityRole).toInt(), 1);
        QCOMPARE(model.columnNamed(u"restarts"), 3);
    }

    void sorting_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QStringList>("expectedNames");
        // Ages sort by value, not as text ("10m" < "2h" < "3d"), restarts numerically.
        QTest::newRow("age ascending")
            << 4 << int(Qt::AscendingOrder) << QStringList { "young", "middle", "old", "ancient" };
        QTest::newRow("age descending")
            << 4 << int(Qt::DescendingOrder) << QStringList { "ancient", "old", "middle", "young" };
        QTest::newRow("restarts ascending")
            << 3 << int(Qt::AscendingOrder) << QStringList { "young", "old", "middle", "ancient" };
        QTest::newRow("restarts descending")
            << 3 << int(Qt::DescendingOrder) << QStringList { "ancient", "middle", "old", "young" };
        QTest::newRow("name") << 0 << int(Qt::AscendingOrder)
                              << QStringList { "ancient", "middle", "old", "young" };
    }
    void sorting()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QStringList, expectedNames);
        ObjectListModel model;
        // Restarts are typed "integer" by the server ("100 (5m ago)" still sorts as 100).
        auto cols = podColumns();
        cols[3].type = QStringLiteral("integer");
        model.reset(cols);
        model.setReferenceTime(Now);
        ObjectFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendRows({
            pod(QStringLiteral("old"), QStringLiteral("Running"), QStringLiteral("1/1"),
                QStringLiteral("2"), 3 * 86400),
            pod(QStringLiteral("young"), QStringLiteral("Running"), QStringLiteral("1/1"),
                QStringLiteral("0"), 600),
            pod(QStringLiteral("ancient"), QStringLiteral("Running"), QStringLiteral("1/1"),
                QStringLiteral("100 (5m ago)"), 400 * 86400),
            pod(QStringLiteral("middle"), QStringLiteral("Running"), QStringLiteral("1/1"),
                QStringLiteral("9 (1h ago)"), 2 * 3600),
        });
        proxy.sort(column, Qt::SortOrder(order));
        QCOMPARE(::column(proxy, 0), expectedNames);
    }

    void sortKeepsWorkingWhileRowsArrive()
    {
        ObjectListModel model;
        model.reset(podColumns());
        model.setReferenceTime(Now);
        ObjectFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(4, Qt::DescendingOrder); // oldest first
        model.appendRows(page(0, 300));
        model.appendRows(page(300, 300));
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("pod-00599"));
        QCOMPARE(proxy.index(599, 0).data().toString(), QStringLiteral("pod-00000"));
    }

    void emptyCellsSortLast()
    {
        ObjectListModel model;
        model.reset(podColumns());
        ObjectFilterProxy proxy;
        proxy.setSourceModel(&model);
        auto a = pod(QStringLiteral("a"), QStringLiteral("Running"), QStringLiteral("1/1"),
                     QStringLiteral("0"), 5);
        auto b = pod(QStringLiteral("b"), QStringLiteral("Running"), QStringLiteral("1/1"),
                     QStringLiteral("0"), 5);
        b.cells[6] = QStringLiteral("<none>");
        auto c = pod(QStringLiteral("c"), QStringLiteral("Running"), QStringLiteral("1/1"),
                     QStringLiteral("0"), 5);
        c.cells[6] = QStringLiteral("node-0");
        model.appendRows({ a, b, c });
        for (auto order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            proxy.sort(6, order);
            QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("b"));
        }
    }

    void textFilter_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("rows");
        QTest::newRow("none") << QString() << 3;
        QTest::newRow("by name") << QStringLiteral("web") << 2;
        QTest::newRow("case-insensitive") << QStringLiteral("WEB-1") << 1;
        QTest::newRow("by cell") << QStringLiteral("crashloop") << 1;
        QTest::newRow("by namespace") << QStringLiteral("default") << 3;
        QTest::newRow("nothing") << QStringLiteral("zzz") << 0;
    }
    void textFilter()
    {
        QFETCH(QString, filter);
        QFETCH(int, rows);
        ObjectListModel model;
        model.reset(podColumns());
        ObjectFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendRows({ pod(QStringLiteral("web-1"), QStringLiteral("Running"),
                               QStringLiteral("1/1"), QStringLiteral("0"), 5),
                           pod(QStringLiteral("web-2"), QStringLiteral("Running"),
                               QStringLiteral("1/1"), QStringLiteral("0"), 5),
                           pod(QStringLiteral("db-0"), QStringLiteral("CrashLoopBackOff"),
                               QStringLiteral("0/1"), QStringLiteral("4"), 5) });
        proxy.setFilterText(filter);
        QCOMPARE(proxy.rowCount(), rows);
    }

    void watchChanges()
    {
        ObjectListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset(podColumns());
        model.appendRows(page(0, 10));
        auto changed = pod(QStringLiteral("pod-00003"), QStringLiteral("Terminating"),
                           QStringLiteral("0/1"), QStringLiteral("0"), 5);
        changed.uid = QStringLiteral("uid-pod-00003");
        model.applyChange(RowChange::Upsert, changed);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.index(3, 2).data().toString(), QStringLiteral("Terminating"));
        model.applyChange(RowChange::Remove, changed);
        QCOMPARE(model.rowCount(), 9);
        QCOMPARE(model.findUid(QStringLiteral("uid-pod-00004")), 3);
        auto added = pod(QStringLiteral("new"), QStringLiteral("Pending"), QStringLiteral("0/1"),
                         QStringLiteral("0"), 1);
        model.applyChange(RowChange::Upsert, added);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.findUid(QStringLiteral("uid-new")), 9);
    }

    void fallbackColumns()
    {
        ObjectListModel model;
        model.reset(ObjectListModel::fallbackColumns(true));
        QCOMPARE(model.columnCount(), 3);
        model.reset(ObjectListModel::fallbackColumns(false));
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("AGE"));
    }

    void severity_data()
    {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("severity");
        QTest::newRow("pod running") << "pods"
                                     << "Status"
                                     << "Running" << int(Severity::Ok);
        QTest::newRow("pod crashloop") << "pods"
                                       << "Status"
                                       << "CrashLoopBackOff" << int(Severity::Error);
        QTest::newRow("pod pending") << "pods"
                                     << "Status"
                                     << "Pending" << int(Severity::Warning);
        QTest::newRow("pod init") << "pods"
                                  << "Status"
                                  << "Init:0/1" << int(Severity::Warning);
        QTest::newRow("pod init error") << "pods"
                                        << "Status"
                                        << "Init:Error" << int(Severity::Error);
        QTest::newRow("pod terminating") << "pods"
                                         << "Status"
                                         << "Terminating" << int(Severity::Muted);
        QTest::newRow("pod not ready") << "pods"
                                       << "Ready"
                                       << "0/1" << int(Severity::Warning);
        QTest::newRow("pod restarts") << "pods"
                                      << "Restarts"
                                      << "3 (5m ago)" << int(Severity::Warning);
        QTest::newRow("node notready") << "nodes"
                                       << "Status"
                                       << "NotReady" << int(Severity::Error);
        QTest::newRow("node cordoned") << "nodes"
                                       << "Status"
                                       << "Ready,SchedulingDisabled" << int(Severity::Warning);
        QTest::newRow("deploy partial") << "deployments"
                                        << "Ready"
                                        << "2/3" << int(Severity::Warning);
        QTest::newRow("deploy full") << "deployments"
                                     << "Ready"
                                     << "3/3" << int(Severity::Ok);
        QTest::newRow("event warning") << "events"
                                       << "Type"
                                       << "Warning" << int(Severity::Warning);
        QTest::newRow("ns active") << "namespaces"
                                   << "Status"
                                   << "Active" << int(Severity::Ok);
        QTest::newRow("svc pending lb") << "services"
                                        << "External-IP"
                                        << "<pending>" << int(Severity::Warning);
        QTest::newRow("other") << "configmaps"
                               << "Data"
                               << "3" << int(Severity::None);
    }
    void severity()
    {
        QFETCH(QString, resource);
        QFETCH(QString, column);
        QFETCH(QString, text);
        QFETCH(int, severity);
        QCOMPARE(int(cellSeverity(resource, column, text, { column }, { text })), severity);
    }
};

QTEST_MAIN(tst_ObjectListModel)
#include "tst_objectlistmodel.moc"
