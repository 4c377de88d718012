#pragma once

#include "apistatus.h"
#include "httprequest.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <optional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;
QT_END_NAMESPACE

namespace kube::testing {

/*!
 * The streaming subresources of the demo cluster's pods over WebSocket, as kube-apiserver
 * proxies them from the kubelet: exec and attach (channel protocol v5.channel.k8s.io or
 * v4.channel.k8s.io, simulated commands, see PodExecSession) and portforward
 * (portforward.k8s.io / v4.channel.k8s.io; declared container ports answer HTTP, see
 * PodPortForwardSession). SPDY is not served.
 */
class PodStreamServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PodStreamServer)

public:
    explicit PodStreamServer(QObject *parent = nullptr);
    ~PodStreamServer() override;

    static bool isStreamSubresource(const QString &subresource);

    //! The subprotocols the server accepts, in the client's order of preference. Default:
    //! v5.channel.k8s.io, v4.channel.k8s.io, portforward.k8s.io. Drop v5 to test fallback.
    void setSubprotocols(const QStringList &protocols);
    QStringList subprotocols() const;

    //! What kube-apiserver answers before the upgrade when \a request cannot be served.
    std::optional<detail::ApiStatus> check(const QString &subresource,
                                           const detail::HttpRequest &request,
                                           const QJsonObject &pod) const;
    //! Takes \a socket (its upgrade request still unread) and runs the session over it.
    void accept(QTcpSocket *socket, const QJsonObject &pod);

    int sessionCount() const;

signals:
    void sessionStarted(const QString &subresource, const QString &subprotocol);
    //! A TTY session got a resize message.
    void resized(int width, int height);

private:
    void startSession(QWebSocket *socket);

    QWebSocketServer *m_server;
    QHash<QString, QJsonObject> m_pods; // "namespace/name": the pod as it was at upgrade
    int m_sessions = 0;
};

} // namespace kube::testing
