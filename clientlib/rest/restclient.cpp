#include "restclient.h"

#include "authprovider.h"
#include "deduplicatingwarninghandler.h"
#include "ratelimiter.h"
#include "restlogging.h"
#include "transport.h"
#include "urlpath.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QNetworkAccessManager>

namespace kube {

std::shared_ptr<RestClient> RestClient::create(const RestConfig &config,
                                               const GroupVersion &groupVersion,
                                               const Options &options)
{
    QString apiPath = options.apiPath;
    if (apiPath.isEmpty())
        apiPath = groupVersion.isCore() ? QStringLiteral("/api") : QStringLiteral("/apis");
    return std::shared_ptr<RestClient>(new RestClient(config, groupVersion, apiPath, options));
}

std::shared_ptr<RestClient> RestClient::createUnversioned(const RestConfig &config,
                                                          const Options &options)
{
    return std::shared_ptr<RestClient>(new RestClient(config, {}, options.apiPath, options));
}

RestClient::RestClient(const RestConfig &config,
                       const GroupVersion &gv,
                       const QString &apiPath,
                       const Options &options)
    : m_config(config)
    , m_groupVersion(gv)
    , m_apiPath(apiPath)
    , m_options(options)
{
    m_baseUrl = config.host.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    // client-go's DefaultServerURL: a bare "host:port" means https.
    // QUrl reads "localhost:6443" as scheme "localhost", path "6443".
    if (m_baseUrl.isValid() && m_baseUrl.host().isEmpty() && !m_baseUrl.scheme().isEmpty()
        && m_baseUrl.scheme() != QLatin1String("https")
        && m_baseUrl.scheme() != QLatin1String("http"))
        m_baseUrl = QUrl(QStringLiteral("https://") + m_baseUrl.toString());
    if (!m_baseUrl.isValid() || m_baseUrl.host().isEmpty()
        || (m_baseUrl.scheme() != QLatin1String("https")
            && m_baseUrl.scheme() != QLatin1String("http"))) {
        m_configError = Error::make(Error::Kind::Config,
                                    QStringLiteral("invalid server URL \"%1\": it must be "
                                                   "https://host[:port] or http://host[:port]")
                                        .arg(config.host.toString()));
    }
    // path.Join(base path, DefaultVersionedAPIPath(apiPath, gv)) as client-go builds it.
    m_versionedApiPath = detail::goPathJoin(
        { m_baseUrl.path(),
          detail::goPathJoin({ QStringLiteral("/"), apiPath, gv.group, gv.version }) });
    if (m_versionedApiPath.isEmpty())
        m_versionedApiPath = QStringLiteral("/");

    if (options.rateLimiter)
        m_rateLimiter = options.rateLimiter;
    else if (config.rateLimiter)
        m_rateLimiter = config.rateLimiter;
    else {
        // client-go's RESTClientFor: QPS 0 and burst 0 mean the defaults (5 and 10), not
        // "unlimited"; only a negative QPS turns the token bucket off.
        const double qps = config.qps == 0.0 ? 5.0 : config.qps;
        const int burst = config.burst == 0 ? 10 : config.burst;
        m_rateLimiter = RateLimiter::create(qps, burst);
    }

    if (options.warningHandler)
        m_warningHandler = options.warningHandler;
    else if (config.warningHandler)
        m_warningHandler = config.warningHandler;
    else
        m_warningHandler = DeduplicatingWarningHandler::processDefault();

    m_userAgent
        = config.userAgent.isEmpty() ? detail::defaultUserAgent() : config.userAgent.toUtf8();

    Result<QNetworkProxy> proxy = detail::proxyFor(config.proxyUrl);
    if (!proxy && !m_configError)
        m_configError = proxy.error();

    if (m_baseUrl.scheme() == QLatin1String("https")) {
        Result<QSslConfiguration> ssl = detail::sslConfigurationFor(config.tls);
        if (ssl)
            m_ssl = *ssl;
        else if (!m_configError)
            m_configError = ssl.error();
    }
    if (m_configError)
        qCWarning(lcRest).noquote() << "client configuration error:" << m_configError->message;

    if (proxy)
        m_proxy = *proxy;
    m_nam = detail::sharedNetworkAccessManager(
        config, proxy ? &*proxy : nullptr, detail::TransportUse::Requests, options.connectionPool);
}

QNetworkAccessManager *RestClient::networkAccessManager(bool forStreams) const
{
    if (!forStreams)
        return m_nam.get();
    if (!m_streamNam) {
        const QString pool = m_options.connectionPool
            + (m_certIdentity.isEmpty() ? QString() : u'|' + QString::fromLatin1(m_certIdentity));
        m_streamNam = detail::sharedNetworkAccessManager(m_config, m_proxy ? &*m_proxy : nullptr,
                                                         detail::TransportUse::Streams, pool);
    }
    return m_streamNam.get();
}

namespace {

QDateTime newestCertFileStamp(const TlsConfig &tls)
{
    QDateTime newest;
    for (const QString &f : { tls.certFile, tls.keyFile }) {
        if (f.isEmpty())
            continue;
        const QDateTime m = QFileInfo(f).lastModified();
        if (!newest.isValid() || m > newest)
            newest = m;
    }
    return newest;
}

} // namespace

std::pair<std::shared_ptr<QNetworkAccessManager>, QSslConfiguration>
RestClient::transportFor(bool forStreams, const Credentials &credentials)
{
    QSslConfiguration ssl = m_ssl;
    QByteArray identity;
    if (!credentials.clientCertificate.isNull() && !credentials.clientKey.isNull()) {
        const QList<QSslCertificate> chain = credentials.clientCertificateChain.isEmpty()
            ? QList<QSslCertificate> { credentials.clientCertificate }
            : credentials.clientCertificateChain;
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(credentials.clientKey);
        QCryptographicHash h(QCryptographicHash::Sha256);
        for (const QSslCertificate &c : chain)
            h.addData(c.toDer());
        h.addData(credentials.clientKey.toDer());
        identity = "exec:" + h.result().toHex();
    } else if (!m_config.tls.certFile.isEmpty() || !m_config.tls.keyFile.isEmpty()) {
        // client-go's dynamic client certificate: files rewritten on disk (cert-manager,
        // a renewed kubeadm admin.conf) are loaded again and old connections abandoned.
        const QDateTime stamp = newestCertFileStamp(m_config.tls);
        if (stamp != m_certFilesStamp) {
            Result<QSslConfiguration> fresh = detail::sslConfigurationFor(m_config.tls);
            if (fresh) {
                if (m_certFilesStamp.isValid())
                    qCInfo(lcRest).noquote() << "client certificate files changed; reloading";
                m_ssl = *fresh;
                m_certFilesStamp = stamp;
            } else {
                // Half-written files: keep using the certificate loaded last.
                qCWarning(lcRest).noquote()
                    << "keeping the previous client certificate:" << fresh.error().message;
            }
            ssl = m_ssl;
        }
        identity = "files:" + m_certFilesStamp.toString(Qt::ISODateWithMs).toUtf8();
    }
    if (identity != m_certIdentity) {
        if (!m_certIdentity.isEmpty())
            qCInfo(lcRest).noquote() << "client certificate changed: new connections from now on";
        m_certIdentity = identity;
        const QString pool = m_options.connectionPool + u'|' + QString::fromLatin1(identity);
        const QNetworkProxy *proxy = m_proxy ? &*m_proxy : nullptr;
        m_nam = detail::sharedNetworkAccessManager(m_config, proxy, detail::TransportUse::Requests,
                                                   pool);
        m_streamNam.reset();
    }
    if (forStreams)
        networkAccessManager(true); // creates the stream manager for this certificate
    return { forStreams ? m_streamNam : m_nam, ssl };
}

RestClient::~RestClient() = default;

Request RestClient::verb(const QByteArray &verb)
{
    return Request(shared_from_this(), verb);
}

Request RestClient::patch(PatchType type)
{
    Request r = verb("PATCH");
    r.contentType(patchContentType(type));
    return r;
}

void RestClient::handleWarnings(const QStringList &warnings)
{
    for (const QString &w : warnings) {
        if (m_warningHandler)
            m_warningHandler->handleWarning(w);
        if (!m_seenWarnings.contains(w)) {
            m_seenWarnings.insert(w);
            emit warning(w);
        }
    }
}

} // namespace kube
