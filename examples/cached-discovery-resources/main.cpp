// cached-discovery-resources: client-go's cached DiscoveryClient example in kubeclient
// (disk.NewCachedDiscoveryClientForConfig). The first run asks the server and writes kubectl's
// discovery cache; later runs within the TTL (10 minutes, as the Go program) read it from disk
// and send no request at all. The folder is kubectl's: --cache-dir, else $KUBECACHEDIR, else
// ~/.kube/cache, so kubectl and this program share it. Prints what discovery-resources prints.
//
//   cached-discovery-resources [--kubeconfig FILE] [--context NAME] [--cache-dir DIR]

#include <kubeclient/config/kubeconfig.h>
#include <kubeclient/discovery/diskcachediscovery.h>
#include <kubeclient/kubeclient_version.h>

#include <QCommandLineParser>
#include <QCoreApplication>

#include <chrono>
#include <cstdio>
#include <memory>

namespace {

// The flags every example takes, as kubectl: --kubeconfig, --context, --help, --version.
void addKubeconfigFlags(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ QStringLiteral("kubeconfig"),
                       QStringLiteral("Path to the kubeconfig file (default: $KUBECONFIG, then "
                                      "~/.kube/config)."),
                       QStringLiteral("file") });
    parser.addOption({ QStringLiteral("context"),
                       QStringLiteral("The kubeconfig context to use (default: current-context)."),
                       QStringLiteral("name") });
}

// clientcmd.BuildConfigFromFlags: the kubeconfig files in kubectl's precedence, then a context.
kube::Result<kube::RestConfig> configFromFlags(const QCommandLineParser &parser)
{
    kube::Kubeconfig::LoadOptions files;
    files.explicitPath = parser.value(QStringLiteral("kubeconfig"));
    const kube::Result<kube::Kubeconfig> kubeconfig = kube::Kubeconfig::load(files);
    if (!kubeconfig)
        return kubeconfig.error();
    return kubeconfig->restConfig(parser.value(QStringLiteral("context")));
}

int fail(const kube::Error &error)
{
    std::fprintf(stderr, "%s\n", error.toString().toUtf8().constData());
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral(KUBROWSER_VERSION_STRING));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints every API resource of the server through the disk-cached DiscoveryClient."));
    addKubeconfigFlags(parser);
    parser.addOption({ QStringLiteral("cache-dir"),
                       QStringLiteral("Default cache directory (default: $KUBECACHEDIR, then "
                                      "~/.kube/cache)."),
                       QStringLiteral("dir") });
    parser.process(app);
    const kube::Result<kube::RestConfig> config = configFromFlags(parser);
    if (!config)
        return fail(config.error());
    const QString cacheRoot = parser.isSet(QStringLiteral("cache-dir"))
        ? parser.value(QStringLiteral("cache-dir"))
        : kube::DiskCacheDiscovery::defaultCacheRoot();

    // disk.NewCachedDiscoveryClientForConfig(config, cacheDir, httpCacheDir, 10*time.Minute):
    // the disk cache over a memory cache over the live DiscoveryClient.
    kube::Result<std::unique_ptr<kube::DiskCacheDiscovery>> discoveryClient
        = kube::DiskCacheDiscovery::create(*config, cacheRoot, std::chrono::minutes(10));
    if (!discoveryClient)
        return fail(discoveryClient.error());

    std::unique_ptr<kube::DiscoveryReply> reply((*discoveryClient)->serverGroupsAndResources());
    reply->waitForFinished(std::chrono::minutes(5));
    if (reply->hasError())
        return fail(reply->error());
    for (const kube::APIResourceList &apiResource : reply->data().resources) {
        const kube::GroupVersion gv = apiResource.gv();
        for (const kube::APIResource &resource : apiResource.resources)
            std::printf("[G]%s [V]%s [R]%s\n", gv.group.toUtf8().constData(),
                        gv.version.toUtf8().constData(), resource.name.toUtf8().constData());
    }
    // Destroying the client waits for the cache files being written.
    return 0;
}
