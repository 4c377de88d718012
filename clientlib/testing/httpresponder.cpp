#include "httpresponder.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpSocket>

namespace kube::testing::detail {

HttpResponder::HttpResponder(QTcpSocket *socket, bool closeAfterResponse)
    : m_socket(socket)
    , m_close(closeAfterResponse)
{ }

bool HttpResponder::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

QByteArray HttpResponder::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Unknown";
    }
}

QByteArray HttpResponder::head(int status, const HeaderList &headers) const
{
    QByteArray out;
    out.reserve(512);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    // Go's net/http writes Date on every response; clients parse it for clock-skew checks.
    static const QLocale c = QLocale::c();
    out += "Date: "
        + c.toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'").toLatin1()
        + "\r\n";
    if (m_close)
        out += "Connection: close\r\n";
    return out;
}

void HttpResponder::write(int status, const HeaderList &headers, const QByteArray &body)
{
    if (!m_socket)
        return;
    if (m_gzip) {
        if (std::optional<QByteArray> gz = m_gzip(body)) {
            HeaderList encoded = headers;
            encoded.append(qMakePair(QByteArray("Content-Encoding"), QByteArray("gzip")));
            encoded.append(qMakePair(QByteArray("Vary"), QByteArray("Accept-Encoding")));
            GzipEncoder keep = std::move(m_gzip); // encode once
            write(status, encoded, *gz);
            m_gzip = std::move(keep);
            return;
        }
    }
    QByteArray out = head(status, headers);
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    m_socket->write(out);
    if (!body.isEmpty())
        m_socket->write(body);
    if (m_close)
        m_socket->disconnectFromHost();
}

void HttpResponder::writeTruncated(int status,
                                   const HeaderList &headers,
                                   const QByteArray &body,
                                   qsizetype sentBytes)
{
    if (!m_socket)
        return;
    QByteArray out = head(status, headers);
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    out += body.left(qBound<qsizetype>(0, sentBytes, body.size()));
    m_socket->write(out);
    // disconnectFromHost() flushes what was written first, then closes: a truncated body.
    m_socket->disconnectFromHost();
}

void HttpResponder::beginChunked(int status, const HeaderList &headers)
{
    if (!m_socket)
        return;
    QByteArray out = head(status, headers);
    out += "Transfer-Encoding: chunked\r\n\r\n";
    m_socket->write(out);
}

void HttpResponder::writeChunk(const QByteArray &data)
{
    if (!m_socket || data.isEmpty())
        return;
    QByteArray out = QByteArray::number(data.size(), 16) + "\r\n";
    out += data;
    out += "\r\n";
    m_socket->write(out);
}

void HttpResponder::endChunked()
{
    if (!m_socket)
        return;
    m_socket->write("0\r\n\r\n");
    if (m_close)
        m_socket->disconnectFromHost();
}

void HttpResponder::closeConnection()
{
    if (!m_socket)
        return;
    m_socket->disconnectFromHost();
}

} // namespace kube::testing::detail
