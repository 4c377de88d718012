#include "shelllauncher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>

namespace kube::ui {

namespace {

const QString terminalKey = QStringLiteral("preferences/terminal");

QString findProgram(const QString &program)
{
    if (program.contains(u'/'))
        return QFileInfo(program).isExecutable() ? program : QString();
    return QStandardPaths::findExecutable(program);
}

// How each terminal family is told what to run (after its own arguments).
QStringList execSeparator(const QString &terminalProgram)
{
    const QString name = QFileInfo(terminalProgram).fileName();
    if (name == QLatin1String("gnome-terminal") || name == QLatin1String("kgx")
        || name == QLatin1String("ptyxis") || name == QLatin1String("gnome-console"))
        return { QStringLiteral("--") };
    if (name == QLatin1String("xfce4-terminal") || name == QLatin1String("mate-terminal")
        || name == QLatin1String("terminator"))
        return { QStringLiteral("-x") };
    if (name == QLatin1String("wezterm"))
        return { QStringLiteral("start"), QStringLiteral("--") };
    if (name == QLatin1String("kitty") || name == QLatin1String("foot")
        || name == QLatin1String("footclient"))
        return {};
    // xterm, konsole, alacritty, urxvt, st, lxterminal, x-terminal-emulator (Debian policy:
    // "-e command args..." runs the command with its arguments).
    return { QStringLiteral("-e") };
}

} // namespace

QString ShellLauncher::terminalSetting()
{
    return QSettings().value(terminalKey).toString().trimmed();
}

void ShellLauncher::setTerminalSetting(const QString &terminal)
{
    if (terminal.trimmed().isEmpty())
        QSettings().remove(terminalKey);
    else
        QSettings().setValue(terminalKey, terminal.trimmed());
}

QString ShellLauncher::terminal(const QProcessEnvironment &env)
{
    if (const QString chosen = terminalSetting(); !chosen.isEmpty())
        return chosen;
    if (const QString fromEnv = env.value(QStringLiteral("TERMINAL")).trimmed(); !fromEnv.isEmpty())
        return fromEnv;
    return QStringLiteral("x-terminal-emulator");
}

QString ShellLauncher::cliPath(const QString &applicationDir)
{
    const QDir dir(applicationDir);
    for (const QString &candidate : { dir.filePath(QStringLiteral("kubrowser-cli")),
                                      dir.filePath(QStringLiteral("../cli/kubrowser-cli")) }) {
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    }
    return QStandardPaths::findExecutable(QStringLiteral("kubrowser-cli"));
}

QStringList ShellLauncher::cliArguments(const Target &t)
{
    QStringList args;
    if (!t.kubeconfig.isEmpty())
        args << QStringLiteral("--kubeconfig") << t.kubeconfig;
    if (!t.context.isEmpty())
        args << QStringLiteral("--context") << t.context;
    if (!t.ns.isEmpty())
        args << QStringLiteral("-n") << t.ns;
    args << QStringLiteral("exec") << QStringLiteral("-it") << t.pod;
    if (!t.container.isEmpty())
        args << QStringLiteral("-c") << t.container;
    args << QStringLiteral("--") << (t.shell.isEmpty() ? QStringLiteral("sh") : t.shell);
    return args;
}

ShellLauncher::Command
ShellLauncher::commandLine(const Target &target, const QString &terminal, const QString &cli)
{
    Command c;
    if (target.pod.isEmpty()) {
        c.error = QCoreApplication::translate("ShellLauncher", "Select a pod to open a shell in.");
        return c;
    }
    if (cli.isEmpty()) {
        c.error = QCoreApplication::translate(
            "ShellLauncher",
            "kubrowser-cli was not found next to kubrowser or on PATH: install the kubrowser "
            "package again.");
        return c;
    }
    QStringList terminalArgv = QProcess::splitCommand(terminal);
    if (terminalArgv.isEmpty()) {
        c.error = QCoreApplication::translate("ShellLauncher", "No terminal is set.");
        return c;
    }
    const QString program = findProgram(terminalArgv.takeFirst());
    if (program.isEmpty()) {
        c.error = QCoreApplication::translate(
                      "ShellLauncher",
                      "The terminal \"%1\" was not found: choose one in Settings (for example "
                      "konsole, gnome-terminal or xterm) or set $TERMINAL.")
                      .arg(QProcess::splitCommand(terminal).value(0));
        return c;
    }
    c.program = program;
    c.arguments = terminalArgv + execSeparator(program);
    c.arguments << cli << cliArguments(target);
    return c;
}

ShellLauncher::Command ShellLauncher::commandLine(const Target &target)
{
    return commandLine(target, terminal(), cliPath(QCoreApplication::applicationDirPath()));
}

bool ShellLauncher::launch(const Target &target, QString *error, qint64 *pid)
{
    const Command c = commandLine(target);
    if (!c.ok()) {
        if (error)
            *error = c.error;
        return false;
    }
    if (!QProcess::startDetached(c.program, c.arguments, QString(), pid)) {
        if (error)
            *error = QCoreApplication::translate("ShellLauncher", "Could not start %1.")
                         .arg(c.program);
        return false;
    }
    return true;
}

} // namespace kube::ui
