// bench_gui: the GUI on 50,000 pods while 200 of them change every second — the longest stall
// of the GUI thread (an event-loop probe ticking every 5 ms), time to the first rows and to the
// whole list, resident memory and CPU. The server is a kubrowser-demo-server process. Runs
// offscreen unless QT_QPA_PLATFORM says otherwise. Then a warm start: a second window on a
// cluster with 300 CRD group-versions whose discovery is in the disk cache — time to the tree and
// the discovery requests it made (in-process FakeApiServer, which counts them). Prints Markdown.
//
//   bench_gui [--pods 50000] [--churn 200] [--seconds 60]

#include "demoserverprocess.h"
#include "stallprobe.h"

#include "mainwindow.h"
#include "objectlistmodel.h"
#include "objectlistview.h"
#include "testing/fakeapiserver.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>

#include <cstdlib>

#include <algorithm>
#include <cstdio>

using kube::bench::StallProbe;

namespace {

qint64 statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void writeKubeconfig(const QString &path, const QUrl &server)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("bench_gui: cannot write %s", qPrintable(path));
    f.write(QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n"
                           "    server: %1\nusers:\n- name: bench\n  user: {}\ncontexts:\n"
                           "- name: bench\n  context:\n    cluster: bench\n    user: bench\n"
                           "current-context: bench\n")
                .arg(server.toString())
                .toUtf8());
}

struct WarmStart
{
    qint64 treeMs = -1;
    int discoveryBeforeTree = -1; //!< discovery requests made before the tree was shown
    int discoveryAfterTree = -1; //!< the background revalidation that follows
};

//! Discovery documents only: /api, /apis and the group-versions, not lists.
int discoveryRequests(const kube::testing::FakeApiServer &server, qsizetype from)
{
    static const QRegularExpression discoveryPath(
        QStringLiteral("^/(api|apis|api/v1|apis/[^/]+/[^/]+)$"));
    int n = 0;
    const QList<kube::testing::RecordedRequest> all = server.requests();
    for (qsizetype i = from; i < all.size(); ++i) {
        if (discoveryPath.match(all.at(i).path).hasMatch())
            ++n;
    }
    return n;
}

//! A second start on a cluster whose discovery is in the disk cache under \a dir.
WarmStart measureWarmStart(const QString &dir)
{
    kube::testing::FakeApiServer server;
    server.loadStockCluster({ .namespaces = 4, .pods = 200, .crdGroups = 300 });
    if (!server.start())
        qFatal("bench_gui: %s", qPrintable(server.errorString()));
    const QString kubeconfig = dir + QStringLiteral("/warm-kubeconfig");
    writeKubeconfig(kubeconfig, server.url());
    kube::ui::MainWindow::Options o;
    o.kubeconfig = kubeconfig;
    o.cacheRoot = dir + QStringLiteral("/warm-cache");
    o.resource = QStringLiteral("pods");
    const auto startOnce = [&](WarmStart *out) {
        const qsizetype before = server.requests().size();
        QElapsedTimer clock;
        clock.start();
        kube::ui::MainWindow w(o);
        w.show();
        QEventLoop loop;
        QObject::connect(&w, &kube::ui::MainWindow::resourcesShown, &loop, [&] {
            if (out && out->treeMs < 0) {
                out->treeMs = clock.elapsed();
                out->discoveryBeforeTree = discoveryRequests(server, before);
            }
        });
        QObject::connect(&w, &kube::ui::MainWindow::listLoaded, &loop, &QEventLoop::quit);
        QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
        loop.exec();
        QTimer::singleShot(2000, &loop, &QEventLoop::quit); // let the revalidation finish
        loop.exec();
        if (out)
            out->discoveryAfterTree = discoveryRequests(server, before) - out->discoveryBeforeTree;
    };
    startOnce(nullptr); // fills the disk cache
    WarmStart warm;
    startOnce(&warm);
    return warm;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("pods"), QStringLiteral("Pods on the server."), QStringLiteral("N"),
          QStringLiteral("50000") },
        { QStringLiteral("churn"), QStringLiteral("Pod changes a second."), QStringLiteral("R"),
          QStringLiteral("200") },
        { QStringLiteral("seconds"), QStringLiteral("How long to follow the churn."),
          QStringLiteral("S"), QStringLiteral("60") },
    });
    parser.process(app);

    kube::bench::DemoServerProcess server(
        { QStringLiteral("--pods"), parser.value(QStringLiteral("pods")), QStringLiteral("--churn"),
          parser.value(QStringLiteral("churn")) });
    if (server.url().isEmpty()) {
        std::fprintf(stderr, "bench_gui: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(QStringLiteral("kubeconfig"));
    writeKubeconfig(kubeconfig, server.url());

    const qint64 rssStart = statusKb("VmRSS:");
    StallProbe loadProbe;
    loadProbe.start();
    QElapsedTimer clock;
    clock.start();
    kube::ui::MainWindow::Options o;
    o.kubeconfig = kubeconfig;
    o.cacheRoot = dir.filePath(QStringLiteral("cache"));
    o.namespaceName = QString(); // all namespaces
    o.resource = QStringLiteral("pods");
    kube::ui::MainWindow w(o);
    w.resize(1400, 900);
    w.show();
    qint64 firstRowsMs = -1;
    qint64 loadedMs = -1;
    QObject::connect(&w, &kube::ui::MainWindow::firstRowsShown,
                     [&] { firstRowsMs = clock.elapsed(); });
    QEventLoop loop;
    QObject::connect(&w, &kube::ui::MainWindow::listLoaded, &loop, [&] {
        loadedMs = clock.elapsed();
        loop.quit();
    });
    QTimer::singleShot(300'000, &loop, &QEventLoop::quit);
    loop.exec();
    const double loadStall = loadProbe.longestMs();
    const double loadStallP99 = loadProbe.quantileMs(0.99);

    StallProbe followProbe;
    followProbe.start();
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    QTimer::singleShot(parser.value(QStringLiteral("seconds")).toInt() * 1000, &loop,
                       &QEventLoop::quit);
    loop.exec();
    const double cpu = (cpuSeconds() - cpu0) / (double(wall.elapsed()) / 1000.0) * 100.0;
    const int rows = w.objectList()->model()->rowCount();

    double load[3] = {};
    getloadavg(load, 3);
    std::printf("GUI on %s pods (all namespaces), %s changes/s for %s s, watches on; load "
                "average %.1f on %d cores\n\n",
                qPrintable(parser.value(QStringLiteral("pods"))),
                qPrintable(parser.value(QStringLiteral("churn"))),
                qPrintable(parser.value(QStringLiteral("seconds"))), load[0],
                QThread::idealThreadCount());
    std::printf("| figure | value |\n|---|---|\n");
    std::printf("| first rows on screen | %lld ms |\n", qlonglong(firstRowsMs));
    std::printf("| whole list loaded | %lld ms (%d rows) |\n", qlonglong(loadedMs), rows);
    std::printf("| longest GUI-thread stall while loading | %.1f ms (p99 %.1f ms) |\n", loadStall,
                loadStallP99);
    std::printf("| longest GUI-thread stall while following | %.1f ms (p99 %.1f ms, median "
                "%.1f ms) |\n",
                followProbe.longestMs(), followProbe.quantileMs(0.99), followProbe.quantileMs(0.5));
    std::printf("| GUI process CPU while following | %.1f %% |\n", cpu);
    std::printf("| RSS now / peak | %lld MB / %lld MB (start %lld MB) |\n",
                qlonglong(statusKb("VmRSS:") / 1024), qlonglong(statusKb("VmHWM:") / 1024),
                qlonglong(rssStart / 1024));
    std::printf("| live state | %s |\n",
                qPrintable(w.objectList()->liveState().text(QDateTime::currentDateTimeUtc())));
    w.close();

    const WarmStart warm = measureWarmStart(dir.path());
    std::printf("| tree from the disk cache (300 CRD group-versions) | %lld ms, %d discovery "
                "requests before it; then %d to revalidate in the background |\n",
                qlonglong(warm.treeMs), warm.discoveryBeforeTree, warm.discoveryAfterTree);
    return 0;
}
