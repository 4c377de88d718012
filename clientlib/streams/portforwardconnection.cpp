#include "portforwardconnection.h"

#include "channelwebsocket.h"
#include "streamslogging.h"

#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace kube {

PortForwardConnection::PortForwardConnection(QTcpSocket *local,
                                             const RestConfig &config,
                                             const QString &ns,
                                             const QString &pod,
                                             quint16 remotePort,
                                             QObject *parent)
    : QObject(parent)
    , m_local(local)
    , m_socket(new ChannelWebSocket(config,
                                    ns,
                                    pod,
                                    u"portforward"_s,
                                    { { u"ports"_s, QString::number(remotePort) } },
                                    { u"portforward.k8s.io"_s, u"v4.channel.k8s.io"_s },
                                    this))
    , m_port(remotePort)
{
    local->setParent(this);
    connect(m_socket, &ChannelWebSocket::message, this,
            [this](quint8 channel, const QByteArray &d) {
                if (channel == 0 && !m_dataReady) {
                    m_dataReady = true; // the port number: the stream is ready
                    flushLocal();
                    return;
                }
                if (channel == 1 && !m_errorReady) {
                    m_errorReady = true;
                    return;
                }
                if (channel == 0) {
                    m_received += d.size();
                    m_local->write(d);
                    emit transferred(m_sent, m_received);
                } else if (channel == 1 && !d.isEmpty()) {
                    emit errorMessage(QString::fromUtf8(d));
                }
            });
    connect(m_socket, &ChannelWebSocket::closed, this, [this] {
        if (m_socket->error())
            emit errorMessage(m_socket->error()->message);
        // Let the bytes already written reach the local peer, then close: disconnected()
        // follows once they are out.
        m_local->disconnectFromHost();
        if (m_local->state() == QAbstractSocket::UnconnectedState)
            done();
    });
    connect(m_local, &QTcpSocket::readyRead, this, &PortForwardConnection::flushLocal);
    connect(m_local, &QTcpSocket::disconnected, this, [this] {
        flushLocal();
        m_socket->close();
        done();
    });
    m_socket->open();
}

PortForwardConnection::~PortForwardConnection() = default;

void PortForwardConnection::flushLocal()
{
    if (!m_dataReady || !m_socket->isOpen())
        return;
    while (m_local->bytesAvailable() > 0) {
        const QByteArray chunk = m_local->read(256 * 1024);
        m_sent += chunk.size();
        m_socket->send(0, chunk);
    }
    emit transferred(m_sent, m_received);
}

void PortForwardConnection::done()
{
    if (m_done)
        return;
    m_done = true;
    qCDebug(lcStreams) << "port-forward connection to" << m_port << "done:" << m_sent
                       << "bytes sent," << m_received << "received";
    emit finished();
}

} // namespace kube
