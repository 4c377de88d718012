// restclient-pods: client-go's RESTClient example in kubeclient. A RESTClient for the core v1
// group-version GETs the pods of "default" and decodes the body into a typed PodList, then
// prints one line per pod as the Go program does: fmt.Printf("%v \t [%v]\n", name, phase).
//
//   restclient-pods [--kubeconfig FILE] [--context NAME] [-n NAMESPACE]

#include <kubeclient/api/groupversion.h>
#include <kubeclient/config/kubeconfig.h>
#include <kubeclient/kubeclient_version.h>
#include <kubeclient/rest/restclient.h>
#include <kubeclient/rest/waitfor.h>
#include <kubeclient/typed/generated/core_v1.h>

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
        QStringLiteral("Lists the pods of a namespace through a RESTClient."));
    addKubeconfigFlags(parser);
    parser.addOption({ { QStringLiteral("n"), QStringLiteral("namespace") },
                       QStringLiteral("The namespace (default: default, as the Go program)."),
                       QStringLiteral("name"),
                       QStringLiteral("default") });
    parser.process(app);
    const kube::Result<kube::RestConfig> config = configFromFlags(parser);
    if (!config)
        return fail(config.error());
    const QString ns = parser.value(QStringLiteral("namespace"));

    // rest.RESTClientFor(config) with config.APIPath = "api" and GroupVersion = v1.
    const std::shared_ptr<kube::RestClient> restClient
        = kube::RestClient::create(*config, kube::GroupVersion { QString(), QStringLiteral("v1") });

    // restClient.Get().Namespace("default").Resource("pods").Do(ctx).Into(result): blocking
    // here, as in Go; a GUI connects to RestReply::finished instead of waiting.
    std::unique_ptr<kube::RestReply> reply(
        restClient->get().inNamespace(ns).resource(QStringLiteral("pods")).send());
    kube::waitFor(reply.get());
    const kube::Result<kube::core::v1::PodList> result = reply->into<kube::core::v1::PodList>();
    if (!result)
        return fail(result.error());
    for (const kube::core::v1::Pod &item : result->items)
        std::printf("%s \t [%s]\n", item.metadata.name.toUtf8().constData(),
                    item.status.phase.toUtf8().constData());
    return 0;
}
