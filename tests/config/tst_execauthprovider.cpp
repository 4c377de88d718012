#include "config/execauthprovider.h"
#include "config/execpluginmonitor.h"
#include "config/kubeconfig.h"
#include "config/loginshellpath.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMutex>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using kube::Credentials;
using kube::ExecAuthProvider;
using kube::Result;

namespace {

const QString v1 = QStringLiteral("client.authentication.k8s.io/v1");
const QString v1beta1 = QStringLiteral("client.authentication.k8s.io/v1beta1");

QString execDir()
{
    return QStringLiteral(KUBE_TEST_DATA_DIR "/config/exec");
}

QString script(const QString &name)
{
    return execDir() + u'/' + name;
}

// Collects every callback, so tests can check "exactly once".
struct Collector
{
    QList<Result<Credentials>> results;
    std::function<void(Result<Credentials>)> callback()
    {
        return [this](Result<Credentials> r) { results.append(r); };
    }
};

} // namespace

class tst_ExecAuthProvider : public QObject
{
    Q_OBJECT

private:
    ExecAuthProvider::Options
    options(const QString &command, const QStringList &args, const QString &apiVersion = v1)
    {
        ExecAuthProvider::Options o;
        o.exec.apiVersion = apiVersion;
        o.exec.command = command;
        o.exec.args = args;
        o.exec.interactiveMode = QStringLiteral("Never");
        o.userName = QStringLiteral("test-user");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("EXEC_STATE_DIR"), m_state->path());
        o.environment = env;
        return o;
    }
    Result<Credentials> get(ExecAuthProvider &provider)
    {
        Collector c;
        provider.credentials(c.callback());
        [&] { QTRY_COMPARE_WITH_TIMEOUT(c.results.size(), 1, 20000); }();
        if (c.results.isEmpty())
            return kube::Error::make(kube::Error::Kind::Timeout, QStringLiteral("test: no answer"));
        return c.results.first();
    }
    QString stateFile(const QString &name) const
    {
        QFile f(m_state->filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll());
    }

    std::unique_ptr<QTemporaryDir> m_state;
    QTemporaryDir m_loginBin; // a directory only the (fake) login shell's PATH has

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The login shell is asked once per process: point it at a stand-in before anyone asks.
        QVERIFY(QFile::copy(script(QStringLiteral("credential.sh")),
                            m_loginBin.filePath(QStringLiteral("kubrowser-login-only-plugin"))));
        qputenv("SHELL", script(QStringLiteral("loginshell.sh")).toUtf8());
        qputenv("FAKE_LOGIN_PATH", m_loginBin.path().toUtf8());
    }
    void init() { m_state = std::make_unique<QTemporaryDir>(); }

    void token_data();
    void token();
    void execInfoAndEnvironment_data();
    void execInfoAndEnvironment();
    void commandFoundInPath();
    void expiry();
    void invalidateReruns();
    void concurrentCallersShareOneRun();
    void doesNotBlockTheEventLoop();
    void callerOnAnotherThread();
    void clientCertificate();
    void outputErrors_data();
    void outputErrors();
    void failureIncludesStderr();
    void hangTimesOut();
    void missingBinaryHint_data();
    void missingBinaryHint();
    void interactiveAlwaysWithoutTerminal();
    void destroyedWhileRunning();
    void fromKubeconfig();
    void loginShellPathQuery();
    void pluginFoundOnLoginShellPath_data();
    void pluginFoundOnLoginShellPath();
    void stderrReportedLive();
    void cancelFromMonitor();
    void interactiveInputForwarded();
};

void tst_ExecAuthProvider::token_data()
{
    QTest::addColumn<QString>("apiVersion");
    QTest::newRow("v1") << v1;
    QTest::newRow("v1beta1") << v1beta1;
}

void tst_ExecAuthProvider::token()
{
    QFETCH(QString, apiVersion);
    ExecAuthProvider provider(
        options(script(QStringLiteral("credential.sh")), { apiVersion, "tok" }, apiVersion));
    auto c = get(provider);
    QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
    QCOMPARE(c->authorizationHeader, QByteArray("Bearer tok-1"));
    QVERIFY(c->clientCertificate.isNull());
    QCOMPARE(provider.runCount(), 1);
    QVERIFY(!provider.expiry().isValid()); // no expirationTimestamp: cached until invalidated

    // Cached: answered synchronously, the plugin does not run again.
    Collector again;
    provider.credentials(again.callback());
    QCOMPARE(again.results.size(), 1);
    QCOMPARE(again.results.first()->authorizationHeader, QByteArray("Bearer tok-1"));
    QCOMPARE(provider.runCount(), 1);
}

void tst_ExecAuthProvider::execInfoAndEnvironment_data()
{
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<bool>("provideClusterInfo");
    QTest::newRow("v1 with cluster info") << v1 << true;
    QTest::newRow("v1beta1 with cluster info") << v1beta1 << true;
    QTest::newRow("v1 without cluster info") << v1 << false;
}

void tst_ExecAuthProvider::execInfoAndEnvironment()
{
    QFETCH(QString, apiVersion);
    QFETCH(bool, provideClusterInfo);
    auto o = options(script(QStringLiteral("credential.sh")), { apiVersion, "t" }, apiVersion);
    o.exec.env = { { QStringLiteral("PLUGIN_REGION"), QStringLiteral("eu-west-1") },
                   { QStringLiteral("HOME_OVERRIDE"), QStringLiteral("a b=c") } };
    o.exec.provideClusterInfo = provideClusterInfo;
    o.environment->insert(QStringLiteral("USER_ONLY_VAR"), QStringLiteral("from-user"));
    o.cluster = QJsonObject { { "server", "https://k.example:6443" },
                              { "tls-server-name", "k8s" },
                              { "certificate-authority-data", "Q0E=" },
                              { "config", QJsonObject { { "audience", "kube" } } } };
    ExecAuthProvider provider(o);
    auto c = get(provider);
    QVERIFY2(c, qPrintable(c ? QString() : c.error().message));

    // The user's environment plus the exec env reach the plugin
    const QString env = stateFile(QStringLiteral("env-1"));
    QVERIFY(env.contains(QLatin1String("PLUGIN_REGION=eu-west-1\n")));
    QVERIFY(env.contains(QLatin1String("HOME_OVERRIDE=a b=c\n")));
    QVERIFY(env.contains(QLatin1String("USER_ONLY_VAR=from-user\n")));
    QVERIFY(env.contains(QLatin1String("PATH=")));

    // ... and KUBERNETES_EXEC_INFO is an ExecCredential of the configured version
    const QJsonObject info
        = QJsonDocument::fromJson(stateFile(QStringLiteral("info-1")).toUtf8()).object();
    QCOMPARE(info.value("apiVersion").toString(), apiVersion);
    QCOMPARE(info.value("kind").toString(), QStringLiteral("ExecCredential"));
    const QJsonObject spec = info.value("spec").toObject();
    QVERIFY(spec.contains("interactive"));
    QCOMPARE(spec.value("interactive").toBool(), false);
    QCOMPARE(spec.contains("cluster"), provideClusterInfo);
    if (provideClusterInfo) {
        const QJsonObject cluster = spec.value("cluster").toObject();
        QCOMPARE(cluster.value("server").toString(), QStringLiteral("https://k.example:6443"));
        QCOMPARE(cluster.value("tls-server-name").toString(), QStringLiteral("k8s"));
        QCOMPARE(cluster.value("certificate-authority-data").toString(), QStringLiteral("Q0E="));
        QCOMPARE(cluster.value("config").toObject().value("audience").toString(),
                 QStringLiteral("kube"));
    }
}

void tst_ExecAuthProvider::commandFoundInPath()
{
    // A bare command name is looked up in the PATH the plugin gets (the user's PATH).
    auto o = options(QStringLiteral("credential.sh"), { v1, "p" });
    o.environment->insert(QStringLiteral("PATH"), execDir() + QStringLiteral(":/usr/bin:/bin"));
    ExecAuthProvider provider(o);
    auto c = get(provider);
    QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
    QCOMPARE(c->authorizationHeader, QByteArray("Bearer p-1"));
}

void tst_ExecAuthProvider::expiry()
{
    // Given credentials that already expired: every request runs the plugin again
    ExecAuthProvider expired(
        options(script(QStringLiteral("credential.sh")), { v1, "old", "2001-01-01T00:00:00Z" }));
    QCOMPARE(get(expired)->authorizationHeader, QByteArray("Bearer old-1"));
    QCOMPARE(get(expired)->authorizationHeader, QByteArray("Bearer old-2"));
    QCOMPARE(expired.runCount(), 2);

    // Given credentials valid until 2099 (with an offset and fractional seconds): cached
    ExecAuthProvider fresh(options(script(QStringLiteral("print.sh")),
                                   { execDir() + QStringLiteral("/future-expiry.json") }));
    QCOMPARE(get(fresh)->authorizationHeader, QByteArray("Bearer fresh"));
    QCOMPARE(get(fresh)->authorizationHeader, QByteArray("Bearer fresh"));
    QCOMPARE(fresh.runCount(), 1);
    QCOMPARE(fresh.expiry(), QDateTime(QDate(2099, 6, 1), QTime(8, 0, 0, 500), Qt::UTC));
}

void tst_ExecAuthProvider::invalidateReruns()
{
    ExecAuthProvider provider(options(script(QStringLiteral("credential.sh")), { v1, "tok" }));
    QCOMPARE(get(provider)->authorizationHeader, QByteArray("Bearer tok-1"));
    QCOMPARE(get(provider)->authorizationHeader, QByteArray("Bearer tok-1"));
    // The server answered 401: the REST client invalidates, the next request gets a new token.
    provider.invalidate();
    QCOMPARE(get(provider)->authorizationHeader, QByteArray("Bearer tok-2"));
    QCOMPARE(provider.runCount(), 2);
}

void tst_ExecAuthProvider::concurrentCallersShareOneRun()
{
    auto o = options(script(QStringLiteral("credential.sh")), { v1, "shared" });
    const QString gate = m_state->filePath(QStringLiteral("gate"));
    o.environment->insert(QStringLiteral("EXEC_WAIT_FOR"), gate);
    ExecAuthProvider provider(o);
    Collector a, b, c;
    provider.credentials(a.callback());
    provider.credentials(b.callback());
    // The plugin is running (it waits for the gate): nobody has an answer yet.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_state->filePath(QStringLiteral("env-1"))), 20000);
    provider.credentials(c.callback());
    QVERIFY(a.results.isEmpty() && b.results.isEmpty() && c.results.isEmpty());
    QFile(gate).open(QIODevice::WriteOnly);
    QTRY_COMPARE_WITH_TIMEOUT(c.results.size(), 1, 20000);
    for (const Collector *col : { &a, &b, &c }) {
        QCOMPARE(col->results.size(), 1); // exactly once each
        QCOMPARE(col->results.first()->authorizationHeader, QByteArray("Bearer shared-1"));
    }
    QCOMPARE(provider.runCount(), 1);
}

void tst_ExecAuthProvider::doesNotBlockTheEventLoop()
{
    auto o = options(script(QStringLiteral("credential.sh")), { v1, "t" });
    const QString gate = m_state->filePath(QStringLiteral("gate"));
    o.environment->insert(QStringLiteral("EXEC_WAIT_FOR"), gate);
    ExecAuthProvider provider(o);
    Collector c;
    provider.credentials(c.callback());
    // credentials() returned at once; timers still fire while the plugin runs.
    QVERIFY(c.results.isEmpty());
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&] {
        if (++ticks == 3)
            QFile(gate).open(QIODevice::WriteOnly); // only the running event loop opens the gate
    });
    timer.start(10);
    QTRY_COMPARE_WITH_TIMEOUT(c.results.size(), 1, 20000);
    QVERIFY(ticks >= 3);
    QVERIFY(c.results.first());
}

void tst_ExecAuthProvider::callerOnAnotherThread()
{
    // A RestConfig may be shared by clients on several threads: each gets its answer on its own
    // thread, and they still share one plugin run.
    auto o = options(script(QStringLiteral("credential.sh")), { v1, "mt" });
    const QString gate = m_state->filePath(QStringLiteral("gate"));
    o.environment->insert(QStringLiteral("EXEC_WAIT_FOR"), gate);
    ExecAuthProvider provider(o);
    Collector mainCaller;
    provider.credentials(mainCaller.callback()); // the plugin runs on the main thread
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_state->filePath(QStringLiteral("env-1"))), 20000);

    QThread worker;
    worker.start();
    QObject workerContext;
    workerContext.moveToThread(&worker);
    QMutex mutex;
    QThread *answeredOn = nullptr;
    QByteArray workerHeader;
    QMetaObject::invokeMethod(&workerContext, [&] {
        provider.credentials([&](kube::Result<Credentials> c) {
            QMutexLocker lock(&mutex);
            answeredOn = QThread::currentThread();
            workerHeader = c ? c->authorizationHeader : QByteArray("error");
        });
    });
    QFile(gate).open(QIODevice::WriteOnly);
    QTRY_COMPARE_WITH_TIMEOUT(mainCaller.results.size(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QMutexLocker lock(&mutex);
            return answeredOn != nullptr;
        }(),
        20000);
    {
        QMutexLocker lock(&mutex);
        QCOMPARE(answeredOn, &worker);
        QCOMPARE(workerHeader, QByteArray("Bearer mt-1"));
    }
    QCOMPARE(mainCaller.results.first()->authorizationHeader, QByteArray("Bearer mt-1"));
    QCOMPARE(provider.runCount(), 1);
    worker.quit();
    worker.wait();
}

void tst_ExecAuthProvider::clientCertificate()
{
    const QString pki = QStringLiteral(KUBE_TEST_DATA_DIR "/config/pki/");
    ExecAuthProvider provider(
        options(script(QStringLiteral("cert.sh")), { v1, pki + "client.crt", pki + "client.key" }));
    auto c = get(provider);
    QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
    QVERIFY(c->authorizationHeader.isEmpty());
    QVERIFY(!c->clientCertificate.isNull());
    QCOMPARE(c->clientCertificate.subjectInfo(QSslCertificate::CommonName), QStringList { "jane" });
    QVERIFY(!c->clientKey.isNull());
    QCOMPARE(c->clientKey.algorithm(), QSsl::Ec);
}

void tst_ExecAuthProvider::outputErrors_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");

    QTest::newRow("apiVersion must match")
        << v1 << "v1beta1.json"
        << "getting credentials: exec plugin is configured to use API "
           "version client.authentication.k8s.io/v1, plugin returned "
           "version client.authentication.k8s.io/v1beta1";
    QTest::newRow("v1beta1 configured, v1 returned")
        << v1beta1 << "no-token.json"
        << "plugin returned version client.authentication.k8s.io/v1";
    QTest::newRow("no status") << v1 << "no-status.json"
                               << "exec plugin didn't return a status field";
    QTest::newRow("no token or cert") << v1 << "no-token.json"
                                      << "exec plugin didn't return a token or cert/key pair";
    QTest::newRow("cert without key") << v1 << "only-cert.json"
                                      << "exec plugin returned only certificate or key, not both";
    QTest::newRow("not JSON") << v1 << "garbage.txt"
                              << "getting credentials: decoding stdout: ";
    QTest::newRow("wrong kind") << v1 << "wrong-kind.json"
                                << "no kind \"Pod\" is registered";
    QTest::newRow("bad expirationTimestamp") << v1 << "bad-expiry.json"
                                             << "invalid expirationTimestamp \"tomorrow\"";
}

void tst_ExecAuthProvider::outputErrors()
{
    QFETCH(QString, configured);
    QFETCH(QString, file);
    QFETCH(QString, expected);
    ExecAuthProvider provider(
        options(script(QStringLiteral("print.sh")), { execDir() + u'/' + file }, configured));
    auto c = get(provider);
    QVERIFY(!c);
    QCOMPARE(c.error().kind, kube::Error::Kind::Auth);
    QVERIFY2(c.error().message.contains(expected), qPrintable(c.error().message));
    // Errors are not cached: the next request tries again.
    (void)get(provider);
    QCOMPARE(provider.runCount(), 2);
}

void tst_ExecAuthProvider::failureIncludesStderr()
{
    const QString cmd = script(QStringLiteral("fail.sh"));
    ExecAuthProvider provider(options(cmd, {}));
    auto c = get(provider);
    QVERIFY(!c);
    QVERIFY2(c.error().message.startsWith(
                 QStringLiteral("getting credentials: exec: executable %1 failed with exit code 3")
                     .arg(cmd)),
             qPrintable(c.error().message));
    QVERIFY2(c.error().message.contains(
                 QLatin1String("the SSO session has expired; run 'aws sso login'")),
             qPrintable(c.error().message));
}

void tst_ExecAuthProvider::hangTimesOut()
{
    auto o = options(script(QStringLiteral("hang.sh")), {});
    o.timeout = std::chrono::milliseconds(300);
    ExecAuthProvider provider(o);
    QElapsedTimer t;
    t.start();
    auto c = get(provider);
    QVERIFY(!c);
    QVERIFY2(c.error().message.contains(QLatin1String("did not finish within 0.3 s")),
             qPrintable(c.error().message));
    QVERIFY2(c.error().message.contains(QLatin1String("waiting for a browser login")),
             qPrintable(c.error().message));
    QVERIFY(t.elapsed() < 15000); // killed, not waited for (the script sleeps 600 s)
    QCOMPARE(ExecAuthProvider::defaultTimeout, std::chrono::milliseconds(180000));
}

void tst_ExecAuthProvider::missingBinaryHint_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("hint");
    QTest::newRow("bare name with hint") << "kubrowser-no-such-plugin"
                                         << "Install it with: brew install foo";
    QTest::newRow("path without hint") << "/nonexistent/bin/plugin"
                                       << "";
}

void tst_ExecAuthProvider::missingBinaryHint()
{
    QFETCH(QString, command);
    QFETCH(QString, hint);
    auto o = options(command, {});
    o.exec.installHint = hint;
    ExecAuthProvider provider(o);
    auto c = get(provider);
    QVERIFY(!c);
    const QString m = c.error().message;
    QVERIFY2(m.startsWith(
                 QStringLiteral("getting credentials: exec: executable %1 not found").arg(command)),
             qPrintable(m));
    QVERIFY2(m.contains(
                 QLatin1String("It looks like you are trying to use a client-go credential plugin "
                               "that is not installed.")),
             qPrintable(m));
    if (!hint.isEmpty())
        QVERIFY2(m.endsWith(QStringLiteral("\n\n") + hint), qPrintable(m));
    QCOMPARE(provider.runCount(), 0);
}

void tst_ExecAuthProvider::interactiveAlwaysWithoutTerminal()
{
    auto o = options(script(QStringLiteral("credential.sh")), { v1, "t" });
    o.exec.interactiveMode = QStringLiteral("Always");
    ExecAuthProvider provider(o);
    auto c = get(provider);
    QVERIFY(!c);
    QVERIFY2(c.error().message.contains(QLatin1String(
                 "exec plugin cannot support interactive mode: standard input is not a terminal")),
             qPrintable(c.error().message));

    // IfAvailable without a terminal runs non-interactively.
    o.exec.interactiveMode = QStringLiteral("IfAvailable");
    ExecAuthProvider ifAvailable(o);
    QVERIFY(get(ifAvailable));
}

void tst_ExecAuthProvider::destroyedWhileRunning()
{
    auto o = options(script(QStringLiteral("hang.sh")), {});
    Collector c;
    {
        ExecAuthProvider provider(o);
        provider.credentials(c.callback());
        QCOMPARE(provider.runCount(), 1);
    }
    QCOMPARE(c.results.size(), 1);
    QCOMPARE(c.results.first().error().kind, kube::Error::Kind::Cancelled);
}

void tst_ExecAuthProvider::fromKubeconfig()
{
    // A kubeconfig exec section with a relative command becomes a working provider with the
    // cluster info (including the exec extension) passed on.
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("bin")));
    QVERIFY(QFile::copy(script(QStringLiteral("credential.sh")),
                        dir.filePath(QStringLiteral("bin/plugin"))));
    const QByteArray yaml
        = "apiVersion: v1\nkind: Config\ncurrent-context: x\n"
          "clusters:\n- name: c\n  cluster:\n    server: https://k.example:6443\n"
          "    insecure-skip-tls-verify: true\n    proxy-url: http://proxy:3128\n"
          "    extensions:\n    - name: client.authentication.k8s.io/exec\n"
          "      extension: {audience: kube}\n"
          "users:\n- name: u\n  user:\n    exec:\n"
          "      apiVersion: client.authentication.k8s.io/v1\n"
          "      command: ./bin/plugin\n      args: [client.authentication.k8s.io/v1, kc]\n"
          "      interactiveMode: Never\n      provideClusterInfo: true\n"
          "      env: [{name: EXEC_STATE_DIR, value: \""
        + m_state->path().toUtf8()
        + "\"}]\n"
          "contexts:\n- name: x\n  context: {cluster: c, user: u}\n";
    auto cfg = kube::Kubeconfig::parse(yaml, dir.filePath(QStringLiteral("config")));
    QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().message));
    auto rc = cfg->restConfig();
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().message));
    QVERIFY(rc->authProvider);
    Collector col;
    rc->authProvider->credentials(col.callback());
    QTRY_COMPARE_WITH_TIMEOUT(col.results.size(), 1, 20000);
    QVERIFY2(col.results.first(),
             qPrintable(col.results.first() ? QString() : col.results.first().error().message));
    QCOMPARE(col.results.first()->authorizationHeader, QByteArray("Bearer kc-1"));
    const QJsonObject cluster
        = QJsonDocument::fromJson(stateFile(QStringLiteral("info-1")).toUtf8())
              .object()
              .value("spec")
              .toObject()
              .value("cluster")
              .toObject();
    QCOMPARE(cluster.value("server").toString(), QStringLiteral("https://k.example:6443"));
    QCOMPARE(cluster.value("insecure-skip-tls-verify").toBool(), true);
    QCOMPARE(cluster.value("proxy-url").toString(), QStringLiteral("http://proxy:3128"));
    QCOMPARE(cluster.value("config").toObject().value("audience").toString(),
             QStringLiteral("kube"));

    // Resolving the context again shares the provider and its cached token: no second run.
    auto again = cfg->restConfig();
    QVERIFY(again);
    QCOMPARE(again->authProvider.get(), rc->authProvider.get());
    Collector second;
    again->authProvider->credentials(second.callback());
    QCOMPARE(second.results.size(), 1);
    QCOMPARE(second.results.first()->authorizationHeader, QByteArray("Bearer kc-1"));
    // Other cluster info (another server) gets its own provider.
    kube::ConfigOverrides other;
    other.server = QStringLiteral("https://other.example:6443");
    auto different = cfg->restConfig(other);
    QVERIFY(different);
    QVERIFY(different->authProvider.get() != rc->authProvider.get());
}

void tst_ExecAuthProvider::loginShellPathQuery()
{
    // The banner the profile prints is not taken for PATH; the shell's PATH is.
    const QStringList dirs = kube::LoginShellPath::query(script(QStringLiteral("loginshell.sh")));
    QVERIFY(!dirs.isEmpty());
    QCOMPARE(dirs.first(), m_loginBin.path());
    QVERIFY(!dirs.join(u':').contains(QLatin1String("Welcome")));
    // A shell that does not exist gives nothing (callers keep the process PATH).
    QVERIFY(kube::LoginShellPath::query(QStringLiteral("/nonexistent/shell")).isEmpty());
    const QStringList merged = kube::LoginShellPath::merged(QStringLiteral("/usr/bin:/x/y"));
    QCOMPARE(merged.first(), m_loginBin.path());
    QVERIFY(merged.contains(QStringLiteral("/x/y")));
    QCOMPARE(merged.count(QStringLiteral("/usr/bin")), 1);
}

void tst_ExecAuthProvider::pluginFoundOnLoginShellPath_data()
{
    QTest::addColumn<bool>("useLoginShell");
    QTest::newRow("desktop PATH only: not found, PATH named") << false;
    QTest::newRow("login shell PATH: found") << true;
}

void tst_ExecAuthProvider::pluginFoundOnLoginShellPath()
{
    QFETCH(bool, useLoginShell);
    auto o = options(QStringLiteral("kubrowser-login-only-plugin"), { v1, "login" });
    // What a desktop menu gives a program.
    o.environment->insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    o.useLoginShellPath = useLoginShell;
    ExecAuthProvider provider(o);
    auto c = get(provider);
    if (useLoginShell) {
        QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
        QCOMPARE(c->authorizationHeader, QByteArray("Bearer login-1"));
        // The plugin runs with the PATH it was found on (it may call other tools): the login
        // shell's first, then ours.
        const QString env = stateFile(QStringLiteral("env-1"));
        QVERIFY2(env.contains(QStringLiteral("\nPATH=%1:").arg(m_loginBin.path())),
                 qPrintable(env));
        QVERIFY(env.contains(QLatin1String(":/bin\n")) || env.contains(QLatin1String(":/bin:")));
    } else {
        QVERIFY(!c);
        QVERIFY2(c.error().message.contains(QLatin1String("Searched PATH: /usr/bin:/bin")),
                 qPrintable(c.error().message));
    }
}

void tst_ExecAuthProvider::stderrReportedLive()
{
    auto *monitor = kube::ExecPluginMonitor::instance();
    QSignalSpy started(monitor, &kube::ExecPluginMonitor::started);
    QSignalSpy output(monitor, &kube::ExecPluginMonitor::output);
    QSignalSpy finished(monitor, &kube::ExecPluginMonitor::finished);
    auto o = options(script(QStringLiteral("devicecode.sh")), { v1, "dev" });
    const QString gate = m_state->filePath(QStringLiteral("signed-in"));
    o.environment->insert(QStringLiteral("EXEC_WAIT_FOR"), gate);
    Collector c;
    ExecAuthProvider provider(o);
    provider.credentials(c.callback());
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 20000);
    QCOMPARE(started.first().at(1).toString(), QStringLiteral("test-user"));
    // The code is shown while the plugin still runs (it waits for the "browser").
    QTRY_VERIFY_WITH_TIMEOUT(!output.isEmpty(), 20000);
    QString text;
    for (const auto &args : std::as_const(output))
        text += args.at(1).toString();
    QVERIFY2(text.contains(QLatin1String("KBRW-4821")), qPrintable(text));
    QVERIFY(c.results.isEmpty());
    QVERIFY(monitor->isRunning(started.first().at(0).toULongLong()));
    QFile(gate).open(QIODevice::WriteOnly);
    QTRY_COMPARE_WITH_TIMEOUT(c.results.size(), 1, 20000);
    QVERIFY(c.results.first());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().at(0), started.first().at(0));
    QCOMPARE(finished.first().at(1).toBool(), true);
}

void tst_ExecAuthProvider::cancelFromMonitor()
{
    auto *monitor = kube::ExecPluginMonitor::instance();
    QSignalSpy started(monitor, &kube::ExecPluginMonitor::started);
    auto o = options(script(QStringLiteral("hang.sh")), {});
    Collector c; // outlives the provider, which answers pending callers when destroyed
    ExecAuthProvider provider(o);
    provider.credentials(c.callback());
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 20000);
    monitor->cancel(started.first().at(0).toULongLong());
    QTRY_COMPARE_WITH_TIMEOUT(c.results.size(), 1, 20000);
    QVERIFY(!c.results.first());
    QVERIFY2(c.results.first().error().message.contains(QLatin1String("was cancelled")),
             qPrintable(c.results.first().error().message));
    // "Sign in again": the next call runs the plugin anew.
    provider.credentials(c.callback());
    QCOMPARE(provider.runCount(), 2);
}

void tst_ExecAuthProvider::interactiveInputForwarded()
{
    auto *monitor = kube::ExecPluginMonitor::instance();
    QSignalSpy started(monitor, &kube::ExecPluginMonitor::started);
    QSignalSpy output(monitor, &kube::ExecPluginMonitor::output);
    auto o = options(script(QStringLiteral("prompt.sh")), { v1 });
    o.exec.interactiveMode = QStringLiteral("Always");
    o.interactiveInput = true;
    Collector c;
    ExecAuthProvider provider(o);
    provider.credentials(c.callback());
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 20000);
    QCOMPARE(started.first().at(3).toBool(), true); // accepts input
    QTRY_VERIFY_WITH_TIMEOUT(!output.isEmpty(), 20000);
    QVERIFY(output.first().at(1).toString().contains(QLatin1String("One-time code")));
    monitor->writeInput(started.first().at(0).toULongLong(), "493817\n");
    QTRY_COMPARE_WITH_TIMEOUT(c.results.size(), 1, 20000);
    QVERIFY2(c.results.first(),
             qPrintable(c.results.first() ? QString() : c.results.first().error().message));
    QCOMPARE(c.results.first()->authorizationHeader, QByteArray("Bearer typed-493817"));
}

QTEST_GUILESS_MAIN(tst_ExecAuthProvider)
#include "tst_execauthprovider.moc"
