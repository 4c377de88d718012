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
    quint16 local = 0; //!< the port on this machine; 0 = a free one, chosen at start()
    quint16 remote = 0; //!< the pod's port
    //! Same local and remote port.
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
    //! Forwards \a ports of \a pod in \a ns, listening on \a addresses ("localhost" is
    //! 127.0.0.1 and ::1, as kubectl's default); start() listens.
    PortForwarder(const RestConfig &config,
                  const QString &ns,
                  const QString &pod,
                  const QList<PortMapping> &ports,
                  const QStringList &addresses = { QStringLiteral("localhost") },
                  QObject *parent = nullptr);
    ~PortForwarder() override;

    //! Listens; ready() or failed() follows (from this call).
    void start();
    //! Closes the listening sockets (the local ports are free on return) and every
    //! connection; stopped() follows from this call.
    void stop();
    //! Listening (between ready() and stop() or failed()).
    bool isRunning() const { return m_running; }

    //! The namespace of the pod.
    QString podNamespace() const { return m_ns; }
    //! The pod forwarded to.
    QString podName() const { return m_pod; }
    //! With the local ports actually bound (after ready()).
    QList<PortMapping> mappings() const { return m_ports; }
    //! "Forwarding from 127.0.0.1:8080 -> 80" lines, as kubectl prints them.
    QStringList forwardingLines() const { return m_lines; }

    //! Local connections open now.
    int activeConnections() const { return int(m_connections.size()); }
    //! Local connections accepted since start().
    int totalConnections() const { return m_total; }
    qint64 bytesSent() const; //!< local → pod, all connections so far
    qint64 bytesReceived() const; //!< pod → local
    //! Why the forward could not start (a local port in use, a bad address).
    const std::optional<Error> &error() const { return m_error; }

signals:
    //! Listening on every mapping; mappings() holds the local ports.
    void ready();
    //! Could not listen; nothing is forwarded.
    void failed(const kube::Error &error);
    //! A local client connected to \a localPort.
    void connectionOpened(quint16 localPort);
    //! A connection on \a localPort ended.
    void connectionClosed(quint16 localPort);
    //! An error of one connection (the forward goes on), kubectl's "an error occurred
    //! forwarding 8080 -> 80: ...".
    void connectionError(const QString &message);
    //! Connection or byte counts changed.
    void statsChanged();
    //! stop() ended the forward.
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
