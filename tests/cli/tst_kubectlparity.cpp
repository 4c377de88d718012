// End to end: kubrowser-cli and kubectl run against the same FakeApiServer with the same
// kubeconfig (each with its own empty cache folder); stdout, stderr and exit codes must be equal,
// byte for byte. Skips where kubectl is not installed.

#include "agedobjects.h"
#include "testing/fakeapiserver.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using kube::cli::test::ageAllObjects;
using kube::testing::FakeApiServer;

namespace {

struct Run
{
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
};

} // namespace

class tst_KubectlParity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameOutput_data();
    void sameOutput();
    void chunkedListOf2000Pods();
    void warmCacheMakesNoDiscoveryRequests();
    void demoClusterWorksWithoutKubeconfig();
    void watchPrintsEventsLikeKubectl();

private:
    //! Runs \a program without blocking the event loop the server lives in.
    Run run(const QString &program, const QStringList &args, const QString &cacheDir);
    Run runCli(const QStringList &args, const QString &kubeconfig);
    Run runKubectl(const QStringList &args, const QString &kubeconfig);

    QString m_kubectl;
    QString m_cli = QStringLiteral(KUBE_BINARY_DIR "/app/cli/kubrowser-cli");
    QTemporaryDir m_dir;
    std::unique_ptr<FakeApiServer> m_server;
    QString m_kubeconfig;
    int m_caches = 0;
};

Run tst_KubectlParity::run(const QString &program, const QStringList &args, const QString &cacheDir)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path()); // never the user's ~/.kube
    env.remove(QStringLiteral("KUBECONFIG"));
    env.remove(QStringLiteral("KUBECACHEDIR"));
    p.setProcessEnvironment(env);
    QEventLoop loop;
    connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(50000, &loop, &QEventLoop::quit);
    p.start(program, QStringList { QStringLiteral("--cache-dir"), cacheDir } + args);
    loop.exec();
    Run r;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit && p.state() == QProcess::NotRunning
        ? p.exitCode()
        : -1;
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(2000);
    }
    return r;
}

Run tst_KubectlParity::runCli(const QStringList &args, const QString &kubeconfig)
{
    return run(m_cli, QStringList { QStringLiteral("--kubeconfig"), kubeconfig } + args,
               m_dir.filePath(QStringLiteral("cache-cli-%1").arg(++m_caches)));
}

Run tst_KubectlParity::runKubectl(const QStringList &args, const QString &kubeconfig)
{
    return run(m_kubectl, QStringList { QStringLiteral("--kubeconfig"), kubeconfig } + args,
               m_dir.filePath(QStringLiteral("cache-kubectl-%1").arg(++m_caches)));
}

void tst_KubectlParity::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
    m_server = std::make_unique<FakeApiServer>();
    FakeApiServer::StockOptions stock;
    stock.pods = 60;
    m_server->loadStockCluster(stock);
    ageAllObjects(*m_server);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_kubeconfig = m_server->writeKubeconfig(m_dir.path());
    m_kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
}

void tst_KubectlParity::sameOutput_data()
{
    QTest::addColumn<QStringList>("args");
    const auto row = [](const char *name, const QString &args) {
        QTest::newRow(name) << args.split(u' ', Qt::SkipEmptyParts);
    };
    row("api-resources", QStringLiteral("api-resources"));
    row("api-resources -o wide", QStringLiteral("api-resources -o wide"));
    row("api-resources -o name", QStringLiteral("api-resources -o name"));
    row("api-resources --namespaced=false", QStringLiteral("api-resources --namespaced=false"));
    row("api-resources --api-group apps", QStringLiteral("api-resources --api-group apps"));
    row("api-resources --sort-by kind --no-headers",
        QStringLiteral("api-resources --sort-by kind --no-headers"));
    row("api-versions", QStringLiteral("api-versions"));
    row("get pods -A", QStringLiteral("get pods -A"));
    row("get pods -n kube-system -o wide", QStringLiteral("get pods -n kube-system -o wide"));
    row("get pods -A -o wide --no-headers", QStringLiteral("get pods -A -o wide --no-headers"));
    row("get deploy,svc", QStringLiteral("get deploy,svc"));
    row("get deploy,svc -A -o wide", QStringLiteral("get deploy,svc -A -o wide"));
    row("get nodes", QStringLiteral("get nodes"));
    row("get --show-kind", QStringLiteral("get pods -n kube-system --show-kind"));
    row("get TYPE/NAME, one missing", QStringLiteral("get svc/kubernetes pod/nope"));
    row("get all -A -o wide", QStringLiteral("get all -A -o wide"));
    row("get ns", QStringLiteral("get ns"));
    row("get pods -A -o name", QStringLiteral("get pods -A -o name"));
    row("get pods -n kube-system -o json", QStringLiteral("get pods -n kube-system -o json"));
    row("get deployments.apps -A -o yaml", QStringLiteral("get deployments.apps -A -o yaml"));
    row("get with -l", QStringLiteral("get pods -A -l app=web"));
    row("get with --field-selector",
        QStringLiteral("get pods -A --field-selector metadata.namespace=kube-system"));
    row("unknown resource", QStringLiteral("get foo"));
    row("missing object", QStringLiteral("get pod does-not-exist"));
    row("missing object -o json", QStringLiteral("get pod does-not-exist -o json"));
    row("empty namespace", QStringLiteral("get pods -n nothing-here"));
    row("no resource type", QStringLiteral("get"));
}

void tst_KubectlParity::sameOutput()
{
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    QFETCH(QStringList, args);

    const Run kubectl = runKubectl(args, m_kubeconfig);
    const Run cli = runCli(args, m_kubeconfig);

    QCOMPARE(cli.out, kubectl.out);
    QCOMPARE(cli.err, kubectl.err);
    QCOMPARE(cli.exitCode, kubectl.exitCode);
}

void tst_KubectlParity::chunkedListOf2000Pods()
{
    // Given a cluster with 2,000 pods,
    FakeApiServer server;
    FakeApiServer::StockOptions stock;
    stock.pods = 2000;
    server.loadStockCluster(stock);
    ageAllObjects(server);
    QVERIFY(server.start());
    const qsizetype pods
        = server.objects(QString(), QStringLiteral("v1"), QStringLiteral("pods")).size();
    QCOMPARE(pods, 2000);
    const QString kubeconfig = server.writeKubeconfig(m_dir.filePath(QStringLiteral("big")));

    // when listed with --chunk-size 50,
    server.clearRequests();
    const Run cli = runCli({ QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-A"),
                             QStringLiteral("--chunk-size"), QStringLiteral("50"),
                             QStringLiteral("--no-headers") },
                           kubeconfig);
    QCOMPARE(cli.exitCode, 0);

    // then it took exactly 40 page requests and printed every pod once.
    QCOMPARE(server.requestCount(QStringLiteral("/api/v1/pods")), 40);
    QCOMPARE(cli.out.count('\n'), 2000);

    if (m_kubectl.isEmpty())
        return;
    const Run kubectl = runKubectl({ QStringLiteral("get"), QStringLiteral("pods"),
                                     QStringLiteral("-A"), QStringLiteral("--chunk-size"),
                                     QStringLiteral("50"), QStringLiteral("--no-headers") },
                                   kubeconfig);
    QCOMPARE(cli.out, kubectl.out);
}

void tst_KubectlParity::warmCacheMakesNoDiscoveryRequests()
{
    // Given a cache kubectl filled,
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    const QString cache = m_dir.filePath(QStringLiteral("shared-cache"));
    const Run kubectl = run(m_kubectl,
                            { QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("get"),
                              QStringLiteral("pods") },
                            cache);
    QCOMPARE(kubectl.exitCode, 0);

    // when kubrowser-cli resolves a resource with it,
    m_server->clearRequests();
    const Run cli = run(m_cli,
                        { QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("get"),
                          QStringLiteral("deploy") },
                        cache);
    QCOMPARE(cli.exitCode, 0);

    // then discovery made no request: only the list itself went to the server.
    QCOMPARE(
        m_server->requestCount(QStringLiteral("/api/v1"))
            + m_server->requestCount(QStringLiteral("/apis/")),
        m_server->requestCount(QStringLiteral("/apis/apps/v1/namespaces/default/deployments")));
    QCOMPARE(m_server->requestCount(QStringLiteral("/apis/apps/v1/namespaces/default/deployments")),
             1);
}

void tst_KubectlParity::demoClusterWorksWithoutKubeconfig()
{
    const Run cli = run(m_cli,
                        { QStringLiteral("--demo"), QStringLiteral("get"), QStringLiteral("nodes"),
                          QStringLiteral("--no-headers") },
                        m_dir.filePath(QStringLiteral("demo-cache")));
    QCOMPARE(cli.exitCode, 0);
    QVERIFY(!cli.out.isEmpty());
    QVERIFY(cli.err.isEmpty());
}

void tst_KubectlParity::watchPrintsEventsLikeKubectl()
{
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    // Given both tools watching namespaces,
    const auto start = [&](QProcess &p, const QString &program, const QString &cache) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        p.setProcessEnvironment(env);
        p.start(program,
                { QStringLiteral("--cache-dir"), m_dir.filePath(cache),
                  QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("get"),
                  QStringLiteral("namespaces"), QStringLiteral("-w") });
    };
    const int namespaces = int(
        m_server->objects(QString(), QStringLiteral("v1"), QStringLiteral("namespaces")).size());
    QProcess kubectl, cli;
    start(kubectl, m_kubectl, QStringLiteral("watch-kubectl"));
    start(cli, m_cli, QStringLiteral("watch-cli"));
    QByteArray kubectlOut, cliOut;
    const auto waitForLines = [&](int lines) {
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        const auto check = [&] {
            kubectlOut += kubectl.readAllStandardOutput();
            cliOut += cli.readAllStandardOutput();
            if (kubectlOut.count('\n') >= lines && cliOut.count('\n') >= lines)
                loop.quit();
        };
        connect(&kubectl, &QProcess::readyReadStandardOutput, &loop, check);
        connect(&cli, &QProcess::readyReadStandardOutput, &loop, check);
        timeout.start(20000);
        check();
        if (kubectlOut.count('\n') < lines || cliOut.count('\n') < lines)
            loop.exec();
        return kubectlOut.count('\n') >= lines && cliOut.count('\n') >= lines;
    };
    // the initial list first (header + one line per namespace),
    QVERIFY(waitForLines(namespaces + 1));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->activeWatchCount() >= 2, 10000);

    // when a namespace is created and deleted,
    m_server->addObject(QString(), QStringLiteral("v1"), QStringLiteral("namespaces"),
                        QJsonObject { { QStringLiteral("metadata"),
                                        QJsonObject { { QStringLiteral("name"),
                                                        QStringLiteral("zz-watched") } } } });
    QVERIFY(waitForLines(namespaces + 2));
    QVERIFY(m_server->removeObject(QString(), QStringLiteral("v1"), QStringLiteral("namespaces"),
                                   QString(), QStringLiteral("zz-watched")));
    QVERIFY(waitForLines(namespaces + 3));
    kubectl.kill();
    cli.kill();
    kubectl.waitForFinished(5000);
    cli.waitForFinished(5000);

    // then both printed the same rows for the events, aligned with the first table.
    QCOMPARE(cliOut, kubectlOut);
}

QTEST_GUILESS_MAIN(tst_KubectlParity)
#include "tst_kubectlparity.moc"
