#include "apiresourcesmodel.h"
#include "apiresourcespage.h"
#include "mainwindow.h"
#include "objectdetailsview.h"
#include "objectlistmodel.h"
#include "objectlistview.h"
#include "resourcetreemodel.h"
#include "resourcetreeview.h"
#include "testing/fakeapiserver.h"

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace kube::ui;
using kube::testing::FakeApiServer;

namespace {

constexpr int Timeout = 20000;

// A kubeconfig with one context per server, written by hand so cluster and user names are
// distinct (two files would merge same-named entries).
QString writeKubeconfig(const QString &dir,
                        const QList<QPair<QString, QUrl>> &contexts,
                        const QString &current)
{
    QString yaml = QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n");
    for (const auto &[name, url] : contexts)
        yaml += QStringLiteral("- name: %1-cluster\n  cluster:\n    server: %2\n")
                    .arg(name, url.toString());
    yaml += QStringLiteral("users:\n");
    for (const auto &c : contexts)
        yaml += QStringLiteral("- name: %1-user\n  user: {}\n").arg(c.first);
    yaml += QStringLiteral("contexts:\n");
    for (const auto &c : contexts)
        yaml += QStringLiteral("- name: %1\n  context:\n    cluster: %1-cluster\n    user: "
                               "%1-user\n    namespace: default\n")
                    .arg(c.first);
    yaml += QStringLiteral("current-context: %1\n").arg(current);
    const QString path = dir + QStringLiteral("/kubeconfig");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(yaml.toUtf8());
    return path;
}

QStringList headers(QAbstractItemModel *model)
{
    QStringList out;
    for (int c = 0; c < model->columnCount(); ++c)
        out << model->headerData(c, Qt::Horizontal).toString();
    return out;
}

bool isDiscoveryPath(const QString &path)
{
    // /api, /apis, /api/v1, /apis/<group>/<version>: what discovery asks for.
    if (path == QLatin1String("/api") || path == QLatin1String("/apis")
        || path == QLatin1String("/api/v1"))
        return true;
    return path.startsWith(QLatin1String("/apis/")) && path.count(u'/') <= 3;
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeApiServer> m_server;
    QString m_kubeconfig;

    MainWindow::Options options(const QString &cacheName = QStringLiteral("cache")) const
    {
        MainWindow::Options o;
        o.kubeconfig = m_kubeconfig;
        o.cacheRoot = m_dir.filePath(cacheName);
        o.watchLists = true;
        return o;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeApiServer>();
        m_server->loadStockCluster({ .namespaces = 4, .pods = 60, .deployments = 5, .nodes = 3 });
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_kubeconfig
            = writeKubeconfig(m_dir.path(), { { QStringLiteral("alpha"), m_server->url() } },
                              QStringLiteral("alpha"));
        QVERIFY(!m_kubeconfig.isEmpty());
    }

    void browsePodsAndYaml()
    {
        // Given a window on the fake cluster, all namespaces
        MainWindow::Options o = options();
        o.namespaceName = QString();
        MainWindow w(o);
        w.show();
        QSignalSpy shown(&w, &MainWindow::resourcesShown);
        QVERIFY(shown.wait(Timeout));

        // Then the tree holds the core group's pods and a CRD group
        ResourceTreeModel *tree = w.resourceTree()->model();
        QVERIFY(
            tree->indexOf({ QString(), QStringLiteral("v1"), QStringLiteral("pods") }).isValid());
        QVERIFY(tree->indexOf({ QStringLiteral("apps"), QStringLiteral("v1"),
                                QStringLiteral("deployments") })
                    .isValid());
        QVERIFY(tree->rowCount(tree->clusterIndex()) > 5);
        QVERIFY(w.discoveryStatus().contains(QStringLiteral("live")));

        // When the user selects Pods in the tree
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QVERIFY(
            w.resourceTree()->select({ QString(), QStringLiteral("v1"), QStringLiteral("pods") }));
        QVERIFY(loaded.wait(Timeout));
        QVERIFY(loaded.at(0).at(0).toBool());

        // Then the rows are the pods of all namespaces, with kubectl's columns
        ObjectListModel *model = w.objectList()->model();
        const auto expected
            = m_server->objects(QString(), QStringLiteral("v1"), QStringLiteral("pods"));
        QVERIFY(!expected.isEmpty());
        QCOMPARE(model->rowCount(), int(expected.size()));
        const QStringList cols = headers(model);
        for (const char *c : { "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE" })
            QVERIFY2(cols.contains(QLatin1String(c)), qPrintable(cols.join(u',')));
        // Wide columns (priority > 0, like IP and NODE) are hidden by default.
        QVERIFY(
            w.objectList()->tableView()->isColumnHidden(int(cols.indexOf(QStringLiteral("IP")))));
        QVERIFY(!w.objectList()->tableView()->isColumnHidden(
            int(cols.indexOf(QStringLiteral("STATUS")))));

        // When a row is selected, its YAML and events are shown
        QSignalSpy object(&w, &MainWindow::objectShown);
        QSignalSpy events(&w, &MainWindow::eventsShown);
        QVERIFY(w.selectRow(0));
        QVERIFY(object.wait(Timeout));
        const QString name = w.objectList()->currentRow()->name;
        const QString yaml = w.details()->yamlText();
        QVERIFY2(yaml.contains(QStringLiteral("kind: Pod")), qPrintable(yaml.left(300)));
        QVERIFY(yaml.contains(QStringLiteral("name: ") + name));
        QVERIFY(!yaml.contains(QStringLiteral("managedFields")));
        QVERIFY(w.details()->factsText().contains(name));
        QVERIFY(events.count() > 0 || events.wait(Timeout));

        // The events request asked for this object's events only
        bool sawEvents = false;
        for (const auto &r : m_server->requests()) {
            if (r.path.endsWith(QLatin1String("/events"))
                && r.query.contains(QLatin1String("fieldSelector")))
                sawEvents = r.query.contains(QLatin1String("involvedObject.name%3D") + name)
                    || r.query.contains(QLatin1String("involvedObject.name=") + name);
        }
        QVERIFY(sawEvents);

        // Sorting by AGE sorts by value
        QTableView *view = w.objectList()->tableView();
        view->sortByColumn(int(cols.indexOf(QStringLiteral("AGE"))), Qt::AscendingOrder);
        qint64 previous = -1;
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const qint64 created
                = view->model()->index(r, 0).data(ObjectListModel::CreatedRole).toLongLong();
            if (previous >= 0)
                QVERIFY(created <= previous); // youngest first: creation times descending
            previous = created;
        }
    }

    void switchNamespace()
    {
        MainWindow::Options o = options();
        o.resource = QStringLiteral("po");
        MainWindow w(o);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QSignalSpy namespaces(&w, &MainWindow::namespacesShown);
        QVERIFY(loaded.wait(Timeout));
        QVERIFY(namespaces.count() > 0 || namespaces.wait(Timeout));
        QVERIFY(w.namespaceBox()->findText(QStringLiteral("kube-system")) >= 0);
        QCOMPARE(w.namespaceBox()->itemText(0), QStringLiteral("All namespaces"));

        // When the user picks kube-system
        loaded.clear();
        w.setNamespace(QStringLiteral("kube-system"));
        QVERIFY(loaded.wait(Timeout));
        ObjectListModel *model = w.objectList()->model();
        const auto expected = m_server->objects(
            QString(), QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("kube-system"));
        QCOMPARE(model->rowCount(), int(expected.size()));
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->rowAt(r).ns, QStringLiteral("kube-system"));
        // One namespace: no NAMESPACE column, as kubectl prints it
        QCOMPARE(model->columnNamed(u"Namespace"), -1);

        // And all namespaces
        loaded.clear();
        w.setNamespace(QString());
        QVERIFY(loaded.wait(Timeout));
        QCOMPARE(
            model->rowCount(),
            int(m_server->objects(QString(), QStringLiteral("v1"), QStringLiteral("pods")).size()));
        // All namespaces: a leading NAMESPACE column filled from each row's metadata (kubectl -A)
        QCOMPARE(model->columnNamed(u"Namespace"), 0);
        QCOMPARE(model->columnNamed(u"Name"), 1);
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->index(r, 0).data().toString(), model->rowAt(r).ns);
    }

    void labelSelectorRelists()
    {
        MainWindow::Options o = options();
        o.resource = QStringLiteral("pods");
        o.namespaceName = QString();
        MainWindow w(o);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QVERIFY(loaded.wait(Timeout));
        const int all = w.objectList()->model()->rowCount();
        // A selector that matches nothing is applied by the server.
        loaded.clear();
        w.objectList()->labelSelectorEdit()->setText(QStringLiteral("app=does-not-exist"));
        emit w.objectList()->labelSelectorEdit()->returnPressed();
        QVERIFY(loaded.wait(Timeout));
        QCOMPARE(w.objectList()->model()->rowCount(), 0);
        QVERIFY(all > 0);
        bool sent = false;
        for (const auto &r : m_server->requests())
            sent = sent || r.query.contains(QLatin1String("labelSelector=app%3Ddoes-not-exist"));
        QVERIFY(sent);
    }

    void resourceSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("resource");
        QTest::newRow("short name") << "deploy"
                                    << "deployments";
        QTest::newRow("qualified") << "deployments.apps"
                                   << "deployments";
        QTest::newRow("crd short name") << "crd"
                                        << "customresourcedefinitions";
        QTest::newRow("kind") << "Node"
                              << "nodes";
    }
    void resourceSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, resource);
        MainWindow::Options o = options();
        o.resource = spec;
        o.namespaceName = QString();
        MainWindow w(o);
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QVERIFY(loaded.wait(Timeout));
        const auto current = w.resourceTree()->currentResource();
        QVERIFY(current);
        QCOMPARE(current->resource, resource);
        QVERIFY(w.objectList()->model()->rowCount() > 0);
    }

    void apiResourcesOpensList()
    {
        MainWindow w(options());
        w.show();
        QSignalSpy shown(&w, &MainWindow::resourcesShown);
        QVERIFY(shown.wait(Timeout));
        w.showApiResources();
        QCOMPARE(w.tabs()->currentWidget(), w.apiResources());
        QSortFilterProxyModel *proxy = w.apiResources()->proxy();
        QVERIFY(proxy->rowCount() > 20);
        QCOMPARE(
            headers(proxy),
            (QStringList { "NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS" }));

        // Filter to deployments and activate the row
        w.apiResources()->filterEdit()->setText(QStringLiteral("deployments"));
        QVERIFY(proxy->rowCount() >= 1);
        QModelIndex row;
        for (int r = 0; r < proxy->rowCount(); ++r) {
            if (proxy->index(r, ApiResourcesModel::NameColumn).data().toString()
                == QLatin1String("deployments"))
                row = proxy->index(r, 0);
        }
        QVERIFY(row.isValid());
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        emit w.apiResources()->tableView()->activated(row);
        QVERIFY(loaded.wait(Timeout));
        QCOMPARE(w.tabs()->currentIndex(), 0);
        QCOMPARE(w.resourceTree()->currentResource()->resource, QStringLiteral("deployments"));
        QVERIFY(headers(w.objectList()->model()).contains(QStringLiteral("UP-TO-DATE")));
    }

    void warmCacheShowsTreeBeforeAnyRequest()
    {
        const MainWindow::Options o = options(QStringLiteral("warm-cache"));
        {
            // Given a first run that fills the disk cache
            MainWindow w(o);
            QSignalSpy shown(&w, &MainWindow::resourcesShown);
            QVERIFY(shown.wait(Timeout));
            QCOMPARE(shown.at(0).at(0).value<DiscoverySource>(), DiscoverySource::Live);
        }
        QVERIFY(QFile::exists(o.cacheRoot + QStringLiteral("/discovery")));

        // When the window starts again, record the order of requests and tree updates
        m_server->clearRequests();
        QStringList log;
        auto c = connect(m_server.get(), &FakeApiServer::requestReceived, this,
                         [&log](const kube::testing::RecordedRequest &r) {
                             log << QStringLiteral("request ") + r.path;
                         });
        MainWindow w(o);
        connect(&w, &MainWindow::resourcesShown, this, [&log](DiscoverySource s) {
            log << (s == DiscoverySource::DiskCache ? QStringLiteral("tree cached")
                                                    : QStringLiteral("tree live"));
        });
        QSignalSpy shown(&w, &MainWindow::resourcesShown);
        QVERIFY(shown.wait(Timeout));

        // Then the tree came from the cache, before any discovery request reached the server
        QCOMPARE(shown.at(0).at(0).value<DiscoverySource>(), DiscoverySource::DiskCache);
        const qsizetype treeAt = log.indexOf(QStringLiteral("tree cached"));
        QVERIFY(treeAt >= 0);
        for (qsizetype i = 0; i < treeAt; ++i)
            QVERIFY2(!isDiscoveryPath(log[i].mid(8)), qPrintable(log.join(u'\n')));
        QVERIFY(w.resourceTree()
                    ->model()
                    ->indexOf({ QString(), QStringLiteral("v1"), QStringLiteral("pods") })
                    .isValid());
        QVERIFY2(w.discoveryStatus().contains(QStringLiteral("cache")),
                 qPrintable(w.discoveryStatus()));

        // And the background refresh then asks the server and says "live"
        QVERIFY(shown.wait(Timeout));
        QCOMPARE(shown.at(1).at(0).value<DiscoverySource>(), DiscoverySource::Live);
        QVERIFY(w.discoveryStatus().contains(QStringLiteral("live")));
        disconnect(c);
    }

    void switchContext()
    {
        // Given two clusters with different pods
        FakeApiServer other;
        other.loadStockCluster({ .namespaces = 1, .pods = 7, .deployments = 1, .nodes = 1 });
        QVERIFY(other.start());
        QTemporaryDir dir;
        const QString kubeconfig = writeKubeconfig(dir.path(),
                                                   { { QStringLiteral("alpha"), m_server->url() },
                                                     { QStringLiteral("beta"), other.url() } },
                                                   QStringLiteral("alpha"));
        MainWindow::Options o = options();
        o.kubeconfig = kubeconfig;
        o.resource = QStringLiteral("pods");
        o.namespaceName = QString();
        MainWindow w(o);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QVERIFY(loaded.wait(Timeout));
        QCOMPARE(w.contextBox()->count(), 2);
        QCOMPARE(w.contextBox()->currentText(), QStringLiteral("alpha"));
        const int alphaPods = int(
            m_server->objects(QString(), QStringLiteral("v1"), QStringLiteral("pods")).size());
        QCOMPARE(w.objectList()->model()->rowCount(), alphaPods);

        // When the user switches to beta
        loaded.clear();
        other.clearRequests();
        w.switchContext(QStringLiteral("beta"));
        QVERIFY(loaded.wait(Timeout));

        // Then the same resource lists beta's pods, from beta's server
        QCOMPARE(w.contextBox()->currentText(), QStringLiteral("beta"));
        const int betaPods = int(other
                                     .objects(QString(), QStringLiteral("v1"),
                                              QStringLiteral("pods"), QStringLiteral("default"))
                                     .size());
        QCOMPARE(w.objectList()->model()->rowCount(), betaPods);
        QVERIFY(other.requestCount(QStringLiteral("/api/v1/namespaces/default/pods")) > 0);
        QVERIFY(w.windowTitle().contains(QStringLiteral("beta")));
    }

    void connectionRefusedSaysWhatToDo()
    {
        // A server address where nothing listens
        FakeApiServer gone;
        QVERIFY(gone.start());
        const QUrl url = gone.url();
        gone.stop();
        QTemporaryDir dir;
        MainWindow::Options o = options(QStringLiteral("refused-cache"));
        o.kubeconfig = writeKubeconfig(dir.path(), { { QStringLiteral("down"), url } },
                                       QStringLiteral("down"));
        MainWindow w(o);
        w.show();
        auto *message = w.objectList()->findChild<QLabel *>(QStringLiteral("listMessage"));
        QVERIFY(message);
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("running")), Timeout);
        QVERIFY(!w.lastError().isEmpty());
    }

    void newCrdAppearsWithoutReconnect()
    {
        MainWindow w(options(QStringLiteral("crd-cache")));
        QSignalSpy shown(&w, &MainWindow::resourcesShown);
        QVERIFY(shown.wait(Timeout));
        const kube::GroupVersionResource gvr { QStringLiteral("gadgets.example.com"),
                                               QStringLiteral("v1"), QStringLiteral("gadgets") };
        QVERIFY(!w.resourceTree()->model()->indexOf(gvr).isValid());
        // Give the CRD watch a moment to be established (it starts after live discovery).
        QTest::qWait(300);

        // When a CRD is created on the server
        kube::testing::FakeResource gadgets;
        gadgets.group = gvr.group;
        gadgets.version = gvr.version;
        gadgets.resource = gvr.resource;
        gadgets.singular = QStringLiteral("gadget");
        gadgets.kind = QStringLiteral("Gadget");
        gadgets.shortNames = { QStringLiteral("gd") };
        m_server->addResource(gadgets);
        m_server->addObject(
            QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"),
            QStringLiteral("customresourcedefinitions"),
            QJsonObject { { "metadata", QJsonObject { { "name", "gadgets.gadgets.example.com" } } },
                          { "spec", QJsonObject { { "group", gvr.group } } } });

        // Then the tree shows it without a reconnect
        QTRY_VERIFY_WITH_TIMEOUT(w.resourceTree()->model()->indexOf(gvr).isValid(), Timeout);
        m_server->removeResource(gvr.group, gvr.version, gvr.resource);
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
