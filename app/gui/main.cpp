#include "democluster.h"
#include "mainwindow.h"
#include "objectdetailsview.h"
#include "objectlistmodel.h"
#include "objectlistview.h"
#include "resourcetreeview.h"
#include "uiresources.h"

#include <kubeclient_version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace {

// Resident set size in MiB (Linux), for --measure.
double rssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

void print(const QString &text, FILE *stream = stdout)
{
    std::fputs(qPrintable(text + u'\n'), stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("kubrowser"));
    QApplication::setApplicationDisplayName(QStringLiteral("Kubrowser"));
    QApplication::setOrganizationName(QStringLiteral("Kubrowser"));
    QApplication::setApplicationVersion(QStringLiteral(KUBROWSER_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("io.github.kubrowser.Kubrowser"));
    kube::ui::initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kubrowser.png")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A fast native browser for Kubernetes clusters."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption kubeconfigOpt(QStringLiteral("kubeconfig"),
                                           QStringLiteral("Path to the kubeconfig file to use."),
                                           QStringLiteral("file"));
    const QCommandLineOption contextOpt(QStringList { QStringLiteral("context") },
                                        QStringLiteral("The kubeconfig context to open."),
                                        QStringLiteral("name"));
    const QCommandLineOption namespaceOpt(
        QStringList { QStringLiteral("n"), QStringLiteral("namespace") },
        QStringLiteral("The namespace to open."), QStringLiteral("namespace"));
    const QCommandLineOption allNamespacesOpt(
        QStringList { QStringLiteral("A"), QStringLiteral("all-namespaces") },
        QStringLiteral("Open all namespaces."));
    const QCommandLineOption resourceOpt(
        QStringList { QStringLiteral("r"), QStringLiteral("resource") },
        QStringLiteral("The resource to list, as kubectl accepts it (pods, po, "
                       "deploy.apps, a CRD's plural)."),
        QStringLiteral("resource"));
    const QCommandLineOption demoOpt(
        QStringLiteral("demo"),
        QStringLiteral("Start the built-in demo cluster and connect to it."));
    const QCommandLineOption demoPodsOpt(
        QStringLiteral("demo-pods"),
        QStringLiteral("Number of pods in the demo cluster (default 2000)."), QStringLiteral("n"),
        QStringLiteral("2000"));
    const QCommandLineOption cacheDirOpt(
        QStringLiteral("cache-dir"),
        QStringLiteral("Discovery cache root (default $KUBECACHEDIR or ~/.kube/cache)."),
        QStringLiteral("dir"));
    const QCommandLineOption noWatchOpt(QStringLiteral("no-watch"),
                                        QStringLiteral("Do not keep lists live with a watch."));
    const QCommandLineOption screenshotOpt(
        QStringLiteral("screenshot"),
        QStringLiteral("Write a PNG of the window once the list has loaded, then quit."),
        QStringLiteral("file.png"));
    const QCommandLineOption screenshotViewOpt(
        QStringLiteral("screenshot-view"),
        QStringLiteral("What to show for --screenshot: objects (default), "
                       "details, events, api-resources, tree-filter=<text>."),
        QStringLiteral("view"), QStringLiteral("objects"));
    const QCommandLineOption measureOpt(
        QStringLiteral("measure"),
        QStringLiteral("Print load timings, RSS and the longest GUI-thread stall for "
                       "--resource, then quit."));
    for (const auto &o :
         { kubeconfigOpt, contextOpt, namespaceOpt, allNamespacesOpt, resourceOpt, demoOpt,
           demoPodsOpt, cacheDirOpt, noWatchOpt, screenshotOpt, screenshotViewOpt, measureOpt })
        parser.addOption(o);
    const QCommandLineOption readOnlyOpt(
        QStringLiteral("read-only"),
        QStringLiteral("Hide every action that changes the cluster (edit, delete, scale ...)."));
    parser.addOption(readOnlyOpt);
    parser.process(app);

    if (parser.isSet(namespaceOpt) && parser.isSet(allNamespacesOpt)) {
        print(QStringLiteral("kubrowser: --namespace and --all-namespaces cannot be used together"),
              stderr);
        return 2;
    }

    kube::ui::MainWindow::Options options;
    options.kubeconfig = parser.value(kubeconfigOpt);
    options.context = parser.value(contextOpt);
    if (parser.isSet(allNamespacesOpt))
        options.namespaceName = QString();
    else if (parser.isSet(namespaceOpt))
        options.namespaceName = parser.value(namespaceOpt);
    options.resource = parser.value(resourceOpt);
    options.cacheRoot = parser.value(cacheDirOpt);
    options.watchLists = !parser.isSet(noWatchOpt) && !parser.isSet(measureOpt);
    options.readOnly = parser.isSet(readOnlyOpt);

    std::unique_ptr<kube::app::DemoCluster> demo;
    if (parser.isSet(demoOpt)) {
        bool ok = false;
        const int pods = parser.value(demoPodsOpt).toInt(&ok);
        if (!ok || pods < 0) {
            print(QStringLiteral("kubrowser: --demo-pods needs a non-negative number"), stderr);
            return 2;
        }
        demo = std::make_unique<kube::app::DemoCluster>();
        kube::app::DemoCluster::Options demoOptions;
        demoOptions.pods = pods;
        if (!demo->start(demoOptions)) {
            print(QStringLiteral("kubrowser: cannot start the demo cluster: %1")
                      .arg(demo->errorString()),
                  stderr);
            return 1;
        }
        options.kubeconfig = demo->kubeconfigPath();
        options.context = QStringLiteral("demo");
        if (options.cacheRoot.isEmpty())
            options.cacheRoot = demo->cacheRoot(); // never mix demo data into the user's cache
        options.demoNote = QStringLiteral("demo cluster");
    }

    kube::ui::MainWindow window(options);
    window.show();

    if (parser.isSet(measureOpt)) {
        // Heartbeat: a 5 ms timer on the GUI thread; the longest gap between beats is the
        // longest time the GUI thread could not react.
        auto *heartbeat = new QTimer(&window);
        heartbeat->setInterval(5);
        auto *sinceBeat = new QElapsedTimer;
        qint64 longestStall = 0;
        QObject::connect(heartbeat, &QTimer::timeout, &window, [&longestStall, sinceBeat] {
            if (sinceBeat->isValid())
                longestStall = std::max(longestStall, sinceBeat->elapsed());
            sinceBeat->start();
        });
        auto *clock = new QElapsedTimer;
        qint64 firstRows = -1;
        const double rssBefore = rssMiB();
        QObject::connect(&window, &kube::ui::MainWindow::resourcesShown, &window, [&, clock] {
            if (!clock->isValid()) {
                clock->start();
                heartbeat->start();
                longestStall = 0;
            }
        });
        QObject::connect(&window, &kube::ui::MainWindow::firstRowsShown, &window,
                         [&firstRows, clock] { firstRows = clock->elapsed(); });
        QObject::connect(&window, &kube::ui::MainWindow::listLoaded, &window, [&, clock](bool ok) {
            const qint64 complete = clock->elapsed();
            // Let the view paint the last batch before reading the stall and memory.
            QTimer::singleShot(200, &window, [&, complete, ok] {
                heartbeat->stop();
                print(QStringLiteral("list ok: %1").arg(ok ? "yes" : "no"));
                print(QStringLiteral("rows: %1").arg(window.objectList()->model()->rowCount()));
                print(QStringLiteral("first rows after: %1 ms").arg(firstRows));
                print(QStringLiteral("complete list after: %1 ms").arg(complete));
                print(QStringLiteral("longest GUI-thread stall: %1 ms").arg(longestStall));
                print(QStringLiteral("RSS before list: %1 MiB, after: %2 MiB")
                          .arg(rssBefore, 0, 'f', 1)
                          .arg(rssMiB(), 0, 'f', 1));
                QApplication::exit(ok ? 0 : 1);
            });
        });
    }

    if (parser.isSet(screenshotOpt)) {
        const QString file = parser.value(screenshotOpt);
        const QString view = parser.value(screenshotViewOpt);
        auto grab = [&window, file] {
            QTimer::singleShot(400, &window, [&window, file] {
                QDir().mkpath(QFileInfo(file).absolutePath());
                const bool ok = window.grab().save(file);
                print(ok ? QStringLiteral("wrote %1").arg(file)
                         : QStringLiteral("could not write %1").arg(file),
                      ok ? stdout : stderr);
                QApplication::exit(ok ? 0 : 1);
            });
        };
        if (view == QLatin1String("api-resources")) {
            QObject::connect(&window, &kube::ui::MainWindow::resourcesShown, &window,
                             [&window, grab] {
                                 window.showApiResources();
                                 grab();
                             });
        } else if (view.startsWith(QLatin1String("tree-filter="))) {
            const QString text = view.section(u'=', 1);
            QObject::connect(&window, &kube::ui::MainWindow::listLoaded, &window,
                             [&window, grab, text] {
                                 window.resourceTree()->filterEdit()->setText(text);
                                 grab();
                             });
        } else if (view == QLatin1String("details") || view == QLatin1String("events")) {
            const bool events = view == QLatin1String("events");
            QObject::connect(
                &window, &kube::ui::MainWindow::listLoaded, &window, [&window, events] {
                    // For events, an unhealthy object (it has some); otherwise the fourth row.
                    int row = 3;
                    QAbstractItemModel *m = window.objectList()->tableView()->model();
                    const int status = window.objectList()->model()->columnNamed(u"Status");
                    for (int r = 0; events && status >= 0 && r < m->rowCount(); ++r) {
                        if (m->index(r, status).data().toString() != QLatin1String("Running")) {
                            row = r;
                            break;
                        }
                    }
                    window.selectRow(row);
                });
            QObject::connect(&window, &kube::ui::MainWindow::eventsShown, &window,
                             [&window, grab, events] {
                                 if (events)
                                     window.details()->tabs()->setCurrentIndex(1);
                                 grab();
                             });
        } else {
            QObject::connect(&window, &kube::ui::MainWindow::listLoaded, &window,
                             [grab] { grab(); });
        }
        // Never hang a script: give up after 60 s.
        QTimer::singleShot(60000, &app, [] {
            print(QStringLiteral("screenshot: timed out waiting for the view"), stderr);
            QApplication::exit(1);
        });
    }

    return app.exec();
}
