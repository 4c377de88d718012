#include "informer/informer.h"
#include "informer/reflector.h"
#include "informer/sharedinformerfactory.h"
#include "informer/store.h"
#include "rest/restclient.h"
#include "testing/fakeapiserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace kube;
using kube::testing::FakeApiServer;
using namespace std::chrono_literals;

namespace {

const QString Ns = QStringLiteral("team-a");

QJsonObject podJson(const QString &name, const QString &phase = QStringLiteral("Running"))
{
    return QJsonObject {
        { "metadata", QJsonObject { { "name", name }, { "namespace", Ns } } },
        { "spec",
          QJsonObject {
              { "containers",
                QJsonArray { QJsonObject { { "name", "c" }, { "image", "nginx" } } } } } },
        { "status", QJsonObject { { "phase", phase } } },
    };
}

//! A consumer that rebuilds the collection from batches only, as a list model does.
struct BatchMirror
{
    QHash<QString, QJsonObject> rows;
    int batches = 0;
    bool duplicateAdd = false;
    bool removedUnknown = false;
    void apply(const InformerBatch &b)
    {
        ++batches;
        for (const QString &k : b.added) {
            duplicateAdd = duplicateAdd || rows.contains(k);
            rows.insert(k, b.objects.value(k));
        }
        for (const QString &k : b.updated)
            rows.insert(k, b.objects.value(k));
        for (const QString &k : b.removed)
            removedUnknown = removedUnknown || !rows.remove(k);
    }
};

QSet<QString> serverKeys(const FakeApiServer &server)
{
    QSet<QString> keys;
    for (const QJsonObject &o : server.objects({}, "v1", "pods", Ns))
        keys.insert(Store::keyOf(o));
    return keys;
}

QSet<QString> keysOf(const QHash<QString, QJsonObject> &rows)
{
    return QSet<QString>(rows.keyBegin(), rows.keyEnd());
}

} // namespace

class tst_Informer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void batchesCoalesceManyChanges();
    void batchesRebuildStateAcrossRelists();
    void handlersOnRegisteringThread();
    void transformAppliedBeforeStore();
    void factorySharesAndStopsWithLastHandle();
    void factoryKeysBySelectorsAndMode();

private:
    ReflectorOptions fast() const
    {
        ReflectorOptions o;
        o.backoff.initial = 50ms;
        o.backoff.cap = 400ms;
        o.shortWatchThreshold = 20ms;
        return o;
    }
    DynamicResource pods() const
    {
        return DynamicResource(m_client, { "", "v1", "pods" }, ResourceScope::Namespaced)
            .inNamespace(Ns);
    }

    std::unique_ptr<FakeApiServer> m_server;
    std::shared_ptr<RestClient> m_client;
};

void tst_Informer::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .namespaces = 1, .pods = 0, .deployments = 0, .nodes = 1 });
    QVERIFY(m_server->start());
    for (int i = 0; i < 550; ++i)
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i)));
    RestConfig cfg;
    cfg.host = m_server->url();
    m_client = RestClient::createUnversioned(cfg);
}

void tst_Informer::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void tst_Informer::batchesCoalesceManyChanges()
{
    Informer informer(pods(), fast());
    informer.setBatchInterval(300ms);
    BatchMirror mirror;
    connect(&informer, &Informer::batchReady, this,
            [&](const InformerBatch &b) { mirror.apply(b); });
    QSignalSpy synced(&informer, &Informer::synced);
    informer.start();
    QVERIFY(synced.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(keysOf(mirror.rows), serverKeys(*m_server), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(informer.status().state, ReflectorStatus::State::Live, 10000);
    const int batchesBefore = mirror.batches;
    QSignalSpy updates(&informer, &Informer::updated);

    // 400 changes in a burst: modify every pod-N twice, create and delete "flash" pods.
    for (int i = 0; i < 100; ++i) {
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i), "Pending"));
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i), "Failed"));
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("flash-%1").arg(i)));
        m_server->removeObject({}, "v1", "pods", Ns, QStringLiteral("flash-%1").arg(i));
    }
    QTRY_COMPARE_WITH_TIMEOUT(updates.count(), 200, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(keysOf(mirror.rows), serverKeys(*m_server), 10000);
    QTest::qWait(400); // let the last interval flush
    QVERIFY(!mirror.duplicateAdd);
    QVERIFY(!mirror.removedUnknown);
    QCOMPARE(mirror.rows.value(Ns + "/pod-7").value("status").toObject().value("phase"), "Failed");
    // Far fewer model updates than events (400 events, batches of >= 300 ms).
    QVERIFY2(mirror.batches - batchesBefore < 40, qPrintable(QString::number(mirror.batches)));
}

void tst_Informer::batchesRebuildStateAcrossRelists()
{
    // 410 on resumption while pods come and go: a consumer of batches ends with exactly the
    // server's pods (never the 6,105-for-1,218 of the first round).
    m_server->setWatchFaults({ .endAfter = 250ms, .expireResumptions = -1 });
    Informer informer(pods(), fast());
    informer.setBatchInterval(100ms);
    BatchMirror mirror;
    connect(&informer, &Informer::batchReady, this,
            [&](const InformerBatch &b) { mirror.apply(b); });
    QSignalSpy synced(&informer, &Informer::synced);
    informer.start();
    QVERIFY(synced.wait(20000));
    for (int i = 0; i < 20; ++i) {
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("new-%1").arg(i)));
        m_server->removeObject({}, "v1", "pods", Ns, QStringLiteral("pod-%1").arg(i));
        QTest::qWait(60);
    }
    QTRY_VERIFY_WITH_TIMEOUT(informer.reflector()->relistCount() >= 2, 20000);
    m_server->setWatchFaults({});
    QTRY_COMPARE_WITH_TIMEOUT(keysOf(mirror.rows), serverKeys(*m_server), 20000);
    QCOMPARE(mirror.rows.size(), 550);
    QVERIFY(!mirror.duplicateAdd);
    QVERIFY(!mirror.removedUnknown);
}

void tst_Informer::handlersOnRegisteringThread()
{
    // The informer runs on this thread; a handler registered with a context object on another
    // thread is called there, and first replays what the store already holds.
    Informer informer(pods(), fast());
    QSignalSpy synced(&informer, &Informer::synced);
    informer.start();
    QVERIFY(synced.wait(20000));

    QThread consumerThread;
    consumerThread.start();
    QObject context;
    context.moveToThread(&consumerThread);
    std::atomic<int> added = 0;
    std::atomic<int> deleted = 0;
    std::atomic<bool> wrongThread = false;
    informer.addEventHandler(
        &context,
        { .added =
              [&](const QJsonObject &) {
                  wrongThread = wrongThread || QThread::currentThread() != &consumerThread;
                  ++added;
              },
          .deleted =
              [&](const QJsonObject &, bool) {
                  wrongThread = wrongThread || QThread::currentThread() != &consumerThread;
                  ++deleted;
              } });
    QTRY_COMPARE_WITH_TIMEOUT(added.load(), 550, 10000);
    m_server->addObject({}, "v1", "pods", podJson("one-more"));
    m_server->removeObject({}, "v1", "pods", Ns, "pod-3");
    QTRY_COMPARE_WITH_TIMEOUT(added.load(), 551, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(deleted.load(), 1, 10000);
    QVERIFY(!wrongThread);
    consumerThread.quit();
    consumerThread.wait();
}

void tst_Informer::transformAppliedBeforeStore()
{
    ReflectorOptions options = fast();
    options.transform = [](QJsonObject o) {
        QJsonObject meta = o.value("metadata").toObject();
        meta.remove("managedFields");
        meta.insert("transformed", true);
        o.insert("metadata", meta);
        o.remove("spec");
        return o;
    };
    Informer informer(pods(), options);
    QSignalSpy synced(&informer, &Informer::synced);
    informer.start();
    QVERIFY(synced.wait(20000));
    for (const QJsonObject &o : informer.lister().list(Ns)) {
        QVERIFY(!o.contains("spec"));
        QVERIFY(Store::metadataOf(o).value("transformed").toBool());
    }
    m_server->addObject({}, "v1", "pods", podJson("watched"));
    QTRY_VERIFY_WITH_TIMEOUT(informer.lister().get(Ns, "watched").has_value(), 10000);
    QVERIFY(!informer.lister().get(Ns, "watched")->contains("spec"));
}

void tst_Informer::factorySharesAndStopsWithLastHandle()
{
    SharedInformerFactory factory(m_client, fast());
    const WatchTarget target { .resource = { "", "v1", "pods" },
                               .ns = Ns,
                               .mode = InformerMode::Table };
    std::shared_ptr<Informer> a = factory.informer(target, ResourceScope::Namespaced);
    std::shared_ptr<Informer> b = factory.informer(target, ResourceScope::Namespaced);
    QCOMPARE(a.get(), b.get());
    QCOMPARE(factory.activeCount(), 1);
    QSignalSpy synced(a.get(), &Informer::synced);
    QVERIFY(synced.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->activeWatchCount(), 1, 10000);
    QCOMPARE(m_server->watchRequestCount(), 1); // one reflector for both consumers

    a.reset();
    QTest::qWait(50);
    QCOMPARE(m_server->activeWatchCount(), 1); // b still holds it
    QPointer<Informer> raw = b.get();
    b.reset();
    QTRY_VERIFY_WITH_TIMEOUT(raw.isNull(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->activeWatchCount(), 0, 10000);
    QCOMPARE(factory.activeCount(), 0);

    // A new consumer after that gets a fresh informer.
    std::shared_ptr<Informer> c = factory.informer(target, ResourceScope::Namespaced);
    QVERIFY(c.get() != nullptr);
    QSignalSpy synced2(c.get(), &Informer::synced);
    QVERIFY(synced2.wait(20000));
    QCOMPARE(c->lister().size(), 550);
}

void tst_Informer::factoryKeysBySelectorsAndMode()
{
    SharedInformerFactory factory(m_client, fast());
    WatchTarget t { .resource = { "", "v1", "pods" }, .ns = Ns };
    auto full = factory.informer(t);
    t.mode = InformerMode::Metadata;
    auto meta = factory.informer(t);
    t.labelSelector = "app=web";
    auto selected = factory.informer(t);
    QVERIFY(full.get() != meta.get());
    QVERIFY(meta.get() != selected.get());
    QCOMPARE(factory.activeCount(), 3);
    QCOMPARE(factory.existing(t).get(), selected.get());
}

QTEST_GUILESS_MAIN(tst_Informer)
#include "tst_informer.moc"
