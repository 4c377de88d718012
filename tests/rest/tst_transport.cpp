#include "rest/transport.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QRegularExpression>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

using namespace kube;

namespace {
QString fixturePath(const QString &name)
{
    return QStringLiteral(KUBE_TEST_DATA_DIR "/rest/") + name;
}
QByteArray fixture(const QString &name)
{
    QFile f(fixturePath(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}
} // namespace

// TLS, proxy and connection sharing: what RestClient builds from a RestConfig.
class tst_Transport : public QObject
{
    Q_OBJECT

private slots:
    void clientKeys_data();
    void clientKeys();
    void caReplacesSystemRoots();
    void insecure();
    void tlsErrors_data();
    void tlsErrors();
    void unreadableFileNamesPathAndCause();
    void proxies_data();
    void proxies();
    void sharedManagerPerTransport();
    void userAgent();
};

void tst_Transport::clientKeys_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("fromFiles");
    QTest::addColumn<int>("algorithm");
    QTest::newRow("rsa pkcs8 data") << "client-rsa.crt"
                                    << "client-rsa.key" << false << int(QSsl::Rsa);
    QTest::newRow("rsa pkcs1 file") << "client-rsa.crt"
                                    << "client-rsa-pkcs1.key" << true << int(QSsl::Rsa);
    QTest::newRow("ec sec1 data") << "client-ec.crt"
                                  << "client-ec.key" << false << int(QSsl::Ec);
    QTest::newRow("ec pkcs8 file") << "client-ec.crt"
                                   << "client-ec-pkcs8.key" << true << int(QSsl::Ec);
}

void tst_Transport::clientKeys()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(bool, fromFiles);
    QFETCH(int, algorithm);
    TlsConfig tls;
    if (fromFiles) {
        tls.certFile = fixturePath(cert);
        tls.keyFile = fixturePath(key);
    } else {
        tls.certData = fixture(cert);
        tls.keyData = fixture(key);
    }
    const Result<QSslConfiguration> ssl = detail::sslConfigurationFor(tls);
    QVERIFY2(ssl, ssl ? "" : qPrintable(ssl.error().message));
    QVERIFY(!ssl->localCertificate().isNull());
    QVERIFY(!ssl->privateKey().isNull());
    QCOMPARE(int(ssl->privateKey().algorithm()), algorithm);
}

void tst_Transport::caReplacesSystemRoots()
{
    TlsConfig tls;
    tls.caData = fixture("client-ec.crt") + fixture("client-rsa.crt");
    const Result<QSslConfiguration> ssl = detail::sslConfigurationFor(tls);
    QVERIFY(ssl);
    QCOMPARE(ssl->caCertificates().size(), 2);
    QCOMPARE(ssl->peerVerifyMode(), QSslConfiguration::defaultConfiguration().peerVerifyMode());
}

void tst_Transport::insecure()
{
    TlsConfig tls;
    tls.insecure = true;
    const Result<QSslConfiguration> ssl = detail::sslConfigurationFor(tls);
    QVERIFY(ssl);
    QCOMPARE(ssl->peerVerifyMode(), QSslSocket::VerifyNone);
}

void tst_Transport::tlsErrors_data()
{
    QTest::addColumn<TlsConfig>("tls");
    QTest::addColumn<QString>("message");
    TlsConfig badCa;
    badCa.caFile = fixturePath("bad.pem");
    QTest::newRow("bad CA PEM")
        << badCa
        << QStringLiteral("unable to load root certificates from certificate-authority \"%1\": no "
                          "valid PEM certificate found")
               .arg(badCa.caFile);
    TlsConfig caAndInsecure;
    caAndInsecure.caData = fixture("client-ec.crt");
    caAndInsecure.insecure = true;
    QTest::newRow("CA with insecure")
        << caAndInsecure
        << "specifying a root certificates file with the insecure flag is not allowed";
    TlsConfig certOnly;
    certOnly.certData = fixture("client-ec.crt");
    QTest::newRow("cert without key")
        << certOnly << "client-certificate is set but client-key is not: both are needed";
    TlsConfig keyOnly;
    keyOnly.keyData = fixture("client-ec.key");
    QTest::newRow("key without cert")
        << keyOnly << "client-key is set but client-certificate is not: both are needed";
    TlsConfig badKey;
    badKey.certData = fixture("client-ec.crt");
    badKey.keyData = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    QTest::newRow("bad key") << badKey
                             << "unable to load the client key from client-key-data: not a PEM RSA "
                                "or EC private key (or it is encrypted)";
    TlsConfig badCert;
    badCert.certData = "garbage";
    badCert.keyData = fixture("client-ec.key");
    QTest::newRow("bad cert") << badCert
                              << "unable to load the client certificate from "
                                 "client-certificate-data: no valid PEM certificate found";
}

void tst_Transport::tlsErrors()
{
    QFETCH(TlsConfig, tls);
    QFETCH(QString, message);
    const Result<QSslConfiguration> ssl = detail::sslConfigurationFor(tls);
    QVERIFY(!ssl);
    QCOMPARE(ssl.error().kind, Error::Kind::Tls);
    QCOMPARE(ssl.error().message, message);
}

void tst_Transport::unreadableFileNamesPathAndCause()
{
    QTemporaryDir dir;
    TlsConfig tls;
    tls.caFile = dir.filePath("missing-ca.crt");
    Result<QSslConfiguration> ssl = detail::sslConfigurationFor(tls);
    QVERIFY(!ssl);
    QCOMPARE(
        ssl.error().message,
        QStringLiteral("could not read certificate-authority \"%1\": No such file or directory")
            .arg(tls.caFile));

    // A file we may not read (skipped when running as root, who may read anything).
    const QString locked = dir.filePath("locked.key");
    {
        QFile f(locked);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(fixture("client-ec.key"));
    }
    QFile::setPermissions(locked, QFileDevice::WriteOwner);
    QFile probe(locked);
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("running with permission to read a 0200 file");
    TlsConfig tls2;
    tls2.certFile = fixturePath("client-ec.crt");
    tls2.keyFile = locked;
    ssl = detail::sslConfigurationFor(tls2);
    QVERIFY(!ssl);
    QCOMPARE(ssl.error().message,
             QStringLiteral("could not read client-key \"%1\": Permission denied").arg(locked));
}

void tst_Transport::proxies_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::newRow("none") << "" << int(QNetworkProxy::NoProxy) << "" << 0 << "";
    QTest::newRow("http") << "http://proxy.corp:3128" << int(QNetworkProxy::HttpProxy)
                          << "proxy.corp" << 3128 << "";
    QTest::newRow("https default port")
        << "https://proxy.corp" << int(QNetworkProxy::HttpProxy) << "proxy.corp" << 443 << "";
    QTest::newRow("socks5 with user")
        << "socks5://al%40ice:pw@10.0.0.1:1080" << int(QNetworkProxy::Socks5Proxy) << "10.0.0.1"
        << 1080 << "al@ice";
}

void tst_Transport::proxies()
{
    QFETCH(QString, url);
    QFETCH(int, type);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    const Result<QNetworkProxy> p = detail::proxyFor(QUrl(url));
    QVERIFY(p);
    QCOMPARE(int(p->type()), type);
    QCOMPARE(p->hostName(), host);
    if (port)
        QCOMPARE(int(p->port()), port);
    QCOMPARE(p->user(), user);
}

void tst_Transport::sharedManagerPerTransport()
{
    RestConfig a;
    a.host = QUrl("https://10.0.0.1:6443");
    RestConfig sameServerOtherPath = a;
    sameServerOtherPath.host = QUrl("https://10.0.0.1:6443/prefix");
    RestConfig otherUser = a;
    otherUser.tls.certData = fixture("client-ec.crt");
    otherUser.tls.keyData = fixture("client-ec.key");
    auto m1 = detail::sharedNetworkAccessManager(a, nullptr);
    auto m2 = detail::sharedNetworkAccessManager(sameServerOtherPath, nullptr);
    auto m3 = detail::sharedNetworkAccessManager(otherUser, nullptr);
    QCOMPARE(m1.get(), m2.get()); // same transport: one connection pool (and HTTP/2 session)
    QVERIFY(m1.get() != m3.get()); // another client certificate never shares connections
    QPointer<QNetworkAccessManager> watched = m3.get();
    m3.reset();
    QTRY_VERIFY(watched.isNull()); // the last user gone, the manager goes too
    const Result<QNetworkProxy> bad = detail::proxyFor(QUrl("ftp://proxy"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().kind, Error::Kind::Config);
}

void tst_Transport::userAgent()
{
    const QByteArray ua = detail::defaultUserAgent();
    QVERIFY2(
        QRegularExpression(
            R"(^kubrowser/v[0-9.]+ \((linux|darwin|windows|freebsd)/(amd64|arm64|386|arm|[a-z0-9_]+)\) kubernetes/v[0-9.]+$)")
            .match(QString::fromUtf8(ua))
            .hasMatch(),
        ua.constData());
}

QTEST_GUILESS_MAIN(tst_Transport)
#include "tst_transport.moc"
