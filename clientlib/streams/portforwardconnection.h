#pragma once

#include "rest/restconfig.h"

#include <QByteArray>
#include <QObject>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace kube {

class ChannelWebSocket;

/*!
 * One local TCP connection of a PortForwarder, relayed over its own WebSocket to one pod port
 * (portforward.k8s.io: channel 0 data, 1 error; the server's first message on each is the
 * port number, 2 bytes little-endian). Local bytes wait until that first message arrived.
 */
class PortForwardConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortForwardConnection)

public:
    PortForwardConnection(QTcpSocket *local,
                          const RestConfig &config,
                          const QString &ns,
                          const QString &pod,
                          quint16 remotePort,
                          QObject *parent = nullptr);
    ~PortForwardConnection() override;

    qint64 bytesSent() const { return m_sent; } //!< local → pod
    qint64 bytesReceived() const { return m_received; } //!< pod → local

signals:
    void transferred(qint64 sent, qint64 received);
    //! A message from the pod side ("error forwarding port ...").
    void errorMessage(const QString &message);
    void finished();

private:
    void flushLocal();
    void done();

    QTcpSocket *m_local;
    ChannelWebSocket *m_socket;
    quint16 m_port;
    bool m_dataReady = false;
    bool m_errorReady = false;
    bool m_done = false;
    qint64 m_sent = 0;
    qint64 m_received = 0;
};

} // namespace kube
