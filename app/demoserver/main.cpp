// kubrowser-demo-server: the built-in demo cluster (FakeApiServer with the stock data set) as a
// stand-alone server, for kubectl, benchmarks and anyone who wants a cluster without a cluster.

#include "testing/fakeapiserver.h"
#include "testing/podchurner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(signalPipe[1], &c, 1);
}

bool parseCount(QCommandLineParser &parser, const QString &name, int *out)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v < 0) {
        std::fprintf(stderr,
                     "kubrowser-demo-server: --%s wants a non-negative number, got \"%s\"\n",
                     qPrintable(name), qPrintable(parser.value(name)));
        return false;
    }
    *out = v;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kubrowser-demo-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KUBROWSER_VERSION_STRING));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Serves Kubrowser's demo cluster (a fake Kubernetes v1.34 API server) on 127.0.0.1."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on (0 = any free port)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption podsOption(QStringLiteral("pods"), QStringLiteral("Number of pods."),
                                        QStringLiteral("N"));
    const QCommandLineOption deploymentsOption(QStringLiteral("deployments"),
                                               QStringLiteral("Number of deployments."),
                                               QStringLiteral("N"));
    const QCommandLineOption namespacesOption(QStringLiteral("namespaces"),
                                              QStringLiteral("Number of extra namespaces."),
                                              QStringLiteral("N"));
    const QCommandLineOption nodesOption(QStringLiteral("nodes"),
                                         QStringLiteral("Number of nodes."), QStringLiteral("N"));
    const QCommandLineOption crdsOption(QStringLiteral("crds"),
                                        QStringLiteral("Extra generated CRD group-versions."),
                                        QStringLiteral("N"));
    const QCommandLineOption tlsOption(QStringLiteral("tls"),
                                       QStringLiteral("Serve HTTPS with a CA generated at start."));
    const QCommandLineOption mtlsOption(
        QStringLiteral("client-cert"),
        QStringLiteral("With --tls: require a client certificate signed by the generated CA."));
    const QCommandLineOption tokenOption(
        QStringLiteral("token"), QStringLiteral("Require this bearer token."), QStringLiteral("T"));
    const QCommandLineOption viewerTokenOption(
        QStringLiteral("viewer-token"),
        QStringLiteral("Also accept this bearer token, for user \"viewer\" who may only get, list "
                       "and watch (403 Forbidden for every change)."),
        QStringLiteral("T"));
    const QCommandLineOption noAggregatedOption(
        QStringLiteral("no-aggregated-discovery"),
        QStringLiteral("Answer 406 to aggregated discovery, like servers before 1.26."));
    const QCommandLineOption kubeconfigOption(
        QStringLiteral("kubeconfig-dir"),
        QStringLiteral("Write a kubeconfig (and certificates) for this server into DIR."),
        QStringLiteral("DIR"));
    const QCommandLineOption latencyOption(
        QStringLiteral("latency"),
        QStringLiteral("Answer every request MS milliseconds late (a distant API server)."),
        QStringLiteral("MS"));
    parser.addOptions({ portOption, podsOption, deploymentsOption, namespacesOption, nodesOption,
                        crdsOption, tlsOption, mtlsOption, tokenOption, viewerTokenOption,
                        noAggregatedOption, kubeconfigOption, latencyOption });
    // Live data and the watch faults of real servers and networks.
    const QCommandLineOption churnOption(
        QStringLiteral("churn"),
        QStringLiteral("Change R pods a second (status updates, deletes and creates)."),
        QStringLiteral("R"));
    const QCommandLineOption endWatchesOption(
        QStringLiteral("end-watches-after"),
        QStringLiteral("End every watch normally after S seconds (kube-apiserver: 5-10 min)."),
        QStringLiteral("S"));
    const QCommandLineOption cutWatchesOption(
        QStringLiteral("cut-watches-after"),
        QStringLiteral("Cut every watch connection abruptly after S seconds."),
        QStringLiteral("S"));
    const QCommandLineOption expireOption(
        QStringLiteral("expire-resumptions"),
        QStringLiteral("Answer 410 Expired to every watch that resumes from a resourceVersion."));
    const QCommandLineOption noWatchListOption(
        QStringLiteral("no-watch-list"),
        QStringLiteral("Refuse sendInitialEvents watches (422), like servers without WatchList."));
    parser.addOptions(
        { churnOption, endWatchesOption, cutWatchesOption, expireOption, noWatchListOption });
    parser.process(app);

    kube::testing::FakeApiServerOptions options;
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        std::fprintf(stderr, "kubrowser-demo-server: --port wants a port number, got \"%s\"\n",
                     qPrintable(parser.value(portOption)));
        return 2;
    }
    options.port = quint16(port);
    options.tls = parser.isSet(tlsOption);
    options.requireClientCertificate = options.tls && parser.isSet(mtlsOption);
    options.bearerToken = parser.value(tokenOption);
    options.viewerToken = parser.value(viewerTokenOption);
    options.aggregatedDiscovery = !parser.isSet(noAggregatedOption);

    kube::testing::FakeApiServer::StockOptions stock;
    if (!parseCount(parser, podsOption.names().first(), &stock.pods)
        || !parseCount(parser, deploymentsOption.names().first(), &stock.deployments)
        || !parseCount(parser, namespacesOption.names().first(), &stock.namespaces)
        || !parseCount(parser, nodesOption.names().first(), &stock.nodes)
        || !parseCount(parser, crdsOption.names().first(), &stock.crdGroups))
        return 2;

    kube::testing::FakeApiServer server(options);
    server.loadStockCluster(stock);
    if (parser.isSet(latencyOption)) {
        int latency = 0;
        if (!parseCount(parser, latencyOption.names().first(), &latency))
            return 2;
        if (latency > 0)
            server.addFault(QStringLiteral("/"),
                            kube::testing::Fault { .type = kube::testing::Fault::Type::Delay,
                                                   .delay = std::chrono::milliseconds(latency) });
    }
    kube::testing::WatchFaults watchFaults;
    const auto seconds = [&](const QCommandLineOption &o, std::chrono::milliseconds *out) {
        if (!parser.isSet(o))
            return true;
        bool valid = false;
        const double v = parser.value(o).toDouble(&valid);
        if (!valid || v <= 0) {
            std::fprintf(stderr, "kubrowser-demo-server: --%s wants seconds, got \"%s\"\n",
                         qPrintable(o.names().first()), qPrintable(parser.value(o)));
            return false;
        }
        *out = std::chrono::milliseconds(qint64(v * 1000));
        return true;
    };
    if (!seconds(endWatchesOption, &watchFaults.endAfter)
        || !seconds(cutWatchesOption, &watchFaults.cutAfter))
        return 2;
    watchFaults.expireResumptions = parser.isSet(expireOption) ? -1 : 0;
    watchFaults.watchList = !parser.isSet(noWatchListOption);
    server.setWatchFaults(watchFaults);
    std::unique_ptr<kube::testing::PodChurner> churner;
    if (parser.isSet(churnOption)) {
        bool valid = false;
        const double rate = parser.value(churnOption).toDouble(&valid);
        if (!valid || rate < 0) {
            std::fprintf(stderr,
                         "kubrowser-demo-server: --churn wants changes per second, got \"%s\"\n",
                         qPrintable(parser.value(churnOption)));
            return 2;
        }
        churner = std::make_unique<kube::testing::PodChurner>(&server, rate);
    }
    if (!server.start()) {
        std::fprintf(stderr, "kubrowser-demo-server: cannot listen on 127.0.0.1:%u: %s\n", port,
                     qPrintable(server.errorString()));
        return 1;
    }

    QTextStream out(stdout);
    out << "Serving the demo cluster at " << server.url().toString() << '\n';
    if (churner)
        churner->start();
    if (options.tls || parser.isSet(kubeconfigOption)) {
        QString dir = parser.value(kubeconfigOption);
        if (dir.isEmpty())
            dir = QDir::temp().filePath(
                QStringLiteral("kubrowser-demo-server-%1").arg(QCoreApplication::applicationPid()));
        if (options.tls)
            out << "CA certificate: " << server.writeCertificates(dir) << '\n';
        if (parser.isSet(kubeconfigOption))
            out << "kubeconfig: " << server.writeKubeconfig(dir) << '\n';
    }
    out.flush();

    // Quit cleanly on SIGINT/SIGTERM so the event loop unwinds and sockets close.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    return app.exec();
}
