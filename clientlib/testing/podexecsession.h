#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QUrlQuery>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace kube::testing {

/*!
 * One exec (or attach) over the WebSocket channel protocol, with a few simulated commands so
 * that real clients have something to run: echo, cat, env/printenv, hostname, pwd, id, whoami,
 * true, false, sleep, stty size, exit, sh -c 'SCRIPT' and an interactive sh that runs those
 * line by line (with a prompt and echo when tty=true). Attach joins an interactive sh.
 *
 * Channels: 0 stdin, 1 stdout, 2 stderr, 3 error (the closing Status), 4 resize, 255 close
 * (v5 only: the client closed stdin). A non-zero exit is a Failure Status with reason
 * NonZeroExitCode and the code in details.causes[ExitCode], as the kubelet reports it.
 * Owned by its WebSocket; deletes it when the session ends.
 */
class PodExecSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PodExecSession)

public:
    PodExecSession(QWebSocket *socket, const QJsonObject &pod, const QUrlQuery &query, bool attach);
    ~PodExecSession() override;

signals:
    void resized(int width, int height);

private:
    enum class Mode { Done, Cat, Shell, Sleep };

    void onMessage(const QByteArray &message);
    void stdinData(const QByteArray &data);
    void stdinClosed();
    //! Runs one command; Mode::Done when it finished (exit code in m_exitCode).
    Mode run(const QStringList &argv);
    //! Runs a script (lines and ';'-separated commands); false when it ran "exit".
    bool runScript(const QString &script);
    void runShellLine(const QString &line);
    void out(const QByteArray &data);
    void err(const QByteArray &data);
    void prompt();
    void finish(int exitCode);
    void failInternal(const QString &message);
    //! Frames and the close wait until the "process" has started (see m_started).
    void send(const QByteArray &frame);
    void closeSocket();
    void start();
    QStringList tokenize(const QString &line) const;

    QWebSocket *m_socket;
    QJsonObject m_pod;
    QString m_podName;
    QString m_container;
    QStringList m_env;
    bool m_v5 = false;
    bool m_tty = false;
    bool m_stdin = false;
    bool m_stderr = true;
    Mode m_mode = Mode::Done;
    bool m_shellExited = false;
    bool m_finished = false;
    // A real container process needs milliseconds to start; a client must not see output
    // before it set up its streams (client-go discards frames for streams it has not created).
    bool m_started = false;
    bool m_closeWhenStarted = false;
    QList<QByteArray> m_held;
    int m_exitCode = 0;
    int m_scriptDepth = 0; // > 0 while a shell runs a line or a -c script
    int m_width = 80;
    int m_height = 24;
    QByteArray m_lineBuffer; // interactive sh: input not yet terminated by a newline
};

} // namespace kube::testing
