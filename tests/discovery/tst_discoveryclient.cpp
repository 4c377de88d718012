#include "discovery/discoveryclient.h"
#include "discovery/discoverytransport.h"
#include "discovery/diskcachediscovery.h"
#include "normalize.h"
#include "rest/restclient.h"
#include "rest/restconfig.h"
#include "rest/restreply.h"
#include "testing/fakeapiserver.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kube;
using kube::testing::FakeApiServer;
using kube::testing::Fault;
using kube::testing::RecordedRequest;

namespace {

std::unique_ptr<DiscoveryReply> run(DiscoveryReply *r)
{
    std::unique_ptr<DiscoveryReply> reply(r);
    if (!reply->waitForFinished(std::chrono::seconds(20)))
        qWarning("discovery reply did not finish");
    return reply;
}

// Sends discovery GETs through a RestClient with a rewritten Accept header: lets a test ask
// for v2beta1 only, as a client that does not know v2 would.
class AcceptRewritingTransport final : public detail::DiscoveryTransport
{
public:
    AcceptRewritingTransport(std::shared_ptr<RestClient> client, QByteArray from, QByteArray to)
        : m_client(std::move(client))
        , m_from(std::move(from))
        , m_to(std::move(to))
    { }
    void get(const QString &path,
             const QByteArray &accept,
             QObject *context,
             std::function<void(const detail::DiscoveryResponse &)> done) override
    {
        RestReply *reply = m_client->get()
                               .absPath(path)
                               .accept(accept == m_from ? m_to : accept)
                               .rateLimited(false)
                               .send();
        reply->setParent(context);
        QObject::connect(reply, &RestReply::finished, context, [reply, done] {
            detail::DiscoveryResponse r { reply->result().statusCode, reply->result().contentType,
                                          reply->result().body, reply->result().error };
            reply->deleteLater();
            done(r);
        });
    }
    QString host() const override { return m_client->config().host.toString(); }

private:
    std::shared_ptr<RestClient> m_client;
    QByteArray m_from, m_to;
};

QStringList withoutCore(QStringList lines)
{
    lines.removeIf([](const QString &l) {
        return l.startsWith(QLatin1String("group  ")) || l.startsWith(QLatin1String("v1 "));
    });
    return lines;
}

} // namespace

class tst_DiscoveryClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void everyModeFindsTheSameApis_data();
    void everyModeFindsTheSameApis();
    void legacyFetchesGroupVersionsInParallel();
    void staleAggregatedVersionIsLeftOutAndReported();
    void failingLegacyVersionsGivePartialResult();
    void apisFailureIsTotal();
    void serverVersion();
    void preferredResources();
    void diskCacheColdAndWarm();

private:
    RestConfig config() const
    {
        RestConfig c;
        c.host = m_server->url();
        return c;
    }
    std::unique_ptr<FakeApiServer> m_server;
    QStringList m_reference;
};

void tst_DiscoveryClient::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // The reference: what legacy discovery of the stock cluster finds.
    init();
    auto disc = DiscoveryClient::create(config());
    QVERIFY(disc);
    (*disc)->setLegacyOnly(true);
    auto reply = run((*disc)->serverGroupsAndResources());
    QVERIFY2(!reply->hasError(), qPrintable(reply->error().toString()));
    m_reference = fixtures::normalized(reply->data());
    QVERIFY(m_reference.size() > 100);
    cleanup();
}

void tst_DiscoveryClient::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster(
        { .namespaces = 1, .pods = 2, .deployments = 1, .nodes = 1, .crdGroups = 20 });
    QVERIFY(m_server->start());
}

void tst_DiscoveryClient::cleanup()
{
    m_server.reset();
}

void tst_DiscoveryClient::everyModeFindsTheSameApis_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("maxRequests"); // -1: one per group-version plus the two roots
    QTest::newRow("aggregated v2") << "v2" << 2;
    QTest::newRow("aggregated v2beta1") << "v2beta1" << 2;
    QTest::newRow("legacy only") << "legacy" << -1;
    QTest::newRow("server without aggregated") << "no-aggregated" << -1;
    QTest::newRow("406 on aggregated /api") << "406" << -1;
    QTest::newRow("404 on /api") << "404" << 2;
}

void tst_DiscoveryClient::everyModeFindsTheSameApis()
{
    QFETCH(QString, mode);
    QFETCH(int, maxRequests);
    std::unique_ptr<DiscoveryClient> disc;
    if (mode == QLatin1String("v2beta1")) {
        const QByteArray v2beta1Only
            = "application/"
              "json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
        disc = std::make_unique<DiscoveryClient>(std::make_unique<AcceptRewritingTransport>(
            RestClient::createUnversioned(config()), DiscoveryClient::AcceptAggregated,
            v2beta1Only));
    } else {
        disc = std::move(*DiscoveryClient::create(config()));
    }
    if (mode == QLatin1String("legacy"))
        disc->setLegacyOnly(true);
    if (mode == QLatin1String("no-aggregated"))
        m_server->setAggregatedDiscovery(false);
    if (mode == QLatin1String("406") || mode == QLatin1String("404")) {
        // Only the exact path /api (fault prefixes would also catch /apis).
        const int code = mode.toInt();
        connect(m_server.get(), &FakeApiServer::requestReceived, this,
                [this, code](const RecordedRequest &r) {
                    if (r.path == QLatin1String("/api") && r.accept.contains("apidiscovery"))
                        m_server->addFault(
                            QStringLiteral("/api"),
                            Fault { .type = Fault::Type::Status, .statusCode = code, .times = 1 });
                });
    }

    auto reply = run(disc->serverGroupsAndResources());
    disconnect(m_server.get(), nullptr, this, nullptr);
    QVERIFY2(!reply->hasError(), qPrintable(reply->error().toString()));
    if (mode == QLatin1String("404")) {
        QVERIFY(!reply->data().group(QString()));
        QCOMPARE(withoutCore(fixtures::normalized(reply->data())), withoutCore(m_reference));
    } else {
        QCOMPARE(fixtures::normalized(reply->data()), m_reference);
    }

    const QList<RecordedRequest> log = m_server->requests();
    const int groupVersions = int(reply->data().groupVersions().size());
    if (maxRequests > 0) {
        QCOMPARE(log.size(), maxRequests);
    } else {
        // /api and /apis (plus one legacy retry after a 406), then every group-version once.
        const int retries = mode == QLatin1String("406") ? 1 : 0;
        QCOMPARE(log.size(), 2 + retries + groupVersions);
    }
    for (const RecordedRequest &r : log) {
        if (r.path == QLatin1String("/api") || r.path == QLatin1String("/apis")) {
            if (mode == QLatin1String("legacy"))
                QCOMPARE(r.accept, QByteArray("application/json"));
            else if (mode != QLatin1String("v2beta1") && r.accept != "application/json")
                QCOMPARE(r.accept, DiscoveryClient::AcceptAggregated);
        }
        QVERIFY2(r.query.contains(QLatin1String("timeout=32s")) || mode == QLatin1String("v2beta1"),
                 qPrintable(r.query));
    }
}

void tst_DiscoveryClient::legacyFetchesGroupVersionsInParallel()
{
    // Given every group-version answer delayed by 150 ms, the requests must overlap: the
    // transport's six HTTP/1.1 connections are all busy at once, and the whole fetch takes
    // about (group-versions / 6) delays instead of one delay per group-version.
    const auto delay = std::chrono::milliseconds(150);
    m_server->addFault(QStringLiteral("/apis/"),
                       Fault { .type = Fault::Type::Delay, .delay = delay });
    m_server->addFault(QStringLiteral("/api/"),
                       Fault { .type = Fault::Type::Delay, .delay = delay });
    QElapsedTimer clock;
    QList<qint64> arrivals;
    connect(m_server.get(), &FakeApiServer::requestReceived, this, [&](const RecordedRequest &r) {
        if (r.path.startsWith(QLatin1String("/api/")) || r.path.startsWith(QLatin1String("/apis/")))
            arrivals.append(clock.elapsed());
    });
    auto disc = DiscoveryClient::create(config());
    (*disc)->setLegacyOnly(true);
    clock.start();
    auto reply = run((*disc)->serverGroupsAndResources());
    const qint64 total = clock.elapsed();
    QVERIFY(!reply->hasError());
    const int n = int(reply->data().groupVersions().size());
    QCOMPARE(arrivals.size(), n);
    // The first six were all received before the first answer could have been sent.
    QVERIFY(arrivals.size() > 6);
    QVERIFY2(arrivals.at(5) - arrivals.at(0) < delay.count() / 2,
             qPrintable(QString::number(arrivals.at(5) - arrivals.at(0))));
    const qint64 sequential = n * delay.count();
    qInfo("legacy discovery of %d group-versions with %lld ms per answer: %lld ms (sequential "
          "would be %lld ms)",
          n, qlonglong(delay.count()), total, sequential);
    QVERIFY(total < sequential / 3);
}

void tst_DiscoveryClient::staleAggregatedVersionIsLeftOutAndReported()
{
    m_server->setStale(QStringLiteral("stable.example.com"), QStringLiteral("v1beta1"));
    m_server->setStale(QStringLiteral("ops.example.com"), QStringLiteral("v1"));
    auto disc = DiscoveryClient::create(config());
    auto reply = run((*disc)->serverGroupsAndResources());
    QVERIFY(reply->isPartial());
    QCOMPARE(reply->error().message,
             QStringLiteral("unable to retrieve the complete list of server APIs: "
                            "ops.example.com/v1: stale GroupVersion "
                            "discovery: ops.example.com/v1, stable.example.com/v1beta1: stale "
                            "GroupVersion discovery: "
                            "stable.example.com/v1beta1"));
    const APIGroup *stable = reply->data().group(QStringLiteral("stable.example.com"));
    QVERIFY(stable);
    QCOMPARE(stable->versions, QStringList { QStringLiteral("v1") });
    QVERIFY(!reply->data().resourcesFor(
        { QStringLiteral("stable.example.com"), QStringLiteral("v1beta1") }));
    QVERIFY(reply->data().resourcesFor({ QStringLiteral("apps"), QStringLiteral("v1") }));
    // Two attempts of /api + /apis: a partial failure is asked again (client-go's
    // withRetries(2) in ServerGroupsAndResources).
    QCOMPARE(m_server->requestCount(), 4);
}

void tst_DiscoveryClient::failingLegacyVersionsGivePartialResult()
{
    m_server->addFault(QStringLiteral("/apis/batch/v1"),
                       Fault { .type = Fault::Type::Status, .statusCode = 500 });
    m_server->setStale(QStringLiteral("stable.example.com"), QStringLiteral("v1beta1"));
    auto disc = DiscoveryClient::create(config());
    (*disc)->setLegacyOnly(true);
    auto reply = run((*disc)->serverGroupsAndResources());
    QVERIFY(reply->isPartial());
    QCOMPARE(reply->data().failed.size(), 2);
    const QString message = reply->error().message;
    QVERIFY2(message.startsWith(
                 QLatin1String("unable to retrieve the complete list of server APIs: batch/v1: ")),
             qPrintable(message));
    QVERIFY2(message.contains(QLatin1String(", stable.example.com/v1beta1: ")),
             qPrintable(message));
    QVERIFY(!reply->data().resourcesFor({ QStringLiteral("batch"), QStringLiteral("v1") }));
    QVERIFY(reply->data().resourcesFor({ QStringLiteral("apps"), QStringLiteral("v1") }));
    QVERIFY(reply->data().group(QStringLiteral("batch")));
    for (const FailedGroupVersion &f : reply->data().failed)
        QVERIFY(f.error.httpCode >= 500);
}

void tst_DiscoveryClient::apisFailureIsTotal()
{
    connect(m_server.get(), &FakeApiServer::requestReceived, this,
            [this](const RecordedRequest &r) {
                if (r.path == QLatin1String("/apis"))
                    m_server->addFault(
                        QStringLiteral("/apis"),
                        Fault { .type = Fault::Type::Status, .statusCode = 403, .times = 1 });
            });
    auto disc = DiscoveryClient::create(config());
    auto reply = run((*disc)->serverGroupsAndResources());
    QVERIFY(reply->hasError());
    QVERIFY(!reply->isPartial());
    QCOMPARE(reply->error().httpCode, 403);
    QVERIFY(reply->data().groups.isEmpty());
}

void tst_DiscoveryClient::serverVersion()
{
    auto disc = DiscoveryClient::create(config());
    std::unique_ptr<ServerVersionReply> reply((*disc)->serverVersion());
    QVERIFY(reply->waitForFinished());
    QVERIFY(reply->result());
    QVERIFY(reply->result()->gitVersion.startsWith(u'v'));
    QVERIFY(!reply->result()->platform.isEmpty());
    QCOMPARE(m_server->requests().first().path, QStringLiteral("/version"));
}

void tst_DiscoveryClient::preferredResources()
{
    auto disc = DiscoveryClient::create(config());
    auto reply = run((*disc)->serverPreferredResources());
    QVERIFY(!reply->hasError());
    int crontabs = 0;
    for (const APIResourceList &l : reply->data().resources) {
        for (const APIResource &r : l.resources) {
            QVERIFY(!r.isSubresource());
            if (r.name == QLatin1String("crontabs")) {
                ++crontabs;
                QCOMPARE(l.groupVersion, QStringLiteral("stable.example.com/v1"));
            }
        }
    }
    QCOMPARE(crontabs, 1);
    auto ns = run((*disc)->serverPreferredNamespacedResources());
    for (const APIResourceList &l : ns->data().resources) {
        for (const APIResource &r : l.resources)
            QVERIFY(r.namespaced);
    }
}

void tst_DiscoveryClient::diskCacheColdAndWarm()
{
    QTemporaryDir root;
    {
        auto disk = DiskCacheDiscovery::create(config(), root.path());
        QVERIFY(disk);
        QCOMPARE((*disk)->cacheDir(),
                 DiskCacheDiscovery::discoveryCacheDir(root.path(), m_server->url().toString()));
        QVERIFY((*disk)->cacheDir().endsWith(
            QStringLiteral("/discovery/127.0.0.1_%1").arg(m_server->port())));
        QElapsedTimer t;
        t.start();
        auto cold = run((*disk)->serverGroupsAndResources());
        qInfo("cold aggregated discovery through the disk cache: %lld ms, %d requests", t.elapsed(),
              m_server->requestCount());
        QVERIFY(!cold->hasError());
        QVERIFY(m_server->requestCount() <= 3);
        QCOMPARE(fixtures::normalized(cold->data()), m_reference);
    }
    m_server->clearRequests();
    auto disk = DiskCacheDiscovery::create(config(), root.path());
    QElapsedTimer t;
    t.start();
    auto warm = run((*disk)->serverGroupsAndResources());
    const qint64 ms = t.elapsed();
    QVERIFY(!warm->hasError());
    QCOMPARE(m_server->requestCount(), 0);
    QCOMPARE(fixtures::normalized(warm->data()), m_reference);
    qInfo("warm discovery from disk (%lld group-versions): %lld ms, 0 requests",
          qlonglong(warm->data().resources.size()), ms);
}

QTEST_GUILESS_MAIN(tst_DiscoveryClient)
#include "tst_discoveryclient.moc"
