#pragma once

#include "upgraderouter.h"

#include <QPointer>
#include <QTcpSocket>

namespace kube::testing::detail {

/*!
 * A QTcpServer or QSslServer (\a Base) whose new connections pass through an UpgradeRouter
 * before the HTTP layer (QAbstractHttpServer, which calls nextPendingConnection()) takes them.
 * Connections the router gives back are queued again and marked, so they pass the second time.
 */
template<class Base> class UpgradeRoutingServer final : public Base
{
public:
    explicit UpgradeRoutingServer(UpgradeRouter *router)
        : m_router(router)
    { }

    QTcpSocket *nextPendingConnection() override
    {
        while (QTcpSocket *socket = Base::nextPendingConnection()) {
            if (socket->property(routedProperty).toBool())
                return socket;
            if (!m_router)
                return socket;
            QPointer<UpgradeRoutingServer> self(this);
            m_router->inspect(socket, [self](QTcpSocket *s) {
                if (!self) {
                    s->deleteLater();
                    return;
                }
                s->setProperty(routedProperty, true);
                self->addPendingConnection(s); // emits pendingConnectionAvailable again
                // The request is already buffered: the HTTP layer, connected to readyRead
                // only now, would otherwise wait for bytes that came before it listened.
                QMetaObject::invokeMethod(
                    s,
                    [s] {
                        if (s->bytesAvailable() > 0)
                            emit s->readyRead();
                    },
                    Qt::QueuedConnection);
            });
        }
        return nullptr;
    }

private:
    static constexpr const char *routedProperty = "_kube_routed";
    QPointer<UpgradeRouter> m_router;
};

} // namespace kube::testing::detail
