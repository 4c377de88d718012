// End to end: kubeconfig -> RestConfig -> RestClient -> FakeApiServer over real TLS.
#include "config/kubeconfig.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"
#include "testing/fakeapiserver.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using kube::Kubeconfig;
using kube::testing::FakeApiServer;
using kube::testing::FakeApiServerOptions;

namespace {

QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/config/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

QByteArray b64(const QByteArray &pem)
{
    return pem.toBase64();
}

// What a request through the resolved config ended with: HTTP code, or the error.
struct Outcome
{
    int code = 0;
    std::optional<kube::Error> error;
};

Outcome get(const kube::RestConfig &rc, const QString &path = QStringLiteral("/api"))
{
    kube::RestClientOptions options;
    options.retryAfterUnit = std::chrono::milliseconds(1); // a refused handshake is retried as EOF
    auto client = kube::RestClient::createUnversioned(rc, options);
    auto *reply = client->get().absPath(path).send();
    kube::waitFor(reply);
    Outcome o;
    o.code = reply->result().statusCode;
    o.error = reply->result().error;
    reply->deleteLater();
    return o;
}

QString describe(const Outcome &o)
{
    return o.error ? QStringLiteral("HTTP %1: %2").arg(o.code).arg(o.error->message)
                   : QStringLiteral("HTTP %1").arg(o.code);
}

} // namespace

class tst_KubeconfigAuth : public QObject
{
    Q_OBJECT

private:
    // A kubeconfig with one context "t" for \a server, given cluster and user YAML bodies.
    kube::Result<kube::RestConfig> resolve(const QByteArray &clusterBody,
                                           const QByteArray &userBody)
    {
        const QByteArray yaml = "apiVersion: v1\nkind: Config\ncurrent-context: t\n"
                                "clusters:\n- name: c\n  cluster:\n"
            + clusterBody + "users:\n- name: u\n  user:\n"
            + (userBody.isEmpty() ? "    {}\n" : userBody)
            + "contexts:\n- name: t\n  context: {cluster: c, user: u}\n";
        const QString file = m_dir->filePath(QStringLiteral("kubeconfig"));
        QFile f(file);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(yaml);
        f.close();
        auto cfg = Kubeconfig::loadFiles({ file });
        if (!cfg)
            return cfg.error();
        return cfg->restConfig();
    }
    QByteArray server(const FakeApiServer &s)
    {
        return "    server: " + s.url().toString().toUtf8() + "\n";
    }
    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile f(m_dir->filePath(name));
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(content);
        return f.fileName();
    }

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void serverCa_data();
    void serverCa();
    void tlsServerName_data();
    void tlsServerName();
    void mutualTls_data();
    void mutualTls();
    void bearerToken();
    void tokenFile();
    void basicAuth();
    void execPluginRefreshAfter401();
    void execPluginClientCertificate();
    void fakeServerKubeconfig();
};

void tst_KubeconfigAuth::serverCa_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("connects");
    QTest::newRow("right CA from file") << "ca-file" << true;
    QTest::newRow("right CA from data") << "ca-data" << true;
    QTest::newRow("wrong CA") << "wrong-ca" << false;
    QTest::newRow("no CA: system roots do not know it") << "none" << false;
    QTest::newRow("insecure-skip-tls-verify") << "insecure" << true;
}

void tst_KubeconfigAuth::serverCa()
{
    QFETCH(QString, mode);
    QFETCH(bool, connects);
    FakeApiServerOptions options;
    options.tls = true;
    FakeApiServer s(options);
    QVERIFY2(s.start(), qPrintable(s.errorString()));

    QByteArray cluster = server(s);
    if (mode == QLatin1String("ca-file"))
        cluster += "    certificate-authority: "
            + writeFile(QStringLiteral("ca.crt"), s.caCertificatePem()).toUtf8() + "\n";
    else if (mode == QLatin1String("ca-data"))
        cluster += "    certificate-authority-data: " + b64(s.caCertificatePem()) + "\n";
    else if (mode == QLatin1String("wrong-ca"))
        cluster += "    certificate-authority-data: " + b64(fixture(QStringLiteral("pki/ca.crt")))
            + "\n";
    else if (mode == QLatin1String("insecure"))
        cluster += "    insecure-skip-tls-verify: true\n";
    auto rc = resolve(cluster, {});
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    const Outcome o = get(*rc);
    if (connects) {
        QVERIFY2(!o.error && o.code == 200, qPrintable(describe(o)));
    } else {
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, kube::Error::Kind::Tls);
        QVERIFY2(o.error->message.contains(QLatin1String("certificate"), Qt::CaseInsensitive),
                 qPrintable(o.error->message));
    }
}

void tst_KubeconfigAuth::tlsServerName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("connects");
    QTest::newRow("name in the certificate") << "localhost" << true;
    QTest::newRow("name not in the certificate") << "wrong.example" << false;
    QTest::newRow("IP not in the certificate") << "10.0.0.1" << false;
}

void tst_KubeconfigAuth::tlsServerName()
{
    QFETCH(QString, name);
    QFETCH(bool, connects);
    FakeApiServerOptions options;
    options.tls = true;
    FakeApiServer s(options);
    QVERIFY2(s.start(), qPrintable(s.errorString()));
    auto rc = resolve(server(s) + "    certificate-authority-data: " + b64(s.caCertificatePem())
                          + "\n    tls-server-name: " + name.toUtf8() + "\n",
                      {});
    QVERIFY(rc);
    QCOMPARE(rc->tls.serverName, name);
    const Outcome o = get(*rc);
    if (connects) {
        QVERIFY2(!o.error && o.code == 200, qPrintable(describe(o)));
    } else {
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, kube::Error::Kind::Tls);
        // The certificate is valid for 127.0.0.1, the address we connect to: only verifying the
        // tls-server-name makes this fail.
        QVERIFY2(o.error->message.contains(QLatin1String("certificate is valid for"),
                                           Qt::CaseInsensitive),
                 qPrintable(o.error->message));
        // Like Go: the name that was verified (the tls-server-name), not the address dialled.
        QVERIFY2(o.error->message.endsWith(QLatin1String(", not ") + name),
                 qPrintable(o.error->message));
        QVERIFY2(!o.error->message.contains(QLatin1String("not 127.0.0.1")),
                 qPrintable(o.error->message));
        // Go lists the DNS SANs for a name and the IP SANs for an IP, never a mix.
        const bool isIp = !QHostAddress(name).isNull();
        QVERIFY2(o.error->message.contains(QLatin1String("valid for 127.0.0.1")) == isIp,
                 qPrintable(o.error->message));
        QVERIFY2(o.error->message.contains(QLatin1String("localhost")) != isIp,
                 qPrintable(o.error->message));
    }
}

void tst_KubeconfigAuth::mutualTls_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("connects");
    QTest::newRow("client cert and key files") << "files" << true;
    QTest::newRow("client cert and key data") << "data" << true;
    QTest::newRow("no client cert") << "none" << false;
}

void tst_KubeconfigAuth::mutualTls()
{
    QFETCH(QString, mode);
    QFETCH(bool, connects);
    FakeApiServerOptions options;
    options.tls = true;
    options.requireClientCertificate = true;
    FakeApiServer s(options);
    QVERIFY2(s.start(), qPrintable(s.errorString()));
    QByteArray user;
    if (mode == QLatin1String("files")) {
        // Relative paths, resolved against the kubeconfig's folder.
        writeFile(QStringLiteral("client.crt"), s.clientCertificatePem());
        writeFile(QStringLiteral("client.key"), s.clientKeyPem());
        user = "    client-certificate: client.crt\n    client-key: client.key\n";
    } else if (mode == QLatin1String("data")) {
        user = "    client-certificate-data: " + b64(s.clientCertificatePem())
            + "\n    client-key-data: " + b64(s.clientKeyPem()) + "\n";
    }
    auto rc = resolve(
        server(s) + "    certificate-authority-data: " + b64(s.caCertificatePem()) + "\n", user);
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    const Outcome o = get(*rc);
    if (connects)
        QVERIFY2(!o.error && o.code == 200, qPrintable(describe(o)));
    else
        QVERIFY2(o.error, qPrintable(describe(o)));
}

void tst_KubeconfigAuth::bearerToken()
{
    FakeApiServerOptions options;
    options.tls = true;
    options.bearerToken = QStringLiteral("s3cret-token");
    FakeApiServer s(options);
    QVERIFY2(s.start(), qPrintable(s.errorString()));
    const QByteArray ca = "    certificate-authority-data: " + b64(s.caCertificatePem()) + "\n";

    auto good = resolve(server(s) + ca, "    token: s3cret-token\n");
    QVERIFY(good);
    Outcome o = get(*good);
    QVERIFY2(!o.error && o.code == 200, qPrintable(describe(o)));
    QCOMPARE(s.requests().last().authorization, QByteArray("Bearer s3cret-token"));

    auto bad = resolve(server(s) + ca, "    token: wrong\n");
    QVERIFY(bad);
    o = get(*bad);
    QCOMPARE(o.code, 401);
}

void tst_KubeconfigAuth::tokenFile()
{
    FakeApiServerOptions options;
    options.tls = true;
    options.bearerToken = QStringLiteral("file-token");
    FakeApiServer s(options);
    QVERIFY2(s.start(), qPrintable(s.errorString()));
    writeFile(QStringLiteral("token"), "file-token\n");
    auto rc
        = resolve(server(s) + "    certificate-authority-data: " + b64(s.caCertificatePem()) + "\n",
                  "    tokenFile: token\n");
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    Outcome o = get(*rc);
    QVERIFY2(!o.error && o.code == 200, qPrintable(describe(o)));

    // The file is rotated to a token the server does not accept: the next request sends it.
    writeFile(QStringLiteral("token"), "rotated-token-value\n");
    o = get(*rc);
    QCOMPARE(o.code, 401);
    QCOMPARE(s.requests().last().authorization, QByteArray("Bearer rotated-token-value"));
}

void tst_KubeconfigAuth::basicAuth()
{
    FakeApiServerOptions options;
    options.tls = true;
    options.basicUser = QStringLiteral("admin");
    options.basicPassword = QStringLiteral("p4ss:word");
    FakeApiServer s(options);
    QVERIFY2(s.start(), qPrintable(s.errorString()));
    const QByteArray ca = "    certificate-authority-data: " + b64(s.caCertificatePem()) + "\n";
    auto rc = resolve(server(s) + ca, "    username: admin\n    password: \"p4ss:word\"\n");
    QVERIFY(rc);
    Outcome o = get(*rc);
    QVERIFY2(!o.error && o.code == 200, qPrintable(describe(o)));
    auto wrong = resolve(server(s) + ca, "    username: admin\n    password: nope\n");
    QVERIFY(wrong);
    QCOMPARE(get(*wrong).code, 401);
}

void tst_KubeconfigAuth::execPluginRefreshAfter401()
{
    // The server accepts only the plugin's second token: the first request gets a 401, the
    // client invalidates, the plugin runs again and the retry succeeds.
    FakeApiServerOptions options;
    options.tls = true;
    options.bearerToken = QStringLiteral("exec-2");
    FakeApiServer s(options);
    QVERIFY2(s.start(), qPrintable(s.errorString()));
    const QString plugin = QStringLiteral(KUBE_TEST_DATA_DIR "/config/exec/credential.sh");
    const QByteArray user = "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                            "      command: "
        + plugin.toUtf8()
        + "\n      args: [client.authentication.k8s.io/v1, exec]\n"
          "      interactiveMode: Never\n      provideClusterInfo: true\n"
          "      env: [{name: EXEC_STATE_DIR, value: \""
        + m_dir->path().toUtf8() + "\"}]\n";
    auto rc = resolve(
        server(s) + "    certificate-authority-data: " + b64(s.caCertificatePem()) + "\n", user);
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QVERIFY(rc->authProvider);
    Outcome o = get(*rc);
    QVERIFY2(!o.error && o.code == 200, qPrintable(describe(o)));
    QFile runs(m_dir->filePath(QStringLiteral("runs")));
    QVERIFY(runs.open(QIODevice::ReadOnly));
    QCOMPARE(runs.readAll().count('\n'), 2);
    // The token is cached now: the next request does not run the plugin.
    o = get(*rc);
    QVERIFY2(!o.error && o.code == 200, qPrintable(describe(o)));
    runs.seek(0);
    QCOMPARE(runs.readAll().count('\n'), 2);
}

void tst_KubeconfigAuth::execPluginClientCertificate()
{
    // A plugin may return a client certificate instead of a token: mutual TLS with it.
    FakeApiServerOptions options;
    options.tls = true;
    options.requireClientCertificate = true;
    FakeApiServer s(options);
    QVERIFY2(s.start(), qPrintable(s.errorString()));
    const QString cert = writeFile(QStringLiteral("exec-client.crt"), s.clientCertificatePem());
    const QString key = writeFile(QStringLiteral("exec-client.key"), s.clientKeyPem());
    const QString plugin = QStringLiteral(KUBE_TEST_DATA_DIR "/config/exec/cert.sh");
    const QByteArray user = "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n"
                            "      command: "
        + plugin.toUtf8() + "\n      args: [client.authentication.k8s.io/v1beta1, \""
        + cert.toUtf8() + "\", \"" + key.toUtf8() + "\"]\n";
    auto rc = resolve(
        server(s) + "    certificate-authority-data: " + b64(s.caCertificatePem()) + "\n", user);
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QVERIFY(rc->authProvider);
    const Outcome o = get(*rc);
    QVERIFY2(!o.error && o.code == 200, qPrintable(describe(o)));
}

void tst_KubeconfigAuth::fakeServerKubeconfig()
{
    // The kubeconfig FakeApiServer writes (what the demo cluster and CLI tests use) loads and
    // connects.
    FakeApiServerOptions options;
    options.tls = true;
    options.bearerToken = QStringLiteral("demo");
    FakeApiServer s(options);
    QVERIFY2(s.start(), qPrintable(s.errorString()));
    const QString file = s.writeKubeconfig(m_dir->path(), QStringLiteral("fake"));
    Kubeconfig::LoadOptions lo;
    lo.explicitPath = file;
    auto cfg = Kubeconfig::load(lo);
    QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().message));
    auto rc = cfg->restConfig(QStringLiteral("fake"));
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    const Outcome o = get(*rc);
    QVERIFY2(!o.error && o.code == 200, qPrintable(describe(o)));
}

QTEST_GUILESS_MAIN(tst_KubeconfigAuth)
#include "tst_kubeconfigauth.moc"
