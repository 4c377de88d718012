#pragma once

#include "httprequest.h"
#include "httpresponder.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace kube::testing {

/*!
 * Transport-level behaviour of FakeApiServer that real API servers and the things in front of
 * them show: gzip of large bodies (kube-apiserver's APIResponseCompression), redirects (a
 * load balancer or a wrong URL answering) and stalls (a dead connection that stays open).
 *
 * Reached through FakeApiServer::wire(); requests pass through intercept() before routing.
 */
class WireFaults final
{
public:
    //! How a stalled request looks to the client.
    enum class Stall {
        NoResponse, //!< the request is read and never answered; the connection stays open
        AfterHeaders, //!< 200 with chunked headers, then nothing (a watch that went silent)
    };

    //! kube-apiserver compresses responses larger than 128 KiB when the client accepts gzip.
    static constexpr qsizetype DefaultGzipThreshold = 128 * 1024;

    //! Gzip bodies larger than \a threshold bytes (0 = never) for clients that accept it.
    void setGzipThreshold(qsizetype threshold) { m_gzipThreshold = threshold; }
    qsizetype gzipThreshold() const { return m_gzipThreshold; }
    //! Responses sent gzipped so far.
    int gzippedResponses() const { return m_gzipped; }

    //! Requests whose path starts with \a pathPrefix get \a code with Location: \a target.
    void addRedirect(const QString &pathPrefix, const QUrl &target, int code = 302, int times = -1);
    //! Requests whose path starts with \a pathPrefix stall as \a how says.
    void addStall(const QString &pathPrefix, Stall how, int times = -1);
    void clear();
    //! Requests currently stalled (their connection kept open, nothing sent).
    int stalledCount() const;

    //! Handles \a request when a redirect or stall applies to it: true = answered (or held).
    bool intercept(const detail::HttpRequest &request, detail::HttpResponder &responder);
    //! Prepares \a responder to gzip large bodies when \a request accepts it.
    void prepare(const detail::HttpRequest &request, detail::HttpResponder &responder);

    //! gzip (RFC 1952) of \a data at kube-apiserver's level (1, best speed).
    static QByteArray gzip(const QByteArray &data);

private:
    struct Rule
    {
        QString pathPrefix;
        enum Kind { RedirectRule, StallRule } type;
        QUrl target;
        int code = 302;
        WireFaults::Stall stall = WireFaults::Stall::NoResponse;
        int times = -1;
    };
    QList<Rule> m_rules;
    QList<detail::HttpResponder> m_stalled;
    qsizetype m_gzipThreshold = DefaultGzipThreshold;
    int m_gzipped = 0;
};

} // namespace kube::testing
