// Discovery against servers as they are (issue 13): legacy fan-out width without starving
// other requests, client-go's retry of partial failures, memory-cache transient errors,
// stale group-versions as their own error, and kubectl's cache folder for any server string.
#include "config/kubeconfig.h"
#include "discovery/discoveryclient.h"
#include "discovery/diskcachediscovery.h"
#include "discovery/memcachediscovery.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"
#include "testing/fakeapiserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kube;
using namespace kube::testing;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<DiscoveryReply> run(DiscoveryReply *r)
{
    std::unique_ptr<DiscoveryReply> reply(r);
    if (!reply->isFinished()) {
        QSignalSpy spy(reply.get(), &DiscoveryReply::finished);
        spy.wait(60000);
    }
    return reply;
}

RestConfig configFor(const FakeApiServer &server)
{
    RestConfig cfg;
    cfg.host = server.url();
    return cfg;
}

} // namespace

class tst_DiscoveryFanout : public QObject
{
    Q_OBJECT

private slots:
    void legacyFanOutIsWideAndStarvesNothing();
    void partialFailureIsAskedTwice_data();
    void partialFailureIsAskedTwice();
    void memCacheTransientErrors_data();
    void memCacheTransientErrors();
    void staleGroupVersionHasItsOwnKind();
    void cacheFolderKeepsServerCapitals();
};

void tst_DiscoveryFanout::legacyFanOutIsWideAndStarvesNothing()
{
    FakeApiServer server;
    server.loadStockCluster(
        { .namespaces = 1, .pods = 2, .deployments = 1, .nodes = 1, .crdGroups = 150 });
    server.setAggregatedDiscovery(false);
    QVERIFY(server.start());
    // 150+ group-versions at 500 ms each: at least 4 rounds of 48, 2 s, while the ordinary
    // request needs one undelayed round trip.
    server.addFault("/apis/", Fault { .type = Fault::Type::Delay, .delay = 500ms });
    const RestConfig cfg = configFor(server);

    auto disc = DiscoveryClient::create(cfg);
    QVERIFY(disc);
    DiscoveryReply *discovery = (*disc)->serverGroupsAndResources();
    QSignalSpy discoveryDone(discovery, &DiscoveryReply::finished);
    // An ordinary request sent while discovery fans out: it has its own connections and
    // must not queue behind hundreds of discovery GETs.
    auto client = RestClient::create(cfg, { "", "v1" });
    std::unique_ptr<RestReply> ordinary(client->get().resource("namespaces").send());
    QSignalSpy ordinaryDone(ordinary.get(), &RestReply::finished);
    QVERIFY(ordinaryDone.wait(30000));
    QVERIFY2(
        ordinary->result().ok(),
        qPrintable(ordinary->result().error ? ordinary->result().error->toString() : QString()));
    QCOMPARE(discoveryDone.size(), 0);

    auto reply = run(discovery);
    QVERIFY2(!reply->hasError(), qPrintable(reply->error().toString()));
    QVERIFY(reply->data().resources.size() > 150);
    // HTTP/1.1: far more than Qt's 6 connections per pool (8 pools of 6 here).
    QVERIFY2(server.connectionCount() > 12, QByteArray::number(server.connectionCount()));
}

void tst_DiscoveryFanout::partialFailureIsAskedTwice_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<int>("appsRequests");
    QTest::newRow("one failure: the second attempt completes") << 1 << true << 2;
    QTest::newRow("two failures: partial after two attempts") << 2 << false << 2;
}

void tst_DiscoveryFanout::partialFailureIsAskedTwice()
{
    // client-go's DiscoveryClient.ServerGroupsAndResources runs withRetries(2, ...): a
    // result with failed group-versions (ErrGroupDiscoveryFailed) is fetched once more.
    QFETCH(int, failures);
    QFETCH(bool, complete);
    QFETCH(int, appsRequests);
    FakeApiServer server;
    server.loadStockCluster({});
    server.setAggregatedDiscovery(false);
    QVERIFY(server.start());
    server.addFault("/apis/apps/v1",
                    Fault { .type = Fault::Type::Status, .statusCode = 500, .times = failures });
    auto disc = DiscoveryClient::create(configFor(server));
    auto reply = run((*disc)->serverGroupsAndResources());
    QCOMPARE(!reply->hasError(), complete);
    QCOMPARE(reply->isPartial(), !complete);
    QCOMPARE(server.requestCount("/apis/apps/v1"), appsRequests);
}

void tst_DiscoveryFanout::memCacheTransientErrors_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("transient");
    QTest::newRow("500") << 500 << true;
    QTest::newRow("503 (was wrongly permanent)") << 503 << true;
    QTest::newRow("429") << 429 << true;
    QTest::newRow("403") << 403 << false;
}

void tst_DiscoveryFanout::memCacheTransientErrors()
{
    // discovery/cached/memory isTransientError: connection errors, 429 and every >= 500 are
    // fetched again on the next call for that group-version; anything else stays cached.
    QFETCH(int, code);
    QFETCH(bool, transient);
    FakeApiServer server;
    server.loadStockCluster({});
    server.setAggregatedDiscovery(false);
    QVERIFY(server.start());
    server.addFault("/apis/apps/v1",
                    Fault { .type = Fault::Type::Status, .statusCode = code, .times = 1 });
    auto live = DiscoveryClient::create(configFor(server));
    MemCacheDiscovery cache(std::move(*live));
    auto all = run(cache.serverGroupsAndResources());
    QVERIFY(all->isPartial());
    const int before = server.requestCount("/apis/apps/v1");
    auto one = run(cache.serverResourcesForGroupVersion({ "apps", "v1" }));
    QCOMPARE(!one->hasError(), transient);
    QCOMPARE(server.requestCount("/apis/apps/v1"), before + (transient ? 1 : 0));
}

void tst_DiscoveryFanout::staleGroupVersionHasItsOwnKind()
{
    // client-go's StaleGroupVersionError is not an HTTP status (it used to be a fake 503).
    FakeApiServer server;
    server.loadStockCluster({});
    server.setStale("stable.example.com", "v1beta1");
    QVERIFY(server.start());
    auto disc = DiscoveryClient::create(configFor(server));
    auto reply = run((*disc)->serverGroupsAndResources());
    QVERIFY(reply->isPartial());
    QCOMPARE(reply->data().failed.size(), 1);
    const Error &e = reply->data().failed.first().error;
    QCOMPARE(e.kind, Error::Kind::StaleDiscovery);
    QCOMPARE(e.httpCode, 0);
    QCOMPARE(e.message, QStringLiteral("stale GroupVersion discovery: stable.example.com/v1beta1"));
}

void tst_DiscoveryFanout::cacheFolderKeepsServerCapitals()
{
    // kubectl names the discovery cache folder after rest.Config.Host, the server string as
    // written ("LocalHost_6443"); QUrl would lowercase it and never share kubectl's cache.
    QTemporaryDir dir;
    const QByteArray yaml = "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
                            "clusters:\n- name: k\n  cluster:\n    server: http://LocalHost:6443\n"
                            "contexts:\n- name: c\n  context:\n    cluster: k\n    user: u\n"
                            "users:\n- name: u\n  user: {}\n";
    auto kc = Kubeconfig::parse(yaml, dir.filePath("config"));
    QVERIFY(kc);
    auto rc = kc->restConfig();
    QVERIFY(rc);
    QCOMPARE(rc->server, QStringLiteral("http://LocalHost:6443"));
    QCOMPARE(rc->host.host(), QStringLiteral("localhost"));
    QVERIFY(DiskCacheDiscovery::discoveryCacheDir(dir.path(), rc->serverString())
                .endsWith(QLatin1String("/discovery/LocalHost_6443")));
    auto disc = DiscoveryClient::create(*rc);
    QVERIFY(disc);
    QCOMPARE((*disc)->host(), QStringLiteral("http://LocalHost:6443"));
}

QTEST_GUILESS_MAIN(tst_DiscoveryFanout)
#include "tst_discoveryfanout.moc"
