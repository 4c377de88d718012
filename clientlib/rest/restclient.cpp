#include "restclient.h"

#include "deduplicatingwarninghandler.h"
#include "ratelimiter.h"
#include "restlogging.h"
#include "transport.h"
#include "urlpath.h"

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
    else
        m_rateLimiter = RateLimiter::create(config.qps, config.burst);

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
    m_nam = detail::sharedNetworkAccessManager(config, proxy ? &*proxy : nullptr);
}

QNetworkAccessManager *RestClient::networkAccessManager(bool forStreams) const
{
    if (!forStreams)
        return m_nam.get();
    if (!m_streamNam)
        m_streamNam = detail::sharedNetworkAccessManager(m_config, m_proxy ? &*m_proxy : nullptr,
                                                         detail::TransportUse::Streams);
    return m_streamNam.get();
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
