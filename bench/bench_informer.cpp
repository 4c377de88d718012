// bench_informer: what an informer costs on 50,000 pods, per mode (Table rows, metadata only,
// full objects): initial sync time and resident memory, then the CPU it takes to keep up with
// 2,000 changes a second. Each mode runs in a child process of its own, so memory figures do
// not mix; the servers are kubrowser-demo-server processes. Prints a Markdown table.
//
//   bench_informer [--pods 50000] [--churn 2000] [--seconds 10]

#include "demoserverprocess.h"

#include "informer/informer.h"
#include "informer/reflector.h"
#include "informer/store.h"
#include "rest/restclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTextStream>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

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

kube::InformerMode modeOf(const QString &name)
{
    if (name == QLatin1String("table"))
        return kube::InformerMode::Table;
    if (name == QLatin1String("metadata"))
        return kube::InformerMode::Metadata;
    return kube::InformerMode::Full;
}

//! One mode, in this process: sync from \a syncUrl, then follow \a churnUrl for \a seconds.
int child(const QString &modeName, const QUrl &syncUrl, const QUrl &churnUrl, int seconds)
{
    kube::ReflectorOptions options;
    options.mode = modeOf(modeName);
    if (options.mode == kube::InformerMode::Full) {
        options.transform = [](QJsonObject o) { // what a GUI would drop: managedFields
            QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
            meta.remove(QLatin1String("managedFields"));
            o.insert(QLatin1String("metadata"), meta);
            return o;
        };
    }
    const qint64 rssBefore = statusKb("VmRSS:");

    kube::RestConfig cfg;
    cfg.host = syncUrl;
    cfg.qps = 50;
    cfg.burst = 300;
    auto client = kube::RestClient::createUnversioned(cfg);
    QElapsedTimer clock;
    clock.start();
    auto informer = std::make_unique<kube::Informer>(
        kube::DynamicResource(client, { QString(), QStringLiteral("v1"), QStringLiteral("pods") }),
        options);
    qint64 firstBatchMs = -1;
    QObject::connect(informer.get(), &kube::Informer::batchReady, [&](const kube::InformerBatch &) {
        if (firstBatchMs < 0)
            firstBatchMs = clock.elapsed();
    });
    QEventLoop loop;
    QObject::connect(informer.get(), &kube::Informer::synced, &loop, &QEventLoop::quit);
    informer->start();
    loop.exec();
    const qint64 syncMs = clock.elapsed();
    const qsizetype objects = informer->lister().size();
    const qint64 rssSynced = statusKb("VmRSS:");
    informer.reset();

    // Keeping up: a second informer on the churning server; CPU over the interval.
    cfg.host = churnUrl;
    auto churnClient = kube::RestClient::createUnversioned(cfg);
    auto follower = std::make_unique<kube::Informer>(
        kube::DynamicResource(churnClient,
                              { QString(), QStringLiteral("v1"), QStringLiteral("pods") }),
        options);
    QObject::connect(follower.get(), &kube::Informer::synced, &loop, &QEventLoop::quit);
    follower->start();
    loop.exec();
    qint64 events = 0;
    QObject::connect(follower.get(), &kube::Informer::batchReady,
                     [&](const kube::InformerBatch &b) { events += b.size(); });
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    const double cpu = (cpuSeconds() - cpu0) / (double(wall.elapsed()) / 1000.0) * 100.0;

    std::printf("| %s | %lld | %lld ms | %lld ms | %lld MB | %.0f/s | %.1f %% |\n",
                qPrintable(modeName), qlonglong(objects), qlonglong(firstBatchMs),
                qlonglong(syncMs), qlonglong((rssSynced - rssBefore) / 1024),
                double(events) / (double(wall.elapsed()) / 1000.0), cpu);
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("pods"), QStringLiteral("Pods on the server."), QStringLiteral("N"),
          QStringLiteral("50000") },
        { QStringLiteral("churn"), QStringLiteral("Changes a second while following."),
          QStringLiteral("R"), QStringLiteral("2000") },
        { QStringLiteral("seconds"), QStringLiteral("How long to follow the churn."),
          QStringLiteral("S"), QStringLiteral("10") },
        { QStringLiteral("child"), QStringLiteral("(internal) run one mode"),
          QStringLiteral("MODE") },
        { QStringLiteral("sync-url"), QStringLiteral("(internal)"), QStringLiteral("URL") },
        { QStringLiteral("churn-url"), QStringLiteral("(internal)"), QStringLiteral("URL") },
    });
    parser.process(app);
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();
    if (parser.isSet(QStringLiteral("child")))
        return child(parser.value(QStringLiteral("child")),
                     QUrl(parser.value(QStringLiteral("sync-url"))),
                     QUrl(parser.value(QStringLiteral("churn-url"))), seconds);

    const QString pods = parser.value(QStringLiteral("pods"));
    kube::bench::DemoServerProcess quiet({ QStringLiteral("--pods"), pods });
    kube::bench::DemoServerProcess busy({ QStringLiteral("--pods"), pods, QStringLiteral("--churn"),
                                          parser.value(QStringLiteral("churn")) });
    if (quiet.url().isEmpty() || busy.url().isEmpty()) {
        std::fprintf(stderr, "bench_informer: %s%s\n", qPrintable(quiet.errorString()),
                     qPrintable(busy.errorString()));
        return 1;
    }
    std::printf("Informer on %s pods (all namespaces); following %s changes/s for %d s\n\n",
                qPrintable(pods), qPrintable(parser.value(QStringLiteral("churn"))), seconds);
    std::printf("| mode | objects | first batch | synced | RSS after sync | changes seen | CPU "
                "while following |\n|---|---|---|---|---|---|---|\n");
    std::fflush(stdout);
    for (const char *mode : { "table", "metadata", "full" }) {
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.start(QCoreApplication::applicationFilePath(),
                { QStringLiteral("--child"), QString::fromLatin1(mode),
                  QStringLiteral("--sync-url"), quiet.url().toString(),
                  QStringLiteral("--churn-url"), busy.url().toString(), QStringLiteral("--seconds"),
                  QString::number(seconds) });
        p.waitForFinished(-1);
    }
    return 0;
}
