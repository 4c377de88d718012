#include "remotecommand.h"

#include "channelwebsocket.h"
#include "streamslogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace kube {

namespace {

constexpr quint8 stdinChannel = 0;
constexpr quint8 stdoutChannel = 1;
constexpr quint8 stderrChannel = 2;
constexpr quint8 errorChannel = 3;
constexpr quint8 resizeChannel = 4;
constexpr quint8 closeChannel = 255;

QueryParams queryFor(const RemoteCommandOptions &o, bool exec)
{
    QueryParams q;
    if (!o.container.isEmpty())
        q.append({ u"container"_s, o.container });
    if (exec) {
        for (const QString &c : o.command)
            q.append({ u"command"_s, c });
    }
    q.append({ u"stdin"_s, o.useStdin ? u"true"_s : u"false"_s });
    q.append({ u"stdout"_s, o.useStdout ? u"true"_s : u"false"_s });
    q.append({ u"stderr"_s, o.useStderr && !o.tty ? u"true"_s : u"false"_s });
    q.append({ u"tty"_s, o.tty ? u"true"_s : u"false"_s });
    return q;
}

} // namespace

RemoteCommand::RemoteCommand(const RestConfig &config,
                             const QString &ns,
                             const QString &pod,
                             const QString &subresource,
                             const RemoteCommandOptions &options,
                             QObject *parent)
    : QObject(parent)
    , m_socket(new ChannelWebSocket(config,
                                    ns,
                                    pod,
                                    subresource,
                                    queryFor(options, subresource == u"exec"),
                                    options.protocols,
                                    this))
    , m_options(options)
{
    connect(m_socket, &ChannelWebSocket::opened, this, [this] {
        m_started = true;
        emit started();
        // The size first: a TTY program may ask for it as soon as it reads input.
        if (m_pendingSize)
            resize(m_pendingSize->first, m_pendingSize->second);
        for (const QByteArray &d : std::as_const(m_pendingStdin))
            m_socket->send(stdinChannel, d);
        m_pendingStdin.clear();
        if (m_pendingClose)
            closeStdin();
    });
    connect(m_socket, &ChannelWebSocket::message, this, &RemoteCommand::onMessage);
    connect(m_socket, &ChannelWebSocket::closed, this, &RemoteCommand::onClosed);
    // From the event loop, so that callers connect to the signals first.
    QTimer::singleShot(0, m_socket, &ChannelWebSocket::open);
}

RemoteCommand *RemoteCommand::exec(const RestConfig &config,
                                   const QString &ns,
                                   const QString &pod,
                                   const RemoteCommandOptions &options,
                                   QObject *parent)
{
    return new RemoteCommand(config, ns, pod, u"exec"_s, options, parent);
}

RemoteCommand *RemoteCommand::attach(const RestConfig &config,
                                     const QString &ns,
                                     const QString &pod,
                                     const RemoteCommandOptions &options,
                                     QObject *parent)
{
    return new RemoteCommand(config, ns, pod, u"attach"_s, options, parent);
}

RemoteCommand::~RemoteCommand() = default;

QString RemoteCommand::protocol() const
{
    return m_socket->protocol();
}

void RemoteCommand::writeStdin(const QByteArray &data)
{
    if (data.isEmpty() || m_finished)
        return;
    if (!m_started)
        m_pendingStdin << data;
    else
        m_socket->send(stdinChannel, data);
}

void RemoteCommand::closeStdin()
{
    if (m_finished)
        return;
    if (!m_started) {
        m_pendingClose = true;
        return;
    }
    if (m_socket->protocol() == u"v5.channel.k8s.io")
        m_socket->send(closeChannel, QByteArray(1, char(stdinChannel)));
}

void RemoteCommand::resize(int width, int height)
{
    if (m_finished)
        return;
    if (!m_started) {
        m_pendingSize = { width, height };
        return;
    }
    const QJsonObject size { { u"Width"_s, width }, { u"Height"_s, height } };
    m_socket->send(resizeChannel, QJsonDocument(size).toJson(QJsonDocument::Compact));
}

void RemoteCommand::abort()
{
    if (m_finished)
        return;
    m_error = Error::make(Error::Kind::Cancelled, u"the command was cancelled"_s);
    m_socket->close();
    finish();
}

Result<int> RemoteCommand::exitCode() const
{
    if (m_error)
        return *m_error;
    if (m_exitCode)
        return *m_exitCode;
    return Error::make(Error::Kind::Network, u"the command has not finished"_s);
}

void RemoteCommand::onMessage(quint8 channel, const QByteArray &data)
{
    switch (channel) {
    case stdoutChannel:
        if (!data.isEmpty())
            emit stdoutReceived(data);
        break;
    case stderrChannel:
        if (!data.isEmpty())
            emit stderrReceived(data);
        break;
    case errorChannel:
        if (!data.isEmpty())
            parseStatus(data);
        break;
    default:
        break;
    }
}

void RemoteCommand::parseStatus(const QByteArray &data)
{
    m_statusSeen = true;
    QJsonParseError pe;
    const QJsonObject status = QJsonDocument::fromJson(data, &pe).object();
    if (pe.error != QJsonParseError::NoError) {
        // Protocols before v4 sent plain text on the error channel.
        m_error = Error::make(Error::Kind::Status, QString::fromUtf8(data).trimmed());
        return;
    }
    if (status.value(u"status"_s).toString() == u"Success") {
        m_exitCode = 0;
        return;
    }
    const QString reason = status.value(u"reason"_s).toString();
    if (reason == u"NonZeroExitCode") {
        const QJsonArray causes
            = status.value(u"details"_s).toObject().value(u"causes"_s).toArray();
        for (const QJsonValue &c : causes) {
            if (c.toObject().value(u"reason"_s).toString() == u"ExitCode") {
                bool ok = false;
                const int code = c.toObject().value(u"message"_s).toString().toInt(&ok);
                if (ok) {
                    m_exitCode = code;
                    return;
                }
            }
        }
    }
    Error e;
    e.kind = Error::Kind::Status;
    e.httpCode = status.value(u"code"_s).toInt();
    e.reason = reason;
    e.message = status.value(u"message"_s).toString();
    e.details = status.value(u"details"_s).toObject();
    m_error = e;
}

void RemoteCommand::onClosed()
{
    if (m_finished)
        return;
    if (m_socket->error() && !m_error && !m_exitCode)
        m_error = m_socket->error();
    if (!m_error && !m_exitCode)
        m_error = Error::make(Error::Kind::Network,
                              u"the connection closed before the command's exit status arrived"_s);
    finish();
}

void RemoteCommand::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    qCDebug(lcStreams) << "remote command finished" << (m_exitCode ? *m_exitCode : -1);
    emit finished();
}

} // namespace kube
