#include "config/kubeconfig.h"
#include "config/tokenfileauthprovider.h"

#include <QDir>
#include <QFile>
#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using kube::Kubeconfig;

Q_DECLARE_METATYPE(kube::ConfigOverrides)

namespace {

QString dataDir()
{
    return QStringLiteral(KUBE_TEST_DATA_DIR "/config");
}

QByteArray fixture(const QString &name)
{
    QFile f(dataDir() + u'/' + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

QByteArray pemOf(const QString &name)
{
    return fixture(QStringLiteral("pki/") + name);
}

} // namespace

class tst_Kubeconfig : public QObject
{
    Q_OBJECT

private:
    QString write(const QString &relPath, const QByteArray &content)
    {
        const QString path = m_dir->filePath(relPath);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(content);
        return path;
    }
    QString path(const QString &relPath) const { return m_dir->filePath(relPath); }
    // Writes the three merge fixtures into the temp dir (their paths are relative).
    void writeMergeFiles()
    {
        write(QStringLiteral("a/config"), fixture(QStringLiteral("merge-a.yaml")));
        write(QStringLiteral("b/config"), fixture(QStringLiteral("merge-b.yaml")));
        write(QStringLiteral("c/config"), fixture(QStringLiteral("merge-c.yaml")));
    }

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void precedence_data();
    void precedence();
    void merge_data();
    void merge();
    void missingFiles();
    void loadInBackground();
    void explicitFileMustExist();
    void emptyFiles_data();
    void emptyFiles();
    void relativePaths();
    void fieldResolution_data();
    void fieldResolution();
    void overrides_data();
    void overrides();
    void clientKeyFormats_data();
    void clientKeyFormats();
    void resolutionErrors_data();
    void resolutionErrors();
    void parseErrors_data();
    void parseErrors();
    void fuzzTruncated();
    void fuzzMutated();
    void huge();
    void extensionsKept();
    void inClusterFallback();
    void saveCurrentContext_data();
    void saveCurrentContext();
    void saveNamespacePreservesEverything();
    void saveKeepsPermissionsAndIsAtomic();
    void saveThroughSymlink();
    void savedFileMatchesKubectlView();
    void saveFailureLeavesFileIntact();
    void matchesKubectl_data();
    void matchesKubectl();
};

void tst_Kubeconfig::precedence_data()
{
    QTest::addColumn<QString>("explicitPath");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("explicit wins over KUBECONFIG") << "/x/explicit"
                                                   << "/a:/b" << QStringList { "/x/explicit" };
    QTest::newRow("KUBECONFIG order kept") << ""
                                           << "/a:/b:/c" << QStringList { "/a", "/b", "/c" };
    QTest::newRow("duplicates removed, first kept")
        << ""
        << "/a:/b:/a:/c:/b" << QStringList { "/a", "/b", "/c" };
    QTest::newRow("empty entries skipped") << ""
                                           << ":/a::/b:" << QStringList { "/a", "/b" };
    QTest::newRow("default under home") << ""
                                        << "" << QStringList { "/home/u/.kube/config" };
}

void tst_Kubeconfig::precedence()
{
    QFETCH(QString, explicitPath);
    QFETCH(QString, env);
    QFETCH(QStringList, expected);
    Kubeconfig::LoadOptions o;
    o.explicitPath = explicitPath;
    o.kubeconfigEnv = env;
    o.homeDir = QStringLiteral("/home/u");
    QCOMPARE(Kubeconfig::precedence(o), expected);
}

void tst_Kubeconfig::merge_data()
{
    QTest::addColumn<QStringList>("order"); // folders a, b, c in KUBECONFIG order
    QTest::addColumn<QString>("currentContext");
    QTest::addColumn<QString>("currentFile");
    QTest::addColumn<QString>("sharedServer"); // cluster "shared": first file wins
    QTest::addColumn<QString>("sharedContextNs"); // context "shared": whole entry from first file
    QTest::addColumn<QString>("sharedUserToken");
    QTest::addColumn<QStringList>("contexts");

    // merge-a: current-context a-ctx; defines shared cluster/user/context (ns "from-a").
    // merge-b: no current-context; defines shared (ns "from-b") and b-only entries.
    // merge-c: current-context c-ctx; shared cluster only.
    QTest::newRow("a,b,c") << QStringList { "a", "b", "c" } << "a-ctx"
                           << "a"
                           << "https://a.example:6443"
                           << "from-a"
                           << "token-a" << QStringList { "a-ctx", "shared", "b-ctx", "c-ctx" };
    QTest::newRow("b,a,c") << QStringList { "b", "a", "c" } << "a-ctx"
                           << "a"
                           << "https://b.example:6443"
                           << "from-b"
                           << "token-b" << QStringList { "shared", "b-ctx", "a-ctx", "c-ctx" };
    QTest::newRow("b,c,a") << QStringList { "b", "c", "a" } << "c-ctx"
                           << "c"
                           << "https://b.example:6443"
                           << "from-b"
                           << "token-b" << QStringList { "shared", "b-ctx", "c-ctx", "a-ctx" };
    QTest::newRow("c,b,a") << QStringList { "c", "b", "a" } << "c-ctx"
                           << "c"
                           << "https://c.example:6443"
                           << "from-b"
                           << "token-b" << QStringList { "c-ctx", "shared", "b-ctx", "a-ctx" };
    QTest::newRow("duplicate entry read once")
        << QStringList { "b", "b", "a" } << "a-ctx"
        << "a"
        << "https://b.example:6443"
        << "from-b"
        << "token-b" << QStringList { "shared", "b-ctx", "a-ctx" };
}

void tst_Kubeconfig::merge()
{
    QFETCH(QStringList, order);
    QFETCH(QString, currentContext);
    QFETCH(QString, currentFile);
    QFETCH(QString, sharedServer);
    QFETCH(QString, sharedContextNs);
    QFETCH(QString, sharedUserToken);
    QFETCH(QStringList, contexts);

    writeMergeFiles();
    QStringList files;
    for (const QString &o : order)
        files << path(o + QStringLiteral("/config"));
    Kubeconfig::LoadOptions options;
    options.kubeconfigEnv = files.join(u':');
    auto cfg = Kubeconfig::load(options);
    QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().message));

    QCOMPARE(cfg->currentContext(), currentContext);
    QCOMPARE(cfg->currentContextFile(), path(currentFile + QStringLiteral("/config")));
    QCOMPARE(cfg->contextNames(), contexts);
    QVERIFY(cfg->cluster(QStringLiteral("shared")));
    QCOMPARE(cfg->cluster(QStringLiteral("shared"))->server, sharedServer);
    QCOMPARE(cfg->context(QStringLiteral("shared"))->namespaceName, sharedContextNs);
    QCOMPARE(cfg->user(QStringLiteral("shared"))->token, sharedUserToken);

    // Every entry remembers its file; the winning shared cluster comes from its server's file.
    const QString sharedFolder = sharedServer.mid(8, 1);
    QCOMPARE(cfg->cluster(QStringLiteral("shared"))->sourceFile,
             path(sharedFolder + QStringLiteral("/config")));
    QCOMPARE(cfg->context(QStringLiteral("b-ctx"))->sourceFile, path(QStringLiteral("b/config")));

    // A context's entry is taken whole: "shared" from b has no user, so none leaks in from a.
    if (sharedContextNs == QLatin1String("from-b"))
        QCOMPARE(cfg->context(QStringLiteral("shared"))->user, QString());
    else
        QCOMPARE(cfg->context(QStringLiteral("shared"))->user, QStringLiteral("shared"));
}

void tst_Kubeconfig::missingFiles()
{
    writeMergeFiles();
    Kubeconfig::LoadOptions options;
    options.kubeconfigEnv = path(QStringLiteral("nope/config")) + u':'
        + path(QStringLiteral("b/config")) + u':' + path(QStringLiteral("missing"));
    auto cfg = Kubeconfig::load(options);
    QVERIFY(cfg);
    QCOMPARE(cfg->files(), QStringList { path(QStringLiteral("b/config")) });
    QCOMPARE(cfg->defaultFile(), path(QStringLiteral("b/config")));
    QCOMPARE(cfg->currentContext(), QString());

    // A missing default ~/.kube/config is an empty config, not an error.
    Kubeconfig::LoadOptions home;
    home.kubeconfigEnv = QString();
    home.homeDir = path(QStringLiteral("home"));
    auto empty = Kubeconfig::load(home);
    QVERIFY(empty);
    QVERIFY(empty->isEmpty());
    QCOMPARE(empty->defaultFile(), path(QStringLiteral("home/.kube/config")));
    auto rc = empty->restConfig();
    if (Kubeconfig::inClusterPossible()) {
        // Running in a pod (CI): kubectl falls back to the service account, and so do we.
        QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
        return;
    }
    QVERIFY(!rc);
    QVERIFY2(rc.error().message.contains(QLatin1String("no configuration has been provided")),
             qPrintable(rc.error().message));
}

void tst_Kubeconfig::loadInBackground()
{
    writeMergeFiles();
    Kubeconfig::LoadOptions options;
    options.kubeconfigEnv
        = path(QStringLiteral("c/config")) + u':' + path(QStringLiteral("a/config"));
    QFuture<kube::Result<Kubeconfig>> future = Kubeconfig::loadInBackground(options);
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 20000);
    const kube::Result<Kubeconfig> cfg = future.result();
    QVERIFY(cfg);
    QCOMPARE(cfg->currentContext(), QStringLiteral("c-ctx"));
    QCOMPARE(cfg->contextNames(), QStringList({ "c-ctx", "a-ctx", "shared" }));
}

void tst_Kubeconfig::explicitFileMustExist()
{
    Kubeconfig::LoadOptions options;
    options.explicitPath = path(QStringLiteral("absent.yaml"));
    options.kubeconfigEnv = QString();
    auto cfg = Kubeconfig::load(options);
    QVERIFY(!cfg);
    QVERIFY(cfg.error().message.contains(options.explicitPath));
    QVERIFY(cfg.error().message.contains(QLatin1String("No such file")));
}

void tst_Kubeconfig::emptyFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("zero bytes") << QByteArray();
    QTest::newRow("comments only") << QByteArray("# nothing here\n");
    QTest::newRow("null document") << QByteArray("~\n");
    QTest::newRow("empty lists") << QByteArray("apiVersion: v1\nkind: Config\nclusters: []\n"
                                               "contexts:\nusers: null\npreferences: {}\n");
}

void tst_Kubeconfig::emptyFiles()
{
    QFETCH(QByteArray, content);
    auto cfg = Kubeconfig::parse(content, QStringLiteral("empty.yaml"));
    QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().message));
    QVERIFY(cfg->isEmpty());
}

void tst_Kubeconfig::relativePaths()
{
    // Given a kubeconfig in sub/dir with relative paths and one with absolute paths
    const QString file
        = write(QStringLiteral("sub/dir/config"), fixture(QStringLiteral("relative.yaml")));
    write(QStringLiteral("sub/dir/pki/ca.crt"), pemOf(QStringLiteral("ca.crt")));
    write(QStringLiteral("sub/dir/pki/client.crt"), pemOf(QStringLiteral("client.crt")));
    write(QStringLiteral("sub/dir/pki/client.key"), pemOf(QStringLiteral("client.key")));
    write(QStringLiteral("sub/token"), "tok-from-file\n");

    Kubeconfig::LoadOptions options;
    options.explicitPath = file;
    auto cfg = Kubeconfig::load(options);
    QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().message));
    const QString dir = path(QStringLiteral("sub/dir"));

    // Then every path resolves against the folder of the file that defined it
    const auto *cluster = cfg->cluster(QStringLiteral("rel"));
    QCOMPARE(cluster->certificateAuthority, dir + QStringLiteral("/pki/ca.crt"));
    const auto *user = cfg->user(QStringLiteral("rel"));
    QCOMPARE(user->clientCertificate, dir + QStringLiteral("/pki/client.crt"));
    QCOMPARE(user->clientKey, dir + QStringLiteral("/pki/client.key"));
    QCOMPARE(user->tokenFile, path(QStringLiteral("sub/token")));
    const auto *exec = cfg->user(QStringLiteral("exec-rel"));
    QCOMPARE(exec->exec->command, dir + QStringLiteral("/bin/plugin"));
    // ... but a bare command name is looked up in PATH, and absolute paths stay as they are
    QCOMPARE(cfg->user(QStringLiteral("exec-bare"))->exec->command, QStringLiteral("aws"));
    QCOMPARE(cfg->cluster(QStringLiteral("abs"))->certificateAuthority,
             QStringLiteral("/etc/k8s/ca.crt"));

    auto rc = cfg->restConfig(QStringLiteral("rel"));
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QCOMPARE(rc->tls.caFile, dir + QStringLiteral("/pki/ca.crt"));
    QCOMPARE(rc->tls.certFile, dir + QStringLiteral("/pki/client.crt"));
    QCOMPARE(rc->tls.keyFile, dir + QStringLiteral("/pki/client.key"));
}

void tst_Kubeconfig::fieldResolution_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("tokenFile");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("insecure");
    QTest::addColumn<QString>("serverName");
    QTest::addColumn<QString>("proxy");
    QTest::addColumn<bool>("caData");
    QTest::addColumn<bool>("certData");
    QTest::addColumn<QString>("impersonate");
    QTest::addColumn<bool>("exec");

    // context, host, ns, token, tokenFile, user, pass, insecure, sni, proxy, caData, certData, as,
    // exec
    QTest::newRow("token and namespace") << "token"
                                         << "https://t.example:6443"
                                         << "team-a"
                                         << "abc"
                                         << ""
                                         << ""
                                         << "" << false << ""
                                         << "" << true << false << "" << false;
    // client-go's NewBearerAuthWithRefreshRoundTripper: with both, the file's (re-read) token
    // is sent; the static one is only the fallback while the file cannot be read.
    QTest::newRow("tokenFile wins over token") << "token-and-file"
                                               << "https://t.example:6443"
                                               << "default"
                                               << "abc"
                                               << "TOKENFILE"
                                               << ""
                                               << "" << false << ""
                                               << "" << true << false << "" << false;
    QTest::newRow("tokenFile") << "token-file"
                               << "https://t.example:6443"
                               << "default"
                               << ""
                               << "TOKENFILE"
                               << ""
                               << "" << false << ""
                               << "" << true << false << "" << false;
    QTest::newRow("basic auth") << "basic"
                                << "https://t.example:6443"
                                << "default"
                                << ""
                                << ""
                                << "admin"
                                << "s3cret" << false << ""
                                << "" << true << false << "" << false;
    QTest::newRow("insecure, sni, socks5 proxy")
        << "insecure"
        << "https://10.0.0.1:6443/prefix"
        << "default"
        << ""
        << ""
        << ""
        << "" << true << "kubernetes.default"
        << "socks5://127.0.0.1:1080" << false << false << "" << false;
    QTest::newRow("client cert data, impersonation") << "cert-data"
                                                     << "https://t.example:6443"
                                                     << "default"
                                                     << ""
                                                     << ""
                                                     << ""
                                                     << "" << false << ""
                                                     << "" << true << true << "jane" << false;
    QTest::newRow("exec user") << "exec"
                               << "https://t.example:6443"
                               << "default"
                               << ""
                               << ""
                               << ""
                               << "" << false << ""
                               << "" << true << false << "" << true;
    QTest::newRow("token beats exec (as client-go)") << "exec-and-token"
                                                     << "https://t.example:6443"
                                                     << "default"
                                                     << "tok"
                                                     << ""
                                                     << ""
                                                     << "" << false << ""
                                                     << "" << true << false << "" << false;
    QTest::newRow("http server sends no credentials") << "plain-http"
                                                      << "http://t.example:8080"
                                                      << "default"
                                                      << ""
                                                      << ""
                                                      << ""
                                                      << "" << false << ""
                                                      << "" << false << false << "" << false;
    QTest::newRow("server without scheme and TLS settings is https")
        << "no-scheme"
        << "https://t.example:6443"
        << "default"
        << "abc"
        << ""
        << ""
        << "" << false << ""
        << "" << true << false << "" << false;
}

void tst_Kubeconfig::fieldResolution()
{
    QFETCH(QString, context);
    QFETCH(QString, host);
    QFETCH(QString, ns);
    QFETCH(QString, token);
    QFETCH(QString, tokenFile);
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(bool, insecure);
    QFETCH(QString, serverName);
    QFETCH(QString, proxy);
    QFETCH(bool, caData);
    QFETCH(bool, certData);
    QFETCH(QString, impersonate);
    QFETCH(bool, exec);

    QByteArray yaml = fixture(QStringLiteral("fields.yaml"));
    yaml.replace("@CA@", pemOf(QStringLiteral("ca.crt")).toBase64());
    yaml.replace("@CERT@", pemOf(QStringLiteral("client.crt")).toBase64());
    yaml.replace("@KEY@", pemOf(QStringLiteral("client.key")).toBase64());
    const QString file = write(QStringLiteral("fields.yaml"), yaml);
    write(QStringLiteral("token.txt"), "  file-token \n");
    auto cfg = Kubeconfig::loadFiles({ file });
    QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().message));

    auto rc = cfg->restConfig(context);
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QCOMPARE(rc->contextName, context);
    QCOMPARE(rc->host.toString(), host);
    QCOMPARE(rc->defaultNamespace, ns);
    QCOMPARE(rc->bearerToken, token);
    if (tokenFile.isEmpty()) {
        QVERIFY(rc->bearerTokenFile.isEmpty());
    } else {
        QCOMPARE(rc->bearerTokenFile, path(QStringLiteral("token.txt")));
        auto *provider = dynamic_cast<kube::TokenFileAuthProvider *>(rc->authProvider.get());
        QVERIFY(provider);
        QCOMPARE(*provider->token(), QStringLiteral("file-token"));
    }
    QCOMPARE(rc->username, username);
    QCOMPARE(rc->password, password);
    QCOMPARE(rc->tls.insecure, insecure);
    QCOMPARE(rc->tls.serverName, serverName);
    QCOMPARE(rc->proxyUrl.toString(), proxy);
    QCOMPARE(!rc->tls.caData.isEmpty(), caData);
    if (caData)
        QCOMPARE(rc->tls.caData, pemOf(QStringLiteral("ca.crt")));
    QCOMPARE(!rc->tls.certData.isEmpty(), certData);
    QCOMPARE(!rc->tls.keyData.isEmpty(), certData);
    QCOMPARE(rc->impersonateUser, impersonate);
    QCOMPARE(rc->exec.has_value(), exec);
    if (exec) {
        QVERIFY(rc->authProvider);
        QCOMPARE(rc->exec->args, QStringList({ "eks", "get-token" }));
        QCOMPARE(rc->exec->interactiveMode, QStringLiteral("IfAvailable")); // v1beta1 default
        QCOMPARE(rc->exec->env.size(), 1);
    } else if (tokenFile.isEmpty()) {
        QVERIFY(!rc->authProvider);
    }
}

void tst_Kubeconfig::overrides_data()
{
    QTest::addColumn<kube::ConfigOverrides>("overrides");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("serverName");
    QTest::addColumn<bool>("insecure");
    QTest::addColumn<bool>("hasCa");
    QTest::addColumn<QString>("user");

    kube::ConfigOverrides none;
    QTest::newRow("none: current context") << none << "https://o.example:6443"
                                           << "ns-a"
                                           << "tok-a"
                                           << "sni.example" << false << true << "ua";
    kube::ConfigOverrides ctx;
    ctx.context = QStringLiteral("b");
    QTest::newRow("--context") << ctx << "https://o2.example:6443"
                               << "default"
                               << "tok-b"
                               << "" << false << false << "ub";
    kube::ConfigOverrides ns;
    ns.namespaceName = QStringLiteral("kube-system");
    QTest::newRow("--namespace") << ns << "https://o.example:6443"
                                 << "kube-system"
                                 << "tok-a"
                                 << "sni.example" << false << true << "ua";
    kube::ConfigOverrides server;
    server.server = QStringLiteral("https://other:443");
    QTest::newRow("--server clears tls-server-name") << server << "https://other:443"
                                                     << "ns-a"
                                                     << "tok-a"
                                                     << "" << false << true << "ua";
    kube::ConfigOverrides serverSni = server;
    serverSni.tlsServerName = QStringLiteral("given");
    QTest::newRow("--server with --tls-server-name") << serverSni << "https://other:443"
                                                     << "ns-a"
                                                     << "tok-a"
                                                     << "given" << false << true << "ua";
    kube::ConfigOverrides insecure;
    insecure.insecureSkipTlsVerify = true;
    QTest::newRow("--insecure-skip-tls-verify drops the CA")
        << insecure << "https://o.example:6443"
        << "ns-a"
        << "tok-a"
        << "sni.example" << true << false << "ua";
    kube::ConfigOverrides token;
    token.token = QStringLiteral("flag-token");
    QTest::newRow("--token") << token << "https://o.example:6443"
                             << "ns-a"
                             << "flag-token"
                             << "sni.example" << false << true << "ua";
    kube::ConfigOverrides userCluster;
    userCluster.user = QStringLiteral("ub");
    userCluster.cluster = QStringLiteral("cb");
    QTest::newRow("--user and --cluster") << userCluster << "https://o2.example:6443"
                                          << "ns-a"
                                          << "tok-b"
                                          << "" << false << false << "ub";
}

void tst_Kubeconfig::overrides()
{
    QFETCH(kube::ConfigOverrides, overrides);
    QFETCH(QString, host);
    QFETCH(QString, ns);
    QFETCH(QString, token);
    QFETCH(QString, serverName);
    QFETCH(bool, insecure);
    QFETCH(bool, hasCa);
    QFETCH(QString, user);

    QByteArray yaml = fixture(QStringLiteral("overrides.yaml"));
    yaml.replace("@CA@", pemOf(QStringLiteral("ca.crt")).toBase64());
    auto cfg = Kubeconfig::parse(yaml, path(QStringLiteral("o.yaml")));
    QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().message));
    auto rc = cfg->restConfig(overrides);
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QCOMPARE(rc->host.toString(), host);
    QCOMPARE(rc->defaultNamespace, ns);
    QCOMPARE(rc->bearerToken, token);
    QCOMPARE(rc->tls.serverName, serverName);
    QCOMPARE(rc->tls.insecure, insecure);
    QCOMPARE(!rc->tls.caData.isEmpty(), hasCa);
    QCOMPARE(rc->userName, user);
}

void tst_Kubeconfig::clientKeyFormats_data()
{
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<bool>("asData");
    QTest::addColumn<bool>("valid");
    for (bool asData : { false, true }) {
        const char *how = asData ? "client-key-data" : "client-key";
        QTest::addRow("EC PKCS#8 (%s)", how) << "client.key" << asData << true;
        QTest::addRow("EC SEC1 (%s)", how) << "ec-sec1.key" << asData << true;
        QTest::addRow("RSA PKCS#1 (%s)", how) << "rsa-pkcs1.key" << asData << true;
        QTest::addRow("RSA PKCS#8 (%s)", how) << "rsa-pkcs8.key" << asData << true;
        QTest::addRow("a certificate is not a key (%s)", how) << "ca.crt" << asData << false;
    }
}

void tst_Kubeconfig::clientKeyFormats()
{
    QFETCH(QString, keyFile);
    QFETCH(bool, asData);
    QFETCH(bool, valid);
    const QString keyPath = write(QStringLiteral("k.pem"), pemOf(keyFile));
    QByteArray yaml = "clusters:\n- name: c\n  cluster: {server: https://k:6443}\n"
                      "users:\n- name: u\n  user:\n    client-certificate-data: "
        + pemOf(QStringLiteral("client.crt")).toBase64() + "\n";
    if (asData)
        yaml += "    client-key-data: " + pemOf(keyFile).toBase64() + "\n";
    else
        yaml += "    client-key: " + keyPath.toUtf8() + "\n";
    yaml += "contexts:\n- name: x\n  context: {cluster: c, user: u}\n";
    auto cfg = Kubeconfig::parse(yaml, path(QStringLiteral("k.yaml")));
    QVERIFY(cfg);
    auto rc = cfg->restConfig(QStringLiteral("x"));
    QCOMPARE(bool(rc), valid);
    if (!valid) {
        QVERIFY2(rc.error().message.contains(QLatin1String("is not a PEM RSA or EC private key")),
                 qPrintable(rc.error().message));
    } else if (asData) {
        QCOMPARE(rc->tls.keyData, pemOf(keyFile));
    } else {
        QCOMPARE(rc->tls.keyFile, keyPath);
    }
}

void tst_Kubeconfig::resolutionErrors_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QStringList>("expected"); // substrings of the message

    QTest::newRow("missing context lists contexts")
        << "nope" << QStringList { "context \"nope\" does not exist; available: " };
    QTest::newRow("missing cluster")
        << "bad-cluster"
        << QStringList { "cluster \"ghost\" (used by context \"bad-cluster\") "
                         "does not exist; available: ",
                         "c1, c2" };
    QTest::newRow("missing user")
        << "bad-user"
        << QStringList {
               "user \"ghost\" (used by context \"bad-user\") does not exist; available: ",
               "u-both, u-cert-no-key, u-exec-nocmd, u-exec-v1, u-exec-v2, u-gcp, "
               "u-missing-key, u-missing-token, u1"
           };
    QTest::newRow("unreadable CA names path and OS error")
        << "missing-ca"
        << QStringList { "certificate-authority", "/nonexistent/ca.crt",
                         "No such file or directory" };
    QTest::newRow("unreadable client key")
        << "missing-key" << QStringList { "client-key", "/nonexistent/client.key", "No such file" };
    QTest::newRow("unreadable tokenFile")
        << "missing-token" << QStringList { "tokenFile", "/nonexistent/token", "No such file" };
    QTest::newRow("CA and CA data") << "both-ca"
                                    << QStringList { "certificate-authority-data and "
                                                     "certificate-authority are both "
                                                     "specified for cluster \"c-both\"" };
    QTest::newRow("token and basic auth")
        << "token-basic"
        << QStringList { "more than one authentication method found for user "
                         "\"u-both\"; found [token basicAuth]" };
    QTest::newRow("exec v1 needs interactiveMode")
        << "exec-v1"
        << QStringList { "interactiveMode must be specified for u-exec-v1 to use "
                         "exec authentication plugin" };
    QTest::newRow("exec invalid apiVersion")
        << "exec-bad-version"
        << QStringList { "exec plugin: invalid apiVersion \"client.authentication.k8s.io/v2\"" };
    QTest::newRow("exec without command")
        << "exec-no-command" << QStringList { "command must be specified for u-exec-nocmd" };
    QTest::newRow("cert without key")
        << "cert-no-key" << QStringList { "client-key-data or client-key must be specified" };
    QTest::newRow("bad proxy scheme")
        << "bad-proxy"
        << QStringList { "invalid 'proxy-url' \"ftp://p:21\"", "must be http, https, or socks5" };
    QTest::newRow("no server") << "no-server"
                               << QStringList { "no server found for cluster \"c-empty\"" };
    QTest::newRow("gcp auth-provider")
        << "gcp" << QStringList { "gcp auth-provider", "gke-gcloud-auth-plugin" };
    QTest::newRow("CA file that is not PEM")
        << "garbage-ca" << QStringList { "contains no PEM certificate" };
}

void tst_Kubeconfig::resolutionErrors()
{
    QFETCH(QString, context);
    QFETCH(QStringList, expected);
    write(QStringLiteral("garbage.crt"), "not a certificate\n");
    const QString file
        = write(QStringLiteral("errors.yaml"), fixture(QStringLiteral("errors.yaml")));
    auto cfg = Kubeconfig::loadFiles({ file });
    QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().message));
    auto rc = cfg->restConfig(context);
    QVERIFY(!rc);
    for (const QString &part : expected)
        QVERIFY2(rc.error().message.contains(part), qPrintable(rc.error().message));
    if (context == QLatin1String("nope")) {
        // Every context is listed, sorted.
        QStringList sorted = cfg->contextNames();
        sorted.sort();
        QVERIFY2(rc.error().message.endsWith(sorted.join(QStringLiteral(", "))),
                 qPrintable(rc.error().message));
        QCOMPARE(rc.error().kind, kube::Error::Kind::NotFound);
    }
}

void tst_Kubeconfig::parseErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // substring, with FILE replaced by the path

    QTest::newRow("malformed YAML: file:line:col")
        << fixture(QStringLiteral("malformed.yaml")) << "FILE:6:";
    QTest::newRow("truncated flow map")
        << QByteArray("apiVersion: v1\nclusters:\n- name: x\n  cluster: {server: https://a,\n")
        << "FILE:";
    QTest::newRow("not a map: list")
        << QByteArray("- a\n- b\n") << "FILE:1:1: a kubeconfig must be a YAML map";
    QTest::newRow("not a map: scalar")
        << QByteArray("hello\n") << "a kubeconfig must be a YAML map";
    QTest::newRow("clusters not a list")
        << QByteArray("apiVersion: v1\nclusters: 5\n") << "FILE:2:11: clusters must be a list";
    QTest::newRow("cluster body not a map") << QByteArray("clusters:\n- name: x\n  cluster: [1]\n")
                                            << "FILE:3:12: cluster \"x\" must be a map";
    QTest::newRow("bool field not a bool")
        << QByteArray("clusters:\n- name: x\n  cluster:\n    insecure-skip-tls-verify: maybe\n")
        << "FILE:4:31: insecure-skip-tls-verify of cluster \"x\" must be true or false";
    QTest::newRow("invalid base64 names field and place")
        << QByteArray("clusters:\n- name: x\n  cluster:\n    server: https://a\n"
                      "    certificate-authority-data: '%%%not-base64'\n")
        << "FILE:5:33: certificate-authority-data of cluster \"x\" is not valid base64";
    QTest::newRow("invalid base64 key data")
        << QByteArray("users:\n- name: u\n  user:\n    client-key-data: abc\n")
        << "client-key-data of user \"u\" is not valid base64";
    QTest::newRow("duplicate name in one file") << QByteArray("contexts:\n- name: a\n- name: a\n")
                                                << "FILE:3:3: duplicate name \"a\" in contexts";
    QTest::newRow("wrong kind") << QByteArray("apiVersion: v1\nkind: Pod\n") << "kind is \"Pod\"";
    static const char elf[] = "\x7f"
                              "ELF\x02\x01\x01\0\0\0\x03\0>\0";
    QTest::newRow("binary garbage")
        << QByteArray(elf, sizeof(elf) - 1)
        << "FILE:1:1: not a YAML file (control character 0x7f; control characters are not "
           "allowed)";
    // Found by fuzz_kubeconfig: yaml-cpp 0.7 never returned from these 8 bytes.
    QTest::newRow("control character (yaml-cpp hang)")
        << QByteArray(" !,\nk\x1fk\x1f")
        << "FILE:2:2: not a YAML file (control character 0x1f; control characters are not "
           "allowed)";
    // Found by fuzz_kubeconfig: yaml-cpp 0.7 loops forever on a "," at document level.
    QTest::newRow("flow entry first (yaml-cpp hang)")
        << QByteArray(" ,`") << "FILE:1: did not find expected node content";
    QTest::newRow("flow entry after a document marker")
        << QByteArray("# c\n--- ,\n") << "FILE:2: did not find expected node content";
    QTest::newRow("flow entry after a top-level sequence")
        << QByteArray(" - a\n\n ,\n") << "FILE:3: did not find expected node content";
    QTest::newRow("flow entry after a tag (yaml-cpp hang)")
        << QByteArray(" !,;k;k") << "FILE:1: did not find expected node content";
    QTest::newRow("flow entry after an anchor on its own line")
        << QByteArray("&a\n,\n") << "FILE:2: did not find expected node content";
    QTest::newRow("flow entry after a quoted scalar (yaml-cpp hang)")
        << QByteArray("\"abc\"\n,\n") << "FILE:2: did not find expected node content";
    QTest::newRow("flow entry continuing a value in a map is the parser's to judge")
        << QByteArray("apiVersion: v1\nclusters: 5\n  ,\n") << "FILE:2:11: clusters must be a list";
    QTest::newRow("NUL byte") << QByteArray("apiVersion: v1\nkind: C\0onfig\n", 29)
                              << "FILE:2:8: not a YAML file (control character 0x00";
    QTest::newRow("two documents")
        << QByteArray("apiVersion: v1\n---\napiVersion: v1\n") << "more than one YAML document";
    QTest::newRow("1000 levels of block nesting") << [] {
        QByteArray y;
        for (int i = 0; i < 1000; ++i)
            y += QByteArray(i * 2, ' ') + "k:\n";
        return y;
    }() << "nested too deeply";
    QTest::newRow("1000 levels of flow nesting")
        << QByteArray("clusters: ") + QByteArray(1000, '[') + QByteArray(1000, ']') + "\n"
        << "nested too deeply";
    // An apostrophe in a plain scalar hides the brackets from our pre-scan; yaml-cpp's own
    // depth guard must then stop it.
    QTest::newRow("3000 levels hidden from the pre-scan")
        << QByteArray("a: it's\nb: ") + QByteArray(3000, '[') + QByteArray(3000, ']') + "\n"
        << "FILE:2:";
    QTest::newRow("100000 unbalanced [") << QByteArray(100000, '[') << "nested too deeply";
    QTest::newRow("1000 levels of '- '") << QByteArray("users:\n") + [] {
        QByteArray y;
        for (int i = 0; i < 1000; ++i)
            y += "- ";
        return y + "x\n";
    }() << "nested too deeply";
}

void tst_Kubeconfig::parseErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString file = write(QStringLiteral("bad.yaml"), content);
    expected.replace(QStringLiteral("FILE"), file);

    auto direct = Kubeconfig::parse(content, file);
    QVERIFY(!direct);
    QVERIFY2(direct.error().message.contains(expected), qPrintable(direct.error().message));

    // Loaded through KUBECONFIG the error also says which file failed to load.
    Kubeconfig::LoadOptions options;
    options.kubeconfigEnv = file;
    auto loaded = Kubeconfig::load(options);
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().message.startsWith(
                 QStringLiteral("error loading config file \"%1\"").arg(file)),
             qPrintable(loaded.error().message));
    QVERIFY2(loaded.error().message.contains(expected), qPrintable(loaded.error().message));
}

void tst_Kubeconfig::fuzzTruncated()
{
    // Every prefix of a real kubeconfig either parses or gives an error: never a crash.
    QByteArray yaml = fixture(QStringLiteral("fields.yaml"));
    yaml.replace("@CA@", pemOf(QStringLiteral("ca.crt")).toBase64());
    yaml.replace("@CERT@", pemOf(QStringLiteral("client.crt")).toBase64());
    yaml.replace("@KEY@", pemOf(QStringLiteral("client.key")).toBase64());
    int ok = 0;
    int failed = 0;
    for (qsizetype n = 0; n <= yaml.size(); n += 7) {
        auto cfg = Kubeconfig::parse(yaml.left(n), QStringLiteral("t.yaml"));
        if (cfg) {
            ++ok;
            for (const QString &ctx : cfg->contextNames())
                (void)cfg->restConfig(ctx); // must not crash either
        } else {
            ++failed;
            QVERIFY(cfg.error().message.startsWith(QLatin1String("t.yaml")));
        }
    }
    QVERIFY(ok > 0);
    QVERIFY(failed > 0);
}

void tst_Kubeconfig::fuzzMutated()
{
    QByteArray yaml = fixture(QStringLiteral("fields.yaml"));
    yaml.replace("@CA@", pemOf(QStringLiteral("ca.crt")).toBase64());
    yaml.replace("@CERT@", "AAAA");
    yaml.replace("@KEY@", "AAAA");
    QRandomGenerator rng(42); // deterministic
    const char alphabet[] = "[]{}:-,'\"#&*!|>%@` \n\t\xff\x80";
    for (int round = 0; round < 1500; ++round) {
        QByteArray m = yaml;
        const int edits = 1 + int(rng.bounded(8));
        for (int e = 0; e < edits; ++e) {
            const auto pos = rng.bounded(int(m.size()));
            m[pos] = alphabet[rng.bounded(int(sizeof(alphabet) - 1))];
        }
        auto cfg = Kubeconfig::parse(m, QStringLiteral("m.yaml"));
        if (cfg) {
            for (const QString &ctx : cfg->contextNames())
                (void)cfg->restConfig(ctx);
        }
    }
}

void tst_Kubeconfig::huge()
{
    // Over the size limit: refused before parsing, with the file named.
    const QString file = path(QStringLiteral("huge.yaml"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# padding\n");
        QVERIFY(f.resize(Kubeconfig::maxFileSize + 1)); // sparse: cheap to make
    }
    auto cfg = Kubeconfig::loadFiles({ file });
    QVERIFY(!cfg);
    QVERIFY2(cfg.error().message.contains(file)
                 && cfg.error().message.contains(QLatin1String("too large")),
             qPrintable(cfg.error().message));

    // Many entries under the limit are fine (a big real-world kubeconfig).
    QByteArray many = "apiVersion: v1\nkind: Config\nclusters:\n";
    for (int i = 0; i < 2000; ++i)
        many += QByteArray("- name: c") + QByteArray::number(i)
            + "\n  cluster:\n    server: https://c" + QByteArray::number(i) + ":6443\n";
    auto big = Kubeconfig::parse(many, QStringLiteral("big.yaml"));
    QVERIFY(big);
    QCOMPARE(big->clusters().size(), 2000);

    // An alias bomb does not expand without bound.
    QByteArray bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; ++c, ++prev) {
        bomb += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [";
        for (int i = 0; i < 10; ++i)
            bomb += QByteArray(i ? ", *" : "*") + QByteArray(1, prev);
        bomb += "]\n";
    }
    bomb += "clusters:\n- name: x\n  cluster:\n    server: https://x\n    extensions:\n"
            "    - name: boom\n      extension: *k\n";
    auto bombed = Kubeconfig::parse(bomb, QStringLiteral("bomb.yaml"));
    QVERIFY(
        bombed); // parsed; the extension is cut off by the walk budget, not expanded 10^10 times
}

void tst_Kubeconfig::extensionsKept()
{
    auto cfg
        = Kubeconfig::parse(fixture(QStringLiteral("extensions.yaml")), QStringLiteral("e.yaml"));
    QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().message));
    const auto ext = cfg->cluster(QStringLiteral("c"))->extensions;
    const QJsonObject exec
        = ext.value(QStringLiteral("client.authentication.k8s.io/exec")).toObject();
    QCOMPARE(exec.value(QStringLiteral("audience")).toString(), QStringLiteral("kube"));
    QCOMPARE(exec.value(QStringLiteral("port")).toDouble(), 8443.0);
    QCOMPARE(exec.value(QStringLiteral("quoted")).toString(),
             QStringLiteral("true")); // stays a string
    QCOMPARE(exec.value(QStringLiteral("flag")).toBool(), true);
    QCOMPARE(
        cfg->context(QStringLiteral("ctx"))->extensions.value(QStringLiteral("note")).toString(),
        QStringLiteral("hello"));
    // preferences and unknown fields are ignored without complaint
    QCOMPARE(cfg->currentContext(), QStringLiteral("ctx"));
}

void tst_Kubeconfig::inClusterFallback()
{
    // Given a pod's service account and environment, and no kubeconfig
    const QString sa = path(QStringLiteral("sa"));
    write(QStringLiteral("sa/token"), "pod-token\n");
    write(QStringLiteral("sa/ca.crt"), pemOf(QStringLiteral("ca.crt")));
    write(QStringLiteral("sa/namespace"), "team-ns");
    qputenv("KUBERNETES_SERVICE_HOST", "10.96.0.1");
    qputenv("KUBERNETES_SERVICE_PORT", "443");
    auto cleanup = qScopeGuard([] {
        qunsetenv("KUBERNETES_SERVICE_HOST");
        qunsetenv("KUBERNETES_SERVICE_PORT");
    });
    QVERIFY(Kubeconfig::inClusterPossible(sa));
    auto rc = Kubeconfig::inClusterConfig(sa);
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QCOMPARE(rc->host.toString(), QStringLiteral("https://10.96.0.1:443"));
    QCOMPARE(rc->tls.caFile, sa + QStringLiteral("/ca.crt"));
    QCOMPARE(rc->defaultNamespace, QStringLiteral("team-ns"));
    auto *provider = dynamic_cast<kube::TokenFileAuthProvider *>(rc->authProvider.get());
    QVERIFY(provider);
    QCOMPARE(*provider->token(), QStringLiteral("pod-token"));

    qputenv("KUBERNETES_SERVICE_HOST", "fd00::1");
    QCOMPARE(Kubeconfig::inClusterConfig(sa)->host.toString(),
             QStringLiteral("https://[fd00::1]:443"));
    qputenv("POD_NAMESPACE", "from-env");
    QCOMPARE(Kubeconfig::inClusterConfig(sa)->defaultNamespace, QStringLiteral("from-env"));
    qunsetenv("POD_NAMESPACE");

    // Without the token there is no in-cluster config
    QVERIFY(!Kubeconfig::inClusterPossible(path(QStringLiteral("nothing"))));
    qunsetenv("KUBERNETES_SERVICE_PORT");
    QVERIFY(!Kubeconfig::inClusterPossible(sa));
    QVERIFY(!Kubeconfig::inClusterConfig(sa));
}

void tst_Kubeconfig::saveCurrentContext_data()
{
    QTest::addColumn<QStringList>("order");
    QTest::addColumn<QString>("newContext");
    QTest::addColumn<QString>("writtenFile");

    QTest::newRow("into the file that sets current-context")
        << QStringList { "b", "c", "a" } << "a-ctx"
        << "c";
    QTest::newRow("first file when it sets it") << QStringList { "a", "b" } << "b-ctx"
                                                << "a";
    QTest::newRow("first existing file when none sets it")
        << QStringList { "missing", "b" } << "shared"
        << "b";
}

void tst_Kubeconfig::saveCurrentContext()
{
    QFETCH(QStringList, order);
    QFETCH(QString, newContext);
    QFETCH(QString, writtenFile);
    writeMergeFiles();
    QStringList files;
    for (const QString &o : order)
        files << path(o + QStringLiteral("/config"));
    QMap<QString, QByteArray> before;
    for (const QString &f : files) {
        QFile in(f);
        if (in.open(QIODevice::ReadOnly))
            before[f] = in.readAll();
    }
    Kubeconfig::LoadOptions options;
    options.kubeconfigEnv = files.join(u':');
    auto cfg = Kubeconfig::load(options);
    QVERIFY(cfg);
    auto saved = cfg->saveCurrentContext(newContext);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
    QCOMPARE(cfg->currentContext(), newContext);

    // Reloading sees the new context; only the one file changed.
    auto again = Kubeconfig::load(options);
    QVERIFY(again);
    QCOMPARE(again->currentContext(), newContext);
    QCOMPARE(again->currentContextFile(), path(writtenFile + QStringLiteral("/config")));
    for (const QString &f : files) {
        QFile in(f);
        if (!in.open(QIODevice::ReadOnly))
            continue;
        if (f == path(writtenFile + QStringLiteral("/config")))
            QVERIFY(in.readAll() != before[f]);
        else
            QCOMPARE(in.readAll(), before[f]);
    }
    // Unknown contexts are refused.
    QVERIFY(!cfg->saveCurrentContext(QStringLiteral("ghost")));
}

void tst_Kubeconfig::saveNamespacePreservesEverything()
{
    const QByteArray original = fixture(QStringLiteral("roundtrip.yaml"));
    const QString file = write(QStringLiteral("rt.yaml"), original);
    auto cfg = Kubeconfig::loadFiles({ file });
    QVERIFY(cfg);
    // A value that looks like a bool or a number is written quoted, so it stays a string.
    for (const QString &ns :
         { QStringLiteral("true"), QStringLiteral("0123"), QStringLiteral("null") }) {
        QVERIFY(cfg->saveNamespace(QStringLiteral("dev"), ns));
        auto reread = Kubeconfig::loadFiles({ file });
        QVERIFY(reread);
        QCOMPARE(reread->context(QStringLiteral("dev"))->namespaceName, ns);
    }
    QVERIFY(cfg->saveNamespace(QStringLiteral("dev"), QStringLiteral("team-x")));
    QCOMPARE(cfg->context(QStringLiteral("dev"))->namespaceName, QStringLiteral("team-x"));

    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray written = f.readAll();
    // Then the document equals the original except for that one value, unknown fields included.
    auto before = kube::Kubeconfig::parse(original, file);
    auto after = kube::Kubeconfig::parse(written, file);
    QVERIFY2(after, qPrintable(after ? QString() : after.error().message + "\n" + written));
    QCOMPARE(after->context(QStringLiteral("dev"))->namespaceName, QStringLiteral("team-x"));
    QCOMPARE(after->context(QStringLiteral("prod"))->namespaceName,
             before->context(QStringLiteral("prod"))->namespaceName);
    QCOMPARE(after->cluster(QStringLiteral("c"))->certificateAuthorityData,
             before->cluster(QStringLiteral("c"))->certificateAuthorityData);
    QCOMPARE(after->cluster(QStringLiteral("c"))->extensions,
             before->cluster(QStringLiteral("c"))->extensions);
    for (const char *kept : { "preferences:", "colors: true", "x-unknown-top: keep me",
                              "x-unknown-cluster: 42", "\"true\"", "\"0123\"", "future-field:",
                              "- nested", "current-context: prod", "installHint:" }) {
        QVERIFY2(written.contains(kept), qPrintable(QByteArray(kept) + " lost in:\n" + written));
    }
    // Removing the namespace deletes the key.
    QVERIFY(cfg->saveNamespace(QStringLiteral("prod"), QString()));
    auto removed = Kubeconfig::loadFiles({ file });
    QVERIFY(removed);
    QCOMPARE(removed->context(QStringLiteral("prod"))->namespaceName, QString());
    QCOMPARE(removed->context(QStringLiteral("dev"))->namespaceName, QStringLiteral("team-x"));
}

void tst_Kubeconfig::saveKeepsPermissionsAndIsAtomic()
{
    const QString file
        = write(QStringLiteral("perm/config"), fixture(QStringLiteral("roundtrip.yaml")));
    const auto perms = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup;
    QVERIFY(QFile::setPermissions(file, perms));
    auto cfg = Kubeconfig::loadFiles({ file });
    QVERIFY(cfg);
    QVERIFY(cfg->saveCurrentContext(QStringLiteral("dev")));
    QCOMPARE(QFile::permissions(file) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser), perms);
    // No temporary file is left beside it.
    QCOMPARE(QDir(path(QStringLiteral("perm"))).entryList(QDir::Files | QDir::Hidden),
             QStringList { "config" });
}

void tst_Kubeconfig::saveThroughSymlink()
{
    // ~/.kube/config is often a symlink into a dotfiles repository: keep the link.
    const QString real
        = write(QStringLiteral("dotfiles/kubeconfig"), fixture(QStringLiteral("roundtrip.yaml")));
    const QString link = path(QStringLiteral("link-config"));
    QVERIFY(QFile::link(real, link));
    auto cfg = Kubeconfig::loadFiles({ link });
    QVERIFY(cfg);
    QVERIFY(cfg->saveCurrentContext(QStringLiteral("dev")));
    QVERIFY(QFileInfo(link).isSymLink());
    auto reread = Kubeconfig::loadFiles({ real });
    QVERIFY(reread);
    QCOMPARE(reread->currentContext(), QStringLiteral("dev"));
}

void tst_Kubeconfig::savedFileMatchesKubectlView()
{
    // kubectl reads what we wrote exactly as it read the original, except the changed value.
    const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    const QString file
        = write(QStringLiteral("view/config"), fixture(QStringLiteral("roundtrip.yaml")));
    auto view = [&] {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir->path());
        env.remove(QStringLiteral("KUBECONFIG"));
        p.setProcessEnvironment(env);
        p.start(kubectl, { "config", "view", "--raw", "-o", "json", "--kubeconfig", file });
        p.waitForFinished(30000);
        return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    };
    QJsonObject before = view();
    QVERIFY(!before.isEmpty());
    auto cfg = Kubeconfig::loadFiles({ file });
    QVERIFY(cfg);
    QVERIFY(cfg->saveNamespace(QStringLiteral("dev"), QStringLiteral("team-x")));
    QVERIFY(cfg->saveCurrentContext(QStringLiteral("dev")));
    const QJsonObject after = view();

    QJsonArray contexts = before.value("contexts").toArray();
    for (qsizetype i = 0; i < contexts.size(); ++i) {
        QJsonObject c = contexts[i].toObject();
        if (c.value("name").toString() == QLatin1String("dev")) {
            QJsonObject body = c.value("context").toObject();
            body.insert("namespace", QStringLiteral("team-x"));
            c.insert("context", body);
            contexts[i] = c;
        }
    }
    before.insert("contexts", contexts);
    before.insert("current-context", QStringLiteral("dev"));
    QCOMPARE(after, before);
}

void tst_Kubeconfig::saveFailureLeavesFileIntact()
{
    const QString file
        = write(QStringLiteral("ro/config"), fixture(QStringLiteral("roundtrip.yaml")));
    auto cfg = Kubeconfig::loadFiles({ file });
    QVERIFY(cfg);
    {
        // The file turned into garbage since it was loaded: nothing is written over it.
        write(QStringLiteral("ro/config"), "clusters: [\n");
        auto saved = cfg->saveNamespace(QStringLiteral("dev"), QStringLiteral("x"));
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.contains(file + QStringLiteral(":2:")),
                 qPrintable(saved.error().message));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("clusters: [\n"));
        write(QStringLiteral("ro/config"), fixture(QStringLiteral("roundtrip.yaml")));
    }
    // A folder we cannot write to: QSaveFile cannot create its temporary file, so the old file
    // stays exactly as it was (root ignores permissions: skip then).
    QFile::setPermissions(path(QStringLiteral("ro")),
                          QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    QFile probe(path(QStringLiteral("ro/probe")));
    if (probe.open(QIODevice::WriteOnly)) {
        QFile::setPermissions(path(QStringLiteral("ro")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                  | QFileDevice::ExeOwner);
        QSKIP("running as root: directory permissions are not enforced");
    }
    auto saved = cfg->saveCurrentContext(QStringLiteral("dev"));
    QFile::setPermissions(path(QStringLiteral("ro")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(!saved);
    QVERIFY2(saved.error().message.contains(file), qPrintable(saved.error().message));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), fixture(QStringLiteral("roundtrip.yaml")));
    QCOMPARE(cfg->currentContext(), QStringLiteral("prod"));
}

void tst_Kubeconfig::matchesKubectl_data()
{
    QTest::addColumn<QStringList>("order");
    QTest::newRow("a,b,c") << QStringList { "a", "b", "c" };
    QTest::newRow("b,a,c") << QStringList { "b", "a", "c" };
    QTest::newRow("c,b,a") << QStringList { "c", "b", "a" };
}

void tst_Kubeconfig::matchesKubectl()
{
    // Same files, same answers as kubectl's own merge.
    QFETCH(QStringList, order);
    const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    writeMergeFiles();
    QStringList files;
    for (const QString &o : order)
        files << path(o + QStringLiteral("/config"));
    Kubeconfig::LoadOptions options;
    options.kubeconfigEnv = files.join(u':');
    auto cfg = Kubeconfig::load(options);
    QVERIFY(cfg);

    auto run = [&](const QStringList &args) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KUBECONFIG"), files.join(u':'));
        env.insert(QStringLiteral("HOME"), m_dir->path());
        p.setProcessEnvironment(env);
        p.start(kubectl, args);
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    };
    QCOMPARE(run({ "config", "current-context" }), cfg->currentContext());
    QCOMPARE(run({ "config", "get-contexts", "-o", "name" }).split(u'\n'), [&] {
        QStringList s = cfg->contextNames();
        s.sort();
        return s;
    }());
    for (const QString &ctx : cfg->contextNames()) {
        const QStringList fields = run({ "config", "view", "--minify", "--context", ctx, "-o",
                                         "jsonpath={.clusters[0].cluster.server}|"
                                         "{.contexts[0].context.namespace}" })
                                       .split(u'|');
        QCOMPARE(fields.size(), 2);
        const QString server = fields[0];
        const QString ns = fields[1];
        const auto *context = cfg->context(ctx);
        const auto *cluster = cfg->cluster(context->cluster);
        QCOMPARE(server, cluster ? cluster->server : QString());
        QCOMPARE(ns, context->namespaceName);
    }
}

QTEST_GUILESS_MAIN(tst_Kubeconfig)
#include "tst_kubeconfig.moc"
