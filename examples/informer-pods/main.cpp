// informer-pods: client-go's informer example in kubeclient. A SharedInformerFactory gives the
// pods informer of a namespace ("default" unless -n); its event handler (client-go's
// ResourceEventHandlerFuncs) prints one line per change: "ADD \t name \t [phase]",
// "UPDATE \t name \t [old phase -> new phase]", "DELETE \t name \t [phase]". The pods already
// there come first as adds, then "synced"; it runs until interrupted or for --run-seconds.
//
//   informer-pods [--kubeconfig FILE] [--context NAME] [-n NAMESPACE] [--run-seconds N]

#include <kubeclient/config/kubeconfig.h>
#include <kubeclient/informer/sharedinformerfactory.h>
#include <kubeclient/kubeclient_version.h>
#include <kubeclient/rest/restclient.h>
#include <kubeclient/typed/generated/core_v1.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

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
        QStringLiteral("Prints the adds, updates and deletes of the pods of a namespace, from an "
                       "informer."));
    addKubeconfigFlags(parser);
    parser.addOption({ { QStringLiteral("n"), QStringLiteral("namespace") },
                       QStringLiteral("The namespace (default: default)."),
                       QStringLiteral("name"),
                       QStringLiteral("default") });
    parser.addOption({ QStringLiteral("run-seconds"),
                       QStringLiteral("Stop after N seconds (default: run until interrupted)."),
                       QStringLiteral("N") });
    parser.process(app);
    const kube::Result<kube::RestConfig> config = configFromFlags(parser);
    if (!config)
        return fail(config.error());

    // informers.NewSharedInformerFactory(clientset, 0).Core().V1().Pods().Informer()
    kube::SharedInformerFactory factory(kube::RestClient::createUnversioned(*config));
    kube::WatchTarget pods;
    pods.resource = { QString(), QStringLiteral("v1"), QStringLiteral("pods") };
    pods.ns = parser.value(QStringLiteral("namespace"));
    const std::shared_ptr<kube::Informer> informer
        = factory.informer(pods, kube::ResourceScope::Namespaced);

    const auto line = [](const char *what, const QJsonObject &object, const QString &phase) {
        const kube::Result<kube::core::v1::Pod> pod = kube::core::v1::Pod::fromJson(object);
        if (!pod) {
            fail(pod.error());
            return;
        }
        std::printf("%s \t %s \t [%s]\n", what, pod->metadata.name.toUtf8().constData(),
                    phase.toUtf8().constData());
        std::fflush(stdout);
    };
    const auto phaseOf = [](const QJsonObject &object) {
        return object.value(QLatin1String("status"))
            .toObject()
            .value(QLatin1String("phase"))
            .toString();
    };
    // informer.AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc, UpdateFunc, DeleteFunc})
    kube::ResourceEventHandler handler;
    handler.added = [&](const QJsonObject &object) { line("ADD", object, phaseOf(object)); };
    handler.updated = [&](const QJsonObject &oldObject, const QJsonObject &newObject) {
        line("UPDATE", newObject, phaseOf(oldObject) + QStringLiteral(" -> ") + phaseOf(newObject));
    };
    handler.deleted
        = [&](const QJsonObject &object, bool) { line("DELETE", object, phaseOf(object)); };
    informer->addEventHandler(&app, handler);
    // cache.WaitForCacheSync: queued, so it prints after the adds the handler already has queued.
    QObject::connect(
        informer.get(), &kube::Informer::synced, &app,
        [] {
            std::printf("synced\n");
            std::fflush(stdout);
        },
        Qt::QueuedConnection);

    // factory.Start(stopCh): runs until the event loop ends.
    informer->start();
    if (parser.isSet(QStringLiteral("run-seconds")))
        QTimer::singleShot(
            std::chrono::seconds(parser.value(QStringLiteral("run-seconds")).toInt()), &app,
            &QCoreApplication::quit);
    return app.exec();
}
