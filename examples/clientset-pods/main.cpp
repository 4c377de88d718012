// clientset-pods: client-go's Clientset example in kubeclient. The typed client of core v1 pods
// lists "default" and prints one line per pod as the Go program does:
// fmt.Printf("%v \t [%v]\n", pod.Name, pod.Status.Phase).
//
//   clientset-pods [--kubeconfig FILE] [--context NAME] [-n NAMESPACE]

#include <kubeclient/config/kubeconfig.h>
#include <kubeclient/kubeclient_version.h>
#include <kubeclient/rest/waitfor.h>
#include <kubeclient/typed/generated/clientset.h>
#include <kubeclient/typed/generated/core_v1_client.h>

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
        QStringLiteral("Lists the pods of a namespace through the typed Clientset."));
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

    // kubernetes.NewForConfig(config)
    const kube::Clientset clientSet = kube::Clientset::create(*config);

    // clientSet.CoreV1().Pods("default").List(ctx, metav1.ListOptions{})
    std::unique_ptr<kube::TypedReply<kube::core::v1::PodList>> pods(
        clientSet.coreV1().pods(ns).list(kube::ListOptions {}));
    kube::waitFor(pods.get());
    if (!pods->hasValue())
        return fail(pods->error());
    for (const kube::core::v1::Pod &pod : pods->value().items)
        std::printf("%s \t [%s]\n", pod.metadata.name.toUtf8().constData(),
                    pod.status.phase.toUtf8().constData());
    return 0;
}
