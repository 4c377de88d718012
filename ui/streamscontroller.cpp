#include "streamscontroller.h"

#include "logspanel.h"
#include "objectdetailsview.h"
#include "portforwardmanager.h"
#include "portforwardspanel.h"
#include "runcommandpanel.h"
#include "shelllauncher.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QTabWidget>
#include <QVBoxLayout>

namespace kube::ui {

StreamsController::StreamsController(ObjectDetailsView *details, QWidget *window)
    : QObject(window)
    , m_details(details)
    , m_window(window)
    , m_logs(new LogsPanel(details))
    , m_run(new RunCommandPanel(details))
    , m_manager(new PortForwardManager(this))
    , m_forwardsDialog(new QDialog(window))
    , m_forwardsPanel(new PortForwardsPanel(m_manager, m_forwardsDialog))
    , m_shell(new QAction(tr("Open &Shell"), this))
    , m_forward(new QAction(tr("&Forward Port…"), this))
    , m_forwards(new QAction(tr("Port Forwards"), this))
{
    QTabWidget *tabs = m_details->tabs();
    tabs->addTab(m_logs, tr("Logs"));
    tabs->addTab(m_run, tr("Run command"));
    connect(tabs, &QTabWidget::currentChanged, this,
            [this, tabs] { m_logs->setActive(tabs->currentWidget() == m_logs); });

    m_forwardsDialog->setObjectName(QStringLiteral("portForwardsDialog"));
    m_forwardsDialog->setWindowTitle(tr("Port forwards"));
    m_forwardsDialog->resize(760, 320);
    auto *layout = new QVBoxLayout(m_forwardsDialog);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_forwardsPanel);
    connect(m_forwardsPanel, &PortForwardsPanel::message, this, &StreamsController::message);

    m_shell->setObjectName(QStringLiteral("openShellAction"));
    m_shell->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_shell->setToolTip(tr("Open a shell in the pod in your terminal (kubrowser-cli exec -it)"));
    m_forward->setObjectName(QStringLiteral("forwardPortAction"));
    m_forward->setToolTip(tr("Forward a port of the pod, service or workload to this computer"));
    m_forwards->setObjectName(QStringLiteral("portForwardsAction"));
    m_forwards->setToolTip(tr("The active port-forwards"));
    connect(m_shell, &QAction::triggered, this, &StreamsController::openShell);
    connect(m_forward, &QAction::triggered, this, [this] {
        m_forwardsPanel->setObject(m_object);
        m_forwardsDialog->show();
        m_forwardsDialog->raise();
    });
    connect(m_forwards, &QAction::triggered, this, [this] {
        m_forwardsDialog->show();
        m_forwardsDialog->raise();
    });
    clearObject();
}

StreamsController::~StreamsController()
{
    m_manager->stopAll();
}

QList<QAction *> StreamsController::actions() const
{
    return { m_shell, m_forward, m_forwards };
}

void StreamsController::setSession(const RestConfig &config,
                                   const QString &kubeconfig,
                                   const QString &context)
{
    m_config = config;
    m_kubeconfig = kubeconfig;
    m_context = context;
    m_logs->setConfig(config);
    m_run->setConfig(config);
    m_forwardsPanel->setConfig(config);
}

void StreamsController::setObject(const ObjectFacts &object)
{
    // Selector logs stay while the same object is only updated; another object replaces them.
    const bool keepSelectorLogs = m_selectorLogs && object.uid == m_object.uid;
    m_selectorLogs = keepSelectorLogs;
    m_object = object;
    if (!keepSelectorLogs)
        m_logs->setObject(object);
    m_run->setObject(object);
    m_forwardsPanel->setObject(object);
    updateTabs();
}

void StreamsController::clearObject()
{
    m_object = {};
    m_selectorLogs = false;
    m_logs->clearTarget();
    m_run->clearTarget();
    m_forwardsPanel->setObject({});
    updateTabs();
}

void StreamsController::showSelectorLogs(const QString &ns, const QString &selector)
{
    m_logs->setSelector(ns, selector);
    m_selectorLogs = true;
    updateTabs();
    QTabWidget *tabs = m_details->tabs();
    tabs->setTabVisible(tabs->indexOf(m_logs), true);
    tabs->setCurrentWidget(m_logs);
}

void StreamsController::updateTabs()
{
    QTabWidget *tabs = m_details->tabs();
    const bool isPod = m_object.kind == QLatin1String("Pod");
    const bool logs = m_logs->hasTarget();
    tabs->setTabVisible(tabs->indexOf(m_logs), logs);
    tabs->setTabVisible(tabs->indexOf(m_run), isPod);
    m_shell->setEnabled(isPod);
    m_forward->setEnabled(PortForwardsPanel::canForward(m_object));
    if (!tabs->isTabVisible(tabs->currentIndex()))
        tabs->setCurrentIndex(0);
    m_logs->setActive(tabs->currentWidget() == m_logs);
}

bool StreamsController::openShell()
{
    if (m_object.kind != QLatin1String("Pod")) {
        emit message(tr("Select a pod to open a shell in."));
        return false;
    }
    ShellLauncher::Target t;
    t.kubeconfig = m_kubeconfig;
    t.context = m_context;
    t.ns = m_object.ns;
    t.pod = m_object.name;
    const QString chosen = m_run->containerBox()->currentData().toString();
    t.container = chosen.isEmpty() ? m_object.containers.value(0) : chosen;
    QString error;
    if (!ShellLauncher::launch(t, &error)) {
        emit message(error);
        return false;
    }
    emit message(tr("Opened a shell in %1/%2 in your terminal.").arg(t.ns, t.pod));
    return true;
}

} // namespace kube::ui
