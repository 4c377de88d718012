#include "discovery/memcachediscovery.h"
#include "fixtures.h"
#include "normalize.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace kube;
using fixtures::FakeDiscovery;

namespace {

std::unique_ptr<DiscoveryReply> run(DiscoveryReply *r)
{
    std::unique_ptr<DiscoveryReply> reply(r);
    reply->waitForFinished(std::chrono::seconds(10));
    return reply;
}

} // namespace

class tst_MemCacheDiscovery : public QObject
{
    Q_OBJECT

private slots:
    void concurrentCallersShareOneFetch();
    void answersFromMemoryAfterwards();
    void invalidateRefetches();
    void aggregatedDelegateNeedsNoPerVersionCalls();
    void transientFailureIsRetriedOnDemand();
    void unknownGroupVersionIsNotFound();
    void fetchErrorIsNotCached();
    void callableFromAnotherThread();
    void preferredResources();
};

void tst_MemCacheDiscovery::concurrentCallersShareOneFetch()
{
    auto fake = std::make_unique<FakeDiscovery>();
    FakeDiscovery *f = fake.get();
    MemCacheDiscovery mem(std::move(fake));
    std::unique_ptr<DiscoveryReply> a(mem.serverGroupsAndResources());
    std::unique_ptr<DiscoveryReply> b(mem.serverPreferredResources());
    std::unique_ptr<DiscoveryReply> c(
        mem.serverResourcesForGroupVersion({ QStringLiteral("apps"), QStringLiteral("v1") }));
    QVERIFY(a->waitForFinished() && b->waitForFinished() && c->waitForFinished());
    QCOMPARE(f->groupCalls, 1);
    QCOMPARE(f->resourceCalls, fixtures::stockData().groupVersions().size());
    QCOMPARE(fixtures::normalized(a->data()), fixtures::normalized(fixtures::stockData()));
    QCOMPARE(c->data().resources.size(), 1);
    QCOMPARE(c->data().resources.first().groupVersion, QStringLiteral("apps/v1"));
    QVERIFY(!b->data().resources.isEmpty());
}

void tst_MemCacheDiscovery::answersFromMemoryAfterwards()
{
    auto fake = std::make_unique<FakeDiscovery>();
    FakeDiscovery *f = fake.get();
    MemCacheDiscovery mem(std::move(fake));
    QVERIFY(!mem.fresh());
    QVERIFY(!mem.cachedData());
    QVERIFY(!run(mem.serverGroupsAndResources())->hasError());
    QVERIFY(mem.fresh());
    QVERIFY(mem.cachedData());
    const int calls = f->groupCalls + f->resourceCalls;
    auto again = run(mem.groupsAndMaybeResources());
    QVERIFY(again->data().hasResources); // everything comes with the groups now
    QVERIFY(!run(mem.serverGroupsAndResources())->hasError());
    QVERIFY(
        !run(mem.serverResourcesForGroupVersion({ QString(), QStringLiteral("v1") }))->hasError());
    QCOMPARE(f->groupCalls + f->resourceCalls, calls);
    QSignalSpy spy(again.get(), &DiscoveryReply::finished);
    QCOMPARE(spy.count(), 0); // finished() was emitted once, before the spy; never again
}

void tst_MemCacheDiscovery::invalidateRefetches()
{
    auto fake = std::make_unique<FakeDiscovery>();
    FakeDiscovery *f = fake.get();
    MemCacheDiscovery mem(std::move(fake));
    QVERIFY(!run(mem.serverGroupsAndResources())->hasError());
    mem.invalidate();
    QVERIFY(!mem.fresh());
    QCOMPARE(f->invalidations, 1);
    // A change on the server shows after the refetch.
    f->m_data.groups.removeIf(
        [](const APIGroup &g) { return g.name == QLatin1String("stable.example.com"); });
    auto r = run(mem.serverGroupsAndResources());
    QCOMPARE(f->groupCalls, 2);
    QVERIFY(!r->data().group(QStringLiteral("stable.example.com")));

    // Invalidating while a fetch runs: its callers still get an answer, the cache stays empty.
    std::unique_ptr<DiscoveryReply> during(mem.serverGroupsAndResources()); // from memory
    mem.invalidate();
    std::unique_ptr<DiscoveryReply> inflight(mem.serverGroupsAndResources());
    mem.invalidate();
    QVERIFY(during->waitForFinished() && inflight->waitForFinished());
    QVERIFY(!inflight->hasError());
    QVERIFY(!mem.fresh());
}

void tst_MemCacheDiscovery::aggregatedDelegateNeedsNoPerVersionCalls()
{
    auto fake = std::make_unique<FakeDiscovery>();
    fake->withResources = true;
    FakeDiscovery *f = fake.get();
    MemCacheDiscovery mem(std::move(fake));
    QVERIFY(!run(mem.serverGroupsAndResources())->hasError());
    QCOMPARE(f->groupCalls, 1);
    QCOMPARE(f->resourceCalls, 0);
}

void tst_MemCacheDiscovery::transientFailureIsRetriedOnDemand()
{
    auto fake = std::make_unique<FakeDiscovery>();
    fake->failing = QStringList { QStringLiteral("batch/v1") };
    FakeDiscovery *f = fake.get();
    MemCacheDiscovery mem(std::move(fake));
    auto first = run(mem.serverGroupsAndResources());
    QVERIFY(first->isPartial());
    QCOMPARE(first->data().failed.size(), 1);
    QCOMPARE(first->data().failed.first().error.httpCode, 500);

    f->failing.clear(); // the backend recovered
    const int before = f->resourceCalls;
    auto batch = run(
        mem.serverResourcesForGroupVersion({ QStringLiteral("batch"), QStringLiteral("v1") }));
    QVERIFY(!batch->hasError());
    QCOMPARE(f->resourceCalls, before + 1);
    auto all = run(mem.serverGroupsAndResources());
    QVERIFY(!all->hasError()); // the cache learnt it
    QCOMPARE(f->resourceCalls, before + 1);
}

void tst_MemCacheDiscovery::unknownGroupVersionIsNotFound()
{
    MemCacheDiscovery mem(std::make_unique<FakeDiscovery>());
    auto r = run(mem.serverResourcesForGroupVersion(
        { QStringLiteral("nope.example.com"), QStringLiteral("v1") }));
    QVERIFY(r->hasError());
    QCOMPARE(r->error().kind, Error::Kind::NotFound);
}

void tst_MemCacheDiscovery::fetchErrorIsNotCached()
{
    auto fake = std::make_unique<FakeDiscovery>();
    fake->failGroups = true;
    FakeDiscovery *f = fake.get();
    MemCacheDiscovery mem(std::move(fake));
    auto r = run(mem.serverGroupsAndResources());
    QVERIFY(r->hasError());
    QVERIFY(!r->isPartial());
    QCOMPARE(r->error().message, QStringLiteral("connection refused"));
    QVERIFY(!mem.fresh());
    f->failGroups = false;
    QVERIFY(!run(mem.serverGroupsAndResources())->hasError());
    QCOMPARE(f->groupCalls, 2);
}

void tst_MemCacheDiscovery::callableFromAnotherThread()
{
    auto fake = std::make_unique<FakeDiscovery>();
    FakeDiscovery *f = fake.get();
    MemCacheDiscovery mem(std::move(fake));
    std::atomic_int resources { 0 };
    std::atomic_bool onWorkerThread { false };
    QThread *worker = QThread::create([&] {
        std::unique_ptr<DiscoveryReply> r(mem.serverGroupsAndResources());
        // The reply lives on this thread and finishes here.
        QObject::connect(r.get(), &DiscoveryReply::finished, r.get(),
                         [&] { onWorkerThread = QThread::currentThread() != qApp->thread(); });
        r->waitForFinished();
        resources = int(r->data().resources.size());
    });
    std::unique_ptr<DiscoveryReply> mine(mem.serverGroupsAndResources());
    worker->start();
    QVERIFY(mine->waitForFinished());
    QTRY_VERIFY(worker->isFinished());
    delete worker;
    QCOMPARE(resources.load(), int(mine->data().resources.size()));
    QVERIFY(onWorkerThread.load());
    QCOMPARE(f->groupCalls, 1);
}

void tst_MemCacheDiscovery::preferredResources()
{
    // serverPreferredResources: first version wins unless a later one is preferred.
    DiscoveryData d;
    d.groups.append(APIGroup { QStringLiteral("g"),
                               { QStringLiteral("v1beta1"), QStringLiteral("v1") },
                               QStringLiteral("v1") });
    auto res = [](const QString &name) {
        return APIResource { name, {}, true, {}, {}, QStringLiteral("K"), { QStringLiteral("get") },
                             {},   {}, {} };
    };
    d.resources.append(APIResourceList { QStringLiteral("g/v1beta1"),
                                         { res(QStringLiteral("old")), res(QStringLiteral("both")),
                                           res(QStringLiteral("both/status")) } });
    d.resources.append(APIResourceList {
        QStringLiteral("g/v1"), { res(QStringLiteral("both")), res(QStringLiteral("new")) } });
    const QList<APIResourceList> preferred = d.preferredResources();
    QCOMPARE(preferred.size(), 2);
    QCOMPARE(preferred.at(0).groupVersion, QStringLiteral("g/v1beta1"));
    QCOMPARE(preferred.at(0).resources.size(), 1);
    QCOMPARE(preferred.at(0).resources.first().name, QStringLiteral("old"));
    QCOMPARE(preferred.at(1).resources.size(), 2);
    QCOMPARE(preferred.at(1).resources.at(0).name, QStringLiteral("both"));
    QCOMPARE(preferred.at(1).resources.at(1).name, QStringLiteral("new"));

    // The combined error lists failures sorted, like ErrGroupDiscoveryFailed.
    d.failed.append({ { QStringLiteral("z"), QStringLiteral("v1") },
                      Error::make(Error::Kind::Network, QStringLiteral("boom")) });
    d.failed.append({ { QString(), QStringLiteral("v1") },
                      Error::make(Error::Kind::Timeout, QStringLiteral("timed out")) });
    QCOMPARE(d.failure()->message,
             QStringLiteral(
                 "unable to retrieve the complete list of server APIs: v1: timed out, z/v1: boom"));
}

QTEST_GUILESS_MAIN(tst_MemCacheDiscovery)
#include "tst_memcachediscovery.moc"
