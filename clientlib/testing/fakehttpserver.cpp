#include "fakehttpserver.h"

#include <QHttpServerRequest>
#include <QTcpSocket>

namespace kube::testing::detail {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

} // namespace

FakeHttpServer::FakeHttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{ }

FakeHttpServer::~FakeHttpServer() = default;

bool FakeHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpRequest r;
    r.method = methodName(request.method());
    const QUrl url = request.url();
    r.path = url.path(QUrl::FullyDecoded);
    r.rawQuery = url.query(QUrl::FullyEncoded);
    r.query = QUrlQuery(url);
    r.headers = request.headers();
    r.body = request.body();
    const bool close = r.header("Connection").compare("close", Qt::CaseInsensitive) == 0;
    m_handler(std::move(r), HttpResponder(socket, close));
    return true;
}

void FakeHttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    // handleRequest() takes every request; this only runs if Qt itself rejects one.
    HttpResponder(socket, true)
        .write(404, { { "Content-Type", "text/plain" } }, "404 page not found\n");
}

} // namespace kube::testing::detail
