// Open shell: the terminal chosen (Settings, $TERMINAL, x-terminal-emulator) is started with
// kubrowser-cli exec -it on the window's kubeconfig, context, namespace, pod and container.
// Fake terminals (shell scripts) record the argv they were started with.

#include "shelllauncher.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kube::ui;

class tst_ShellLauncher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void launchesTerminalWithCliExec_data();
    void launchesTerminalWithCliExec();
    void cliFoundNextToTheApplication();
    void missingPiecesAreSentences();

private:
    QString writeScript(const QString &name, const QByteArray &body);
    QString m_argvFile;
    QTemporaryDir m_dir;
    QByteArray m_path;
};

void tst_ShellLauncher::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_argvFile = m_dir.filePath(QStringLiteral("argv.txt"));
    // Every fake terminal writes its argv, one per line, then exits.
    const QByteArray recorder = "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \""
        + m_argvFile.toUtf8() + ".tmp\"\nmv \"" + m_argvFile.toUtf8() + ".tmp\" \""
        + m_argvFile.toUtf8() + "\"\n";
    for (const char *name : { "x-terminal-emulator", "gnome-terminal", "kitty", "myterm" })
        writeScript(QLatin1String(name), recorder);
    writeScript(QStringLiteral("kubrowser-cli"), "#!/bin/sh\nexit 0\n");
    m_path = qgetenv("PATH");
    qputenv("PATH", m_dir.path().toUtf8() + ':' + m_path);
}

void tst_ShellLauncher::init()
{
    QSettings().clear();
    qunsetenv("TERMINAL");
    QFile::remove(m_argvFile);
}

QString tst_ShellLauncher::writeScript(const QString &name, const QByteArray &body)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(body);
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

void tst_ShellLauncher::launchesTerminalWithCliExec_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("terminalEnv");
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("kubeconfig");
    QTest::addColumn<QStringList>("terminalArgs"); // before kubrowser-cli
    const QStringList e { QStringLiteral("-e") };
    QTest::newRow("default: x-terminal-emulator -e")
        << QString() << QString() << QStringLiteral("app") << QStringLiteral("/home/u/.kube/config")
        << e;
    QTest::newRow("$TERMINAL, gnome-terminal takes --")
        << QString() << QStringLiteral("gnome-terminal") << QStringLiteral("app") << QString()
        << QStringList { QStringLiteral("--") };
    QTest::newRow("Settings win over $TERMINAL, with arguments")
        << QStringLiteral("myterm --hold") << QStringLiteral("gnome-terminal") << QString()
        << QString() << QStringList { QStringLiteral("--hold"), QStringLiteral("-e") };
    QTest::newRow("kitty takes the command as it is")
        << QStringLiteral("kitty") << QString() << QStringLiteral("sidecar") << QString()
        << QStringList();
}

void tst_ShellLauncher::launchesTerminalWithCliExec()
{
    QFETCH(QString, setting);
    QFETCH(QString, terminalEnv);
    QFETCH(QString, container);
    QFETCH(QString, kubeconfig);
    QFETCH(QStringList, terminalArgs);
    if (!setting.isEmpty())
        ShellLauncher::setTerminalSetting(setting);
    if (!terminalEnv.isEmpty())
        qputenv("TERMINAL", terminalEnv.toUtf8());

    ShellLauncher::Target t;
    t.kubeconfig = kubeconfig;
    t.context = QStringLiteral("prod");
    t.ns = QStringLiteral("payments");
    t.pod = QStringLiteral("api-7d4b9-x2x");
    t.container = container;
    QString error;
    qint64 pid = 0;
    QVERIFY2(ShellLauncher::launch(t, &error, &pid), qPrintable(error));
    QVERIFY(pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_argvFile), 20000);
    QFile f(m_argvFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QStringList argv = QString::fromUtf8(f.readAll()).split(u'\n');
    argv.removeLast(); // after the last newline

    QStringList expected = terminalArgs;
    expected << m_dir.filePath(QStringLiteral("kubrowser-cli"));
    if (!kubeconfig.isEmpty())
        expected << QStringLiteral("--kubeconfig") << kubeconfig;
    expected << QStringLiteral("--context") << QStringLiteral("prod") << QStringLiteral("-n")
             << QStringLiteral("payments") << QStringLiteral("exec") << QStringLiteral("-it")
             << QStringLiteral("api-7d4b9-x2x");
    if (!container.isEmpty())
        expected << QStringLiteral("-c") << container;
    expected << QStringLiteral("--") << QStringLiteral("sh");
    QCOMPARE(argv, expected);
}

void tst_ShellLauncher::cliFoundNextToTheApplication()
{
    QTemporaryDir app;
    // Installed layout: kubrowser and kubrowser-cli in one bin folder.
    QDir(app.path()).mkpath(QStringLiteral("bin"));
    QFile::copy(m_dir.filePath(QStringLiteral("kubrowser-cli")),
                app.filePath(QStringLiteral("bin/kubrowser-cli")));
    QCOMPARE(ShellLauncher::cliPath(app.filePath(QStringLiteral("bin"))),
             app.filePath(QStringLiteral("bin/kubrowser-cli")));
    // Build tree: app/gui/kubrowser beside app/cli/kubrowser-cli.
    QDir(app.path()).mkpath(QStringLiteral("app/gui"));
    QDir(app.path()).mkpath(QStringLiteral("app/cli"));
    QFile::copy(m_dir.filePath(QStringLiteral("kubrowser-cli")),
                app.filePath(QStringLiteral("app/cli/kubrowser-cli")));
    QCOMPARE(ShellLauncher::cliPath(app.filePath(QStringLiteral("app/gui"))),
             app.filePath(QStringLiteral("app/cli/kubrowser-cli")));
    // Elsewhere: PATH.
    QCOMPARE(ShellLauncher::cliPath(app.filePath(QStringLiteral("nowhere"))),
             m_dir.filePath(QStringLiteral("kubrowser-cli")));
}

void tst_ShellLauncher::missingPiecesAreSentences()
{
    ShellLauncher::Target t;
    t.pod = QStringLiteral("web-0");
    auto c = ShellLauncher::commandLine(t, QStringLiteral("no-such-terminal-here"),
                                        QStringLiteral("/usr/bin/kubrowser-cli"));
    QVERIFY(!c.ok());
    QVERIFY2(c.error.contains(QStringLiteral("\"no-such-terminal-here\" was not found")),
             qPrintable(c.error));
    QVERIFY(c.error.contains(QStringLiteral("Settings")));
    c = ShellLauncher::commandLine(t, QStringLiteral("kitty"), QString());
    QVERIFY(!c.ok());
    QVERIFY(c.error.contains(QStringLiteral("kubrowser-cli was not found")));
    t.pod.clear();
    c = ShellLauncher::commandLine(t, QStringLiteral("kitty"), QStringLiteral("/x/kubrowser-cli"));
    QVERIFY(!c.ok());
}

QTEST_MAIN(tst_ShellLauncher)
#include "tst_shelllauncher.moc"
