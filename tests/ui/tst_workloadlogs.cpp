// Workload logs: every pod of a selector merged by time with a "pod/container" prefix, pods
// joining and leaving through an informer, at most maxStreams streams at once — LogFeed on
// its own, and LogsPanel showing a Deployment, against FakeApiServer.

#include "logfeed.h"
#include "loghighlighter.h"
#include "logspanel.h"
#include "logview.h"
#include "mainwindow.h"
#include "objectdetailsview.h"
#include "objectlistmodel.h"
#include "objectlistview.h"
#include "runcommandpanel.h"
#include "streamscontroller.h"
#include "streamsfixture.h"
#include "testing/podlogs.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include <memory>

using namespace kube;
using namespace kube::ui;
using namespace streamstest;
using kube::testing::FakeApiServer;

class tst_WorkloadLogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void mergesSeveralPodsByTime_data();
    void mergesSeveralPodsByTime();
    void podJoiningAndLeaving();
    void boundedConcurrency();
    void withoutFollowReadsOnceAndFinishes();
    void panelShowsDeploymentWithColouredPrefixes();
    void mainWindowLogsOfPodAndOfSelector();

private:
    struct Collected
    {
        QList<LogFeedLine> lines;
        bool batchesSorted = true;
        QStringList running;
        int waiting = 0;
    };
    void collect(LogFeed &feed, Collected &c);

    std::unique_ptr<FakeApiServer> m_server;
};

void tst_WorkloadLogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_WorkloadLogs::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .pods = 20, .deployments = 2 });
    for (int i = 0; i < 3; ++i)
        addPod(*m_server,
               { .name = QStringLiteral("web-logs-%1").arg(i),
                 .app = QStringLiteral("web-logs"),
                 .containers = i == 0
                     ? QStringList { QStringLiteral("app"), QStringLiteral("proxy") }
                     : QStringList { QStringLiteral("app") },
                 .ageMs = 30'000 + i * 7'000 });
    // Another app's pod in the same namespace: never read.
    addPod(*m_server, { .name = QStringLiteral("other-0"), .app = QStringLiteral("other") });
    QVERIFY(m_server->start());
    m_server->podLogs()->setLineInterval(std::chrono::milliseconds(40));
}

void tst_WorkloadLogs::cleanup()
{
    m_server.reset();
}

void tst_WorkloadLogs::collect(LogFeed &feed, Collected &c)
{
    connect(&feed, &LogFeed::linesReady, this, [&c](const QList<LogFeedLine> &lines) {
        for (qsizetype i = 1; i < lines.size(); ++i) {
            if (lines.at(i).timeNs < lines.at(i - 1).timeNs)
                c.batchesSorted = false;
        }
        c.lines += lines;
    });
    connect(&feed, &LogFeed::sourcesChanged, this, [&c](const QStringList &running, int waiting) {
        c.running = running;
        c.waiting = waiting;
    });
}

void tst_WorkloadLogs::mergesSeveralPodsByTime_data()
{
    QTest::addColumn<bool>("timestamps");
    QTest::addColumn<QString>("ns");
    QTest::newRow("plain lines") << false << QStringLiteral("default");
    QTest::newRow("with timestamps") << true << QStringLiteral("default");
    QTest::newRow("all namespaces: sources name theirs") << false << QString();
}

void tst_WorkloadLogs::mergesSeveralPodsByTime()
{
    QFETCH(bool, timestamps);
    QFETCH(QString, ns);
    LogFeed feed(configFor(*m_server));
    Collected c;
    collect(feed, c);
    LogFeed::Options o;
    o.log.follow = true;
    o.log.tailLines = 5;
    o.log.timestamps = timestamps;
    feed.startSelector(ns, QStringLiteral("app=web-logs"), o);
    const QString prefix = ns.isEmpty() ? QStringLiteral("default/") : QString();
    QSet<QString> expected;
    for (const char *source :
         { "web-logs-0/app", "web-logs-0/proxy", "web-logs-1/app", "web-logs-2/app" })
        expected.insert(prefix + QLatin1String(source));
    QSet<QString> seen;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const LogFeedLine &l : std::as_const(c.lines))
                seen.insert(l.source);
            return seen == expected && c.lines.size() >= 60;
        }(),
        30000);
    QCOMPARE(QSet<QString>(c.running.begin(), c.running.end()), expected);
    QVERIFY(c.batchesSorted);
    for (const LogFeedLine &l : std::as_const(c.lines)) {
        QVERIFY(l.timeNs > 0);
        // The line's own text names its pod and container (the demo server's log lines).
        const QString pod = l.source.section(u'/', -2, -2);
        QVERIFY2(l.text.contains(pod), qPrintable(l.source + QStringLiteral(": ") + l.text));
        QCOMPARE(l.text.startsWith(QStringLiteral("20")), timestamps);
    }
    // The first batch holds every pod's tail (5 lines each), merged by time.
    QVERIFY(c.lines.size() >= 20);
}

void tst_WorkloadLogs::podJoiningAndLeaving()
{
    LogFeed feed(configFor(*m_server));
    Collected c;
    collect(feed, c);
    LogFeed::Options o;
    o.log.follow = true;
    o.log.tailLines = 2;
    feed.startSelector(QStringLiteral("default"), QStringLiteral("app=web-logs"), o);
    QTRY_COMPARE_WITH_TIMEOUT(c.running.size(), 4, 30000);

    // Given a new pod of the workload, its lines join the merged log.
    addPod(*m_server,
           { .name = QStringLiteral("web-logs-new"),
             .app = QStringLiteral("web-logs"),
             .ageMs = 2'000 });
    QTRY_VERIFY_WITH_TIMEOUT(c.running.contains(QStringLiteral("web-logs-new/app")), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(c.lines.begin(), c.lines.end(),
                                         [](const LogFeedLine &l) {
                                             return l.source == QLatin1String("web-logs-new/app");
                                         }),
                             30000);

    // When a pod is deleted, its stream stops; the others go on.
    const qint64 removedNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    QVERIFY(m_server->removeObject(QString(), QStringLiteral("v1"), QStringLiteral("pods"),
                                   QStringLiteral("default"), QStringLiteral("web-logs-1")));
    QTRY_VERIFY_WITH_TIMEOUT(!c.running.contains(QStringLiteral("web-logs-1/app")), 30000);
    QCOMPARE(c.running.size(), 4);
    const qsizetype before = c.lines.size();
    QTRY_VERIFY_WITH_TIMEOUT(c.lines.size() > before + 20, 30000);
    // Lines it wrote before the deletion may still be in the merge window; none written after.
    for (const LogFeedLine &l : std::as_const(c.lines)) {
        if (l.source == QLatin1String("web-logs-1/app"))
            QVERIFY2(l.timeNs < removedNs + 1'000'000'000LL, qPrintable(l.text));
    }
}

void tst_WorkloadLogs::boundedConcurrency()
{
    LogFeed feed(configFor(*m_server));
    Collected c;
    collect(feed, c);
    int maxRunning = 0;
    connect(&feed, &LogFeed::sourcesChanged, this, [&](const QStringList &running, int) {
        maxRunning = std::max(maxRunning, int(running.size()));
    });
    LogFeed::Options o;
    o.log.follow = true;
    o.log.tailLines = 1;
    o.maxStreams = 2;
    feed.startSelector(QStringLiteral("default"), QStringLiteral("app=web-logs"), o);
    QTRY_VERIFY_WITH_TIMEOUT(c.running.size() == 2 && c.waiting == 2, 30000);
    QTest::qWait(500);
    QCOMPARE(maxRunning, 2);
    QCOMPARE(m_server->podLogs()->followerCount(), 2);
}

void tst_WorkloadLogs::withoutFollowReadsOnceAndFinishes()
{
    LogFeed feed(configFor(*m_server));
    Collected c;
    collect(feed, c);
    QSignalSpy finished(&feed, &LogFeed::finished);
    LogFeed::Options o;
    o.log.follow = false;
    o.log.tailLines = 3;
    o.maxStreams = 1; // the four streams one after another
    feed.startSelector(QStringLiteral("default"), QStringLiteral("app=web-logs"), o);
    QVERIFY(finished.wait(30000));
    QCOMPARE(c.lines.size(), 12);
    QVERIFY(c.batchesSorted);
    QVERIFY(!feed.isRunning());
}

void tst_WorkloadLogs::panelShowsDeploymentWithColouredPrefixes()
{
    LogsPanel panel;
    panel.resize(900, 500);
    panel.show();
    panel.setConfig(configFor(*m_server));
    ObjectFacts deployment;
    deployment.kind = QStringLiteral("Deployment");
    deployment.name = QStringLiteral("web-logs");
    deployment.ns = QStringLiteral("default");
    deployment.uid = QStringLiteral("uid-deploy");
    deployment.selector = QStringLiteral("app=web-logs");
    deployment.containers = { QStringLiteral("app") };
    QVERIFY(LogsPanel::canShow(deployment));
    QVERIFY(panel.setObject(deployment));
    panel.setActive(true);
    QVERIFY(!panel.containerBox()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(
        panel.view()->text().contains(QStringLiteral("[web-logs-2/app] "))
            && panel.view()->text().contains(QStringLiteral("[web-logs-1/app] ")),
        30000);
    QVERIFY(!panel.view()->text().contains(QStringLiteral("other-0")));
    QTRY_VERIFY_WITH_TIMEOUT(panel.statusLabel()->text().contains(QStringLiteral("4 container")),
                             30000);
    // Each prefix has its source's colour.
    const LogHighlighter *h = panel.view()->highlighter();
    int coloured = 0;
    for (QTextBlock b = panel.view()->textEdit()->document()->begin(); b.isValid(); b = b.next()) {
        const QString text = b.text();
        const qsizetype end = text.indexOf(u']');
        QVERIFY2(text.startsWith(u'[') && end > 0, qPrintable(text));
        const QColor expected = h->colourFor(QStringView(text).sliced(1, end - 1));
        const auto formats = b.layout()->formats();
        QVERIFY(!formats.isEmpty());
        QCOMPARE(formats.first().start, 0);
        QCOMPARE(formats.first().length, int(end + 1));
        QCOMPARE(formats.first().format.foreground().color(), expected);
        ++coloured;
    }
    QVERIFY(coloured > 0);
    QVERIFY(h->colourFor(u"web-logs-1/app") != h->colourFor(u"web-logs-2/app")
            || h->colourFor(u"web-logs-0/app") != h->colourFor(u"web-logs-2/app"));
}

void tst_WorkloadLogs::mainWindowLogsOfPodAndOfSelector()
{
    // The shipped window: a pod's Logs tab, then the list's label selector as workload logs.
    QTemporaryDir dir;
    MainWindow::Options options;
    options.kubeconfig = m_server->writeKubeconfig(dir.path());
    options.cacheRoot = dir.filePath(QStringLiteral("cache"));
    options.namespaceName = QStringLiteral("default");
    options.resource = QStringLiteral("pods");
    MainWindow window(options);
    window.resize(1200, 800);
    window.show();
    QSignalSpy loaded(&window, &MainWindow::listLoaded);
    QVERIFY(loaded.wait(30000));
    QLineEdit *selector = window.objectList()->labelSelectorEdit();
    selector->setText(QStringLiteral("app=web-logs"));
    QTest::keyClick(selector, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(window.objectList()->model()->rowCount(), 3, 30000);

    QSignalSpy shown(&window, &MainWindow::objectShown);
    QVERIFY(window.selectRow(0));
    QVERIFY(shown.wait(30000));
    StreamsController *streams = window.streams();
    QTabWidget *tabs = window.details()->tabs();
    const int logsTab = tabs->indexOf(streams->logs());
    QVERIFY(tabs->isTabVisible(logsTab));
    QVERIFY(tabs->isTabVisible(tabs->indexOf(streams->runCommand())));
    QVERIFY(streams->shellAction()->isEnabled());
    QVERIFY(!streams->logs()->isStreaming()); // not shown yet: no stream
    tabs->setCurrentIndex(logsTab);
    QTRY_VERIFY_WITH_TIMEOUT(streams->logs()->view()->lineCount() > 0, 30000);
    QVERIFY(streams->logs()->view()->text().contains(QStringLiteral("web-logs-")));

    // Logs of Selected Pods: the selector's pods merged, with prefixes.
    QAction *selectorLogs = window.findChild<QAction *>(QStringLiteral("selectorLogsAction"));
    QVERIFY(selectorLogs);
    selectorLogs->trigger();
    QCOMPARE(tabs->currentWidget(), streams->logs());
    QTRY_VERIFY_WITH_TIMEOUT(
        streams->logs()->view()->text().contains(QStringLiteral("[web-logs-1/app] "))
            && streams->logs()->view()->text().contains(QStringLiteral("[web-logs-0/proxy] ")),
        30000);
}

QTEST_MAIN(tst_WorkloadLogs)
#include "tst_workloadlogs.moc"
