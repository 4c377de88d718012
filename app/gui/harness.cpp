// kubrowser-harness: kubrowser's window driven for screenshots (--screenshot) and
// measurements (--measure), kept out of the shipped kubrowser. Lists stay live (watches on)
// while measuring, as users run it.
#include "guisetup.h"
#include "mainwindow.h"
#include "objectdetailsview.h"
#include "objectlistmodel.h"
#include "objectlistview.h"
#include "resourcetreeview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include <cstdio>

using kube::app::print;

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

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    kube::app::GuiSetup::initApplication();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Kubrowser's screenshot and measurement harness."));
    kube::app::GuiSetup setup(parser);
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
    parser.addOption(screenshotOpt);
    parser.addOption(screenshotViewOpt);
    parser.addOption(measureOpt);
    parser.process(app);
    if (const auto exitCode = setup.apply(parser))
        return *exitCode;
    if (!parser.isSet(screenshotOpt) && !parser.isSet(measureOpt)) {
        print(QStringLiteral("kubrowser-harness: give --screenshot or --measure (kubrowser is the "
                             "application)"),
              stderr);
        return 2;
    }

    kube::ui::MainWindow window(setup.options);
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
