// discovery-resources: client-go's DiscoveryClient example in kubeclient. ServerGroupsAndResources
// returns every group-version's APIResourceList, subresources ("pods/status", "pods/log")
// included, and the program prints one line per resource as the Go program does:
// fmt.Printf("[G]%v [V]%v [R]%v\n", gv.Group, gv.Version, resource.Name).
//
//   discovery-resources [--kubeconfig FILE] [--context NAME]

#include <kubeclient/config/kubeconfig.h>
#include <kubeclient/discovery/discoveryclient.h>
#include <kubeclient/kubeclient_version.h>

#include <QCommandLineParser>
#include <QCoreApplication>

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
    parser.setApplicationDescription(
        QStringLiteral("Prints every API resource of the server through the DiscoveryClient."));
    addKubeconfigFlags(parser);
    parser.process(app);
    const kube::Result<kube::RestConfig> config = configFromFlags(parser);
    if (!config)
        return fail(config.error());

    // discovery.NewDiscoveryClientForConfig(config)
    kube::Result<std::unique_ptr<kube::DiscoveryClient>> discoveryClient
        = kube::DiscoveryClient::create(*config);
    if (!discoveryClient)
        return fail(discoveryClient.error());

    // _, apiResources, err := discoveryClient.ServerGroupsAndResources()
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
    return 0;
}
