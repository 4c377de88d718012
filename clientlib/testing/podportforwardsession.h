#pragma once

#include "podhttpendpoint.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrlQuery>

#include <memory>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace kube::testing {

/*!
 * One port-forward over WebSocket (portforward.k8s.io, also offered as v4.channel.k8s.io):
 * for the i-th port of ?ports=, channel 2i carries data and 2i+1 errors, and the first
 * message the server sends on each carries the port as 2 bytes little-endian. Ports the pod
 * declares answer HTTP (PodHttpEndpoint); others get a "connection refused" error, as the
 * kubelet reports a port nothing listens on. Owned by its WebSocket.
 */
class PodPortForwardSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PodPortForwardSession)

public:
    PodPortForwardSession(QWebSocket *socket, const QJsonObject &pod, const QUrlQuery &query);
    ~PodPortForwardSession() override;

private:
    void onMessage(const QByteArray &message);

    QWebSocket *m_socket;
    QString m_namespace;
    QString m_pod;
    QList<int> m_ports;
    QList<bool> m_declared;
    QList<std::shared_ptr<PodHttpEndpoint>> m_endpoints;
};

} // namespace kube::testing
