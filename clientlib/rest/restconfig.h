#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace kube {

class AuthProvider;
class RateLimiter;
class WarningHandler;

//! TLS settings of a cluster and user, as kubeconfig gives them (paths already absolute).
struct TlsConfig
{
    QString caFile; //!< certificate-authority
    QByteArray caData; //!< certificate-authority-data (PEM, already base64-decoded)
    bool insecure = false; //!< insecure-skip-tls-verify
    QString serverName; //!< tls-server-name: SNI and the name verified in the certificate
    QString certFile; //!< client-certificate
    QByteArray certData; //!< client-certificate-data (PEM)
    QString keyFile; //!< client-key
    QByteArray keyData; //!< client-key-data (PEM; RSA or EC)

    bool hasClientCertificate() const { return !certFile.isEmpty() || !certData.isEmpty(); }
};

//! An exec credential plugin (client.authentication.k8s.io v1 / v1beta1).
struct ExecConfig
{
    QString apiVersion; //!< client.authentication.k8s.io/v1 or v1beta1
    QString command; //!< resolved against the kubeconfig's folder if relative with a '/'
    QStringList args;
    QList<QPair<QString, QString>> env; //!< added to the user's environment
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode; //!< Never, IfAvailable, Always
};

/*!
 * Everything needed to talk to one API server as one user: the resolved form of a kubeconfig
 * context (client-go's rest.Config). A plain value; cheap to copy.
 */
struct RestConfig
{
    QUrl host; //!< https://example:6443, possibly with a path prefix
    /*!
     * The server exactly as the kubeconfig writes it ("https://LocalHost:6443"); empty = the
     * host's string. QUrl lowercases host names, but kubectl names its discovery cache folder
     * and fills exec plugins' spec.cluster.server from this raw string (client-go's
     * rest.Config.Host), so both must use it to share caches with kubectl.
     */
    QString server;
    TlsConfig tls;
    QString bearerToken; //!< wins over bearerTokenFile
    QString bearerTokenFile; //!< re-read when the file changes
    QString username; //!< basic auth
    QString password;
    std::optional<ExecConfig> exec;
    QUrl proxyUrl; //!< http, https or socks5; empty = environment/none
    QString impersonateUser; //!< Impersonate-User ("as")
    QString impersonateUid; //!< Impersonate-Uid ("as-uid")
    QStringList impersonateGroups; //!< one Impersonate-Group header each ("as-groups")
    QMap<QString, QStringList> impersonateExtra; //!< Impersonate-Extra-\<key\> ("as-user-extra")
    //! kubeconfig's disable-compression: ask for uncompressed bodies (no Accept-Encoding: gzip).
    bool disableCompression = false;

    //! As client-go's rest.Config: 0 means the default (5 QPS, burst 10); a negative value
    //! disables client-side rate limiting.
    double qps = 5.0;
    int burst = 10; //!< 0 = the default 10
    //! 0 = no timeout. Bounds every buffered request and is sent as ?timeout= (client-go).
    std::chrono::milliseconds timeout { 0 };
    QString userAgent; //!< empty = defaultUserAgent()

    //! Supplies credentials that need work to obtain (exec plugins). Shared, may be null.
    std::shared_ptr<AuthProvider> authProvider;
    //! Shared by every client made from this config; null = each client builds its own
    //! bucket from qps/burst (client-go's rest.Config.RateLimiter).
    std::shared_ptr<RateLimiter> rateLimiter;
    //! Receives server Warning headers; null = deduplicated to the kube.rest log.
    std::shared_ptr<WarningHandler> warningHandler;

    //! The kubeconfig names this config came from, for messages and caches.
    QString contextName;
    QString clusterName;
    QString userName;
    QString defaultNamespace = QStringLiteral("default");

    //! server when set, else host as a string: what caches and exec plugins are keyed by.
    QString serverString() const { return server.isEmpty() ? host.toString() : server; }
};

} // namespace kube
