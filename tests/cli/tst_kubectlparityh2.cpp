// kubectl parity over HTTP/2: kubrowser-cli and kubectl run against the same FakeApiServer
// through a real HTTP/2 reverse proxy (nghttpx: TLS with ALPN h2 in front, the fake server's
// HTTP/1.1 behind), as in front of real API servers. stdout, stderr and exit codes must be
// equal byte for byte, and the proxy's access log must show that both spoke h2. Skips when
// kubectl or nghttpx is missing.

#include "../rest/http2proxy.h"
#include "agedobjects.h"
#include "testing/fakeapiserver.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>

using kube::testing::FakeApiServer;

namespace {

struct Run
{
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
};

} // namespace

class tst_KubectlParityH2 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameOutputOverH2_data();
    void sameOutputOverH2();

private:
    Run run(const QString &program, const QStringList &args, const QString &cacheDir);
    QStringList logLinesOf(const QString &userAgentPrefix) const;

    QString m_kubectl;
    QString m_cli = QStringLiteral(KUBE_BINARY_DIR "/app/cli/kubrowser-cli");
    QTemporaryDir m_dir;
    FakeApiServer m_server;
    Http2Proxy m_proxy;
    QString m_kubeconfig;
    int m_caches = 0;
};

Run tst_KubectlParityH2::run(const QString &program,
                             const QStringList &args,
                             const QString &cacheDir)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path()); // never the user's ~/.kube
    env.remove(QStringLiteral("KUBECONFIG"));
    env.remove(QStringLiteral("KUBECACHEDIR"));
    p.setProcessEnvironment(env);
    // The server lives on this thread: wait in an event loop, never block it.
    QEventLoop loop;
    connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(90000, &loop, &QEventLoop::quit);
    p.start(program,
            QStringList { QStringLiteral("--kubeconfig"), m_kubeconfig,
                          QStringLiteral("--cache-dir"), cacheDir }
                + args);
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

QStringList tst_KubectlParityH2::logLinesOf(const QString &userAgentPrefix) const
{
    QStringList out;
    for (const QString &line : m_proxy.accessLog()) {
        const qsizetype quote = line.indexOf(u'"');
        if (quote >= 0 && line.mid(quote + 1).startsWith(userAgentPrefix))
            out.append(line);
    }
    return out;
}

void tst_KubectlParityH2::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (Http2Proxy::executable().isEmpty())
        QSKIP("nghttpx is not installed (Debian package nghttp2-proxy; scripts/bootstrap.sh)");
    m_kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
    m_server.loadStockCluster({ .pods = 60 });
    kube::cli::test::ageAllObjects(m_server);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QString why;
    if (!m_proxy.start(m_server.url(), &why))
        QFAIL(qPrintable(why));
    m_kubeconfig = m_proxy.writeKubeconfig(m_dir.path());
    QVERIFY(!m_kubeconfig.isEmpty());
}

void tst_KubectlParityH2::sameOutputOverH2_data()
{
    QTest::addColumn<QStringList>("args");
    const auto row = [](const char *name, const QString &args) {
        QTest::newRow(name) << args.split(u' ', Qt::SkipEmptyParts);
    };
    row("api-resources", QStringLiteral("api-resources"));
    row("get pods -A", QStringLiteral("get pods -A"));
    row("get deploy,svc -A -o wide", QStringLiteral("get deploy,svc -A -o wide"));
    row("get nodes", QStringLiteral("get nodes"));
    row("get pods -A --chunk-size 7", QStringLiteral("get pods -A --chunk-size 7"));
    row("get pods -n kube-system -o json", QStringLiteral("get pods -n kube-system -o json"));
    row("get pods -A -o yaml --chunk-size 9", QStringLiteral("get pods -A -o yaml --chunk-size 9"));
    row("get deployments.apps -A -o yaml", QStringLiteral("get deployments.apps -A -o yaml"));
    row("missing object", QStringLiteral("get pod does-not-exist"));
}

void tst_KubectlParityH2::sameOutputOverH2()
{
    QFETCH(QStringList, args);
    const qsizetype cliBefore = logLinesOf(QStringLiteral("kubrowser/")).size();
    const qsizetype kubectlBefore = logLinesOf(QStringLiteral("kubectl/")).size();

    const Run kubectl
        = run(m_kubectl, args, m_dir.filePath(QStringLiteral("cache-kubectl-%1").arg(++m_caches)));
    const Run cli
        = run(m_cli, args, m_dir.filePath(QStringLiteral("cache-cli-%1").arg(++m_caches)));

    QCOMPARE(cli.out, kubectl.out);
    QCOMPARE(cli.err, kubectl.err);
    QCOMPARE(cli.exitCode, kubectl.exitCode);
    QVERIFY2(cli.exitCode != -1, cli.err.constData());

    // Both went through the proxy, every one of their requests over h2. The log line of a
    // stream is written when it closes: wait for it.
    QTRY_VERIFY_WITH_TIMEOUT(logLinesOf(QStringLiteral("kubrowser/")).size() > cliBefore, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(logLinesOf(QStringLiteral("kubectl/")).size() > kubectlBefore, 20000);
    for (const QString &prefix : { QStringLiteral("kubrowser/"), QStringLiteral("kubectl/") }) {
        const QStringList lines = logLinesOf(prefix);
        for (const QString &line : lines)
            QVERIFY2(line.startsWith(QLatin1String("h2 ")), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(tst_KubectlParityH2)
#include "tst_kubectlparityh2.moc"
