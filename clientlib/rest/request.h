#pragma once

#include "api/createoptions.h"
#include "api/deleteoptions.h"
#include "api/error.h"
#include "api/getoptions.h"
#include "api/listoptions.h"
#include "api/patchoptions.h"
#include "api/queryparams.h"
#include "api/updateoptions.h"

#include <QByteArray>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace kube {

class RestClient;
class RestReply;
class WatchStream;

//! The patch formats the API server accepts (Content-Type of a PATCH).
enum class PatchType {
    Json, //!< application/json-patch+json (RFC 6902)
    Merge, //!< application/merge-patch+json (RFC 7386)
    StrategicMerge, //!< application/strategic-merge-patch+json (built-in types only)
    Apply, //!< application/apply-patch+yaml (server-side apply)
};

//! The Content-Type for \a type.
QByteArray patchContentType(PatchType type);

/*!
 * One request to the API server, built as a value (client-go's rest.Request): start from
 * RestClient::get()/post()/..., chain the builder calls, then send(), stream() or watch().
 *
 * Builder calls never fail on the spot: like client-go, the first mistake (namespace, resource
 * or name set twice, a name that is not a valid path segment) is remembered and the reply
 * finishes with Error::Kind::InvalidRequest when sent. error() shows it earlier.
 *
 * \code
 * auto *reply = rest->get().inNamespace("default").resource("pods").name("web-0").send();
 * // GET <host>/api/v1/namespaces/default/pods/web-0
 * auto *logs = rest->get().inNamespace("default").resource("pods").name("web-0")
 *                  .subresource("log").param("container", "app").send();
 * auto *list = rest->get().resource("pods").versionedParams(kube::ListOptions{.limit = 500})
 *                  .asTable().send(); // all namespaces, as a server-side Table
 * \endcode
 *
 * A Request holds a shared reference to its RestClient; copying it is cheap. It may be built
 * on any thread but must be sent on the client's thread.
 */
class Request
{
public:
    Request(std::shared_ptr<RestClient> client, const QByteArray &verb);

    // Path --------------------------------------------------------------------------------
    //! Namespace segment; "" means all namespaces / cluster scope. Set at most once.
    Request &inNamespace(const QString &ns);
    //! inNamespace(ns) when \a namespaced, else leaves the path cluster-scoped.
    Request &namespaceIfScoped(const QString &ns, bool namespaced);
    //! Resource plural ("pods"), lower-cased as client-go does. Set at most once.
    Request &resource(const QString &resource);
    //! Object name; may not be empty. Set at most once.
    Request &name(const QString &name);
    //! Subresource ("status", "log", "scale"); several segments are joined with '/'.
    Request &subresource(const QString &subresource);
    Request &subresource(const QStringList &segments);
    //! Extra path segments after the subresource (path-joined, not validated).
    Request &suffix(const QString &segment);
    Request &suffix(const QStringList &segments);
    //! Replaces the group-version prefix with an absolute path under the host's path
    //! (e.g. "/apis", "/version", "/openapi/v3"); a trailing '/' is kept.
    Request &absPath(const QString &path);
    Request &absPath(const QStringList &segments);

    // Query -------------------------------------------------------------------------------
    //! Adds a query parameter (a key may repeat).
    Request &param(const QString &key, const QString &value);
    Request &params(const QueryParams &params);
    //! The options as query parameters (only the fields that are set).
    Request &versionedParams(const ListOptions &options);
    Request &versionedParams(const GetOptions &options);
    Request &versionedParams(const CreateOptions &options);
    Request &versionedParams(const UpdateOptions &options);
    Request &versionedParams(const PatchOptions &options);
    Request &versionedParams(const DeleteOptions &options);
    /*!
     * Server-side timeout (`?timeout=30s`) and client-side deadline for the whole request,
     * retries included; when it passes the reply finishes with Error::Kind::Timeout.
     */
    Request &timeout(std::chrono::milliseconds timeout);
    /*!
     * Fails the request with Error::Kind::Timeout when the server sends no byte for \a idle
     * (0 = never), including after a stream started: a watch whose connection died silently
     * ends with an error instead of waiting forever. Default: RestClientOptions::
     * readIdleTimeout until the response starts, nothing after.
     */
    Request &readIdleTimeout(std::chrono::milliseconds idle);

    // Headers and body --------------------------------------------------------------------
    Request &setHeader(const QByteArray &name, const QByteArray &value);
    //! Accept header for this request (default: the client's, usually application/json).
    Request &accept(const QByteArray &accept);
    //! Asks for a server-side Table (RestClient::TableAcceptHeader); decode with Table.
    Request &asTable();
    //! A body, sent with the client's content type (PATCH: the patch type's).
    Request &body(const QByteArray &body);
    Request &body(const QJsonObject &object);
    Request &body(const QJsonDocument &document);
    //! Content-Type of the body, overriding the default.
    Request &contentType(const QByteArray &contentType);
    /*!
     * A streamed body read from \a device while sending. Not owned: it must stay open until
     * the reply finishes. Requests with a streamed body are never retried.
     */
    Request &body(QIODevice *device);

    // Behaviour ---------------------------------------------------------------------------
    //! Whether the client's rate limiter applies (default true; watch() turns it off).
    Request &rateLimited(bool limited);
    //! Overrides the client's maximum number of retries (0 = never retry).
    Request &maxRetries(int retries);

    // Inspection --------------------------------------------------------------------------
    QByteArray verb() const { return m_verb; }
    //! The full URL, as client-go's Request.URL() builds it.
    QUrl url() const;
    //! The path part only (no host, no query).
    QString path() const;
    //! The first builder mistake, if any; send() reports it as the reply's error.
    const std::optional<Error> &error() const { return m_error; }
    const std::shared_ptr<RestClient> &client() const { return m_client; }
    std::optional<std::chrono::milliseconds> requestTimeout() const { return m_timeout; }
    //! What readIdleTimeout() set; empty when the client's default applies.
    std::optional<std::chrono::milliseconds> readIdleTimeoutOverride() const
    {
        return m_readIdleTimeout;
    }
    bool isRateLimited() const { return m_rateLimited; }
    bool hasStreamedBody() const { return m_hasBodyDevice; }
    const QByteArray &bodyData() const { return m_body; }
    QIODevice *bodyDevice() const { return m_bodyDevice.data(); }
    bool hasBody() const { return m_hasBody; }
    QList<QPair<QByteArray, QByteArray>> headers() const { return m_headers; }
    QByteArray acceptHeader() const;
    QByteArray contentTypeHeader() const;
    std::optional<int> maxRetriesOverride() const { return m_maxRetries; }
    QString resourceName() const { return m_resource; }
    QString objectName() const { return m_name; }
    QString namespaceName() const { return m_namespace; }

    // Sending -----------------------------------------------------------------------------
    /*!
     * Sends the request (after the rate limiter lets it through) and buffers the whole body.
     * Returns a new RestReply owned by the caller (deleteLater() it after finished()); it
     * lives on the calling thread, which must be the client's thread.
     */
    RestReply *send() const;
    /*!
     * Like send(), but a 2xx body is not buffered: the reply emits readyRead() as data
     * arrives (logs with follow=true, exec-like streams). Errors are still decoded as Status.
     */
    RestReply *stream() const;
    /*!
     * Starts a watch: adds watch=true unless a watch parameter is set, skips the rate limiter,
     * and returns a WatchStream owned by the caller.
     */
    WatchStream *watch() const;

private:
    void setError(const QString &message);

    std::shared_ptr<RestClient> m_client;
    QByteArray m_verb;
    QString m_pathPrefix;
    QString m_namespace;
    bool m_namespaceSet = false;
    QString m_resource;
    QString m_name;
    QString m_subresource;
    QString m_subpath;
    QueryParams m_params;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_accept;
    QByteArray m_contentType;
    QByteArray m_body;
    bool m_hasBody = false;
    QPointer<QIODevice> m_bodyDevice;
    bool m_hasBodyDevice = false;
    std::optional<std::chrono::milliseconds> m_timeout;
    std::optional<std::chrono::milliseconds> m_readIdleTimeout;
    std::optional<int> m_maxRetries;
    bool m_rateLimited = true;
    std::optional<Error> m_error;
};

} // namespace kube
