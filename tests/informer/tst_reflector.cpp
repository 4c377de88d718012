#include "../rest/scriptedserver.h"

#include "informer/reflector.h"
#include "informer/store.h"
#include "rest/restclient.h"
#include "testing/fakeapiserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace kube;
using kube::testing::FakeApiServer;
using kube::testing::WatchFaults;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(kube::testing::WatchFaults)

namespace {

const QString Ns = QStringLiteral("team-a");

QJsonObject podJson(const QString &name, const QString &phase = QStringLiteral("Running"))
{
    return QJsonObject {
        { "metadata",
          QJsonObject { { "name", name },
                        { "namespace", Ns },
                        { "labels", QJsonObject { { "app", "web" } } } } },
        { "spec",
          QJsonObject { { "containers",
                          QJsonArray { QJsonObject { { "name", "c" }, { "image", "nginx" } } } },
                        { "nodeName", "node-1" } } },
        { "status", QJsonObject { { "phase", phase } } },
    };
}

//! key -> resourceVersion of what the server has in team-a.
QMap<QString, QString> serverState(const FakeApiServer &server)
{
    QMap<QString, QString> out;
    for (const QJsonObject &o : server.objects({}, "v1", "pods", Ns))
        out.insert(Store::keyOf(o), Store::metadataOf(o).value("resourceVersion").toString());
    return out;
}

QMap<QString, QString> storeState(const Store &store)
{
    QMap<QString, QString> out;
    for (const QJsonObject &o : store.list())
        out.insert(Store::keyOf(o), Store::metadataOf(o).value("resourceVersion").toString());
    return out;
}

int listRequests(const FakeApiServer &server)
{
    int n = 0;
    for (const auto &r : server.requests()) {
        if (r.path.endsWith("/pods") && !r.query.contains("watch="))
            ++n;
    }
    return n;
}

} // namespace

class tst_Reflector : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void initialSync_data();
    void initialSync();
    void followsChanges();
    void faults_data();
    void faults();
    void quietAcrossTwentyServerEndedWatches();
    void bookmarksMoveResumePoint();
    void stalledStreamIsReconnected();
    void backoffGrowsWithoutHotLoop();
    void retryAfterHonoured();
    void watchList_data();
    void watchList();
    void badStreamRelists_data();
    void badStreamRelists();

private:
    ReflectorOptions fastOptions() const
    {
        ReflectorOptions o;
        o.backoff.initial = 50ms;
        o.backoff.cap = 400ms;
        o.minWatchTimeout = 300s;
        o.retryAfterUnit = 200ms;
        o.shortWatchThreshold = 20ms;
        return o;
    }
    std::unique_ptr<Reflector> reflector(const ReflectorOptions &options)
    {
        auto r = std::make_unique<Reflector>(
            DynamicResource(m_client, { "", "v1", "pods" }, ResourceScope::Namespaced)
                .inNamespace(Ns),
            std::make_shared<Store>(), options);
        return r;
    }
    void churn(int step)
    {
        // One add, one modification, one delete.
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("new-%1").arg(step)));
        m_server->addObject({}, "v1", "pods",
                            podJson(QStringLiteral("pod-%1").arg(step % 600), "Pending"));
        m_server->removeObject({}, "v1", "pods", Ns, QStringLiteral("pod-%1").arg(599 - step));
    }

    std::unique_ptr<FakeApiServer> m_server;
    std::shared_ptr<RestClient> m_client;
};

void tst_Reflector::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .namespaces = 1, .pods = 0, .deployments = 0, .nodes = 1 });
    QVERIFY(m_server->start());
    for (int i = 0; i < 600; ++i) // more than one page of 500
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i)));
    RestConfig cfg;
    cfg.host = m_server->url();
    m_client = RestClient::createUnversioned(cfg);
}

void tst_Reflector::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void tst_Reflector::initialSync_data()
{
    QTest::addColumn<InformerMode>("mode");
    QTest::addColumn<QByteArray>("accept");
    QTest::newRow("full objects") << InformerMode::Full << QByteArray("application/json");
    QTest::newRow("table rows") << InformerMode::Table << QByteArray("as=Table");
    QTest::newRow("metadata only")
        << InformerMode::Metadata << QByteArray("as=PartialObjectMetadataList");
}

void tst_Reflector::initialSync()
{
    QFETCH(InformerMode, mode);
    QFETCH(QByteArray, accept);
    ReflectorOptions options = fastOptions();
    options.mode = mode;
    auto r = reflector(options);
    QSignalSpy synced(r.get(), &Reflector::synced);
    QSignalSpy changed(r.get(), &Reflector::changed);
    r->start();
    QVERIFY(synced.wait(20000));
    QCOMPARE(synced.count(), 1);
    QVERIFY(r->hasSynced());
    QCOMPARE(storeState(*r->store()), serverState(*m_server));
    // Two pages of 500, applied as they came: two change sets of added objects.
    QCOMPARE(listRequests(*m_server), 2);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).value<StoreChanges>().size(), 500);
    bool sawAccept = false;
    for (const auto &req : m_server->requests())
        sawAccept = sawAccept || (req.path.endsWith("/pods") && req.accept.contains(accept));
    QVERIFY2(sawAccept, accept.constData());
    if (mode == InformerMode::Table) {
        QVERIFY(!r->columns().isEmpty());
        const QJsonObject row = r->store()->get(Ns + "/pod-1").value();
        QVERIFY(row.contains("cells"));
        QCOMPARE(row.value("cells").toArray().at(0).toString(), "pod-1");
    } else if (mode == InformerMode::Metadata) {
        QVERIFY(!r->store()->get(Ns + "/pod-1")->contains("spec"));
    } else {
        QVERIFY(r->store()->get(Ns + "/pod-1")->contains("spec"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(r->status().state, ReflectorStatus::State::Live, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->activeWatchCount(), 1, 10000);

    // Watch events arrive in the same mode.
    m_server->addObject({}, "v1", "pods", podJson("late", "Pending"));
    QTRY_VERIFY_WITH_TIMEOUT(r->store()->contains(Ns + "/late"), 10000);
    if (mode == InformerMode::Table)
        QVERIFY(r->store()->get(Ns + "/late")->contains("cells"));
    if (mode == InformerMode::Metadata)
        QVERIFY(!r->store()->get(Ns + "/late")->contains("spec"));
}

void tst_Reflector::followsChanges()
{
    auto r = reflector(fastOptions());
    QSignalSpy synced(r.get(), &Reflector::synced);
    r->start();
    QVERIFY(synced.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(r->status().state, ReflectorStatus::State::Live, 10000);
    for (int i = 0; i < 20; ++i)
        churn(i);
    QTRY_COMPARE_WITH_TIMEOUT(storeState(*r->store()), serverState(*m_server), 20000);
    QCOMPARE(r->listCount(), 1);
    QCOMPARE(r->relistCount(), 0);
}

void tst_Reflector::faults_data()
{
    QTest::addColumn<WatchFaults>("faults");
    QTest::addColumn<bool>("relists");
    QTest::newRow("server ends watches") << WatchFaults { .endAfter = 200ms } << false;
    QTest::newRow("connections cut") << WatchFaults { .cutAfter = 200ms } << false;
    QTest::newRow("410 on every resumption")
        << WatchFaults { .endAfter = 200ms, .expireResumptions = -1 } << true;
}

void tst_Reflector::faults()
{
    // Given a reflector watching while the server misbehaves, and objects changing all along,
    // the store settles on exactly what the server has; relists happen only after a 410.
    QFETCH(WatchFaults, faults);
    QFETCH(bool, relists);
    m_server->setWatchFaults(faults);
    auto r = reflector(fastOptions());
    QSignalSpy synced(r.get(), &Reflector::synced);
    r->start();
    QVERIFY(synced.wait(20000));
    const int watchesBefore = m_server->watchRequestCount();
    for (int i = 0; i < 30; ++i) {
        churn(i);
        QTest::qWait(40);
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_server->watchRequestCount() >= watchesBefore + 3, 20000);
    m_server->setWatchFaults({});
    QTRY_COMPARE_WITH_TIMEOUT(storeState(*r->store()), serverState(*m_server), 30000);
    if (relists) {
        QVERIFY(r->relistCount() >= 1);
        QCOMPARE(listRequests(*m_server), 2 * (1 + r->relistCount()));
    } else {
        QCOMPARE(r->relistCount(), 0);
        QCOMPARE(listRequests(*m_server), 2); // the two pages of the first list, nothing more
    }
    QCOMPARE(r->store()->size(), qsizetype(serverState(*m_server).size()));
}

void tst_Reflector::quietAcrossTwentyServerEndedWatches()
{
    // A quiet resource: the server ends every watch; each ending is routine, never a relist,
    // and the reflector stays live (the first round's bug: it stopped for good).
    m_server->setWatchFaults({ .endAfter = 1100ms });
    auto r = reflector(fastOptions());
    QSignalSpy synced(r.get(), &Reflector::synced);
    r->start();
    QVERIFY(synced.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(r->status().state, ReflectorStatus::State::Live, 10000);
    const int before = m_server->watchRequestCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_server->watchRequestCount() >= before + 20, 90000);
    QCOMPARE(r->relistCount(), 0);
    QCOMPARE(listRequests(*m_server), 2);
    QCOMPARE(r->status().consecutiveFailures, 0);
    // Still watching: a change after all that arrives.
    m_server->addObject({}, "v1", "pods", podJson("after-quiet"));
    QTRY_VERIFY_WITH_TIMEOUT(r->store()->contains(Ns + "/after-quiet"), 10000);
    QCOMPARE(storeState(*r->store()), serverState(*m_server));
}

void tst_Reflector::bookmarksMoveResumePoint()
{
    // Only bookmarks reach the pods watch while other resources change; the reflector resumes
    // from the bookmark's resourceVersion, so a compaction of the history does not cost a
    // relist.
    m_server->setWatchBookmarkInterval(100ms);
    m_server->setWatchFaults({ .endAfter = 600ms, .bookmarksOnly = true });
    auto r = reflector(fastOptions());
    QSignalSpy synced(r.get(), &Reflector::synced);
    r->start();
    QVERIFY(synced.wait(20000));
    const QString listedAt = r->lastSyncResourceVersion();
    for (int i = 0; i < 5; ++i) {
        m_server->addObject({}, "v1", "configmaps",
                            QJsonObject { { "metadata",
                                            QJsonObject { { "name", QString("cm-%1").arg(i) },
                                                          { "namespace", "default" } } } });
    }
    const QString newest = QString::number(m_server->resourceVersion());
    QVERIFY(newest != listedAt);
    QTRY_COMPARE_WITH_TIMEOUT(r->lastSyncResourceVersion(), newest, 10000);
    m_server->compactHistory();
    m_server->setWatchFaults({ .endAfter = 300ms });
    const int before = m_server->watchRequestCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_server->watchRequestCount() >= before + 2, 10000);
    QCOMPARE(r->relistCount(), 0);
}

void tst_Reflector::stalledStreamIsReconnected()
{
    ReflectorOptions options = fastOptions();
    options.idleTimeout = 700ms;
    auto r = reflector(options);
    QSignalSpy synced(r.get(), &Reflector::synced);
    QSignalSpy warnings(r.get(), &Reflector::warning);
    // Bookmarks every 100 ms keep a healthy quiet watch from tripping the idle timer.
    m_server->setWatchBookmarkInterval(100ms);
    m_server->setWatchFaults({ .endAfter = 300ms });
    r->start();
    QVERIFY(synced.wait(20000));
    const int healthyBefore = m_server->watchRequestCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_server->watchRequestCount() >= healthyBefore + 2, 10000);
    QCOMPARE(warnings.count(), 0);
    // Now every stream goes silent: changes made meanwhile must still arrive after the
    // reflector gives up on the dead stream and resumes.
    m_server->setWatchFaults({ .stall = true });
    QTRY_VERIFY_WITH_TIMEOUT(m_server->activeWatchCount() >= 1, 10000);
    const int stalledBefore = m_server->watchRequestCount();
    churn(1);
    QTRY_VERIFY_WITH_TIMEOUT(warnings.count() >= 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->watchRequestCount() > stalledBefore, 10000);
    m_server->setWatchFaults({});
    QTRY_COMPARE_WITH_TIMEOUT(storeState(*r->store()), serverState(*m_server), 20000);
    QCOMPARE(r->relistCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(r->status().state, ReflectorStatus::State::Live, 10000);
}

void tst_Reflector::backoffGrowsWithoutHotLoop()
{
    m_server->setWatchFaults({ .endAfter = 300ms });
    auto r = reflector(fastOptions());
    QSignalSpy synced(r.get(), &Reflector::synced);
    r->start();
    QVERIFY(synced.wait(20000));
    QElapsedTimer clock;
    clock.start();
    QList<qint64> attempts;
    connect(m_server.get(), &FakeApiServer::requestReceived, this,
            [&](const kube::testing::RecordedRequest &req) {
                if (req.query.contains("watch="))
                    attempts << clock.elapsed();
            });
    kube::testing::Fault fault;
    fault.type = kube::testing::Fault::Type::Status;
    fault.statusCode = 500;
    m_server->addFault("/api/v1/namespaces/team-a/pods", fault);
    QTRY_VERIFY_WITH_TIMEOUT(attempts.size() >= 6, 20000);
    QCOMPARE(r->status().state, ReflectorStatus::State::Reconnecting);
    QVERIFY(r->status().lastError.has_value());
    QCOMPARE(r->status().lastError->httpCode, 500);
    // Each wait is at least the doubled base (50, 100, 200, 400, 400 ms: capped).
    const qint64 minimum[] = { 50, 100, 200, 400, 400 };
    for (int i = 1; i < 6; ++i)
        QVERIFY2(attempts[i] - attempts[i - 1] >= minimum[i - 1] - 5,
                 qPrintable(QString("gap %1: %2 ms").arg(i).arg(attempts[i] - attempts[i - 1])));
    QCOMPARE(r->relistCount(), 0);
    m_server->clearFaults();
    m_server->setWatchFaults({});
    QTRY_COMPARE_WITH_TIMEOUT(r->status().state, ReflectorStatus::State::Live, 20000);
    QCOMPARE(r->status().consecutiveFailures, 0);
    QVERIFY(!r->status().staleSince.isValid());
}

void tst_Reflector::retryAfterHonoured()
{
    m_server->setWatchFaults({ .endAfter = 300ms });
    auto r = reflector(fastOptions());
    QSignalSpy synced(r.get(), &Reflector::synced);
    r->start();
    QVERIFY(synced.wait(20000));
    QElapsedTimer clock;
    clock.start();
    QList<qint64> attempts;
    connect(m_server.get(), &FakeApiServer::requestReceived, this,
            [&](const kube::testing::RecordedRequest &req) {
                if (req.query.contains("watch="))
                    attempts << clock.elapsed();
            });
    kube::testing::Fault fault;
    fault.type = kube::testing::Fault::Type::Status;
    fault.statusCode = 429;
    fault.retryAfterSeconds = 5; // 5 units of 200 ms: far above the 50 ms backoff
    fault.times = 1;
    m_server->addFault("/api/v1/namespaces/team-a/pods", fault);
    QTRY_VERIFY_WITH_TIMEOUT(attempts.size() >= 2, 20000);
    QVERIFY2(attempts[1] - attempts[0] >= 1000 - 20,
             qPrintable(QString("waited %1 ms").arg(attempts[1] - attempts[0])));
}

void tst_Reflector::watchList_data()
{
    QTest::addColumn<bool>("serverSupports");
    QTest::newRow("server streams initial events") << true;
    QTest::newRow("server refuses: fallback to list") << false;
}

void tst_Reflector::watchList()
{
    QFETCH(bool, serverSupports);
    m_server->setWatchFaults({ .watchList = serverSupports });
    ReflectorOptions options = fastOptions();
    options.useWatchList = true;
    auto r = reflector(options);
    QSignalSpy synced(r.get(), &Reflector::synced);
    r->start();
    QVERIFY(synced.wait(20000));
    QCOMPARE(storeState(*r->store()), serverState(*m_server));
    QCOMPARE(listRequests(*m_server), serverSupports ? 0 : 2);
    bool sentWatchList = false;
    for (const auto &req : m_server->requests())
        sentWatchList = sentWatchList
            || (req.query.contains("sendInitialEvents=true")
                && req.query.contains("resourceVersionMatch=NotOlderThan"));
    QVERIFY(sentWatchList);
    churn(3);
    QTRY_COMPARE_WITH_TIMEOUT(storeState(*r->store()), serverState(*m_server), 10000);
    QCOMPARE(r->status().state, ReflectorStatus::State::Live);
}

void tst_Reflector::badStreamRelists_data()
{
    QTest::addColumn<QByteArray>("badLine");
    QTest::newRow("malformed event line") << QByteArray("{\"type\":\"MODIFIED\",\"object\":{]]\n");
    QTest::newRow("not JSON at all") << QByteArray("<html>proxy error</html>\n");
    QTest::newRow("ERROR event with a non-Status body")
        << QByteArray("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Pod\",\"metadata\":{}}}\n");
}

void tst_Reflector::badStreamRelists()
{
    // A scripted server: lists answer one pod; the first watch sends a bad line; later
    // watches stay open. The reflector must relist (a second list) and warn, never stop.
    QFETCH(QByteArray, badLine);
    int lists = 0;
    int watches = 0;
    const QByteArray list
        = R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"10"},"items":[{"metadata":{"name":"a","namespace":"team-a","resourceVersion":"10"}}]})";
    ScriptedServer server([&](const ScriptedRequest &req, QTcpSocket *s) {
        if (!req.target.contains("watch=")) {
            ++lists;
            s->write(ScriptedServer::response(200, list));
            return;
        }
        ++watches;
        s->write(ScriptedServer::chunkedHead());
        if (watches == 1)
            s->write(ScriptedServer::chunk(badLine));
    });
    RestConfig cfg;
    cfg.host = server.url();
    auto client = RestClient::createUnversioned(cfg);
    Reflector r(DynamicResource(client, { "", "v1", "pods" }).inNamespace(Ns),
                std::make_shared<Store>(), fastOptions());
    QSignalSpy warnings(&r, &Reflector::warning);
    r.start();
    QTRY_VERIFY_WITH_TIMEOUT(lists >= 2, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(watches >= 2, 20000);
    QVERIFY(warnings.count() >= 1);
    QCOMPARE(r.relistCount(), 1);
    QCOMPARE(r.store()->keys(), QStringList { "team-a/a" });
    QVERIFY(r.isRunning());
}

QTEST_GUILESS_MAIN(tst_Reflector)
#include "tst_reflector.moc"
