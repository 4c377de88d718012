// Discovery figures of DESIGN.md's performance targets, measured in-process against
// kubrowser-demo-server: cold aggregated (stock + 300 CRD group-versions), cold legacy
// (stock + 1,000 CRD group-versions, one request each), and warm from the disk cache.

#include "demoserverprocess.h"

#include "discovery/diskcachediscovery.h"
#include "rest/restconfig.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

namespace {

struct Sample
{
    double milliseconds = 0;
    int groupVersions = 0;
    int resources = 0;
    bool ok = false;
};

Sample discoverOnce(const QUrl &server, const QString &cacheRoot)
{
    kube::RestConfig config;
    config.host = server;
    auto discovery = kube::DiskCacheDiscovery::create(config, cacheRoot);
    if (!discovery) {
        std::fprintf(stderr, "discovery: %s\n", qPrintable(discovery.error().toString()));
        return {};
    }
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<kube::DiscoveryReply> reply((*discovery)->serverGroupsAndResources());
    reply->waitForFinished(std::chrono::minutes(2));
    Sample sample;
    sample.milliseconds = timer.nsecsElapsed() / 1e6;
    sample.ok = reply->isFinished() && !reply->hasError();
    sample.groupVersions = int(reply->data().resources.size());
    for (const auto &list : reply->data().resources)
        sample.resources += int(list.resources.size());
    return sample;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

void report(QTextStream &out, const QString &what, const QList<Sample> &samples)
{
    QList<double> times;
    for (const auto &s : samples)
        times << s.milliseconds;
    const Sample &last = samples.constLast();
    out << QStringLiteral("| %1 | %2 ms | %3 | %4 | %5 |\n")
               .arg(what, -48)
               .arg(median(times), 8, 'f', 1)
               .arg(last.groupVersions, 5)
               .arg(last.resources, 6)
               .arg(
                   std::all_of(samples.begin(), samples.end(), [](const Sample &s) { return s.ok; })
                       ? QStringLiteral("ok")
                       : QStringLiteral("FAILED"));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int runs
        = qEnvironmentVariableIntValue("RUNS") > 0 ? qEnvironmentVariableIntValue("RUNS") : 5;

    out << "| discovery (kubeclient, in-process; median of " << runs << ")" << QString(8, u' ')
        << "|    time     |  GVs  | resources | |\n";
    out << "|--------------------------------------------------|-------------|-------|-----------|-"
           "---|\n";

    struct Case
    {
        QString name;
        QStringList serverArguments;
    };
    const QList<Case> cases {
        { QStringLiteral("cold, aggregated, stock + 300 CRD GVs"),
          { QStringLiteral("--pods"), QStringLiteral("10"), QStringLiteral("--crds"),
            QStringLiteral("300") } },
        { QStringLiteral("cold, legacy, stock + 1,000 CRD GVs"),
          { QStringLiteral("--pods"), QStringLiteral("10"), QStringLiteral("--crds"),
            QStringLiteral("1000"), QStringLiteral("--no-aggregated-discovery") } },
    };

    for (const Case &c : cases) {
        kube::bench::DemoServerProcess server(c.serverArguments);
        if (server.url().isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
            return 1;
        }
        QList<Sample> cold;
        QList<Sample> warm;
        for (int i = 0; i < runs; ++i) {
            QTemporaryDir cache;
            cold << discoverOnce(server.url(), cache.path());
            warm << discoverOnce(server.url(), cache.path());
        }
        report(out, c.name, cold);
        report(
            out,
            QStringLiteral("warm from disk cache (%1)").arg(c.name.section(u',', 1, 1).trimmed()),
            warm);
        out.flush();
    }
    return 0;
}
