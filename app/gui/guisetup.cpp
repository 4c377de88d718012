#include "guisetup.h"

#include "uiresources.h"

#include <kubeclient_version.h>

#include <QApplication>
#include <QIcon>

#include <cstdio>

namespace kube::app {

void print(const QString &text, FILE *stream)
{
    std::fputs(qPrintable(text + u'\n'), stream);
    std::fflush(stream);
}

void GuiSetup::initApplication()
{
    QApplication::setApplicationName(QStringLiteral("kubrowser"));
    QApplication::setApplicationDisplayName(QStringLiteral("Kubrowser"));
    QApplication::setOrganizationName(QStringLiteral("Kubrowser"));
    QApplication::setApplicationVersion(QStringLiteral(KUBROWSER_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("io.github.kubrowser.Kubrowser"));
    ui::initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kubrowser.png")));
}

GuiSetup::GuiSetup(QCommandLineParser &parser)
    : m_kubeconfig(QStringLiteral("kubeconfig"),
                   QStringLiteral("Path to the kubeconfig file to use."),
                   QStringLiteral("file"))
    , m_context(QStringList { QStringLiteral("context") },
                QStringLiteral("The kubeconfig context to open (default: the one open last "
                               "time, else the current context)."),
                QStringLiteral("name"))
    , m_namespace(QStringList { QStringLiteral("n"), QStringLiteral("namespace") },
                  QStringLiteral("The namespace to open."),
                  QStringLiteral("namespace"))
    , m_allNamespaces(QStringList { QStringLiteral("A"), QStringLiteral("all-namespaces") },
                      QStringLiteral("Open all namespaces."))
    , m_resource(QStringList { QStringLiteral("r"), QStringLiteral("resource") },
                 QStringLiteral("The resource to list, as kubectl accepts it (pods, po, "
                                "deploy.apps, a CRD's plural)."),
                 QStringLiteral("resource"))
    , m_demo(QStringLiteral("demo"),
             QStringLiteral("Start the built-in demo cluster and connect to it."))
    , m_demoPods(QStringLiteral("demo-pods"),
                 QStringLiteral("Number of pods in the demo cluster (default 2000)."),
                 QStringLiteral("n"),
                 QStringLiteral("2000"))
    , m_cacheDir(QStringLiteral("cache-dir"),
                 QStringLiteral("Discovery cache root (default $KUBECACHEDIR or ~/.kube/cache)."),
                 QStringLiteral("dir"))
    , m_noWatch(QStringLiteral("no-watch"), QStringLiteral("Do not keep lists live with a watch."))
    , m_readOnly(QStringLiteral("read-only"),
                 QStringLiteral("Hide every action that changes the cluster (edit, delete, scale "
                                "...)."))
{
    parser.addHelpOption();
    parser.addVersionOption();
    for (const auto &o : { m_kubeconfig, m_context, m_namespace, m_allNamespaces, m_resource,
                           m_demo, m_demoPods, m_cacheDir, m_noWatch, m_readOnly })
        parser.addOption(o);
}

std::optional<int> GuiSetup::apply(const QCommandLineParser &parser)
{
    if (parser.isSet(m_namespace) && parser.isSet(m_allNamespaces)) {
        print(QStringLiteral("kubrowser: --namespace and --all-namespaces cannot be used together"),
              stderr);
        return 2;
    }
    options.kubeconfig = parser.value(m_kubeconfig);
    options.context = parser.value(m_context);
    if (parser.isSet(m_allNamespaces))
        options.namespaceName = QString();
    else if (parser.isSet(m_namespace))
        options.namespaceName = parser.value(m_namespace);
    options.resource = parser.value(m_resource);
    options.cacheRoot = parser.value(m_cacheDir);
    options.watchLists = !parser.isSet(m_noWatch);
    options.readOnly = parser.isSet(m_readOnly);

    if (parser.isSet(m_demo)) {
        bool ok = false;
        const int pods = parser.value(m_demoPods).toInt(&ok);
        if (!ok || pods < 0) {
            print(QStringLiteral("kubrowser: --demo-pods needs a non-negative number"), stderr);
            return 2;
        }
        demo = std::make_unique<DemoCluster>();
        DemoCluster::Options demoOptions;
        demoOptions.pods = pods;
        if (!demo->start(demoOptions)) {
            print(QStringLiteral("kubrowser: cannot start the demo cluster: %1")
                      .arg(demo->errorString()),
                  stderr);
            return 1;
        }
        options.kubeconfig = demo->kubeconfigPath();
        options.context = QStringLiteral("demo");
        if (options.cacheRoot.isEmpty())
            options.cacheRoot = demo->cacheRoot(); // never mix demo data into the user's cache
        options.demoNote = QStringLiteral("demo cluster");
    }
    return std::nullopt;
}

} // namespace kube::app
