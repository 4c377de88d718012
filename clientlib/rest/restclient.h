#pragma once

#include "api/error.h"
#include "api/groupversion.h"
#include "request.h"
#include "restclientoptions.h"
#include "restconfig.h"
#include "restreply.h"
#include "watchstream.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkProxy>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace kube {

struct Credentials;

class AuthProvider;
class RateLimiter;
class WarningHandler;

/*!
 * The request layer under every other client (client-go's rest.RESTClient): one API server,
 * one user, one API path and group-version. Builds Requests; owns the policy they share:
 * content types, rate limiter, retries, warning handling, TLS and proxy settings.
 *
 * \code
 * auto rest = kube::RestClient::create(config, kube::GroupVersion{"apps", "v1"});
 * auto *reply = rest->get().inNamespace("default").resource("deployments").send();
 * QObject::connect(reply, &kube::RestReply::finished, [reply] {
 *     if (auto list = reply->result().json()) { ... } else { ... list.error() ... }
 *     reply->deleteLater();
 * });
 * \endcode
 *
 * Ownership and threads: create() returns a std::shared_ptr; Requests and in-flight replies
 * keep the client alive. A client lives on the thread that created it, and its requests are
 * sent and its replies delivered there. Clients made on one thread from configs with the same
 * server, TLS and proxy settings share one QNetworkAccessManager (so they share connections,
 * and HTTP/2 sessions where the server negotiates h2 over TLS ALPN).
 *
 * Configuration errors (unreadable certificate files, bad PEM, unsupported proxy) do not stop
 * create(): they are in configError() and every request sent finishes with that error.
 */
class RestClient final : public QObject, public std::enable_shared_from_this<RestClient>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestClient)

public:
    //! Accept header for server-side Tables (kubectl get's), v1 then v1beta1 then plain JSON.
    static constexpr const char TableAcceptHeader[]
        = "application/json;as=Table;v=v1;g=meta.k8s.io,"
          "application/json;as=Table;v=v1beta1;g=meta."
          "k8s.io,application/json";

    using Options = RestClientOptions;

    //! A client for \a groupVersion (core: {"", "v1"}) under options.apiPath.
    static std::shared_ptr<RestClient>
    create(const RestConfig &config, const GroupVersion &groupVersion, const Options &options = {});
    //! The DESIGN's spelling of create().
    static std::shared_ptr<RestClient> forGroupVersion(const RestConfig &config,
                                                       const GroupVersion &groupVersion,
                                                       const Options &options = {})
    {
        return create(config, groupVersion, options);
    }
    //! A client without a group-version prefix, for absPath() requests (/api, /apis, /version).
    static std::shared_ptr<RestClient> createUnversioned(const RestConfig &config,
                                                         const Options &options = {});

    ~RestClient() override;

    Request verb(const QByteArray &verb);
    Request get() { return verb("GET"); }
    Request post() { return verb("POST"); }
    Request put() { return verb("PUT"); }
    //! A PATCH whose body is sent with \a type's Content-Type.
    Request patch(PatchType type);
    Request deleteRequest() { return verb("DELETE"); }

    const RestConfig &config() const { return m_config; }
    const GroupVersion &groupVersion() const { return m_groupVersion; }
    QString apiPath() const { return m_apiPath; }
    //! The host URL (scheme, host, port, optional path prefix), no query.
    QUrl baseUrl() const { return m_baseUrl; }
    //! path.Join(host path, apiPath, group, version): what requests start from.
    QString versionedApiPath() const { return m_versionedApiPath; }
    const Options &options() const { return m_options; }
    //! Never null: the limiter all of this client's rate-limited requests go through.
    std::shared_ptr<RateLimiter> rateLimiter() const { return m_rateLimiter; }
    std::shared_ptr<WarningHandler> warningHandler() const { return m_warningHandler; }
    //! The first problem found in the TLS/proxy/auth settings; every request fails with it.
    const std::optional<Error> &configError() const { return m_configError; }
    /*!
     * Shared with other clients of the same transport on this thread. Not owned by the caller.
     * Streams (watches, follow logs) use a manager of their own, so that over HTTP/1.1 they
     * never hold the connections ordinary requests need.
     */
    QNetworkAccessManager *networkAccessManager(bool forStreams = false) const;
    QSslConfiguration sslConfiguration() const { return m_ssl; }
    /*!
     * The manager and TLS settings for one request made with \a credentials. Qt pools
     * connections by host and port only, so a different client certificate (an exec plugin's
     * rotated one, or client-certificate/client-key files changed on disk, checked on every
     * request) switches this client to new managers: no request goes out on a connection
     * made with the old certificate (client-go closes those connections). The caller keeps
     * the manager alive while its request runs.
     */
    std::pair<std::shared_ptr<QNetworkAccessManager>, QSslConfiguration>
    transportFor(bool forStreams, const Credentials &credentials);
    QByteArray userAgent() const { return m_userAgent; }

signals:
    //! A server warning, emitted once per distinct message for this client.
    void warning(const QString &message);
    //! A request waited \a wait for the rate limiter ("throttled for N ms").
    void throttled(std::chrono::milliseconds wait, const QUrl &url);

private:
    RestClient(const RestConfig &config,
               const GroupVersion &gv,
               const QString &apiPath,
               const Options &options);
    friend class RestReply;
    void handleWarnings(const QStringList &warnings);

    RestConfig m_config;
    GroupVersion m_groupVersion;
    QString m_apiPath;
    Options m_options;
    QUrl m_baseUrl;
    QString m_versionedApiPath;
    std::shared_ptr<RateLimiter> m_rateLimiter;
    std::shared_ptr<WarningHandler> m_warningHandler;
    std::shared_ptr<QNetworkAccessManager> m_nam;
    mutable std::shared_ptr<QNetworkAccessManager> m_streamNam; // created on the first stream
    std::optional<QNetworkProxy> m_proxy;
    QSslConfiguration m_ssl;
    QByteArray m_certIdentity; // digest of the client certificate the managers were made for
    QDateTime m_certFilesStamp; // newest mtime of client-certificate/client-key files
    QByteArray m_userAgent;
    std::optional<Error> m_configError;
    QSet<QString> m_seenWarnings;
};

} // namespace kube
