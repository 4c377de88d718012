#include "clustersession.h"
#include "testing/fakeapiserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kube::ui;
using kube::testing::FakeApiServer;
using kube::testing::WatchFaults;
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

//! What a list model would hold, rebuilt from the session's batches only.
struct Mirror
{
    QHash<QString, ObjectRow> rows;
    QList<TableColumn> columns;
    bool duplicateAdd = false;
    ListLiveState live;
    QList<ListLiveState::State> states;
};

ResourceType podsType()
{
    ResourceType t;
    t.version = QStringLiteral("v1");
    t.resource = QStringLiteral("pods");
    t.kind = QStringLiteral("Pod");
    t.namespaced = true;
    t.verbs = { QStringLiteral("list"), QStringLiteral("watch"), QStringLiteral("get") };
    return t;
}

} // namespace

class tst_ClusterSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listIsExactAcrossRelists();
    void liveStateGoesReconnectingAndBack();
    void detailsFollowTheirObject();
    void resourcesWithoutWatchAreListedOnce();

private:
    std::unique_ptr<ClusterSession> session()
    {
        ClusterSession::Options o;
        o.cacheRoot = m_dir.filePath("cache");
        o.backoffInitial = 100ms;
        auto s = std::make_unique<ClusterSession>(m_config, o);
        return s;
    }
    void attach(ClusterSession *s, quint64 *id, Mirror *m)
    {
        connect(s, &ClusterSession::listColumns, this,
                [id, m](quint64 i, const QList<TableColumn> &c) {
                    if (i == *id)
                        m->columns = c;
                });
        connect(s, &ClusterSession::listBatch, this, [id, m](quint64 i, const RowBatch &b) {
            if (i != *id)
                return;
            for (const QString &k : b.removed)
                m->rows.remove(k);
            for (const ObjectRow &r : b.upserts)
                m->rows.insert(r.key(), r);
        });
        connect(s, &ClusterSession::listLiveState, this,
                [id, m](quint64 i, const ListLiveState &st) {
                    if (i != *id)
                        return;
                    m->live = st;
                    if (m->states.isEmpty() || m->states.last() != st.state)
                        m->states.append(st.state);
                });
    }
    QSet<QString> serverKeys() const
    {
        QSet<QString> keys;
        for (const QJsonObject &o : m_server->objects({}, "v1", "pods", Ns))
            keys.insert(Ns + '/' + o.value("metadata").toObject().value("name").toString());
        return keys;
    }
    static QSet<QString> keysOf(const Mirror &m)
    {
        return QSet<QString>(m.rows.keyBegin(), m.rows.keyEnd());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<FakeApiServer> m_server;
    kube::RestConfig m_config;
};

void tst_ClusterSession::init()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .namespaces = 1, .pods = 0, .deployments = 0, .nodes = 1 });
    QVERIFY(m_server->start());
    for (int i = 0; i < 700; ++i)
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i)));
    m_config = kube::RestConfig {};
    m_config.host = m_server->url();
}

void tst_ClusterSession::cleanup()
{
    m_server.reset();
}

void tst_ClusterSession::listIsExactAcrossRelists()
{
    // The first round's bug: 6,105 rows where the server had 1,218 after 410 relists. Here
    // every resumption is answered 410 while pods come and go; the rows rebuilt from the
    // session's batches always end equal to the server's pods.
    m_server->setWatchFaults({ .endAfter = 300ms, .expireResumptions = -1 });
    auto s = session();
    quint64 id = 0;
    Mirror m;
    attach(s.get(), &id, &m);
    QSignalSpy finished(s.get(), &ClusterSession::listFinished);
    id = s->list(podsType(), Ns, {});
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.at(0).at(1).toBool());
    QCOMPARE(m.rows.size(), 700);
    QVERIFY(m.columns.size() > 3);
    QCOMPARE(m.columns.first().name, QStringLiteral("Name"));
    const int listsBefore
        = m_server->requestCount("/api/v1/namespaces/team-a/pods") - m_server->watchRequestCount();
    for (int i = 0; i < 15; ++i) {
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("new-%1").arg(i)));
        m_server->removeObject({}, "v1", "pods", Ns, QStringLiteral("pod-%1").arg(i));
        m_server->addObject({}, "v1", "pods",
                            podJson(QStringLiteral("pod-%1").arg(100 + i), "Failed"));
        QTest::qWait(80);
    }
    // Relists happened (two pages each)...
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount("/api/v1/namespaces/team-a/pods")
                                     - m_server->watchRequestCount()
                                 >= listsBefore + 4,
                             30000);
    m_server->setWatchFaults({});
    // ...and the rows are exactly the server's, never appended twice.
    QTRY_COMPARE_WITH_TIMEOUT(keysOf(m), serverKeys(), 30000);
    QCOMPARE(m.rows.size(), 700);
    const ObjectRow changed = m.rows.value(Ns + "/pod-105");
    QVERIFY(changed.cells.contains(QStringLiteral("Failed")));
}

void tst_ClusterSession::liveStateGoesReconnectingAndBack()
{
    m_server->setWatchFaults({ .cutAfter = 1200ms });
    auto s = session();
    quint64 id = 0;
    Mirror m;
    attach(s.get(), &id, &m);
    id = s->list(podsType(), Ns, {});
    QTRY_COMPARE_WITH_TIMEOUT(m.live.state, ListLiveState::State::Live, 20000);
    // The connection is cut: reconnecting, with a reason and a time of staleness...
    QTRY_COMPARE_WITH_TIMEOUT(m.live.state, ListLiveState::State::Reconnecting, 20000);
    QVERIFY(m.live.staleSince.isValid());
    QVERIFY(!m.live.reason.isEmpty());
    QVERIFY(m.live.text(QDateTime::currentDateTimeUtc()).startsWith("reconnecting"));
    m_server->setWatchFaults({});
    m_server->addObject({}, "v1", "pods", podJson("while-away"));
    // ...then live again, with what changed meanwhile.
    QTRY_COMPARE_WITH_TIMEOUT(m.live.state, ListLiveState::State::Live, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m.rows.contains(Ns + "/while-away"), 20000);
    QVERIFY(m.states.contains(ListLiveState::State::Loading));
    QCOMPARE(m.rows.size(), qsizetype(serverKeys().size()));
}

void tst_ClusterSession::detailsFollowTheirObject()
{
    auto s = session();
    QSignalSpy loaded(s.get(), &ClusterSession::objectLoaded);
    QSignalSpy deleted(s.get(), &ClusterSession::objectDeleted);
    const quint64 id = s->loadObject(podsType(), Ns, "pod-7", {});
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.last().at(0).toULongLong(), id);
    QVERIFY(loaded.last().at(2).toString().contains("phase: Running"));
    QVERIFY(!loaded.last().at(2).toString().contains("managedFields"));
    // An edit on the server reaches the pane.
    m_server->addObject({}, "v1", "pods", podJson("pod-7", "Failed"));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.last().at(2).toString().contains("phase: Failed"), 20000);
    // So does the deletion.
    m_server->removeObject({}, "v1", "pods", Ns, "pod-7");
    QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, 20000);
    QCOMPARE(deleted.at(0).at(0).toULongLong(), id);
}

void tst_ClusterSession::resourcesWithoutWatchAreListedOnce()
{
    ResourceType t = podsType();
    t.verbs = { QStringLiteral("list") };
    auto s = session();
    quint64 id = 0;
    Mirror m;
    attach(s.get(), &id, &m);
    QSignalSpy finished(s.get(), &ClusterSession::listFinished);
    id = s->list(t, Ns, {});
    QVERIFY(finished.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(m.rows.size(), 700, 10000);
    QTest::qWait(300);
    QCOMPARE(m_server->watchRequestCount(), 0);
    QCOMPARE(m.live.state, ListLiveState::State::Idle);
}

QTEST_GUILESS_MAIN(tst_ClusterSession)
#include "tst_clustersession.moc"
