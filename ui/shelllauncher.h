#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace kube::ui {

/*!
 * "Open shell": the desktop's own terminal running `kubrowser-cli exec -it` on the window's
 * kubeconfig, context and namespace — a real terminal, no home-made emulator.
 *
 * The terminal is the one chosen in Settings, else $TERMINAL, else Debian's
 * x-terminal-emulator; it may carry arguments ("konsole --separate"). Each terminal family
 * takes the command to run its own way (-e, --, -x, or plain arguments); commandLine() knows
 * the common ones and uses -e (the x-terminal-emulator convention) for the rest.
 * \code
 * ShellLauncher::Target t{.kubeconfig = path, .context = "prod", .ns = "web", .pod = "web-0"};
 * QString error;
 * if (!ShellLauncher::launch(t, &error)) statusBar()->showMessage(error);
 * \endcode
 */
class ShellLauncher final
{
public:
    struct Target
    {
        QString kubeconfig; //!< empty: kubrowser-cli's default (KUBECONFIG, ~/.kube/config)
        QString context;
        QString ns;
        QString pod;
        QString container; //!< empty: the pod's default container
        QString shell = QStringLiteral("sh");
    };
    struct Command
    {
        QString program;
        QStringList arguments;
        QString error; //!< why there is no command (no terminal, no kubrowser-cli)
        bool ok() const { return error.isEmpty(); }
    };

    //! The Settings value (preferences/terminal); empty when not chosen.
    static QString terminalSetting();
    static void setTerminalSetting(const QString &terminal);
    //! Settings, else $TERMINAL, else x-terminal-emulator.
    static QString terminal(const QProcessEnvironment &env
                            = QProcessEnvironment::systemEnvironment());
    /*!
     * kubrowser-cli next to the application (the installed layout), in the build tree's
     * app/cli beside app/gui, else on PATH; empty when none is found.
     */
    static QString cliPath(const QString &applicationDir);
    //! kubrowser-cli's arguments: [--kubeconfig K] --context C -n NS exec -it POD [-c C] -- sh
    static QStringList cliArguments(const Target &target);
    //! The terminal's argv running \a cli with cliArguments().
    static Command commandLine(const Target &target, const QString &terminal, const QString &cli);
    //! commandLine() with the terminal() and the cliPath() of this application.
    static Command commandLine(const Target &target);
    //! Starts the terminal detached (it outlives the window); false with \a error otherwise.
    static bool launch(const Target &target, QString *error = nullptr, qint64 *pid = nullptr);
};

} // namespace kube::ui
