#include "transport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>
#include <QSslCertificate>
#include <QSslKey>
#include <QSysInfo>
#include <QThread>

#include "kubeclient_version.h"

#include <mutex>

namespace kube::detail {

namespace {

Result<QByteArray> readPemFile(const QString &path, const QString &what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(
            Error::Kind::Tls,
            QStringLiteral("could not read %1 \"%2\": %3").arg(what, path, f.errorString()));
    return f.readAll();
}

Result<QByteArray> pemFrom(const QString &file, const QByteArray &data, const QString &what)
{
    if (!data.isEmpty())
        return data;
    return readPemFile(file, what);
}

QString source(const QString &file, const QString &what)
{
    return file.isEmpty() ? what + QStringLiteral("-data")
                          : QStringLiteral("%1 \"%2\"").arg(what, file);
}

// http_proxy & co. from the environment, but never for loopback hosts: Go's
// ProxyFromEnvironment makes the same exception, and tests talk to 127.0.0.1.
class EnvironmentProxyFactory final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        const QString host = query.peerHostName();
        QHostAddress address;
        if (host == QLatin1String("localhost")
            || (address.setAddress(host) && address.isLoopback()))
            return { QNetworkProxy(QNetworkProxy::NoProxy) };
        return systemProxyForQuery(query);
    }
};

} // namespace

Result<QSslConfiguration> sslConfigurationFor(const TlsConfig &tls)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    const bool hasCa = !tls.caFile.isEmpty() || !tls.caData.isEmpty();
    if (tls.insecure && hasCa)
        return Error::make(Error::Kind::Tls,
                           QStringLiteral("specifying a root certificates file with the insecure "
                                          "flag is not allowed"));
    if (hasCa) {
        Result<QByteArray> pem
            = pemFrom(tls.caFile, tls.caData, QStringLiteral("certificate-authority"));
        if (!pem)
            return pem.error();
        const QList<QSslCertificate> cas = QSslCertificate::fromData(*pem, QSsl::Pem);
        if (cas.isEmpty())
            return Error::make(
                Error::Kind::Tls,
                QStringLiteral("unable to load root certificates from %1: no "
                               "valid PEM certificate found")
                    .arg(source(tls.caFile, QStringLiteral("certificate-authority"))));
        // Only the cluster's CA is trusted, as client-go does when one is configured.
        ssl.setCaCertificates(cas);
    }
    if (tls.insecure)
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);

    const bool hasCert = tls.hasClientCertificate();
    const bool hasKey = !tls.keyFile.isEmpty() || !tls.keyData.isEmpty();
    if (hasCert != hasKey)
        return Error::make(Error::Kind::Tls,
                           hasCert ? QStringLiteral("client-certificate is set but client-key is "
                                                    "not: both are needed")
                                   : QStringLiteral("client-key is set but client-certificate is "
                                                    "not: both are needed"));
    if (hasCert) {
        Result<QByteArray> certPem
            = pemFrom(tls.certFile, tls.certData, QStringLiteral("client-certificate"));
        if (!certPem)
            return certPem.error();
        const QList<QSslCertificate> chain = QSslCertificate::fromData(*certPem, QSsl::Pem);
        if (chain.isEmpty())
            return Error::make(
                Error::Kind::Tls,
                QStringLiteral("unable to load the client certificate from %1: no "
                               "valid PEM certificate found")
                    .arg(source(tls.certFile, QStringLiteral("client-certificate"))));
        Result<QByteArray> keyPem = pemFrom(tls.keyFile, tls.keyData, QStringLiteral("client-key"));
        if (!keyPem)
            return keyPem.error();
        QSslKey key;
        for (QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
            key = QSslKey(*keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
            if (!key.isNull())
                break;
        }
        if (key.isNull())
            return Error::make(Error::Kind::Tls,
                               QStringLiteral("unable to load the client key from %1: not a PEM "
                                              "RSA or EC private key (or it is encrypted)")
                                   .arg(source(tls.keyFile, QStringLiteral("client-key"))));
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(key);
    }
    return ssl;
}

Result<QNetworkProxy> proxyFor(const QUrl &proxyUrl)
{
    if (proxyUrl.isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QString scheme = proxyUrl.scheme().toLower();
    QNetworkProxy::ProxyType type;
    int defaultPort = 0;
    if (scheme == QLatin1String("http")) {
        type = QNetworkProxy::HttpProxy;
        defaultPort = 80;
    } else if (scheme == QLatin1String("https")) {
        // Qt speaks plain HTTP CONNECT to proxies; the tunnel itself is still TLS end to end.
        type = QNetworkProxy::HttpProxy;
        defaultPort = 443;
    } else if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h")) {
        type = QNetworkProxy::Socks5Proxy;
        defaultPort = 1080;
    } else {
        return Error::make(Error::Kind::Config,
                           QStringLiteral("unsupported proxy-url scheme \"%1\" in %2: use http, "
                                          "https or socks5")
                               .arg(scheme, proxyUrl.toDisplayString(QUrl::RemoveUserInfo)));
    }
    if (proxyUrl.host().isEmpty())
        return Error::make(Error::Kind::Config,
                           QStringLiteral("proxy-url %1 has no host").arg(proxyUrl.toString()));
    return QNetworkProxy(type, proxyUrl.host(), static_cast<quint16>(proxyUrl.port(defaultPort)),
                         proxyUrl.userName(QUrl::FullyDecoded),
                         proxyUrl.password(QUrl::FullyDecoded));
}

std::shared_ptr<QNetworkAccessManager> sharedNetworkAccessManager(const RestConfig &config,
                                                                  const QNetworkProxy *proxy,
                                                                  TransportUse use,
                                                                  const QString &pool)
{
    // QNetworkAccessManager pools connections by host and port only, not by client
    // certificate: two users of one server must not share one, so the key covers everything
    // that identifies the transport (client-go's tlsCacheKey).
    QCryptographicHash h(QCryptographicHash::Sha256);
    auto add = [&h](const QByteArray &b) {
        h.addData(QByteArray::number(b.size()));
        h.addData(":");
        h.addData(b);
    };
    add(config.host.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toEncoded());
    add(config.tls.caFile.toUtf8());
    add(config.tls.caData);
    add(config.tls.insecure ? "1" : "0");
    add(config.tls.serverName.toUtf8());
    add(config.tls.certFile.toUtf8());
    add(config.tls.certData);
    add(config.tls.keyFile.toUtf8());
    add(config.tls.keyData);
    add(config.proxyUrl.toEncoded());
    // The exec plugin / auth provider may hand out client certificates per request.
    add(QByteArray::number(reinterpret_cast<quintptr>(config.authProvider.get())));
    add(use == TransportUse::Streams ? "streams" : "requests");
    add(pool.toUtf8());
    const QByteArray key = h.result();

    thread_local QHash<QByteArray, std::weak_ptr<QNetworkAccessManager>> managers;
    if (auto existing = managers.value(key).lock())
        return existing;
    // Drop entries whose managers are gone so the pool does not grow without bound.
    managers.removeIf([](const auto &it) { return it.value().expired(); });

    auto *nam = new QNetworkAccessManager;
    if (proxy && proxy->type() != QNetworkProxy::NoProxy) {
        nam->setProxy(*proxy);
    } else {
        nam->setProxyFactory(new EnvironmentProxyFactory); // owned by nam
    }
    // deleteLater: the last reference may go away inside one of the manager's own signals.
    std::shared_ptr<QNetworkAccessManager> shared(
        nam, [](QNetworkAccessManager *m) { m->deleteLater(); });
    managers.insert(key, shared);
    return shared;
}

QByteArray defaultUserAgent()
{
    QString os = QSysInfo::kernelType(); // linux, darwin, winnt, freebsd
    if (os == QLatin1String("winnt"))
        os = QStringLiteral("windows");
    QString arch = QSysInfo::buildCpuArchitecture();
    if (arch == QLatin1String("x86_64"))
        arch = QStringLiteral("amd64");
    else if (arch == QLatin1String("i386"))
        arch = QStringLiteral("386");
    QString version = QStringLiteral(KUBROWSER_VERSION_STRING);
    if (!version.startsWith(QLatin1Char('v')))
        version.prepend(QLatin1Char('v'));
    return QStringLiteral("kubrowser/%1 (%2/%3) kubernetes/%4")
        .arg(version, os, arch, QStringLiteral(KUBROWSER_KUBERNETES_VERSION))
        .toUtf8();
}

} // namespace kube::detail
