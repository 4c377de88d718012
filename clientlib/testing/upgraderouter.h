#pragma once

#include "httprequest.h"

#include <QByteArray>
#include <QObject>

#include <functional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace kube::testing::detail {

/*!
 * Looks at the first request of each new connection before the HTTP layer sees it.
 * QAbstractHttpServer (Qt 6.4) hands every "Upgrade: websocket" request to a private
 * QWebSocketServer that cannot choose a subprotocol, and Kubernetes clients require one
 * (v5.channel.k8s.io, v4.channel.k8s.io, portforward.k8s.io). So connections whose first request
 * asks for a WebSocket go to \a onUpgrade (with the bytes still unread); the others go back to
 * the HTTP layer through \a onHttp.
 */
class UpgradeRouter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpgradeRouter)

public:
    using Sink = std::function<void(QTcpSocket *)>;

    explicit UpgradeRouter(QObject *parent = nullptr);
    ~UpgradeRouter() override;

    //! Where WebSocket upgrade requests go; unset, they go to the HTTP layer as well.
    void setUpgradeHandler(Sink onUpgrade);
    //! Waits for the header block of \a socket's first request, then routes it.
    void inspect(QTcpSocket *socket, Sink onHttp);

    //! "Upgrade: websocket" in a complete header block (case-insensitive, as Go's net/http).
    static bool isWebSocketUpgrade(const QByteArray &headerBlock);
    //! The request line and headers buffered in \a socket, parsed but left unread.
    static HttpRequest readRequestHead(QTcpSocket *socket);

signals:
    void connectionAccepted();

private:
    Sink m_onUpgrade;
};

} // namespace kube::testing::detail
