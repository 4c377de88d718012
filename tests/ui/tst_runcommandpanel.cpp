// The Run command tab against FakeApiServer's simulated exec: stdout, stderr and the exit
// code of non-interactive commands, as a user types them.

#include "runcommandpanel.h"
#include "streamsfixture.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace kube;
using namespace kube::ui;
using namespace streamstest;
using kube::testing::FakeApiServer;

class tst_RunCommandPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void runsCommand_data();
    void runsCommand();
    void containerChoice();
    void errorsAreSentences();
    void notAPod();

private:
    std::unique_ptr<RunCommandPanel> makePanel(const PodSpec &pod);
    std::unique_ptr<FakeApiServer> m_server;
};

void tst_RunCommandPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .pods = 10, .deployments = 1 });
    addPod(*m_server,
           { .name = QStringLiteral("exec-0"),
             .containers = { QStringLiteral("app"), QStringLiteral("debug") } });
    QVERIFY(m_server->start());
}

void tst_RunCommandPanel::cleanup() { }

std::unique_ptr<RunCommandPanel> tst_RunCommandPanel::makePanel(const PodSpec &pod)
{
    auto panel = std::make_unique<RunCommandPanel>();
    panel->resize(700, 400);
    panel->show();
    panel->setConfig(configFor(*m_server));
    panel->setObject(podFacts(pod));
    return panel;
}

void tst_RunCommandPanel::runsCommand_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("echo") << QStringLiteral("echo hello world") << QStringLiteral("hello world\n")
                          << QString() << 0;
    QTest::newRow("quoted argument")
        << QStringLiteral("echo 'a  b'") << QStringLiteral("a  b\n") << QString() << 0;
    QTest::newRow("double quotes and escapes") << QStringLiteral("echo \"x \\\"y\\\"\" z\\ w")
                                               << QStringLiteral("x \"y\" z w\n") << QString() << 0;
    QTest::newRow("exit 3") << QStringLiteral("sh -c 'exit 3'") << QString() << QString() << 3;
    QTest::newRow("stderr and exit 1")
        << QStringLiteral("cat /no/such/file") << QString()
        << QStringLiteral("cat: can't open '/no/such/file': No such file or directory\n") << 1;
    QTest::newRow("stdout then failure") << QStringLiteral("sh -c 'echo partial; exit 42'")
                                         << QStringLiteral("partial\n") << QString() << 42;
    QTest::newRow("not found in sh") << QStringLiteral("sh -c frobnicate") << QString()
                                     << QStringLiteral("sh: frobnicate: not found\n") << 127;
}

void tst_RunCommandPanel::runsCommand()
{
    QFETCH(QString, command);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(int, exitCode);
    auto panel = makePanel({ .name = QStringLiteral("exec-0"),
                             .containers = { QStringLiteral("app"), QStringLiteral("debug") } });
    QSignalSpy finished(panel.get(), &RunCommandPanel::commandFinished);
    // As a user: type, press Enter.
    panel->commandEdit()->setText(command);
    QTest::keyClick(panel->commandEdit(), Qt::Key_Return);
    QVERIFY(panel->isRunning());
    QCOMPARE(panel->runButton()->text(), QStringLiteral("Stop"));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toInt(), exitCode);
    QCOMPARE(panel->exitCode(), exitCode);
    QCOMPARE(panel->stdoutText(), out);
    if (err.endsWith(u'\n'))
        QCOMPARE(panel->stderrText(), err);
    else
        QVERIFY2(panel->stderrText().contains(err), qPrintable(panel->stderrText()));
    QCOMPARE(panel->output()->toPlainText(), panel->stdoutText() + panel->stderrText());
    QCOMPARE(panel->exitLabel()->text(), QStringLiteral("Exit code %1").arg(exitCode));
    QCOMPARE(panel->runButton()->text(), QStringLiteral("Run"));
}

void tst_RunCommandPanel::containerChoice()
{
    auto panel = makePanel({ .name = QStringLiteral("exec-0"),
                             .containers = { QStringLiteral("app"), QStringLiteral("debug") } });
    QCOMPARE(panel->containerBox()->count(), 2);
    panel->containerBox()->setCurrentIndex(1);
    QSignalSpy finished(panel.get(), &RunCommandPanel::commandFinished);
    panel->run(QStringLiteral("hostname"));
    QVERIFY(finished.wait(30000));
    QCOMPARE(panel->exitCode(), 0);
    QCOMPARE(panel->stdoutText(), QStringLiteral("exec-0\n"));
    // The exec went to the chosen container.
    bool sawDebug = false;
    for (const auto &r : m_server->requests()) {
        if (r.path.endsWith(QLatin1String("/pods/exec-0/exec")))
            sawDebug = r.query.contains(QLatin1String("container=debug"));
    }
    QVERIFY(sawDebug);
}

void tst_RunCommandPanel::errorsAreSentences()
{
    auto panel = makePanel({ .name = QStringLiteral("no-such-pod") });
    QSignalSpy finished(panel.get(), &RunCommandPanel::commandFinished);
    panel->run(QStringLiteral("echo hi"));
    QVERIFY(finished.wait(30000));
    QCOMPARE(panel->exitCode(), -1);
    QVERIFY2(panel->exitLabel()->text().startsWith(QStringLiteral("Could not run the command: ")),
             qPrintable(panel->exitLabel()->text()));
    QVERIFY2(panel->exitLabel()->text().contains(QStringLiteral("not found")),
             qPrintable(panel->exitLabel()->text()));

    // A program the container does not have: the runtime's own words.
    auto inPod = makePanel({ .name = QStringLiteral("exec-0"),
                             .containers = { QStringLiteral("app"), QStringLiteral("debug") } });
    QSignalSpy done(inPod.get(), &RunCommandPanel::commandFinished);
    inPod->run(QStringLiteral("frobnicate"));
    QVERIFY(done.wait(30000));
    QCOMPARE(inPod->exitCode(), -1);
    QVERIFY2(inPod->exitLabel()->text().contains(QStringLiteral("executable file not found")),
             qPrintable(inPod->exitLabel()->text()));
}

void tst_RunCommandPanel::notAPod()
{
    RunCommandPanel panel;
    ObjectFacts svc;
    svc.kind = QStringLiteral("Service");
    svc.name = QStringLiteral("web");
    QVERIFY(!panel.setObject(svc));
    QVERIFY(!panel.runButton()->isEnabled());
    QVERIFY(!panel.commandEdit()->isEnabled());
}

QTEST_MAIN(tst_RunCommandPanel)
#include "tst_runcommandpanel.moc"
