#pragma once

#include "api/error.h"
#include "rest/restconfig.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <optional>

QT_BEGIN_NAMESPACE
class QTcpServer;
QT_END_NAMESPACE

namespace kube {

class PortForwardConnection;

//! One forwarded port: local (0 = any free port, chosen at start) to the pod's remote port.
struct PortMapping
{
    quint16 local = 0;
    quint16 remote = 0;
    friend bool operator==(const PortMapping &, const PortMapping &) = default;
};

/*!
 * kubectl port-forward as an object: listens on the local addresses and relays every local
 * connection over its own WebSocket (portforward.k8s.io) to the pod's port. Lives until
 * stop() or deletion, independent of any window.
 * \code
 * auto *pf = new kube::PortForwarder(config, "default", "web-0", {{0, 8080}});
 * connect(pf, &kube::PortForwarder::ready, [pf] { open(pf->mappings().first().local); });
 * pf->start();
 * \endcode
 */
class PortForwarder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortForwarder)

public:
    PortForwarder(const RestConfig &config,
                  const QString &ns,
                  const QString &pod,
                  const QList<PortMapping> &ports,
                  const QStringList &addresses = { QStringLiteral("localhost") },
                  QObject *parent = nullptr);
    ~PortForwarder() override;

    //! Listens; ready() or failed() follows (from this call).
    void start();
    void stop();
    bool isRunning() const { return m_running; }

    QString podNamespace() const { return m_ns; }
    QString podName() const { return m_pod; }
    //! With the local ports actually bound (after ready()).
    QList<PortMapping> mappings() const { return m_ports; }
    //! "Forwarding from 127.0.0.1:8080 -> 80" lines, as kubectl prints them.
    QStringList forwardingLines() const { return m_lines; }

    int activeConnections() const { return int(m_connections.size()); }
    int totalConnections() const { return m_total; }
    qint64 bytesSent() const; //!< local → pod, all connections so far
    qint64 bytesReceived() const; //!< pod → local
    const std::optional<Error> &error() const { return m_error; }

signals:
    void ready();
    void failed(const kube::Error &error);
    void connectionOpened(quint16 localPort);
    void connectionClosed(quint16 localPort);
    //! An error of one connection (the forward goes on), kubectl's "an error occurred
    //! forwarding 8080 -> 80: ...".
    void connectionError(const QString &message);
    void statsChanged();
    void stopped();

private:
    void accept(QTcpServer *server, const PortMapping &mapping);

    RestConfig m_config;
    QString m_ns;
    QString m_pod;
    QList<PortMapping> m_ports;
    QStringList m_addresses;
    QStringList m_lines;
    QList<QTcpServer *> m_servers;
    QList<PortForwardConnection *> m_connections;
    std::optional<Error> m_error;
    int m_total = 0;
    qint64 m_closedSent = 0;
    qint64 m_closedReceived = 0;
    bool m_running = false;
};

} // namespace kube
