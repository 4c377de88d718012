#include "portforwarder.h"

#include "portforwardconnection.h"
#include "streamslogging.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace kube {

PortForwarder::PortForwarder(const RestConfig &config,
                             const QString &ns,
                             const QString &pod,
                             const QList<PortMapping> &ports,
                             const QStringList &addresses,
                             QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_ns(ns)
    , m_pod(pod)
    , m_ports(ports)
    , m_addresses(addresses.isEmpty() ? QStringList { u"localhost"_s } : addresses)
{ }

PortForwarder::~PortForwarder()
{
    stop();
}

qint64 PortForwarder::bytesSent() const
{
    qint64 n = m_closedSent;
    for (const PortForwardConnection *c : m_connections)
        n += c->bytesSent();
    return n;
}

qint64 PortForwarder::bytesReceived() const
{
    qint64 n = m_closedReceived;
    for (const PortForwardConnection *c : m_connections)
        n += c->bytesReceived();
    return n;
}

void PortForwarder::start()
{
    if (m_running)
        return;
    m_lines.clear();
    m_error.reset();
    // kubectl: "localhost" binds 127.0.0.1 and ::1 (the latter may fail quietly); other
    // addresses must all bind.
    for (PortMapping &mapping : m_ports) {
        bool boundAny = false;
        for (const QString &address : std::as_const(m_addresses)) {
            QList<QPair<QHostAddress, bool>> hosts; // address, required
            if (address == u"localhost")
                hosts = { { QHostAddress(QHostAddress::LocalHost), false },
                          { QHostAddress(QHostAddress::LocalHostIPv6), false } };
            else
                hosts = { { QHostAddress(address), true } };
            for (const auto &[host, required] : hosts) {
                if (host.isNull()) {
                    m_error = Error::make(Error::Kind::InvalidRequest,
                                          u"%1 is not a valid IP address"_s.arg(address));
                    break;
                }
                auto *server = new QTcpServer(this);
                if (!server->listen(host, mapping.local)) {
                    const QString why = server->errorString();
                    delete server;
                    if (required) {
                        m_error = Error::make(
                            Error::Kind::Io,
                            u"unable to listen on port %1: %2"_s.arg(mapping.local).arg(why));
                        break;
                    }
                    continue;
                }
                if (mapping.local == 0)
                    mapping.local = server->serverPort();
                boundAny = true;
                m_servers << server;
                const QString shown = host.protocol() == QAbstractSocket::IPv6Protocol
                    ? u"[%1]"_s.arg(host.toString())
                    : host.toString();
                m_lines << u"Forwarding from %1:%2 -> %3"_s.arg(shown)
                               .arg(mapping.local)
                               .arg(mapping.remote);
                const PortMapping m = mapping;
                connect(server, &QTcpServer::newConnection, this,
                        [this, server, m] { accept(server, m); });
            }
            if (m_error)
                break;
        }
        if (!m_error && !boundAny)
            m_error = Error::make(
                Error::Kind::Io,
                u"unable to listen on any of the requested ports: [%1]"_s.arg(mapping.local));
        if (m_error)
            break;
    }
    if (m_error) {
        qDeleteAll(m_servers);
        m_servers.clear();
        emit failed(*m_error);
        return;
    }
    m_running = true;
    emit ready();
}

void PortForwarder::stop()
{
    if (!m_running)
        return;
    m_running = false;
    qDeleteAll(m_servers);
    m_servers.clear();
    const auto connections = m_connections;
    m_connections.clear();
    for (PortForwardConnection *c : connections) {
        m_closedSent += c->bytesSent();
        m_closedReceived += c->bytesReceived();
        c->disconnect(this);
        c->deleteLater();
    }
    emit statsChanged();
    emit stopped();
}

void PortForwarder::accept(QTcpServer *server, const PortMapping &mapping)
{
    while (QTcpSocket *local = server->nextPendingConnection()) {
        ++m_total;
        qCInfo(lcStreams).noquote() << u"Handling connection for %1"_s.arg(mapping.local);
        auto *c = new PortForwardConnection(local, m_config, m_ns, m_pod, mapping.remote, this);
        m_connections << c;
        connect(c, &PortForwardConnection::transferred, this, &PortForwarder::statsChanged);
        connect(c, &PortForwardConnection::errorMessage, this, [this, mapping](const QString &m) {
            emit connectionError(u"an error occurred forwarding %1 -> %2: %3"_s.arg(mapping.local)
                                     .arg(mapping.remote)
                                     .arg(m));
        });
        connect(c, &PortForwardConnection::finished, this, [this, c, mapping] {
            if (m_connections.removeOne(c)) {
                m_closedSent += c->bytesSent();
                m_closedReceived += c->bytesReceived();
            }
            c->deleteLater();
            emit connectionClosed(mapping.local);
            emit statsChanged();
        });
        emit connectionOpened(mapping.local);
        emit statsChanged();
    }
}

} // namespace kube
