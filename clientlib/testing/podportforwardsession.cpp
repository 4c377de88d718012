#include "podportforwardsession.h"

#include <QJsonArray>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace kube::testing {

PodPortForwardSession::PodPortForwardSession(QWebSocket *socket,
                                             const QJsonObject &pod,
                                             const QUrlQuery &query)
    : QObject(socket)
    , m_socket(socket)
{
    const QJsonObject meta = pod.value(u"metadata"_s).toObject();
    m_namespace = meta.value(u"namespace"_s).toString();
    m_pod = meta.value(u"name"_s).toString();
    QList<int> declared;
    for (const QJsonValue &c : pod.value(u"spec"_s).toObject().value(u"containers"_s).toArray()) {
        for (const QJsonValue &p : c.toObject().value(u"ports"_s).toArray())
            declared << p.toObject().value(u"containerPort"_s).toInt();
    }
    for (const QString &v : query.allQueryItemValues(u"ports"_s)) {
        for (const QString &p : v.split(u','))
            m_ports << p.trimmed().toInt();
    }
    connect(socket, &QWebSocket::binaryMessageReceived, this, &PodPortForwardSession::onMessage);
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    for (qsizetype i = 0; i < m_ports.size(); ++i) {
        const int port = m_ports.at(i);
        m_declared << declared.contains(port);
        const char dataChannel = char(2 * i);
        m_endpoints << std::make_shared<PodHttpEndpoint>(
            m_namespace, m_pod, port, [this, dataChannel](const QByteArray &bytes) {
                m_socket->sendBinaryMessage(dataChannel + bytes);
            });
        QByteArray portBytes;
        portBytes.append(char(port & 0xff)).append(char((port >> 8) & 0xff));
        socket->sendBinaryMessage(char(2 * i) + portBytes);
        socket->sendBinaryMessage(char(2 * i + 1) + portBytes);
    }
}

PodPortForwardSession::~PodPortForwardSession() = default;

void PodPortForwardSession::onMessage(const QByteArray &message)
{
    if (message.isEmpty())
        return;
    const int channel = static_cast<unsigned char>(message.at(0));
    const qsizetype index = channel / 2;
    if (channel % 2 != 0 || index >= m_ports.size())
        return;
    const QByteArray data = message.mid(1);
    if (data.isEmpty())
        return;
    if (!m_declared.at(index)) {
        const int port = m_ports.at(index);
        m_socket->sendBinaryMessage(
            char(channel + 1)
            + u"error forwarding port %1 to pod %2, uid : failed to connect to localhost:%1 inside the pod network namespace: dial tcp4 127.0.0.1:%1: connect: connection refused"_s
                  .arg(port)
                  .arg(m_pod)
                  .toUtf8());
        m_socket->close();
        return;
    }
    PodHttpEndpoint &endpoint = *m_endpoints.at(index);
    endpoint.feed(data);
    if (endpoint.wantsClose())
        m_socket->close();
}

} // namespace kube::testing
