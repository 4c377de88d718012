#pragma once

#include "httprequest.h"
#include "httpresponder.h"

#include <QAbstractHttpServer>

#include <functional>

namespace kube::testing::detail {

/*!
 * The HTTP/1.1 layer of FakeApiServer: QAbstractHttpServer accepts connections (plain or
 * through a QSslServer bound with bind()), parses requests and keeps connections alive; each
 * request is handed to the handler with an HttpResponder that writes the raw response on the
 * socket, now or later.
 */
class FakeHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeHttpServer)

public:
    using Handler = std::function<void(HttpRequest request, HttpResponder responder)>;

    explicit FakeHttpServer(Handler handler, QObject *parent = nullptr);
    ~FakeHttpServer() override;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
};

} // namespace kube::testing::detail
