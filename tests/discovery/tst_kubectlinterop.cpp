#include "discovery/diskcachediscovery.h"
#include "normalize.h"
#include "rest/restconfig.h"
#include "testing/fakeapiserver.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kube;
using kube::testing::FakeApiServer;

namespace {

std::unique_ptr<DiscoveryReply> run(DiscoveryReply *r)
{
    std::unique_ptr<DiscoveryReply> reply(r);
    reply->waitForFinished(std::chrono::seconds(20));
    return reply;
}

struct Output
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs kubectl without blocking this thread's event loop: the fake server lives here.
Output kubectl(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("KUBECONFIG"));
    env.remove(QStringLiteral("KUBECACHEDIR"));
    p.setProcessEnvironment(env);
    QSignalSpy done(&p, &QProcess::finished);
    p.start(QStandardPaths::findExecutable(QStringLiteral("kubectl")), args);
    if (!done.wait(30000))
        p.kill();
    return { p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
             QString::fromUtf8(p.readAllStandardError()) };
}

// kubectl api-resources rows as "name apiVersion namespaced kind", from the header's columns.
QStringList rows(const QString &table)
{
    QStringList lines = table.split(u'\n', Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return {};
    const QString header = lines.takeFirst();
    const qsizetype apiVersion = header.indexOf(QLatin1String("APIVERSION"));
    const qsizetype namespaced = header.indexOf(QLatin1String("NAMESPACED"));
    const qsizetype kind = header.indexOf(QLatin1String("KIND"));
    QStringList out;
    for (const QString &l : std::as_const(lines)) {
        out.append(QStringList {
            l.section(u' ', 0, 0), l.mid(apiVersion, namespaced - apiVersion).trimmed(),
            l.mid(namespaced, kind - namespaced).trimmed(), l.mid(kind).trimmed() }
                       .join(u' '));
    }
    out.sort();
    return out;
}

QStringList rows(const DiscoveryData &preferred)
{
    QStringList out;
    for (const APIResourceList &l : preferred.resources) {
        for (const APIResource &r : l.resources) {
            if (r.verbs.isEmpty())
                continue; // kubectl api-resources hides these
            out.append(QStringList {
                r.name, l.groupVersion,
                r.namespaced ? QStringLiteral("true") : QStringLiteral("false"), r.kind }
                           .join(u' '));
        }
    }
    out.sort();
    return out;
}

} // namespace

class tst_KubectlInterop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void kubectlCacheIsReadByUs_data();
    void kubectlCacheIsReadByUs();
    void ourCacheIsReadByKubectl_data();
    void ourCacheIsReadByKubectl();

private:
    void startServer(bool aggregated);
    RestConfig config() const
    {
        RestConfig c;
        c.host = m_server->url();
        return c;
    }
    std::unique_ptr<FakeApiServer> m_server;
    QTemporaryDir m_dir;
    QString m_kubeconfig;
};

void tst_KubectlInterop::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty())
        QSKIP("kubectl is not installed");
}

void tst_KubectlInterop::init()
{
    m_server.reset();
}

void tst_KubectlInterop::startServer(bool aggregated)
{
    kube::testing::FakeApiServerOptions options;
    options.aggregatedDiscovery = aggregated;
    m_server = std::make_unique<FakeApiServer>(options);
    m_server->loadStockCluster(
        { .namespaces = 1, .pods = 2, .deployments = 1, .nodes = 1, .crdGroups = 5 });
    QVERIFY(m_server->start());
    m_kubeconfig = m_server->writeKubeconfig(m_dir.path());
}

void tst_KubectlInterop::kubectlCacheIsReadByUs_data()
{
    QTest::addColumn<bool>("aggregated");
    QTest::newRow("aggregated server") << true;
    QTest::newRow("legacy server") << false;
}

void tst_KubectlInterop::kubectlCacheIsReadByUs()
{
    QFETCH(bool, aggregated);
    startServer(aggregated);
    QTemporaryDir cache;
    // Given kubectl filled a cache folder from the live server,
    const Output live
        = kubectl({ QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("--cache-dir"),
                    cache.path(), QStringLiteral("api-resources") });
    QVERIFY2(live.exitCode == 0, qPrintable(live.err));
    const QString dir
        = DiskCacheDiscovery::discoveryCacheDir(cache.path(), m_server->url().toString());
    QVERIFY2(QFileInfo::exists(dir + QStringLiteral("/servergroups.json")), qPrintable(dir));
    QStringList reference;
    {
        QTemporaryDir ours;
        auto disk = DiskCacheDiscovery::create(config(), ours.path());
        reference = fixtures::normalized(run((*disk)->serverGroupsAndResources())->data());
    }
    const RestConfig cfg = config();
    m_server->stop();

    // when we read it with the server gone,
    auto disk = DiskCacheDiscovery::create(cfg, cache.path());
    QVERIFY(disk);
    QCOMPARE((*disk)->cacheDir(), dir);
    auto reply = run((*disk)->serverGroupsAndResources());
    // then everything is there, and nothing needed the server.
    QVERIFY2(!reply->hasError(), qPrintable(reply->error().toString()));
    QCOMPARE(fixtures::normalized(reply->data()), reference);
    auto preferred = run((*disk)->serverPreferredResources());
    QVERIFY(!preferred->hasError());
    QVERIFY(rows(live.out).size() > 50);
    QCOMPARE(rows(preferred->data()), rows(live.out)); // our preferred-version choice is kubectl's
}

void tst_KubectlInterop::ourCacheIsReadByKubectl_data()
{
    QTest::addColumn<bool>("aggregated");
    QTest::newRow("aggregated server") << true;
    QTest::newRow("legacy server") << false;
}

void tst_KubectlInterop::ourCacheIsReadByKubectl()
{
    QFETCH(bool, aggregated);
    startServer(aggregated);
    QTemporaryDir kubectlCache;
    const Output live
        = kubectl({ QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("--cache-dir"),
                    kubectlCache.path(), QStringLiteral("api-resources") });
    QVERIFY2(live.exitCode == 0, qPrintable(live.err));
    QVERIFY(rows(live.out).size() > 50);

    // Given our client filled the cache folder,
    QTemporaryDir cache;
    {
        auto disk = DiskCacheDiscovery::create(config(), cache.path());
        QVERIFY(!run((*disk)->serverGroupsAndResources())->hasError());
    }
    m_server->stop();
    // when kubectl lists resources from it with the server gone,
    const Output cached
        = kubectl({ QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("--cache-dir"),
                    cache.path(), QStringLiteral("api-resources"), QStringLiteral("--cached") });
    // then it prints exactly what it printed from the live server.
    QVERIFY2(cached.exitCode == 0, qPrintable(cached.err));
    QCOMPARE(cached.out, live.out);
}

QTEST_GUILESS_MAIN(tst_KubectlInterop)
#include "tst_kubectlinterop.moc"
