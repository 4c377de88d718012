#include "discovery/discoveryclient.h"
#include "discovery/discoverywatcher.h"
#include "discovery/diskcachediscovery.h"
#include "discovery/memcachediscovery.h"
#include "rest/restconfig.h"
#include "testing/fakeapiserver.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kube;
using kube::testing::FakeApiServer;
using kube::testing::FakeResource;

namespace {

FakeResource gizmos()
{
    FakeResource r;
    r.group = QStringLiteral("gadgets.example.com");
    r.version = QStringLiteral("v1");
    r.resource = QStringLiteral("gizmos");
    r.singular = QStringLiteral("gizmo");
    r.kind = QStringLiteral("Gizmo");
    r.shortNames = { QStringLiteral("gz") };
    return r;
}

const GroupVersionResource GizmosGvr { QStringLiteral("gadgets.example.com"), QStringLiteral("v1"),
                                       QStringLiteral("gizmos") };
const GroupVersionResource CronTabsBeta { QStringLiteral("stable.example.com"),
                                          QStringLiteral("v1beta1"), QStringLiteral("crontabs") };

} // namespace

class tst_DiscoveryWatcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void diffIsSorted();
    void refreshReportsAddedAndRemoved();
    void noChangeNoSignal();
    void failedVersionsKeepTheirResources();
    void refreshesAreCoalesced();
    void crdChangeTriggersRefresh();
    void refreshUpdatesTheDiskCache();

private:
    RestConfig config() const
    {
        RestConfig c;
        c.host = m_server->url();
        return c;
    }
    DiscoveryData fetch(DiscoveryInterface *d)
    {
        std::unique_ptr<DiscoveryReply> r(d->serverGroupsAndResources());
        r->waitForFinished();
        return r->data();
    }
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<MemCacheDiscovery> m_disc;
};

void tst_DiscoveryWatcher::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<kube::DiscoveryChange>();
}

void tst_DiscoveryWatcher::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .namespaces = 1, .pods = 1, .deployments = 1, .nodes = 1 });
    QVERIFY(m_server->start());
    m_disc = std::make_unique<MemCacheDiscovery>(std::move(*DiscoveryClient::create(config())));
}

void tst_DiscoveryWatcher::cleanup()
{
    m_disc.reset();
    m_server.reset();
}

void tst_DiscoveryWatcher::diffIsSorted()
{
    DiscoveryData a, b;
    auto res = [](const QString &name) {
        return APIResource { name, {}, true, {}, {}, QStringLiteral("K"), { QStringLiteral("get") },
                             {},   {}, {} };
    };
    a.resources.append(APIResourceList {
        QStringLiteral("g/v1"),
        { res(QStringLiteral("x")), res(QStringLiteral("y")), res(QStringLiteral("y/status")) } });
    b.resources.append(APIResourceList {
        QStringLiteral("g/v1"),
        { res(QStringLiteral("y")), res(QStringLiteral("z")), res(QStringLiteral("a")) } });
    b.resources.append(APIResourceList {
        QStringLiteral("v1"), { res(QStringLiteral("pods")), res(QStringLiteral("pods/log")) } });
    const DiscoveryChange c = DiscoveryWatcher::diff(a, b);
    QCOMPARE(c.added,
             (QList<GroupVersionResource> {
                 { {}, QStringLiteral("v1"), QStringLiteral("pods") },
                 { QStringLiteral("g"), QStringLiteral("v1"), QStringLiteral("a") },
                 { QStringLiteral("g"), QStringLiteral("v1"), QStringLiteral("z") } }));
    QCOMPARE(c.removed,
             (QList<GroupVersionResource> {
                 { QStringLiteral("g"), QStringLiteral("v1"), QStringLiteral("x") } }));
    QVERIFY(DiscoveryWatcher::diff(a, a).isEmpty());
}

void tst_DiscoveryWatcher::refreshReportsAddedAndRemoved()
{
    DiscoveryWatcher watcher(m_disc.get());
    watcher.setBaseline(fetch(m_disc.get()));
    QSignalSpy changed(&watcher, &DiscoveryWatcher::changed);
    QSignalSpy refreshed(&watcher, &DiscoveryWatcher::refreshed);

    m_server->addResource(gizmos());
    m_server->removeResource(CronTabsBeta.group, CronTabsBeta.version, CronTabsBeta.resource);
    watcher.refresh();
    QVERIFY(refreshed.wait());
    QCOMPARE(changed.count(), 1);
    const auto change = changed.first().first().value<DiscoveryChange>();
    QCOMPARE(change.added, QList<GroupVersionResource> { GizmosGvr });
    QCOMPARE(change.removed, QList<GroupVersionResource> { CronTabsBeta });
    QVERIFY(change.data.resourcesFor({ GizmosGvr.group, GizmosGvr.version }));
    QVERIFY(watcher.current()->group(GizmosGvr.group));
    // The cache below now holds the new data too.
    QVERIFY(m_disc->cachedData()->resourcesFor({ GizmosGvr.group, GizmosGvr.version }));
}

void tst_DiscoveryWatcher::noChangeNoSignal()
{
    DiscoveryWatcher watcher(m_disc.get());
    QSignalSpy changed(&watcher, &DiscoveryWatcher::changed);
    QSignalSpy refreshed(&watcher, &DiscoveryWatcher::refreshed);
    watcher.refresh(); // no baseline: sets it
    QVERIFY(refreshed.wait());
    QVERIFY(watcher.current());
    m_server->clearRequests();
    watcher.refresh();
    QVERIFY(refreshed.wait());
    QCOMPARE(refreshed.last().first().toBool(), false);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(m_server->requestCount(), 2); // invalidated: it really asked again
}

void tst_DiscoveryWatcher::failedVersionsKeepTheirResources()
{
    DiscoveryWatcher watcher(m_disc.get());
    watcher.setBaseline(fetch(m_disc.get()));
    QSignalSpy changed(&watcher, &DiscoveryWatcher::changed);
    QSignalSpy refreshed(&watcher, &DiscoveryWatcher::refreshed);
    m_server->setStale(CronTabsBeta.group, CronTabsBeta.version);
    watcher.refresh();
    QVERIFY(refreshed.wait());
    QCOMPARE(changed.count(), 0);
    QVERIFY(watcher.current()->resourcesFor({ CronTabsBeta.group, CronTabsBeta.version }));
}

void tst_DiscoveryWatcher::refreshesAreCoalesced()
{
    DiscoveryWatcher watcher(m_disc.get());
    QSignalSpy refreshed(&watcher, &DiscoveryWatcher::refreshed);
    watcher.refresh();
    watcher.refresh();
    watcher.refresh();
    QVERIFY(watcher.isRefreshing());
    QTRY_COMPARE(refreshed.count(), 2);
    QCOMPARE(m_server->requestCount(QStringLiteral("/apis")), 2);
    QVERIFY(!watcher.isRefreshing());
}

void tst_DiscoveryWatcher::crdChangeTriggersRefresh()
{
    DiscoveryWatcher watcher(m_disc.get());
    watcher.setBaseline(fetch(m_disc.get()));
    QSignalSpy changed(&watcher, &DiscoveryWatcher::changed);
    watcher.watchCustomResourceDefinitions(config(), std::chrono::milliseconds(50));
    // Wait until the watch is established (list, then watch from its resourceVersion).
    QTRY_VERIFY(
        std::any_of(m_server->requests().cbegin(), m_server->requests().cend(), [](const auto &r) {
            return r.path.endsWith(QLatin1String("/customresourcedefinitions"))
                && r.query.contains(QLatin1String("watch="));
        }));
    QCOMPARE(changed.count(), 0); // existing CRDs are not replayed

    // Given a CRD is created (and the server starts serving its resource),
    m_server->addResource(gizmos());
    m_server->addObject(
        QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"),
        QStringLiteral("customresourcedefinitions"),
        QJsonObject { { QStringLiteral("metadata"),
                        QJsonObject { { QStringLiteral("name"),
                                        QStringLiteral("gizmos.gadgets.example.com") } } },
                      { QStringLiteral("spec"),
                        QJsonObject { { QStringLiteral("group"), GizmosGvr.group } } } });
    // then the watcher notices without anyone calling refresh().
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.first().first().value<DiscoveryChange>().added,
             QList<GroupVersionResource> { GizmosGvr });
    watcher.stopWatching();
}

void tst_DiscoveryWatcher::refreshUpdatesTheDiskCache()
{
    QTemporaryDir root;
    auto disk = DiskCacheDiscovery::create(config(), root.path());
    DiscoveryWatcher watcher(disk->get());
    watcher.setBaseline(fetch(disk->get()));
    QSignalSpy changed(&watcher, &DiscoveryWatcher::changed);
    m_server->addResource(gizmos());
    watcher.refresh();
    QVERIFY(changed.wait());
    (*disk)->waitForPendingWrites();
    // A later start reads the new resource from disk, without asking the server.
    m_server->clearRequests();
    auto warm = DiskCacheDiscovery::create(config(), root.path());
    const DiscoveryData d = fetch(warm->get());
    QVERIFY(d.resourcesFor({ GizmosGvr.group, GizmosGvr.version }));
    QCOMPARE(m_server->requestCount(), 0);
}

QTEST_GUILESS_MAIN(tst_DiscoveryWatcher)
#include "tst_discoverywatcher.moc"
