#include "mainwindow.h"
#include "objectdetailsview.h"
#include "objectlistmodel.h"
#include "objectlistview.h"
#include "testing/fakeapiserver.h"

#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace kube::ui;
using kube::testing::FakeApiServer;
using kube::testing::WatchFaults;
using namespace std::chrono_literals;

// The object list stays exact and live while the server ends watches, cuts connections and
// answers 410 — with real widgets, offscreen, a list larger than one page, and clicks.

namespace {

constexpr int Timeout = 30000;
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

} // namespace

class tst_LiveList : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void relistAfter410KeepsCountAndSelection();
    void quietListSurvivesTwentyServerEndedWatches();
    void droppedStreamReconnectsAndGoesLive();

private:
    std::unique_ptr<MainWindow> openPods()
    {
        MainWindow::Options o;
        o.kubeconfig = m_kubeconfig;
        o.cacheRoot = m_dir.filePath("cache");
        o.namespaceName = Ns;
        o.resource = QStringLiteral("pods");
        o.watchLists = true;
        auto w = std::make_unique<MainWindow>(o);
        w->resize(1200, 800);
        w->show();
        return w;
    }
    int serverPods() const { return int(m_server->objects({}, "v1", "pods", Ns).size()); }
    //! Clicks the row showing \a name (scrolling to it first), as a user would.
    bool clickRow(MainWindow &w, const QString &name)
    {
        QTableView *view = w.objectList()->tableView();
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QModelIndex idx = view->model()->index(r, 0);
            if (idx.data(ObjectListModel::NameRole).toString() != name)
                continue;
            view->scrollTo(idx);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(idx).center());
            return true;
        }
        return false;
    }
    int listRequests() const
    {
        int n = 0;
        for (const auto &r : m_server->requests())
            n += r.path == "/api/v1/namespaces/team-a/pods" && !r.query.contains("watch=") ? 1 : 0;
        return n;
    }

    QTemporaryDir m_dir;
    QString m_kubeconfig;
    std::unique_ptr<FakeApiServer> m_server;
};

void tst_LiveList::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void tst_LiveList::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .namespaces = 1, .pods = 0, .deployments = 0, .nodes = 1 });
    QVERIFY(m_server->start());
    for (int i = 0; i < 650; ++i) // more than one page of 500
        m_server->addObject({}, "v1", "pods",
                            podJson(QStringLiteral("pod-%1").arg(i, 3, 10, QChar('0'))));
    m_kubeconfig = m_server->writeKubeconfig(m_dir.path());
}

void tst_LiveList::cleanup()
{
    m_server.reset();
}

void tst_LiveList::relistAfter410KeepsCountAndSelection()
{
    // Given a pod list where every watch resumption is answered 410 Expired
    m_server->setWatchFaults({ .endAfter = 400ms, .expireResumptions = -1 });
    auto w = openPods();
    QSignalSpy loaded(w.get(), &MainWindow::listLoaded);
    QVERIFY(loaded.wait(Timeout));
    ObjectListModel *model = w->objectList()->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 650, Timeout);

    // When the user clicks a pod and pods come and go while the list relists
    QVERIFY(clickRow(*w, "pod-042"));
    QTRY_COMPARE_WITH_TIMEOUT(w->objectList()->currentRow()->name, QStringLiteral("pod-042"),
                              Timeout);
    const int listsBefore = listRequests();
    for (int i = 0; i < 12; ++i) {
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("new-%1").arg(i)));
        m_server->removeObject({}, "v1", "pods", Ns,
                               QStringLiteral("pod-%1").arg(600 + i, 3, 10, QChar('0')));
        QTest::qWait(100);
    }
    QTRY_VERIFY_WITH_TIMEOUT(listRequests() >= listsBefore + 4, Timeout); // two relists or more
    m_server->setWatchFaults({});

    // Then the count is exactly the server's, in the model and in the title, and the
    // selection stayed on the pod the user clicked.
    // (Adds and deletes come in pairs, so the count alone says little: wait for the last pair.)
    QTRY_VERIFY_WITH_TIMEOUT(
        model->findKey(Ns + "/new-11") >= 0 && model->findKey(Ns + "/pod-611") < 0, Timeout);
    QCOMPARE(model->rowCount(), serverPods());
    QCOMPARE(model->rowCount(), 650);
    QSet<QString> keys;
    for (int r = 0; r < model->rowCount(); ++r)
        keys.insert(model->rowAt(r).key());
    QCOMPARE(keys.size(), 650);
    QVERIFY(keys.contains(Ns + "/new-11"));
    QVERIFY(!keys.contains(Ns + "/pod-611"));
    const QString title = w->objectList()->findChild<QLabel *>("listTitle")->text();
    QVERIFY2(title.contains("(650)"), qPrintable(title));
    QCOMPARE(w->objectList()->currentRow()->name, QStringLiteral("pod-042"));
}

void tst_LiveList::quietListSurvivesTwentyServerEndedWatches()
{
    m_server->setWatchFaults({ .endAfter = 1100ms });
    auto w = openPods();
    QSignalSpy loaded(w.get(), &MainWindow::listLoaded);
    QVERIFY(loaded.wait(Timeout));
    const int before = m_server->watchRequestCount();
    QTRY_VERIFY_WITH_TIMEOUT(m_server->watchRequestCount() >= before + 20, 120000);
    QLabel *live = w->objectList()->liveLabel();
    QTRY_VERIFY_WITH_TIMEOUT(live->text().contains("live"), Timeout);
    QCOMPARE(listRequests(), 2); // the first list's two pages; no relist for a normal end
    // Still following: a new pod shows up.
    m_server->addObject({}, "v1", "pods", podJson("after-twenty"));
    QTRY_COMPARE_WITH_TIMEOUT(w->objectList()->model()->findKey(Ns + "/after-twenty") >= 0, true,
                              Timeout);
}

void tst_LiveList::droppedStreamReconnectsAndGoesLive()
{
    m_server->setWatchFaults({ .cutAfter = 1500ms });
    auto w = openPods();
    QSignalSpy loaded(w.get(), &MainWindow::listLoaded);
    QVERIFY(loaded.wait(Timeout));
    QLabel *live = w->objectList()->liveLabel();
    QTRY_VERIFY_WITH_TIMEOUT(live->text().contains("live"), Timeout);
    // The connection is cut: the list says so, with when it will retry.
    QTRY_VERIFY_WITH_TIMEOUT(live->text().contains("reconnecting"), Timeout);
    QVERIFY2(live->text().contains("stale since"), qPrintable(live->text()));
    m_server->setWatchFaults({});
    m_server->addObject({}, "v1", "pods", podJson("during-outage"));
    QTRY_VERIFY_WITH_TIMEOUT(live->text().contains("live"), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(w->objectList()->model()->findKey(Ns + "/during-outage") >= 0,
                             Timeout);
    QCOMPARE(w->objectList()->model()->rowCount(), serverPods());
}

QTEST_MAIN(tst_LiveList)
#include "tst_livelist.moc"
