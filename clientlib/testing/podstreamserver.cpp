#include "podstreamserver.h"

#include "podexecsession.h"
#include "podportforwardsession.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;
using kube::testing::detail::ApiStatus;

namespace kube::testing {

namespace {

QStringList containerNames(const QJsonObject &pod)
{
    QStringList names;
    const QJsonArray containers = pod.value(u"spec"_s).toObject().value(u"containers"_s).toArray();
    for (const QJsonValue &c : containers)
        names << c.toObject().value(u"name"_s).toString();
    return names;
}

} // namespace

PodStreamServer::PodStreamServer(QObject *parent)
    : QObject(parent)
    , m_server(new QWebSocketServer(u"kube-apiserver"_s, QWebSocketServer::NonSecureMode, this))
{
    m_server->setSupportedSubprotocols(
        { u"v5.channel.k8s.io"_s, u"v4.channel.k8s.io"_s, u"portforward.k8s.io"_s });
    connect(m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *ws = m_server->nextPendingConnection())
            startSession(ws);
    });
}

PodStreamServer::~PodStreamServer() = default;

bool PodStreamServer::isStreamSubresource(const QString &subresource)
{
    return subresource == u"exec" || subresource == u"attach" || subresource == u"portforward";
}

void PodStreamServer::setSubprotocols(const QStringList &protocols)
{
    m_server->setSupportedSubprotocols(protocols);
}

QStringList PodStreamServer::subprotocols() const
{
    return m_server->supportedSubprotocols();
}

int PodStreamServer::sessionCount() const
{
    return m_sessions;
}

std::optional<ApiStatus> PodStreamServer::check(const QString &subresource,
                                                const detail::HttpRequest &request,
                                                const QJsonObject &pod) const
{
    const QString name = pod.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    const QByteArray upgrade = request.header("Upgrade");
    if (upgrade.isEmpty())
        return ApiStatus::badRequest(u"Upgrade request required"_s);
    // kubectl ≥ 1.31 port-forwards with SPDY tunneled in a WebSocket
    // (SPDY/3.1+portforward.k8s.io), falling back to a plain SPDY/3.1 upgrade: this server
    // speaks only the WebSocket channel protocols.
    bool known = false;
    for (const QByteArray &p : request.header("Sec-WebSocket-Protocol").split(','))
        known = known || subprotocols().contains(QString::fromLatin1(p.trimmed()));
    if (upgrade.compare("websocket", Qt::CaseInsensitive) != 0 || !known)
        return ApiStatus::badRequest(
            u"unable to upgrade connection: this demo server serves %1 over WebSocket with %2, "
            "not SPDY"_s.arg(subresource, subprotocols().join(u", ")));
    if (subresource == u"portforward") {
        const QList<QString> values = request.query.allQueryItemValues(u"ports"_s);
        if (values.isEmpty())
            return ApiStatus::badRequest(u"query parameter \"port\" is required"_s);
        for (const QString &v : values) {
            for (const QString &p : v.split(u',')) {
                bool ok = false;
                const int port = p.trimmed().toInt(&ok);
                if (!ok || port <= 0 || port > 65535)
                    return ApiStatus::badRequest(
                        u"unable to parse \"%1\" as a port: must be between 1 and 65535"_s.arg(p));
            }
        }
        return std::nullopt;
    }
    const QStringList names = containerNames(pod);
    const QString container = request.queryValue(u"container"_s);
    if (container.isEmpty() && names.size() != 1)
        return ApiStatus::badRequest(
            u"a container name must be specified for pod %1, choose one of: [%2]"_s.arg(
                name, names.join(u' ')));
    if (!container.isEmpty() && !names.contains(container))
        return ApiStatus::badRequest(
            u"container %1 is not valid for pod %2"_s.arg(container, name));
    if (subresource == u"exec" && !request.hasQuery(u"command"_s))
        return ApiStatus::badRequest(u"you must specify at least 1 command"_s);
    if (!request.queryFlag(u"stdin"_s) && !request.queryFlag(u"stdout"_s)
        && !request.queryFlag(u"stderr"_s))
        return ApiStatus::badRequest(u"you must specify at least 1 of stdin, stdout, stderr"_s);
    const QString phase = pod.value(u"status"_s).toObject().value(u"phase"_s).toString();
    if (phase == u"Succeeded" || phase == u"Failed")
        return ApiStatus::badRequest(
            u"cannot exec into a container in a completed pod; current phase is %1"_s.arg(phase));
    return std::nullopt;
}

void PodStreamServer::accept(QTcpSocket *socket, const QJsonObject &pod)
{
    const QJsonObject meta = pod.value(u"metadata"_s).toObject();
    m_pods.insert(meta.value(u"namespace"_s).toString() + u'/' + meta.value(u"name"_s).toString(),
                  pod);
    // QWebSocketServer reads the handshake still buffered in the socket and answers it.
    socket->disconnect();
    m_server->handleConnection(socket);
}

void PodStreamServer::startSession(QWebSocket *ws)
{
    // /api/v1/namespaces/NS/pods/NAME/SUB
    const QStringList seg = ws->requestUrl().path().split(u'/', Qt::SkipEmptyParts);
    const QString ns = seg.value(3);
    const QString name = seg.value(5);
    const QString sub = seg.value(6);
    const QJsonObject pod = m_pods.value(ns + u'/' + name);
    // Go's url.Values encodes a space as '+', which QUrlQuery leaves as is.
    const QUrlQuery query(ws->requestUrl().query(QUrl::FullyEncoded).replace(u'+', u"%20"_s));
    ++m_sessions;
    connect(ws, &QObject::destroyed, this, [this] { --m_sessions; });
    emit sessionStarted(sub, ws->subprotocol());
    if (sub == u"portforward") {
        new PodPortForwardSession(ws, pod, query);
    } else {
        auto *session = new PodExecSession(ws, pod, query, sub == u"attach");
        connect(session, &PodExecSession::resized, this, &PodStreamServer::resized);
    }
}

} // namespace kube::testing
