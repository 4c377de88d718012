#include "podhttpendpoint.h"

#include <QList>

namespace kube::testing {

PodHttpEndpoint::PodHttpEndpoint(QString podNamespace, QString podName, int port, Writer writer)
    : m_namespace(std::move(podNamespace))
    , m_pod(std::move(podName))
    , m_port(port)
    , m_write(std::move(writer))
{ }

void PodHttpEndpoint::feed(const QByteArray &data)
{
    m_buffer += data;
    while (!m_close) {
        if (m_bodyLength < 0) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_buffer.size() > 64 * 1024) {
                    respond("BAD", {}, {});
                    m_close = true;
                }
                return;
            }
            const QList<QByteArray> lines = m_buffer.left(end).split('\n');
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            m_method = requestLine.value(0);
            m_target = requestLine.value(1);
            m_bodyLength = 0;
            m_requestClose = false;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                const QByteArray name = line.left(colon).trimmed().toLower();
                const QByteArray value = line.mid(colon + 1).trimmed();
                if (name == "content-length")
                    m_bodyLength = value.toLongLong();
                else if (name == "connection" && value.toLower() == "close")
                    m_requestClose = true;
            }
            m_buffer.remove(0, end + 4);
        }
        if (m_buffer.size() < m_bodyLength)
            return;
        const QByteArray body = m_buffer.left(m_bodyLength);
        m_buffer.remove(0, m_bodyLength);
        m_bodyLength = -1;
        respond(m_method, m_target, body);
        if (m_requestClose)
            m_close = true;
    }
}

void PodHttpEndpoint::respond(const QByteArray &method,
                              const QByteArray &target,
                              const QByteArray &body)
{
    int status = 200;
    QByteArray reason = "OK";
    QByteArray out;
    if (method == "GET" && (target == "/" || target.startsWith("/?"))) {
        out = "Hello from " + m_namespace.toUtf8() + '/' + m_pod.toUtf8() + " port "
            + QByteArray::number(m_port) + '\n';
    } else if (method == "GET" && target.startsWith("/bytes/")) {
        const qint64 n = qBound<qint64>(0, target.mid(7).toLongLong(), 256LL * 1024 * 1024);
        out.resize(n);
        for (qint64 i = 0; i < n; ++i)
            out[i] = patternByte(i);
    } else if (method == "POST" && target == "/echo") {
        out = body;
    } else if (method == "BAD") {
        status = 400;
        reason = "Bad Request";
        out = "400 Bad Request\n";
    } else {
        status = 404;
        reason = "Not Found";
        out = "404 page not found\n";
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n"
        + "Content-Type: "
        + (target.startsWith("/bytes/") || target == "/echo"
               ? QByteArray("application/octet-stream")
               : QByteArray("text/plain; charset=utf-8"))
        + "\r\nContent-Length: " + QByteArray::number(out.size()) + "\r\n"
        + (m_requestClose ? "Connection: close\r\n" : "") + "\r\n";
    m_write(head + out);
}

} // namespace kube::testing
