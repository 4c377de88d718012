#pragma once

#include "api/error.h"
#include "api/result.h"
#include "rest/restconfig.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>

#include <optional>

namespace kube {

class ChannelWebSocket;

//! What exec/attach runs and which streams it connects (core/v1 PodExecOptions).
struct RemoteCommandOptions
{
    QString container; //!< empty: the pod's only container (the server refuses otherwise)
    QStringList command; //!< exec only
    bool useStdin = false; //!< connect stdin (writeStdin(), closeStdin())
    bool useStdout = true; //!< receive stdout (stdoutReceived())
    bool useStderr = true; //!< ignored with tty (a terminal merges stderr into stdout)
    bool tty = false; //!< allocate a terminal (raw input, resize())
    //! Offered in order; kube-apiserver ≥ 1.30 picks v5, older ones v4.
    QStringList protocols
        = { QStringLiteral("v5.channel.k8s.io"), QStringLiteral("v4.channel.k8s.io") };
};

/*!
 * exec or attach into a container over WebSocket (the channel protocol: 0 stdin, 1 stdout,
 * 2 stderr, 3 error, 4 resize, 255 close in v5). finished() comes once; then exitCode() holds
 * the command's exit code (0 for a Success Status, the ExitCode cause of a NonZeroExitCode
 * Failure) or the Error that prevented it.
 * \code
 * auto *cmd = kube::RemoteCommand::exec(config, "default", "web-0", {.command = {"ls", "/"}});
 * connect(cmd, &kube::RemoteCommand::stdoutReceived, ...);
 * connect(cmd, &kube::RemoteCommand::finished, [cmd] { int code = cmd->exitCode().value(); });
 * \endcode
 */
class RemoteCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteCommand)

public:
    //! Runs options.command in a container of \a pod (pods/exec); starts at once.
    //! The caller owns the object (or \a parent does).
    static RemoteCommand *exec(const RestConfig &config,
                               const QString &ns,
                               const QString &pod,
                               const RemoteCommandOptions &options,
                               QObject *parent = nullptr);
    //! Attaches to the running process of a container (pods/attach); starts at once.
    static RemoteCommand *attach(const RestConfig &config,
                                 const QString &ns,
                                 const QString &pod,
                                 const RemoteCommandOptions &options,
                                 QObject *parent = nullptr);
    ~RemoteCommand() override;

    //! Sends on stdin (queued until the stream is open).
    void writeStdin(const QByteArray &data);
    //! End of input: v5 half-closes stdin; v4 cannot, so nothing is sent.
    void closeStdin();
    //! A TTY's new size in character cells (sent now or once open).
    void resize(int width, int height);
    //! Ends the stream; finished() follows with a Cancelled error.
    void abort();

    //! The server accepted the stream (started() was emitted).
    bool isStarted() const { return m_started; }
    //! finished() was emitted.
    bool isFinished() const { return m_finished; }
    //! The subprotocol the server chose (v5.channel.k8s.io or v4.channel.k8s.io).
    QString protocol() const;
    //! After finished(): the exit code, or the error.
    Result<int> exitCode() const;

signals:
    //! The stream is open; stdin written before is sent now.
    void started();
    //! Bytes the command wrote to stdout (or to its terminal).
    void stdoutReceived(const QByteArray &data);
    //! Bytes the command wrote to stderr (never with tty).
    void stderrReceived(const QByteArray &data);
    //! The command ended or the stream failed (exactly once); see exitCode().
    void finished();

private:
    RemoteCommand(const RestConfig &config,
                  const QString &ns,
                  const QString &pod,
                  const QString &subresource,
                  const RemoteCommandOptions &options,
                  QObject *parent);
    void onMessage(quint8 channel, const QByteArray &data);
    void onClosed();
    void parseStatus(const QByteArray &data);
    void finish();

    ChannelWebSocket *m_socket;
    RemoteCommandOptions m_options;
    QList<QByteArray> m_pendingStdin;
    bool m_pendingClose = false;
    std::optional<std::pair<int, int>> m_pendingSize;
    bool m_started = false;
    bool m_finished = false;
    bool m_statusSeen = false;
    std::optional<int> m_exitCode;
    std::optional<Error> m_error;
};

} // namespace kube
