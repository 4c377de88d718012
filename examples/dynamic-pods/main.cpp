// dynamic-pods: client-go's DynamicClient example in kubeclient. The dynamic client lists the
// pods GVR in "default" as unstructured objects, which are then converted into a typed PodList
// (runtime.DefaultUnstructuredConverter), and prints one line per pod as the Go program does:
// fmt.Printf("%v \t [%v]\n", pod.Name, pod.Status.Phase).
//
//   dynamic-pods [--kubeconfig FILE] [--context NAME] [-n NAMESPACE]

#include <kubeclient/api/groupversion.h>
#include <kubeclient/config/kubeconfig.h>
#include <kubeclient/dynamic/dynamicclient.h>
#include <kubeclient/kubeclient_version.h>
#include <kubeclient/rest/waitfor.h>
#include <kubeclient/typed/generated/core_v1.h>
#include <kubeclient/typed/unstructuredconverter.h>

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
        QStringLiteral("Lists the pods of a namespace through the DynamicClient."));
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

    // dynamic.NewForConfig(config)
    const std::shared_ptr<kube::DynamicClient> dynamicClient = kube::DynamicClient::create(*config);

    // dynamicClient.Resource(schema.GroupVersionResource{"", "v1", "pods"})
    //     .Namespace("default").List(ctx, metav1.ListOptions{})
    const kube::GroupVersionResource podsGvr { QString(), QStringLiteral("v1"),
                                               QStringLiteral("pods") };
    std::unique_ptr<kube::ListReply> unstructuredList(
        dynamicClient->resource(podsGvr).inNamespace(ns).list());
    kube::waitFor(unstructuredList.get());
    if (!unstructuredList->hasValue())
        return fail(unstructuredList->error());

    // runtime.DefaultUnstructuredConverter.FromUnstructured(list, &corev1.PodList{})
    const kube::Result<kube::core::v1::PodList> pods
        = kube::UnstructuredConverter::fromUnstructuredList<kube::core::v1::PodList>(
            unstructuredList->value());
    if (!pods)
        return fail(pods.error());
    for (const kube::core::v1::Pod &pod : pods->items)
        std::printf("%s \t [%s]\n", pod.metadata.name.toUtf8().constData(),
                    pod.status.phase.toUtf8().constData());
    return 0;
}
