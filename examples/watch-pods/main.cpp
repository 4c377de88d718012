// watch-pods: what client-go users write after listing, a watch. Pods("default").Watch(ctx, opts)
// delivers the pods there as ADDED events, then every change; the program prints one line per
// event as the usual Go loop over watcher.ResultChan() does:
// fmt.Printf("%v \t %v \t [%v]\n", event.Type, pod.Name, pod.Status.Phase).
// It ends when the server ends the watch (--timeout-seconds) or on an error.
//
//   watch-pods [--kubeconfig FILE] [--context NAME] [-n NAMESPACE] [--timeout-seconds N]

#include <kubeclient/config/kubeconfig.h>
#include <kubeclient/kubeclient_version.h>
#include <kubeclient/rest/watchevent.h>
#include <kubeclient/rest/watchstream.h>
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
        QStringLiteral("Watches the pods of a namespace and prints every event."));
    addKubeconfigFlags(parser);
    parser.addOption({ { QStringLiteral("n"), QStringLiteral("namespace") },
                       QStringLiteral("The namespace (default: default, as the Go program)."),
                       QStringLiteral("name"),
                       QStringLiteral("default") });
    parser.addOption({ QStringLiteral("timeout-seconds"),
                       QStringLiteral("Ask the server to end the watch after N seconds "
                                      "(default: the server's own limit)."),
                       QStringLiteral("N") });
    parser.process(app);
    const kube::Result<kube::RestConfig> config = configFromFlags(parser);
    if (!config)
        return fail(config.error());
    const QString ns = parser.value(QStringLiteral("namespace"));
    kube::ListOptions options;
    if (parser.isSet(QStringLiteral("timeout-seconds"))) {
        bool ok = false;
        options.timeoutSeconds = parser.value(QStringLiteral("timeout-seconds")).toLongLong(&ok);
        if (!ok || *options.timeoutSeconds < 0) {
            std::fprintf(stderr, "--timeout-seconds wants a number of seconds, got \"%s\"\n",
                         parser.value(QStringLiteral("timeout-seconds")).toUtf8().constData());
            return 1;
        }
    }

    const kube::Clientset clientSet = kube::Clientset::create(*config);
    // watcher, err := clientSet.CoreV1().Pods("default").Watch(ctx, metav1.ListOptions{})
    kube::Result<kube::WatchStream *> watcher = clientSet.coreV1().pods(ns).watch(options);
    if (!watcher)
        return fail(watcher.error());
    std::unique_ptr<kube::WatchStream> stream(*watcher);

    // for event := range watcher.ResultChan(): events arrive as signals on this thread.
    QObject::connect(stream.get(), &kube::WatchStream::eventReceived,
                     [](const kube::WatchEvent &event) {
                         if (event.type == kube::WatchEvent::Type::Bookmark
                             || event.type == kube::WatchEvent::Type::Error)
                             return;
                         const kube::Result<kube::core::v1::Pod> pod
                             = kube::core::v1::Pod::fromJson(event.object);
                         if (!pod) {
                             fail(pod.error());
                             return;
                         }
                         std::printf("%s \t %s \t [%s]\n", event.typeName().toUtf8().constData(),
                                     pod->metadata.name.toUtf8().constData(),
                                     pod->status.phase.toUtf8().constData());
                         std::fflush(stdout);
                     });
    QObject::connect(stream.get(), &kube::WatchStream::finished, &app, &QCoreApplication::quit);
    if (!stream->isFinished())
        app.exec();
    if (stream->error())
        return fail(*stream->error());
    return 0;
}
