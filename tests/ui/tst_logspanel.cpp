// The Logs tab (LogsPanel + LogView) as a user sees it, offscreen, against FakeApiServer:
// lines appear and follow the growing log, the cap drops old lines behind a visible marker,
// search highlights matches, pause holds lines back, save writes the file.

#include "logfeed.h"
#include "loghighlighter.h"
#include "logspanel.h"
#include "logview.h"
#include "streamsfixture.h"
#include "testing/podlogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>

#include <memory>

using namespace kube;
using namespace kube::ui;
using namespace streamstest;
using kube::testing::FakeApiServer;

class tst_LogsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsLinesAndFollowsGrowth();
    void containerPickerAndAllContainers();
    void capDropsOldLinesWithMarker_data();
    void capDropsOldLinesWithMarker();
    void followedLogRespectsTheCap();
    void searchHighlights_data();
    void searchHighlights();
    void pauseHoldsLinesBack();
    void saveWritesTheFile();
    void inactiveTabOpensNoStream();
    void errorIsShownAsASentence();

private:
    std::unique_ptr<LogsPanel> makePanel();
    static QList<LogFeedLine> numbered(int from, int count, const QString &word = {});

    std::unique_ptr<FakeApiServer> m_server;
    PodSpec m_pod;
};

void tst_LogsPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_LogsPanel::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .pods = 20, .deployments = 2 });
    m_pod = PodSpec { .name = QStringLiteral("logtest-0"),
                      .containers = { QStringLiteral("app"), QStringLiteral("sidecar") } };
    addPod(*m_server, m_pod);
    QVERIFY(m_server->start());
    m_server->podLogs()->setLineInterval(std::chrono::milliseconds(50));
}

void tst_LogsPanel::cleanup()
{
    m_server.reset();
}

std::unique_ptr<LogsPanel> tst_LogsPanel::makePanel()
{
    auto panel = std::make_unique<LogsPanel>();
    panel->resize(900, 500);
    panel->show();
    panel->setConfig(configFor(*m_server));
    return panel;
}

QList<LogFeedLine> tst_LogsPanel::numbered(int from, int count, const QString &word)
{
    QList<LogFeedLine> lines;
    for (int i = from; i < from + count; ++i)
        lines.append({ QStringLiteral("line %1 %2").arg(i).arg(word), 0, QString() });
    return lines;
}

void tst_LogsPanel::showsLinesAndFollowsGrowth()
{
    auto panel = makePanel();
    QVERIFY(panel->setObject(podFacts(m_pod)));
    panel->setActive(true);
    QVERIFY(panel->followBox()->isChecked());
    // The pod's history first, then lines as the container writes them.
    QTRY_VERIFY2_WITH_TIMEOUT(panel->view()->lineCount() > 0,
                              qPrintable(panel->statusLabel()->text()), 20000);
    const int first = panel->view()->lineCount();
    QTRY_VERIFY_WITH_TIMEOUT(panel->view()->lineCount() >= first + 10, 20000);
    const QString text = panel->view()->text();
    QVERIFY2(text.contains(QStringLiteral("logtest-0")), qPrintable(text.left(200)));
    // The first container by default; its lines only, without a prefix.
    QCOMPARE(panel->containerBox()->currentData().toString(), QStringLiteral("app"));
    QVERIFY(!text.contains(QStringLiteral("sidecar")));
    QVERIFY(!text.startsWith(u'['));
    // The view follows the tail.
    QPlainTextEdit *edit = panel->view()->textEdit();
    QTRY_VERIFY_WITH_TIMEOUT(edit->verticalScrollBar()->maximum() > 0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(edit->verticalScrollBar()->value(),
                              edit->verticalScrollBar()->maximum(), 20000);
    QVERIFY(panel->isStreaming());
}

void tst_LogsPanel::containerPickerAndAllContainers()
{
    auto panel = makePanel();
    panel->setObject(podFacts(m_pod));
    panel->setActive(true);
    QComboBox *box = panel->containerBox();
    QCOMPARE(box->count(), 3); // All containers, app, sidecar
    QCOMPARE(box->itemData(0).toString(), QStringLiteral("*"));
    box->setCurrentIndex(box->findData(QStringLiteral("sidecar")));
    emit box->activated(box->currentIndex());
    QTRY_VERIFY_WITH_TIMEOUT(panel->view()->text().contains(QStringLiteral("sidecar")), 20000);
    box->setCurrentIndex(0);
    emit box->activated(0);
    // Both containers merged, each line prefixed with its source.
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->view()->text().contains(QStringLiteral("[logtest-0/app] "))
            && panel->view()->text().contains(QStringLiteral("[logtest-0/sidecar] ")),
        20000);
}

void tst_LogsPanel::capDropsOldLinesWithMarker_data()
{
    QTest::addColumn<int>("cap");
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("batch");
    QTest::newRow("under the cap") << 100 << 60 << 7;
    QTest::newRow("exactly the cap") << 100 << 100 << 10;
    QTest::newRow("over the cap, small batches") << 100 << 1000 << 13;
    QTest::newRow("over the cap, one burst") << 500 << 20000 << 20000;
    QTest::newRow("100,000 lines, 150,000 received") << 100000 << 150000 << 5000;
}

void tst_LogsPanel::capDropsOldLinesWithMarker()
{
    QFETCH(int, cap);
    QFETCH(int, total);
    QFETCH(int, batch);
    LogView view;
    view.resize(800, 400);
    view.show();
    view.setMaxLines(cap);
    QSignalSpy appended(&view, &LogView::linesAppended);
    for (int i = 0; i < total; i += batch)
        view.appendLines(numbered(i, std::min(batch, total - i)));
    // Appends come from the timer, in batches.
    QTRY_VERIFY_WITH_TIMEOUT(view.waitingLines() == 0, 60000);
    QVERIFY(!appended.isEmpty());
    const int kept = std::min(cap, total);
    QCOMPARE(view.lineCount(), kept);
    QCOMPARE(view.droppedLines(), qint64(total - kept));
    QCOMPARE(view.receivedLines(), qint64(total));
    // The oldest kept line is the right one, the newest is last.
    const QTextDocument *doc = view.textEdit()->document();
    QCOMPARE(doc->firstBlock().text(), QStringLiteral("line %1 ").arg(total - kept));
    QCOMPARE(doc->lastBlock().text(), QStringLiteral("line %1 ").arg(total - 1));
    QCOMPARE(view.droppedMarker()->isVisible(), total > cap);
    if (total > cap) {
        const QString marker = view.droppedMarker()->text();
        QVERIFY2(marker.contains(QLocale().toString(total - cap)), qPrintable(marker));
        QVERIFY2(marker.contains(QStringLiteral("dropped")), qPrintable(marker));
    }
}

void tst_LogsPanel::followedLogRespectsTheCap()
{
    // A container writing a line every millisecond: the buffer stays at the cap.
    m_server->podLogs()->setLineInterval(std::chrono::milliseconds(1));
    auto panel = makePanel();
    panel->view()->setMaxLines(300);
    panel->setObject(podFacts(m_pod));
    panel->setActive(true);
    QTRY_VERIFY_WITH_TIMEOUT(panel->view()->droppedLines() > 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(panel->view()->lineCount(), 300, 30000);
    QVERIFY(panel->view()->droppedMarker()->isVisible());
    const qint64 dropped = panel->view()->droppedLines();
    QTRY_VERIFY_WITH_TIMEOUT(panel->view()->droppedLines() > dropped, 30000);
    QVERIFY(panel->view()->lineCount() <= 300);
}

void tst_LogsPanel::searchHighlights_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("matching");
    QTest::newRow("word on some lines") << QStringLiteral("needle") << 10;
    QTest::newRow("case-insensitive") << QStringLiteral("NEEDLE") << 10;
    QTest::newRow("on every line") << QStringLiteral("line") << 50;
    QTest::newRow("nowhere") << QStringLiteral("absent") << 0;
}

void tst_LogsPanel::searchHighlights()
{
    QFETCH(QString, search);
    QFETCH(int, matching);
    auto panel = makePanel(); // no target: lines come from the test
    LogView *view = panel->view();
    for (int i = 0; i < 50; ++i)
        view->appendLines(numbered(i, 1, i % 5 == 0 ? QStringLiteral("needle") : QString()));
    view->flushNow();
    panel->searchEdit()->setText(search);
    QCOMPARE(view->matchingLines(), matching);
    const QColor match = LogHighlighter::matchBackground();
    int highlighted = 0;
    for (QTextBlock b = view->textEdit()->document()->begin(); b.isValid(); b = b.next()) {
        bool hasMatch = false;
        for (const QTextLayout::FormatRange &r : b.layout()->formats()) {
            if (r.format.background().color() == match) {
                hasMatch = true;
                QCOMPARE(b.text().mid(r.start, r.length).toLower(), search.toLower());
            }
        }
        QCOMPARE(hasMatch, b.text().contains(search, Qt::CaseInsensitive));
        highlighted += hasMatch;
    }
    QCOMPARE(highlighted, matching);
    // Lines arriving later are highlighted and counted too.
    view->appendLines(numbered(50, 1, QStringLiteral("needle")));
    view->flushNow();
    const bool newMatches = QStringLiteral("line 50 needle").contains(search, Qt::CaseInsensitive);
    QCOMPARE(view->matchingLines(), matching + (newMatches ? 1 : 0));
    // Next finds a match when there is one.
    QCOMPARE(view->findNext(), matching > 0 || newMatches);
    if (matching > 0)
        QCOMPARE(view->textEdit()->textCursor().selectedText().toLower(), search.toLower());
}

void tst_LogsPanel::pauseHoldsLinesBack()
{
    auto panel = makePanel();
    LogView *view = panel->view();
    view->appendLines(numbered(0, 10));
    view->flushNow();
    panel->pauseButton()->setChecked(true);
    view->appendLines(numbered(10, 25));
    QTest::qWait(200);
    QCOMPARE(view->lineCount(), 10);
    QCOMPARE(view->waitingLines(), qsizetype(25));
    QVERIFY(view->droppedMarker()->isVisible());
    QVERIFY(view->droppedMarker()->text().contains(QStringLiteral("25")));
    panel->pauseButton()->setChecked(false);
    QTRY_COMPARE_WITH_TIMEOUT(view->lineCount(), 35, 20000);
}

void tst_LogsPanel::saveWritesTheFile()
{
    QTemporaryDir dir;
    auto panel = makePanel();
    panel->setObject(podFacts(m_pod));
    panel->followBox()->setChecked(false); // the log up to now
    panel->setActive(true);
    QSignalSpy finished(panel->feed(), &LogFeed::finished);
    QVERIFY(finished.wait(20000));
    panel->view()->flushNow();
    QVERIFY(panel->view()->lineCount() > 0);
    const QString path = dir.filePath(QStringLiteral("logtest.log"));
    QString error;
    QVERIFY2(panel->saveTo(path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray saved = f.readAll();
    QCOMPARE(saved, panel->view()->text().toUtf8() + '\n');
    QCOMPARE(saved.count('\n'), panel->view()->lineCount());
    // A folder that does not exist is an error with a sentence, not a crash.
    QVERIFY(!panel->saveTo(dir.filePath(QStringLiteral("missing/x.log")), &error));
    QVERIFY(error.contains(QStringLiteral("Cannot write")));
}

void tst_LogsPanel::inactiveTabOpensNoStream()
{
    auto panel = makePanel();
    const int before
        = m_server->requestCount(QStringLiteral("/api/v1/namespaces/default/pods/logtest-0/log"));
    panel->setObject(podFacts(m_pod));
    QTest::qWait(300);
    QCOMPARE(
        m_server->requestCount(QStringLiteral("/api/v1/namespaces/default/pods/logtest-0/log")),
        before);
    QVERIFY(!panel->isStreaming());
    panel->setActive(true);
    QTRY_VERIFY_WITH_TIMEOUT(panel->view()->lineCount() > 0, 20000);
    panel->setActive(false);
    QVERIFY(!panel->isStreaming());
}

void tst_LogsPanel::errorIsShownAsASentence()
{
    auto panel = makePanel();
    PodSpec missing { .name = QStringLiteral("no-such-pod") };
    panel->setObject(podFacts(missing));
    panel->setActive(true);
    QTRY_VERIFY_WITH_TIMEOUT(panel->statusLabel()->text().contains(QStringLiteral("not found")),
                             20000);
}

QTEST_MAIN(tst_LogsPanel)
#include "tst_logspanel.moc"
