// Keyboard and remembered state: the Ctrl+K palette, settings restored on restart, an offline
// start from the caches that reconnects by itself, the row menu, Secret masking, colours.

#include "commandpalette.h"
#include "connectionmonitor.h"
#include "fuzzymatch.h"
#include "guitestutil.h"
#include "mainwindow.h"
#include "objectactionscontroller.h"
#include "objectdetailsview.h"
#include "objectlistmodel.h"
#include "objectlistview.h"
#include "resourcetreemodel.h"
#include "resourcetreeview.h"
#include "secretmasker.h"
#include "testing/fakeapiserver.h"
#include "themecolors.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace kube::ui;
using kube::testing::FakeApiServer;

namespace {
constexpr int Timeout = 30000;
constexpr int Pods = 1200;

bool loadedOk(const QSignalSpy &spy)
{
    return !spy.isEmpty() && spy.last().at(0).toBool();
}

QAction *findAction(const QMenu &menu, const QString &text)
{
    for (QAction *a : menu.actions()) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
}

int columnIndex(MainWindow &w, const QString &name)
{
    QAbstractItemModel *m = w.objectList()->tableView()->model();
    for (int c = 0; c < m->columnCount(); ++c) {
        if (m->headerData(c, Qt::Horizontal).toString().compare(name, Qt::CaseInsensitive) == 0)
            return c;
    }
    return -1;
}
} // namespace

class tst_WindowState : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeApiServer> m_server;
    QString m_kubeconfig;

    MainWindow::Options options(const QString &cache = QStringLiteral("cache")) const
    {
        MainWindow::Options o;
        o.kubeconfig = m_kubeconfig;
        o.cacheRoot = m_dir.filePath(cache);
        o.watchLists = true;
        return o;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // Our own settings file: never the user's, never another test's.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("KubrowserTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_windowstate"));
        m_server = std::make_unique<FakeApiServer>();
        m_server->loadStockCluster({ .namespaces = 4, .pods = Pods, .deployments = 5, .nodes = 3 });
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_kubeconfig = guitest::writeKubeconfig(m_dir.filePath(QStringLiteral("kubeconfig")),
                                                { { QStringLiteral("alpha"), m_server->url() },
                                                  { QStringLiteral("beta"), m_server->url() } },
                                                QStringLiteral("alpha"));
    }

    void init() { QSettings().clear(); }

    void fuzzy_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("better");
        QTest::addColumn<QString>("worse");
        QTest::newRow("exact beats prefix") << "pods"
                                            << "pods"
                                            << "podsecuritypolicies";
        QTest::newRow("prefix beats substring") << "dep"
                                                << "deployments"
                                                << "endpoints-dep";
        QTest::newRow("substring beats subsequence") << "role"
                                                     << "roles"
                                                     << "rolebindx";
        QTest::newRow("word starts count") << "crb"
                                           << "cluster-role-binding"
                                           << "xcxrxb";
    }

    void fuzzy()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, better);
        QFETCH(QString, worse);
        QVERIFY(fuzzyScore(pattern, better) >= 0);
        QVERIFY(fuzzyScore(pattern, better) > fuzzyScore(pattern, worse));
        QCOMPARE(fuzzyScore(QStringLiteral("dpl"), QStringLiteral("deployments")) > 0, true);
        QCOMPARE(fuzzyScore(QStringLiteral("xyz"), QStringLiteral("deployments")), -1);
    }

    void secretMasking_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("masked");
        QTest::newRow("data")
            << "apiVersion: v1\ndata:\n  password: c2VjcmV0\n  user: YWRtaW4=\nkind: Secret\n"
            << "apiVersion: v1\ndata:\n  password: •••••• (6 bytes)\n  user: •••••• (5 bytes)\n"
               "kind: Secret\n"
            << true;
        QTest::newRow("stringData and block scalar")
            << "stringData:\n  token: abc\n  cert: |\n    -----BEGIN-----\n    xyz\nmetadata:\n  "
               "name: s\n"
            << "stringData:\n  token: •••••• (3 bytes)\n  cert: ••••••\nmetadata:\n  name: s\n"
            << true;
        QTest::newRow("nested data key untouched") << "metadata:\n  data:\n    x: y\n"
                                                   << "metadata:\n  data:\n    x: y\n"
                                                   << false;
    }

    void secretMasking()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, expected);
        QFETCH(bool, masked);
        bool any = false;
        QCOMPARE(SecretMasker::mask(yaml, &any), expected);
        QCOMPARE(any, masked);
    }

    void coloursFollowThePalette()
    {
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        for (auto role :
             { ThemeColors::Role::Ok, ThemeColors::Role::Error, ThemeColors::Role::Key }) {
            const QColor l = ThemeColors::color(role, light);
            const QColor d = ThemeColors::color(role, dark);
            // Readable on its own background: darker than mid-grey on white, lighter on black.
            QVERIFY(l.lightness() < 128);
            QVERIFY(d.lightness() > 128);
        }
        QVERIFY(ThemeColors::isDark(dark));
        QVERIFY(!ThemeColors::isDark(light));
    }

    void paletteNavigation()
    {
        MainWindow::Options o = options();
        o.namespaceName = QString();
        MainWindow w(o);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QSignalSpy shown(&w, &MainWindow::resourcesShown);
        QVERIFY(shown.wait(Timeout));
        QSignalSpy loaded(&w, &MainWindow::listLoaded);

        // Ctrl+K, "deploy", Enter: the deployments list opens.
        QTest::keyClick(&w, Qt::Key_K, Qt::ControlModifier);
        CommandPalette *palette = w.commandPalette();
        QTRY_VERIFY_WITH_TIMEOUT(palette->isVisible(), Timeout);
        QTest::keyClicks(palette->input(), QStringLiteral("deploy"));
        QVERIFY(palette->list()->count() > 0);
        QVERIFY2(palette->list()->item(0)->text().startsWith(QLatin1String("deployments.apps")),
                 qPrintable(palette->list()->item(0)->text()));
        QTest::keyClick(palette->input(), Qt::Key_Return);
        QVERIFY(!palette->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
        QCOMPARE(w.resourceTree()->currentResource()->resource, QStringLiteral("deployments"));

        // A short name finds its resource; Down moves, Enter takes the row chosen.
        // (The offscreen platform does not give the window back its activation after a popup,
        // which shortcuts need: the same action, triggered directly.)
        w.findChild<QAction *>(QStringLiteral("paletteAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(palette->isVisible(), Timeout);
        QTest::keyClicks(palette->input(), QStringLiteral("kube-"));
        QVERIFY(palette->list()->count() >= 2);
        const int start = palette->list()->currentRow();
        QTest::keyClick(palette->input(), Qt::Key_Down);
        QCOMPARE(palette->list()->currentRow(), start + 1);
        QTest::keyClick(palette->input(), Qt::Key_Up);
        QCOMPARE(palette->list()->currentRow(), start);
        palette->input()->clear();
        QTest::keyClicks(palette->input(), QStringLiteral("kube-system"));
        QTest::keyClick(palette->input(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(w.currentNamespace(), QStringLiteral("kube-system"), Timeout);

        // With nothing typed, the most recent choices come first.
        // (The offscreen platform does not give the window back its activation after a popup,
        // which shortcuts need: the same action, triggered directly.)
        w.findChild<QAction *>(QStringLiteral("paletteAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(palette->isVisible(), Timeout);
        QVERIFY2(palette->list()->item(0)->text().startsWith(QLatin1String("kube-system")),
                 qPrintable(palette->list()->item(0)->text()));
        QVERIFY2(palette->list()->item(1)->text().startsWith(QLatin1String("deployments.apps")),
                 qPrintable(palette->list()->item(1)->text()));
        QTest::keyClick(palette->input(), Qt::Key_Escape);
        QVERIFY(!palette->isVisible());

        // Ctrl+F goes to the row filter, Esc back to the list.
        w.findChild<QAction *>(QStringLiteral("filterAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.focusWidget() == w.objectList()->filterEdit(), Timeout);
        w.findChild<QAction *>(QStringLiteral("backToListAction"))->trigger(); // Esc
        QTRY_VERIFY_WITH_TIMEOUT(w.focusWidget() == w.objectList()->tableView(), Timeout);
        w.findChild<QAction *>(QStringLiteral("labelSelectorAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.focusWidget() == w.objectList()->labelSelectorEdit(), Timeout);
    }

    void settingsRestoredOnRestart()
    {
        QList<int> mainSizes;
        QList<int> listSizes;
        int movedTo = -1;
        int width = -1;
        {
            MainWindow::Options o = options();
            o.restoreSession = true;
            MainWindow w(o);
            w.show();
            QSignalSpy shown(&w, &MainWindow::resourcesShown);
            QVERIFY(shown.wait(Timeout));
            w.switchContext(QStringLiteral("beta"));
            QSignalSpy shownBeta(&w, &MainWindow::resourcesShown);
            QVERIFY(shownBeta.wait(Timeout));
            QSignalSpy loaded(&w, &MainWindow::listLoaded);
            w.setNamespace(QStringLiteral("payments"));
            QVERIFY(w.openResourceSpec(QStringLiteral("pods")));
            QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
            // The user rearranges: splitters, a column moved and widened.
            w.mainSplitter()->setSizes({ 300, 1100 });
            w.listSplitter()->setSizes({ 600, 260 });
            mainSizes = w.mainSplitter()->sizes();
            listSizes = w.listSplitter()->sizes();
            QHeaderView *header = w.objectList()->tableView()->horizontalHeader();
            QVERIFY(header->count() >= 4);
            header->moveSection(header->visualIndex(3), 0);
            header->resizeSection(1, 333);
            movedTo = header->visualIndex(3);
            width = header->sectionSize(1);
            w.close();
        }
        // A new run without arguments: the same place, the same layout.
        MainWindow::Options o = options();
        o.restoreSession = true;
        MainWindow w(o);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
        QCOMPARE(w.currentContext(), QStringLiteral("beta"));
        QCOMPARE(w.currentNamespace(), QStringLiteral("payments"));
        QCOMPARE(w.resourceTree()->currentResource()->resource, QStringLiteral("pods"));
        QCOMPARE(w.mainSplitter()->sizes(), mainSizes);
        QCOMPARE(w.listSplitter()->sizes(), listSizes);
        QHeaderView *header = w.objectList()->tableView()->horizontalHeader();
        QTRY_COMPARE_WITH_TIMEOUT(header->visualIndex(3), movedTo, Timeout);
        QCOMPARE(header->sectionSize(1), width);
        w.close();
    }

    void paletteRunsActions()
    {
        // Ctrl+K also runs what the menus and the row menu offer: on the selected row, and
        // only what is enabled now.
        MainWindow::Options o = options();
        o.namespaceName = QStringLiteral("payments");
        o.resource = QStringLiteral("pods");
        MainWindow w(o);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
        CommandPalette *palette = w.commandPalette();
        const auto titles = [&] {
            QStringList out;
            for (int i = 0; i < palette->list()->count(); ++i)
                out << palette->list()->item(i)->text();
            return out;
        };

        // No row selected: no row actions, but the menus' are there.
        w.findChild<QAction *>(QStringLiteral("paletteAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(palette->isVisible(), Timeout);
        QTest::keyClicks(palette->input(), QStringLiteral("copy namespace"));
        QVERIFY2(!titles().join(u'|').contains(QLatin1String("Copy Namespace/Name")),
                 qPrintable(titles().join(u'|')));
        palette->input()->clear();
        QTest::keyClicks(palette->input(), QStringLiteral("label selector"));
        QVERIFY2(titles().value(0).contains(QLatin1String("Label Selector")),
                 qPrintable(titles().join(u'|')));
        palette->close();

        // A row selected: its actions appear, named after it, and run on it.
        QTableView *table = w.objectList()->tableView();
        table->selectRow(0);
        const QString name = table->model()->index(0, 0).data().toString();
        w.findChild<QAction *>(QStringLiteral("paletteAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(palette->isVisible(), Timeout);
        QTest::keyClicks(palette->input(), QStringLiteral("copy namespace"));
        QVERIFY2(titles().value(0).contains(QLatin1String("Copy Namespace/Name"))
                     && titles().value(0).contains(name),
                 qPrintable(titles().join(u'|')));
        QSignalSpy copied(&w, &MainWindow::copied);
        QTest::keyClick(palette->input(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(copied.size(), 1, Timeout);
        QCOMPARE(copied.first().at(0).toString(), QStringLiteral("payments/") + name);
    }

    void readOnlyPerContextFromTheMenu()
    {
        // File > Read-Only for This Context hides every change, for that context only, and is
        // remembered; --read-only wins for the whole run and the menu says so.
        const auto visibleMutations = [](MainWindow &w) {
            QStringList out;
            for (QAction *a : w.objectActions()->actions()) {
                if (a->isVisible())
                    out << a->text();
            }
            return out;
        };
        {
            MainWindow::Options o = options();
            o.namespaceName = QStringLiteral("payments");
            o.resource = QStringLiteral("deployments");
            MainWindow w(o);
            w.show();
            QSignalSpy loaded(&w, &MainWindow::listLoaded);
            QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
            QVERIFY(w.selectRow(0));
            QTRY_VERIFY_WITH_TIMEOUT(!visibleMutations(w).isEmpty(), Timeout);
            auto *readOnly = w.findChild<QAction *>(QStringLiteral("readOnlyAction"));
            QVERIFY(readOnly && readOnly->isEnabled() && !readOnly->isChecked());
            readOnly->trigger();
            QVERIFY(readOnly->isChecked());
            QVERIFY2(visibleMutations(w).isEmpty(), qPrintable(visibleMutations(w).join(u',')));
            // Another context is not affected.
            QSignalSpy shown(&w, &MainWindow::resourcesShown);
            w.switchContext(QStringLiteral("beta"));
            QVERIFY(shown.wait(Timeout));
            QVERIFY(!readOnly->isChecked());
            w.close();
        }
        MainWindow::Options o = options();
        o.namespaceName = QStringLiteral("payments");
        o.resource = QStringLiteral("deployments");
        MainWindow w(o); // alpha again: remembered
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
        QVERIFY(w.selectRow(0));
        QTRY_VERIFY_WITH_TIMEOUT(w.objectList()->currentRow().has_value(), Timeout);
        QVERIFY(w.findChild<QAction *>(QStringLiteral("readOnlyAction"))->isChecked());
        QVERIFY2(visibleMutations(w).isEmpty(), qPrintable(visibleMutations(w).join(u',')));

        MainWindow::Options forced = options();
        forced.readOnly = true;
        MainWindow f(forced);
        QSignalSpy shown(&f, &MainWindow::resourcesShown);
        QVERIFY(shown.wait(Timeout));
        auto *a = f.findChild<QAction *>(QStringLiteral("readOnlyAction"));
        QVERIFY(a->isChecked() && !a->isEnabled());
    }

    void hiddenColumnsRestoredAndMenuStartsFromThem()
    {
        // The user hides a column; on the next run it is hidden again, the Columns menu shows it
        // unchecked, and showing another column does not bring the hidden one back.
        QString hiddenName;
        {
            MainWindow::Options o = options();
            o.restoreSession = true;
            o.resource = QStringLiteral("pods");
            o.namespaceName = QStringLiteral("payments");
            MainWindow w(o);
            w.show();
            QSignalSpy loaded(&w, &MainWindow::listLoaded);
            QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
            QMenu menu;
            w.objectList()->populateColumnMenu(&menu);
            QAction *ready = findAction(menu, QStringLiteral("Ready"));
            QVERIFY(ready && ready->isChecked());
            hiddenName = ready->text();
            ready->toggle();
            QVERIFY(w.objectList()->tableView()->isColumnHidden(columnIndex(w, hiddenName)));
            w.close();
        }
        MainWindow::Options o = options();
        o.restoreSession = true;
        MainWindow w(o);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
        QTableView *table = w.objectList()->tableView();
        QTRY_VERIFY_WITH_TIMEOUT(table->isColumnHidden(columnIndex(w, hiddenName)), Timeout);
        QMenu menu;
        w.objectList()->populateColumnMenu(&menu);
        QVERIFY(!findAction(menu, hiddenName)->isChecked());
        QAction *ip = findAction(menu, QStringLiteral("IP (wide)"));
        QVERIFY(ip && !ip->isChecked());
        ip->toggle();
        QVERIFY(!table->isColumnHidden(columnIndex(w, QStringLiteral("IP"))));
        QVERIFY(table->isColumnHidden(columnIndex(w, hiddenName)));
    }

    void offlineStartThenBackOnline()
    {
        // A port of our own, so the server can come back on it.
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        kube::testing::FakeApiServerOptions so;
        so.port = port;
        FakeApiServer server(so);
        server.loadStockCluster({ .namespaces = 4, .pods = Pods, .deployments = 5, .nodes = 3 });
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QString kubeconfig = guitest::writeKubeconfig(
            m_dir.filePath(QStringLiteral("offline-kubeconfig")),
            { { QStringLiteral("flaky"), server.url() } }, QStringLiteral("flaky"));
        MainWindow::Options o = options(QStringLiteral("offline-cache"));
        o.kubeconfig = kubeconfig;
        o.restoreSession = true;
        o.resource = QStringLiteral("pods");
        o.namespaceName = QString();
        {
            // A first run fills the discovery cache and remembers the namespaces.
            MainWindow w(o);
            w.show();
            QSignalSpy names(&w, &MainWindow::namespacesShown);
            QSignalSpy loaded(&w, &MainWindow::listLoaded);
            QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded) && !names.isEmpty(), Timeout);
            w.close();
        }
        server.stop();

        // Started with the server gone: the tree and the namespaces are there at once, the
        // window says offline.
        MainWindow w(o);
        QSignalSpy shown(&w, &MainWindow::resourcesShown);
        QSignalSpy back(&w, &MainWindow::backOnline);
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), Timeout);
        QCOMPARE(shown.first().at(0).value<DiscoverySource>(), DiscoverySource::DiskCache);
        QVERIFY(w.resourceTree()->model()->rowCount() > 0);
        QVERIFY(w.namespaceBox()->findData(QStringLiteral("payments")) >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(w.connection()->isOffline(), Timeout);
        QVERIFY(w.windowTitle().contains(QLatin1String("offline")));
        QVERIFY(w.connectionLabel()->text().contains(QLatin1String("offline")));

        // The server returns: the window notices by itself and loads the list.
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(!back.isEmpty(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
        // "Loaded" may come from the reconnected informer's status a batch interval before
        // its rows (a relist that changes nothing sends no batch at all).
        QTRY_COMPARE_WITH_TIMEOUT(w.objectList()->model()->rowCount(), Pods, Timeout);
        QVERIFY(!w.windowTitle().contains(QLatin1String("offline")));
        QVERIFY(w.connectionLabel()->text().isEmpty());
    }

    void rowMenuCopiesAndOpensOwner()
    {
        MainWindow::Options o = options();
        o.namespaceName = QStringLiteral("frontend"); // pods of Deployments, owned by ReplicaSets
        o.resource = QStringLiteral("pods");
        MainWindow w(o);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
        QVERIFY(w.selectRow(0));
        const auto row = w.objectList()->currentRow();
        QVERIFY(row);
        QMenu *menu = w.rowMenu();
        auto trigger = [menu](const char *name) {
            menu->findChild<QAction *>(QLatin1String(name))->trigger();
        };
        trigger("copyRowName");
        QCOMPARE(QGuiApplication::clipboard()->text(), row->name);
        trigger("copyRowNamespacedName");
        QCOMPARE(QGuiApplication::clipboard()->text(), row->ns + u'/' + row->name);
        QSignalSpy copied(&w, &MainWindow::copied);
        trigger("copyRowYaml");
        QTRY_VERIFY_WITH_TIMEOUT(!copied.isEmpty(), Timeout);
        QVERIFY(QGuiApplication::clipboard()->text().contains(
            QStringLiteral("name: %1").arg(row->name)));

        // Open owner: a stock pod belongs to a ReplicaSet; its list opens with it selected.
        loaded.clear();
        trigger("openRowOwner");
        QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
        QCOMPARE(w.resourceTree()->currentResource()->kind, QStringLiteral("ReplicaSet"));
        QTRY_VERIFY_WITH_TIMEOUT(w.objectList()->currentRow().has_value(), Timeout);
    }

    void secretDataMaskedUntilRevealed()
    {
        MainWindow::Options o = options();
        o.namespaceName = QStringLiteral("default");
        o.resource = QStringLiteral("secrets");
        m_server->addObject(
            QString(), QStringLiteral("v1"), QStringLiteral("secrets"),
            QJsonObject {
                { QStringLiteral("metadata"),
                  QJsonObject { { QStringLiteral("name"), QStringLiteral("aaa-db") },
                                { QStringLiteral("namespace"), QStringLiteral("default") } } },
                { QStringLiteral("type"), QStringLiteral("Opaque") },
                { QStringLiteral("data"),
                  QJsonObject {
                      { QStringLiteral("password"), QStringLiteral("aHVudGVyMg==") } } } });
        MainWindow w(o);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(loadedOk(loaded), Timeout);
        QSignalSpy objectShown(&w, &MainWindow::objectShown);
        bool selected = false;
        QAbstractItemModel *m = w.objectList()->tableView()->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            if (m->index(r, 0).data().toString() == QLatin1String("aaa-db"))
                selected = w.selectRow(r);
        }
        QVERIFY(selected);
        QVERIFY(objectShown.wait(Timeout));
        ObjectDetailsView *d = w.details();
        QVERIFY(!d->yamlText().contains(QLatin1String("aHVudGVyMg==")));
        QVERIFY2(d->yamlText().contains(QStringLiteral("password: •••••• (7 bytes)")),
                 qPrintable(d->yamlText()));
        QVERIFY(d->revealButton()->isVisible());
        QTest::mouseClick(d->revealButton(), Qt::LeftButton);
        QVERIFY(d->yamlText().contains(QLatin1String("aHVudGVyMg==")));
    }
};

QTEST_MAIN(tst_WindowState)
#include "tst_windowstate.moc"
