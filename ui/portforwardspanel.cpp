#include "portforwardspanel.h"

#include "portforwardmanager.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace kube::ui {

PortForwardsPanel::PortForwardsPanel(PortForwardManager *manager, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_target(new QLabel(this))
    , m_port(new QComboBox(this))
    , m_local(new QSpinBox(this))
    , m_start(new QPushButton(tr("Forward"), this))
    , m_table(new QTableView(this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_browser(new QPushButton(tr("Open in browser"), this))
    , m_clear(new QPushButton(tr("Clear finished"), this))
{
    setObjectName(QStringLiteral("portForwardsPanel"));
    m_port->setObjectName(QStringLiteral("forwardRemotePort"));
    m_port->setEditable(true); // a port the spec does not declare can be typed
    m_port->setToolTip(tr("The port on the pod (or the Service's port)"));
    m_local->setObjectName(QStringLiteral("forwardLocalPort"));
    m_local->setRange(0, 65535);
    m_local->setSpecialValueText(tr("automatic"));
    m_local->setToolTip(tr("The port on this computer (localhost); automatic picks a free one"));
    m_start->setObjectName(QStringLiteral("forwardStart"));
    m_stop->setObjectName(QStringLiteral("forwardStop"));
    m_browser->setObjectName(QStringLiteral("forwardOpenBrowser"));
    m_clear->setObjectName(QStringLiteral("forwardClear"));
    m_table->setObjectName(QStringLiteral("forwardsTable"));
    m_table->setModel(m_manager);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto *form = new QHBoxLayout;
    form->addWidget(m_target, 1);
    form->addWidget(new QLabel(tr("Port:"), this));
    form->addWidget(m_port);
    form->addWidget(new QLabel(tr("Local:"), this));
    form->addWidget(m_local);
    form->addWidget(m_start);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_stop);
    buttons->addWidget(m_browser);
    buttons->addStretch(1);
    buttons->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_start, &QPushButton::clicked, this, [this] {
        bool ok = false;
        // "8080 (http)" from the list, or a number typed by the user.
        const int remote = m_port->currentText().section(u' ', 0, 0).toInt(&ok);
        if (!ok || remote <= 0 || remote > 65535) {
            emit message(tr("Choose or type a port number between 1 and 65535."));
            return;
        }
        startForward(remote, quint16(m_local->value()));
    });
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (const int id = currentId())
            m_manager->stop(id);
    });
    connect(m_browser, &QPushButton::clicked, this, [this] {
        if (const QUrl url = m_manager->browserUrl(currentId()); url.isValid())
            QDesktopServices::openUrl(url);
    });
    connect(m_clear, &QPushButton::clicked, m_manager, &PortForwardManager::removeFinished);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PortForwardsPanel::updateButtons);
    connect(m_manager, &QAbstractItemModel::dataChanged, this, &PortForwardsPanel::updateButtons);
    connect(m_manager, &QAbstractItemModel::rowsRemoved, this, &PortForwardsPanel::updateButtons);
    connect(m_manager, &PortForwardManager::forwardReady, this, [this](int id, quint16 local) {
        emit message(tr("Forwarding localhost:%1 → %2:%3")
                         .arg(local)
                         .arg(m_manager->podName(id))
                         .arg(m_manager->remotePort(id)));
    });
    connect(m_manager, &PortForwardManager::forwardFailed, this, [this](int, const QString &text) {
        emit message(tr("Port-forward failed: %1").arg(text));
    });
    setObject({});
    updateButtons();
}

PortForwardsPanel::~PortForwardsPanel() = default;

bool PortForwardsPanel::canForward(const ObjectFacts &o)
{
    if (o.kind == QLatin1String("Pod"))
        return !o.name.isEmpty();
    return !o.selector.isEmpty(); // a Service or workload: one of the pods it selects
}

void PortForwardsPanel::setConfig(const RestConfig &config)
{
    m_config = config;
    m_haveConfig = true;
}

void PortForwardsPanel::setObject(const ObjectFacts &object)
{
    m_object = object;
    const bool can = canForward(object);
    m_port->clear();
    for (const ObjectPort &p : object.ports) {
        if (p.protocol != QLatin1String("TCP") || p.port <= 0)
            continue; // port-forward is TCP only
        m_port->addItem(p.name.isEmpty() ? QString::number(p.port)
                                         : QStringLiteral("%1 (%2)").arg(p.port).arg(p.name),
                        p.port);
    }
    m_target->setText(can ? tr("Forward a port of %1/%2:").arg(object.kind.toLower(), object.name)
                          : tr("Select a pod, service or workload to forward one of its ports."));
    m_port->setEnabled(can);
    m_local->setEnabled(can);
    m_start->setEnabled(can && m_haveConfig);
}

int PortForwardsPanel::startForward(int remotePort, quint16 localPort)
{
    if (!canForward(m_object) || !m_haveConfig)
        return 0;
    PortForwardRequest r;
    r.ns = m_object.ns;
    r.kind = m_object.kind;
    r.name = m_object.name;
    r.selector = m_object.kind == QLatin1String("Pod") ? QString() : m_object.selector;
    r.port = remotePort;
    r.localPort = localPort;
    for (const ObjectPort &p : std::as_const(m_object.ports)) {
        if (p.port == remotePort) {
            r.portName = p.name;
            r.targetPort = p.targetPort;
        }
    }
    const int id = m_manager->start(m_config, r);
    m_table->selectRow(m_manager->rowOf(id));
    return id;
}

int PortForwardsPanel::currentId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_manager->idAt(current.row()) : 0;
}

void PortForwardsPanel::updateButtons()
{
    const int id = currentId();
    const auto status = m_manager->status(id);
    const bool live = id != 0
        && (status == PortForwardManager::Status::Active
            || status == PortForwardManager::Status::Starting
            || status == PortForwardManager::Status::Resolving);
    m_stop->setEnabled(live);
    m_browser->setEnabled(id != 0 && m_manager->browserUrl(id).isValid());
}

} // namespace kube::ui
