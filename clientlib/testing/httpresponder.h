#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QPointer>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace kube::testing::detail {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/*!
 * Writes raw HTTP/1.1 responses on one connection. QHttpServerResponder (Qt 6.4) cannot stream
 * a chunked body over time, cut a body short or answer after its request object was reused, so
 * FakeApiServer writes the bytes itself on the socket QAbstractHttpServer hands over.
 *
 * A cheap value; holds the socket weakly, so writing after the peer went away does nothing.
 */
class HttpResponder
{
public:
    HttpResponder() = default;
    HttpResponder(QTcpSocket *socket, bool closeAfterResponse);

    bool isConnected() const;
    QTcpSocket *socket() const { return m_socket.data(); }

    //! A complete response with Content-Length.
    void write(int status, const HeaderList &headers, const QByteArray &body);
    //! Headers with Content-Length of the whole body, then only \a sentBytes of it, then the
    //! connection is closed: the client sees a truncated body.
    void writeTruncated(int status,
                        const HeaderList &headers,
                        const QByteArray &body,
                        qsizetype sentBytes);
    //! Chunked streaming (watch): headers now, chunks as they come, a final empty chunk.
    void beginChunked(int status, const HeaderList &headers);
    void writeChunk(const QByteArray &data);
    void endChunked();
    //! Drops the connection without an answer (the client sees EOF).
    void closeConnection();

    static QByteArray reasonPhrase(int status);

    //! write() passes bodies through \a encoder; a value it returns is sent as the body with
    //! Content-Encoding: gzip (see WireFaults::prepare()).
    using GzipEncoder = std::function<std::optional<QByteArray>(const QByteArray &)>;
    void setGzipEncoder(GzipEncoder encoder) { m_gzip = std::move(encoder); }

private:
    QByteArray head(int status, const HeaderList &headers) const;

    QPointer<QTcpSocket> m_socket;
    bool m_close = false;
    GzipEncoder m_gzip;
};

} // namespace kube::testing::detail
