#include "mainwindow.h"

#include "apiresourcespage.h"
#include "authcontroller.h"
#include "columnstatekeeper.h"
#include "config/kubeconfig.h"
#include "connectionmonitor.h"
#include "errorhint.h"
#include "humanduration.h"
#include "objectactionscontroller.h"
#include "objectdetailsview.h"
#include "objectfilterproxy.h"
#include "objectlistmodel.h"
#include "objectlistview.h"
#include "resourcetreeview.h"
#include "streamscontroller.h"
#include "themecolors.h"
#include "uiresources.h"
#include "uisettings.h"
#include "yamleditorpanel.h"

#include "dynamic/dynamicclient.h"
#include "rest/restclient.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>

namespace kube::ui {

namespace {
const QString AllNamespaces = QStringLiteral("All namespaces");
}

MainWindow::MainWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
{
    initResources();
    setWindowIcon(QIcon(QStringLiteral(":/icons/kubrowser.png")));
    buildUi();
    buildExtras();
    loadKubeconfig();
    m_pendingResource = options.resource;
    if (m_kubeconfig) {
        QString ctx = options.context.isEmpty() ? restoredContext() : options.context;
        if (ctx.isEmpty())
            ctx = m_kubeconfig->currentContext();
        if (ctx.isEmpty() && !m_kubeconfig->contextNames().isEmpty())
            ctx = m_kubeconfig->contextNames().constFirst();
        if (!ctx.isEmpty())
            switchContext(ctx);
        else
            m_list->showError(
                { tr("Your kubeconfig has no contexts."),
                  tr("Create one with `kind create cluster` or `kubectl config set-context`, point "
                     "KUBECONFIG at a kubeconfig, or run `kubrowser --demo` to try the built-in "
                     "demo "
                     "cluster.") });
    }
    updateTitle();
}

MainWindow::~MainWindow()
{
    // The session's worker must stop before the views it feeds go away.
    if (m_session)
        m_session->disconnect(this);
    m_session.reset();
}

void MainWindow::buildUi()
{
    resize(1440, 900);

    auto *toolbar = addToolBar(tr("Cluster"));
    toolbar->setObjectName(QStringLiteral("clusterToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_contextBox = new QComboBox(this);
    m_contextBox->setObjectName(QStringLiteral("contextBox"));
    m_contextBox->setMinimumContentsLength(18);
    m_contextBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_contextBox->setToolTip(tr("kubeconfig context: switching reconnects"));
    m_namespaceBox = new QComboBox(this);
    m_namespaceBox->setObjectName(QStringLiteral("namespaceBox"));
    m_namespaceBox->setEditable(true);
    m_namespaceBox->setInsertPolicy(QComboBox::NoInsert);
    m_namespaceBox->setMinimumContentsLength(18);
    m_namespaceBox->setToolTip(tr("Namespace (type one if you may not list namespaces)"));

    auto *ctxLabel = new QLabel(tr("Context "), this);
    ctxLabel->setPixmap(QIcon(QStringLiteral(":/icons/context.png")).pixmap(16, 16));
    toolbar->addWidget(ctxLabel);
    toolbar->addWidget(new QLabel(tr(" Context: "), this));
    toolbar->addWidget(m_contextBox);
    toolbar->addSeparator();
    auto *nsIcon = new QLabel(this);
    nsIcon->setPixmap(QIcon(QStringLiteral(":/icons/namespace.png")).pixmap(16, 16));
    toolbar->addWidget(nsIcon);
    toolbar->addWidget(new QLabel(tr(" Namespace: "), this));
    toolbar->addWidget(m_namespaceBox);
    toolbar->addSeparator();
    QAction *refresh = toolbar->addAction(QIcon(QStringLiteral(":/icons/refresh.png")),
                                          tr("Refresh resource types"));
    refresh->setObjectName(QStringLiteral("refreshAction"));
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    refresh->setToolTip(tr("Ask the server for its resource types and the list again (ignores the "
                           "disk cache)"));
    connect(refresh, &QAction::triggered, this, [this] {
        if (m_session)
            m_session->refreshDiscovery();
        startList();
    });
    QAction *apiRes = toolbar->addAction(QIcon(QStringLiteral(":/icons/apiresources.png")),
                                         tr("API Resources"));
    apiRes->setObjectName(QStringLiteral("apiResourcesAction"));
    apiRes->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(apiRes, &QAction::triggered, this, &MainWindow::showApiResources);

    m_tree = new ResourceTreeView(this);
    m_list = new ObjectListView(this);
    m_details = new ObjectDetailsView(this);
    m_apiResources = new ApiResourcesPage(this);

    m_listSplitter = new QSplitter(Qt::Vertical, this);
    m_listSplitter->setObjectName(QStringLiteral("listSplitter"));
    m_listSplitter->addWidget(m_list);
    m_listSplitter->addWidget(m_details);
    m_listSplitter->setStretchFactor(0, 3);
    m_listSplitter->setStretchFactor(1, 2);
    m_listSplitter->setChildrenCollapsible(false);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->addTab(m_listSplitter, QIcon(QStringLiteral(":/icons/namespaced.png")), tr("Objects"));
    m_tabs->addTab(m_apiResources, QIcon(QStringLiteral(":/icons/apiresources.png")),
                   tr("API Resources"));
    m_tabs->setDocumentMode(true);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_tree);
    m_mainSplitter->addWidget(m_tabs);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({ 480, 960 });
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->setContentsMargins(6, 4, 6, 0);
    setCentralWidget(m_mainSplitter);
    m_listSplitter->setSizes({ 520, 340 });

    m_clusterLabel = new QLabel(this);
    m_clusterLabel->setObjectName(QStringLiteral("clusterLabel"));
    m_discoveryLabel = new QLabel(this);
    m_discoveryLabel->setObjectName(QStringLiteral("discoveryLabel"));
    m_watchLabel = new QLabel(this);
    m_watchLabel->setObjectName(QStringLiteral("watchLabel"));
    m_requestLabel = new QLabel(this);
    m_requestLabel->setObjectName(QStringLiteral("requestLabel"));
    m_requestLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_clusterLabel);
    statusBar()->addWidget(m_requestLabel, 1);
    statusBar()->addPermanentWidget(m_watchLabel);
    statusBar()->addPermanentWidget(m_discoveryLabel);

    m_selectionTimer = new QTimer(this);
    m_selectionTimer->setSingleShot(true);
    m_selectionTimer->setInterval(60); // arrow-key scrolling does not fire a fetch per row
    connect(m_selectionTimer, &QTimer::timeout, this, &MainWindow::onObjectSelected);
    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(std::chrono::seconds(15));
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::updateDiscoveryLabel);
    m_statusTimer->start();

    connect(m_contextBox, &QComboBox::activated, this, [this](int index) {
        const QString ctx = m_contextBox->itemText(index);
        if (ctx != m_context)
            switchContext(ctx);
    });
    connect(m_namespaceBox, &QComboBox::activated, this, &MainWindow::onNamespaceChosen);
    connect(m_namespaceBox->lineEdit(), &QLineEdit::editingFinished, this,
            &MainWindow::onNamespaceChosen);
    // Arrow keys in the tree pass many rows: list only the one the user stops on.
    m_treeTimer = new QTimer(this);
    m_treeTimer->setSingleShot(true);
    m_treeTimer->setInterval(250);
    connect(m_treeTimer, &QTimer::timeout, this, [this] {
        const auto rt = m_tree->currentResource();
        if (rt && (!m_current || m_current->gvr() != rt->gvr() || !m_list->isLoading()))
            openResource(*rt);
    });
    connect(m_tree, &ResourceTreeView::resourceSelected, m_treeTimer, qOverload<>(&QTimer::start));
    connect(m_apiResources, &ApiResourcesPage::resourceActivated, this,
            [this](const ResourceType &rt) {
                openResource(rt);
                showObjects();
            });
    connect(m_list, &ObjectListView::currentObjectChanged, m_selectionTimer,
            qOverload<>(&QTimer::start));
    setupObjectActions();
    setupStreams(); // logs, shell, run command, port-forward (streamscontroller.h)
    connect(m_list, &ObjectListView::labelSelectorChanged, this, [this] { startList(); });
    connect(m_list, &ObjectListView::reloadRequested, this, [this] {
        if (m_session)
            m_session->refreshDiscovery(); // F5 invalidates both caches: discovery and the list
        startList();
    });
    connect(m_list, &ObjectListView::cancelRequested, this, [this] {
        if (m_session)
            m_session->cancelList();
    });
}

void MainWindow::noteRowsShown()
{
    if (m_firstRowsSeen || m_list->model()->rowCount() == 0)
        return;
    m_firstRowsSeen = true;
    // The saved column order and widths apply once the columns exist, whichever path (pages
    // or live batches) brought the first rows.
    if (m_options.restoreSession) {
        m_columns->restore();
        m_list->adoptHeaderVisibility();
    }
    emit firstRowsShown();
}

void MainWindow::loadKubeconfig()
{
    Kubeconfig::LoadOptions lo;
    lo.explicitPath = m_options.kubeconfig;
    auto cfg = Kubeconfig::load(lo);
    if (!cfg) {
        showError(cfg.error());
        m_list->showError(ErrorHint::from(cfg.error()));
        return;
    }
    m_kubeconfig = std::make_unique<Kubeconfig>(std::move(*cfg));
    QSignalBlocker block(m_contextBox);
    m_contextBox->clear();
    for (const QString &name : m_kubeconfig->contextNames())
        m_contextBox->addItem(QIcon(QStringLiteral(":/icons/context.png")), name);
}

QString MainWindow::initialNamespace(const QString &context,
                                     bool firstContext,
                                     const QString &kubeconfigNamespace) const
{
    if (firstContext && m_options.namespaceName)
        return *m_options.namespaceName;
    bool remembered = false;
    const QString rememberedNs
        = m_options.restoreSession ? UiSettings::namespaceFor(context, &remembered) : QString();
    if (remembered)
        return rememberedNs;
    return kubeconfigNamespace.isEmpty() ? QStringLiteral("default") : kubeconfigNamespace;
}

void MainWindow::switchContext(const QString &context)
{
    if (!m_kubeconfig)
        return;
    {
        QSignalBlocker block(m_contextBox);
        m_contextBox->setCurrentIndex(m_contextBox->findText(context));
    }
    // Keep the resource the user was looking at when the new cluster has it too.
    if (m_current)
        m_pendingResource = m_current->qualifiedName();
    const bool firstContext = m_context.isEmpty();
    // Reconnecting (sign-in, "Sign in again", a new token) must not move the user elsewhere.
    const bool reconnect = !firstContext && context == m_context;
    if (!firstContext && m_current)
        UiSettings::setResourceFor(m_context, m_current->qualifiedName());
    m_context = context;
    retireSession();
    m_current.reset();
    m_haveDiscovery = false;
    m_listId = m_objectId = 0;
    m_tree->setResources({});
    m_apiResources->setResources({});
    m_details->clear();
    m_streams->clearObject();
    m_list->model()->reset({});
    m_list->showMessage(tr("Connecting to %1…").arg(context));
    m_watchLabel->clear();
    m_requestLabel->clear();
    m_lastError.clear();

    ConfigOverrides overrides;
    overrides.context = context;
    overrides.token = m_auth->token(context); // typed after a 401 (empty: the kubeconfig's)
    overrides.execUseLoginShellPath = true; // started from a desktop menu, PATH is minimal
    overrides.execInteractiveInput = true; // SignInDialog shows stderr and forwards input
    auto rc = m_kubeconfig->restConfig(overrides);
    if (!rc) {
        showError(rc.error());
        m_list->showError(ErrorHint::from(rc.error()));
        updateTitle();
        return;
    }
    if (!reconnect)
        m_namespace = initialNamespace(context, firstContext, rc->defaultNamespace);
    if (m_pendingResource.isEmpty() && m_options.restoreSession)
        m_pendingResource = UiSettings::resourceFor(context);
    {
        // The namespaces seen last time, at once (also offline); the server's list replaces them.
        QSignalBlocker block(m_namespaceBox);
        m_namespaceBox->clear();
        m_namespaceBox->addItem(QIcon(QStringLiteral(":/icons/clusterscoped.png")), AllNamespaces,
                                QString());
        QStringList known
            = m_options.restoreSession ? UiSettings::namespacesFor(context) : QStringList();
        if (!m_namespace.isEmpty() && !known.contains(m_namespace))
            known.append(m_namespace);
        for (const QString &n : std::as_const(known))
            m_namespaceBox->addItem(QIcon(QStringLiteral(":/icons/namespace.png")), n, n);
        m_namespaceBox->setCurrentIndex(
            m_namespace.isEmpty() ? 0 : m_namespaceBox->findData(m_namespace));
    }
    UiSettings::setLastContext(context);
    m_connection->reset();

    ClusterSession::Options so;
    so.cacheRoot = m_options.cacheRoot;
    so.watchLists = m_options.watchLists;
    m_session = std::make_unique<ClusterSession>(*rc, so);
    if (m_objectActions) {
        // Mutations and access reviews go through their own client: small async requests.
        auto dynamic = std::make_shared<DynamicClient>(RestClient::createUnversioned(*rc));
        m_objectActions->setClient(dynamic);
        m_yamlEditor->session()->setClient(dynamic);
        m_objectActions->setReadOnly(m_options.readOnly || UiSettings::readOnlyFor(context));
    }
    updateReadOnlyAction();
    m_streams->setSession(*rc, m_options.kubeconfig, context);
    m_tree->setClusterName(context);
    m_clusterLabel->setText(tr("⎈ %1 · %2").arg(context, rc->host.toString()));
    connectSession();
    m_session->loadDiscovery();
    m_session->loadNamespaces();
    updateTitle();
    emit contextSwitched(context);
}

void MainWindow::connectSession()
{
    ClusterSession *s = m_session.get();
    connect(s, &ClusterSession::discoveryLoaded, this, &MainWindow::onResourcesLoaded);
    connect(s, &ClusterSession::discoveryFailed, this, [this](const Error &e) {
        showError(e);
        m_connection->requestFailed(e);
        if (m_connection->isOffline() && m_haveDiscovery)
            return; // the cached tree stays; the list area says offline
        if (!m_haveDiscovery)
            m_list->showError(ErrorHint::from(e, m_session ? m_session->serverUrl() : QString()));
    });
    connect(s, &ClusterSession::namespacesLoaded, this, [this](const QStringList &names) {
        m_updatingNamespaces = true;
        QSignalBlocker block(m_namespaceBox);
        m_namespaceBox->clear();
        m_namespaceBox->addItem(QIcon(QStringLiteral(":/icons/clusterscoped.png")), AllNamespaces,
                                QString());
        QStringList all = names;
        if (!m_namespace.isEmpty() && !all.contains(m_namespace))
            all.append(m_namespace);
        for (const QString &n : std::as_const(all))
            m_namespaceBox->addItem(QIcon(QStringLiteral(":/icons/namespace.png")), n, n);
        m_namespaceBox->setCurrentIndex(
            m_namespace.isEmpty() ? 0 : m_namespaceBox->findData(m_namespace));
        m_updatingNamespaces = false;
        UiSettings::setNamespacesFor(m_context, names);
        m_connection->reachable();
        emit namespacesShown();
    });
    connect(s, &ClusterSession::namespacesFailed, this, [this](const Error &e) {
        m_requestLabel->setText(tr("Cannot list namespaces: %1 — type a namespace instead.")
                                    .arg(ErrorHint::from(e).headline));
    });
    connect(s, &ClusterSession::listColumns, this,
            [this](quint64 id, const QList<TableColumn> &cols) {
                if (id == m_listId)
                    m_list->setColumns(cols);
            });
    connect(s, &ClusterSession::listRows, this, [this](quint64 id, const QList<ObjectRow> &rows) {
        if (id != m_listId)
            return;
        m_list->appendRows(rows);
        noteRowsShown();
    });
    connect(s, &ClusterSession::listProgress, this,
            [this](quint64 id, qint64 loaded, qint64 remaining) {
                if (id == m_listId)
                    m_list->setProgress(loaded, remaining);
            });
    connect(s, &ClusterSession::listRestarted, this, [this](quint64 id) {
        if (id == m_listId)
            m_list->model()->clearRows();
    });
    connect(s, &ClusterSession::listFinished, this,
            [this](quint64 id, bool ok, const Error &error) {
                if (id != m_listId)
                    return;
                if (ok || error.kind == Error::Kind::Cancelled) {
                    m_list->finishLoading();
                    if (!ok)
                        m_requestLabel->setText(
                            tr("Loading cancelled: showing the %1 rows loaded so far.")
                                .arg(QLocale().toString(m_list->model()->rowCount())));
                } else {
                    handleListFailure(error);
                }
                if (ok)
                    m_connection->reachable();
                emit listLoaded(ok);
            });
    connect(s, &ClusterSession::listBatch, this, [this](quint64 id, const RowBatch &batch) {
        if (id != m_listId)
            return;
        m_list->applyBatch(batch);
        noteRowsShown();
    });
    connect(s, &ClusterSession::listLiveState, this,
            [this](quint64 id, const ListLiveState &state) {
                if (id == m_listId)
                    m_list->setLiveState(state);
            });
    connect(s, &ClusterSession::objectDeleted, this, [this](quint64 id) {
        if (id == m_objectId)
            m_details->showDeleted();
    });
    connect(s, &ClusterSession::watchStateChanged, this, [this](quint64 id, bool live) {
        if (id != m_listId)
            return;
        m_watchLabel->setText(live ? tr("● live") : QString());
        m_watchLabel->setToolTip(live ? tr("The list is kept up to date with a watch") : QString());
        m_watchLabel->setStyleSheet(live ? ThemeColors::styleSheet(ThemeColors::Role::Ok, palette())
                                         : QString());
    });
    connect(s, &ClusterSession::objectLoaded, this,
            [this](quint64 id, const ObjectFacts &facts, const QString &yaml) {
                if (id != m_objectId)
                    return;
                m_details->setObject(facts, yaml);
                m_streams->setObject(facts);
                m_shownFacts = facts;
                if (!m_copyYamlUid.isEmpty() && m_copyYamlUid == facts.uid) {
                    m_copyYamlUid.clear();
                    copyCurrentYaml();
                }
                if (!m_openOwnerUid.isEmpty() && m_openOwnerUid == facts.uid) {
                    m_openOwnerUid.clear();
                    openOwner(facts);
                }
                emit objectShown();
            });
    connect(s, &ClusterSession::objectFailed, this, [this](quint64 id, const Error &e) {
        if (id == m_objectId)
            m_details->showError(ErrorHint::from(e, m_session->serverUrl()));
    });
    connect(s, &ClusterSession::eventsLoaded, this,
            [this](quint64 id, const QList<TableColumn> &cols, const QList<ObjectRow> &rows) {
                if (id != m_objectId)
                    return;
                m_details->setEvents(cols, rows);
                emit eventsShown();
            });
    connect(s, &ClusterSession::eventsFailed, this, [this](quint64 id, const Error &e) {
        if (id == m_objectId)
            m_details->showEventsError(ErrorHint::from(e));
    });
    connect(s, &ClusterSession::requestFailed, this, &MainWindow::showError);
    connect(s, &ClusterSession::throttled, this, [this](qint64 ms) {
        m_throttledMs += ms;
        statusBar()->showMessage(
            tr("Client-side throttling: waited %1 ms for the rate limiter").arg(m_throttledMs),
            5000);
    });
    connect(s, &ClusterSession::warning, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Server warning: %1").arg(message), 10000);
    });
}

void MainWindow::onResourcesLoaded(const QList<ResourceType> &resources,
                                   DiscoverySource source,
                                   const QDateTime &fetchedAt,
                                   const QString &partialFailure)
{
    m_haveDiscovery = true;
    m_resources = resources;
    if (source == DiscoverySource::Live)
        m_connection->reachable();
    m_discoverySource = source;
    m_discoveryFetchedAt = fetchedAt;
    m_tree->setResources(resources);
    m_apiResources->setResources(resources);
    updateDiscoveryLabel();
    m_discoveryLabel->setToolTip(partialFailure.isEmpty() ? QString() : partialFailure);
    if (!partialFailure.isEmpty())
        m_requestLabel->setText(tr("Some API groups did not answer: %1").arg(partialFailure));
    if (!m_pendingResource.isEmpty()) {
        const QString spec = m_pendingResource;
        m_pendingResource.clear();
        openResourceSpec(spec);
    } else if (!m_current) {
        m_list->showMessage(tr(
            "Select a resource on the left, or type its name (po, deploy, crd …) in the filter."));
    }
    emit resourcesShown(source);
}

QString MainWindow::discoveryStatus() const
{
    return m_discoveryLabel->text();
}

void MainWindow::updateDiscoveryLabel()
{
    if (!m_haveDiscovery) {
        m_discoveryLabel->setText(tr("Resource types: loading…"));
        return;
    }
    const qint64 age = m_discoveryFetchedAt.isValid()
        ? m_discoveryFetchedAt.secsTo(QDateTime::currentDateTimeUtc())
        : 0;
    if (m_discoverySource == DiscoverySource::DiskCache)
        m_discoveryLabel->setText(
            tr("Resource types: disk cache, %1 old — refreshing").arg(humanDuration(age)));
    else
        m_discoveryLabel->setText(
            tr("Resource types: live, fetched %1 ago").arg(humanDuration(age)));
}

void MainWindow::updateTitle()
{
    QString title = m_context.isEmpty() ? tr("Kubrowser") : tr("%1 — Kubrowser").arg(m_context);
    if (!m_options.demoNote.isEmpty())
        title += QStringLiteral(" (%1)").arg(m_options.demoNote);
    if (m_connection && m_connection->isOffline())
        title += tr(" — offline");
    setWindowTitle(title);
}

void MainWindow::setNamespace(const QString &ns)
{
    if (ns == m_namespace)
        return;
    m_namespace = ns;
    if (!m_context.isEmpty())
        UiSettings::setNamespaceFor(m_context, ns);
    {
        QSignalBlocker block(m_namespaceBox);
        int idx = ns.isEmpty() ? 0 : m_namespaceBox->findData(ns);
        if (idx < 0) {
            m_namespaceBox->addItem(QIcon(QStringLiteral(":/icons/namespace.png")), ns, ns);
            idx = m_namespaceBox->count() - 1;
        }
        m_namespaceBox->setCurrentIndex(idx);
    }
    if (m_current && m_current->namespaced)
        startList();
}

QString MainWindow::currentNamespace() const
{
    return m_namespace;
}

void MainWindow::onNamespaceChosen()
{
    if (m_updatingNamespaces)
        return;
    QString text = m_namespaceBox->currentText().trimmed();
    const int idx = m_namespaceBox->findText(text);
    QString ns = idx >= 0 ? m_namespaceBox->itemData(idx).toString() : text;
    if (text == AllNamespaces || text.isEmpty())
        ns.clear();
    setNamespace(ns);
}

void MainWindow::openResource(const ResourceType &resource)
{
    m_current = resource;
    {
        QSignalBlocker block(m_tree);
        m_tree->select(resource.gvr());
    }
    startList();
    if (m_objectActions)
        m_objectActions->setSelection(resource, {}); // Create becomes available
}

bool MainWindow::openResourceSpec(const QString &spec)
{
    if (!m_session)
        return false;
    QString message;
    const auto rt = m_session->resolve(spec, &message);
    if (!rt) {
        m_requestLabel->setText(tr("--resource %1: %2").arg(spec, message));
        m_lastError = message;
        m_list->showError({ tr("Unknown resource type \"%1\".").arg(spec), message });
        return false;
    }
    openResource(*rt);
    showObjects();
    return true;
}

void MainWindow::showApiResources()
{
    m_tabs->setCurrentWidget(m_apiResources);
    m_apiResources->filterEdit()->setFocus();
}

void MainWindow::showObjects()
{
    m_tabs->setCurrentWidget(m_listSplitter);
}

bool MainWindow::selectRow(int row)
{
    QTableView *view = m_list->tableView();
    const QModelIndex idx = view->model()->index(row, 0);
    if (!idx.isValid())
        return false;
    view->selectionModel()->setCurrentIndex(
        idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(idx);
    return true;
}

void MainWindow::startList()
{
    if (!m_session || !m_current)
        return;
    m_selectionTimer->stop();
    m_objectId = 0;
    m_details->clear();
    m_streams->clearObject();
    m_firstRowsSeen = false;
    m_watchLabel->clear();
    const QString ns = m_current->namespaced ? m_namespace : QString();
    UiSettings::setResourceFor(m_context, m_current->qualifiedName());
    m_columns->setResource(m_current->qualifiedName());
    m_list->beginLoading(*m_current, ns);
    m_listId = m_session->list(*m_current, ns, m_list->labelSelector());
}

void MainWindow::onObjectSelected()
{
    if (!m_session || !m_current)
        return;
    const auto row = m_list->currentRow();
    if (!row)
        return;
    m_details->showLoading(m_current->kind, row->ns, row->name);
    updateActionSelection();
    m_objectId = m_session->loadObject(*m_current, row->ns, row->name, row->uid);
}

void MainWindow::showError(const Error &error)
{
    const ErrorHint hint = ErrorHint::from(error, m_session ? m_session->serverUrl() : QString());
    m_lastError = hint.toString();
    setStatusError(hint.headline, hint.toString());
    if (error.httpCode == 401 && m_session && !m_session->config().exec)
        m_auth->unauthorized(m_context, error.message);
    m_connection->requestFailed(error);
}

void MainWindow::setupStreams()
{
    m_streams = new StreamsController(m_details, this);
    auto *selectorLogs = new QAction(tr("Logs of Selected Pods"), this);
    selectorLogs->setObjectName(QStringLiteral("selectorLogsAction"));
    selectorLogs->setToolTip(tr("The logs of all pods matching the list's label selector, merged"));
    connect(selectorLogs, &QAction::triggered, this, [this] {
        const QString selector = m_list->labelSelector();
        if (selector.isEmpty())
            statusBar()->showMessage(tr("Type a label selector (Ctrl+L) first."), 10000);
        else
            m_streams->showSelectorLogs(m_namespace, selector);
    });
    QToolBar *bar = addToolBar(tr("Streams"));
    bar->setObjectName(QStringLiteral("streamsToolBar"));
    bar->addActions(m_streams->actions());
    bar->addAction(selectorLogs);
    connect(m_streams, &StreamsController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
}

void MainWindow::setupObjectActions()
{
    m_objectActions = new ObjectActionsController(this, this);
    QToolBar *bar = addToolBar(tr("Actions"));
    bar->setObjectName(QStringLiteral("actionsToolBar"));
    bar->addActions(m_objectActions->actions());
    QTableView *table = m_list->tableView();
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    table->addActions(m_objectActions->actions());
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActionSelection);

    m_yamlEditor = new YamlEditorPanel(this);
    m_yamlEditor->setSession(new ObjectEditSession(nullptr, m_yamlEditor));
    m_details->tabs()->addTab(m_yamlEditor, tr("Edit"));
    const auto openEditor = [this] { m_details->tabs()->setCurrentWidget(m_yamlEditor); };
    connect(m_objectActions, &ObjectActionsController::editRequested, this,
            [this, openEditor](const ObjectRef &ref) {
                m_yamlEditor->edit(ref);
                openEditor();
            });
    connect(m_objectActions, &ObjectActionsController::createRequested, this,
            [this, openEditor](const ObjectRef &ref) {
                m_yamlEditor->create(ref);
                openEditor();
            });
    const auto report = [this](const QString &text, bool ok) {
        m_requestLabel->setText(text.section(u'\n', 0, 0)
                                + (text.contains(u'\n')
                                       ? tr(" (+%n more)", nullptr, int(text.count(u'\n')))
                                       : QString()));
        m_requestLabel->setToolTip(text);
        m_requestLabel->setStyleSheet(
            ok ? QString() : ThemeColors::styleSheet(ThemeColors::Role::Error, palette()));
    };
    connect(m_objectActions, &ObjectActionsController::reported, this, report);
    connect(m_yamlEditor, &YamlEditorPanel::applied, this,
            [report](const QString &summary) { report(summary, true); });
}

void MainWindow::updateActionSelection()
{
    if (!m_objectActions || !m_current)
        return;
    QList<ObjectRow> rows;
    const QModelIndexList selected = m_list->tableView()->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected) {
        const QModelIndex source = m_list->proxy()->mapToSource(index);
        if (source.isValid())
            rows << m_list->model()->rowAt(source.row());
    }
    m_objectActions->setSelection(*m_current, rows);
}

} // namespace kube::ui
