#pragma once

// A blocking HTTP helper for the FakeApiServer tests: QNetworkAccessManager driven by
// QSignalSpy::wait, so the server keeps running in the same event loop.

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QUrl>

struct HttpResult
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray contentType;
    QList<QNetworkReply::RawHeaderPair> headers;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

class HttpTestClient
{
public:
    QNetworkAccessManager nam;
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    bool useSsl = false;

    HttpResult send(const QByteArray &method,
                    const QUrl &url,
                    const QByteArray &body = {},
                    const QList<QPair<QByteArray, QByteArray>> &headers = {},
                    int timeoutMs = 10000)
    {
        QNetworkRequest request(url);
        if (useSsl)
            request.setSslConfiguration(ssl);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        if (!body.isEmpty() && request.rawHeader("Content-Type").isEmpty())
            request.setRawHeader("Content-Type", "application/json");
        QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        HttpResult r;
        if (!reply->isFinished() && !finished.wait(timeoutMs)) {
            reply->abort();
            r.error = QNetworkReply::TimeoutError;
        } else {
            r.error = reply->error();
        }
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.contentType = reply->rawHeader("Content-Type");
        r.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return r;
    }
    HttpResult get(const QUrl &url, const QByteArray &accept = {})
    {
        if (accept.isEmpty())
            return send("GET", url);
        return send("GET", url, {}, { { "Accept", accept } });
    }
};
