// MainWindow's keyboard, menus, sign-in, offline handling and remembered state: kept apart
// from mainwindow.cpp (the browsing core) so each can change without the other.

#include "authcontroller.h"
#include "columnstatekeeper.h"
#include "commandpalette.h"
#include "config/kubeconfig.h"
#include "connectionmonitor.h"
#include "errorhint.h"
#include "mainwindow.h"
#include "objectactionscontroller.h"
#include "objectdetailsview.h"
#include "objectfilterproxy.h"
#include "objectlistmodel.h"
#include "objectlistview.h"
#include "resourcetreeview.h"
#include "rest/authprovider.h"
#include "settingsdialog.h"
#include "signindialog.h"
#include "themecolors.h"
#include "uisettings.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSet>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <kubeclient_version.h>

namespace kube::ui {

void MainWindow::buildExtras()
{
    m_auth = new AuthController(this, m_options.keychainService, this);
    connect(m_auth, &AuthController::reconnectRequested, this, [this](const QString &context) {
        if (context == m_context)
            switchContext(context);
    });
    connect(m_auth, &AuthController::notice, this,
            [this](const QString &m) { statusBar()->showMessage(m, 15000); });

    m_signIn = new SignInDialog(this);
    connect(m_signIn, &SignInDialog::signInAgainRequested, this, [this] {
        if (m_session && m_session->config().authProvider)
            m_session->config().authProvider->invalidate();
        if (!m_context.isEmpty())
            switchContext(m_context);
    });

    m_connection = new ConnectionMonitor(this);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addPermanentWidget(m_connectionLabel);
    connect(m_connection, &ConnectionMonitor::offlineChanged, this,
            &MainWindow::onConnectionChanged);
    connect(m_connection, &ConnectionMonitor::statusChanged, this,
            &MainWindow::updateConnectionLabel);
    connect(m_connection, &ConnectionMonitor::retryNow, this, &MainWindow::reconnect);

    m_columns = new ColumnStateKeeper(m_list->tableView()->horizontalHeader(), this);

    m_palette = new CommandPalette(this);
    connect(m_palette, &CommandPalette::itemActivated, this, &MainWindow::onPaletteItem);

    // The row menu's entries join the object actions in the table's context menu.
    QTableView *table = m_list->tableView();
    if (table->contextMenuPolicy() == Qt::ActionsContextMenu) {
        auto *separator = new QAction(table);
        separator->setSeparator(true);
        table->addAction(separator);
        table->addActions(rowMenu()->actions());
    } else {
        table->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(table, &QWidget::customContextMenuRequested, this, &MainWindow::onRowMenuRequested);
    }
    connect(this, &MainWindow::listLoaded, this, [this](bool ok) {
        if (!ok || m_selectAfterLoad.isEmpty())
            return;
        m_selectAfterLoad.clear();
        // The filter holds the owner's name: its row is the first (or the only) one.
        selectRow(0);
        m_list->tableView()->setFocus();
    });

    buildMenus();
    if (m_options.restoreSession)
        UiSettings::restoreWindow(this, { m_mainSplitter, m_listSplitter });
}

void MainWindow::buildMenus()
{
    auto action = [this](QMenu *menu, const QString &name, const QString &text,
                         const QKeySequence &key, auto slot) {
        QAction *a = menu->addAction(text);
        a->setObjectName(name);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    action(file, QStringLiteral("switchContextAction"), tr("Switch &Context…"),
           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] {
               m_contextBox->setFocus();
               m_contextBox->showPopup();
           });
    action(file, QStringLiteral("chooseNamespaceAction"), tr("Choose &Namespace…"),
           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this] {
               m_namespaceBox->setFocus();
               m_namespaceBox->lineEdit()->selectAll();
           });
    action(file, QStringLiteral("signInAgainAction"), tr("Sign &In Again"), QKeySequence(),
           [this] { emit m_signIn->signInAgainRequested(); });
    QAction *readOnly = action(
        file, QStringLiteral("readOnlyAction"), tr("&Read-Only for This Context"), QKeySequence(),
        [this](bool on) {
            UiSettings::setReadOnlyFor(m_context, on);
            if (m_objectActions)
                m_objectActions->setReadOnly(m_options.readOnly || on);
            statusBar()->showMessage(on ? tr("%1 is read-only: changes are hidden.").arg(m_context)
                                        : tr("%1 can be changed again.").arg(m_context),
                                     8000);
        });
    readOnly->setCheckable(true);
    readOnly->setToolTip(tr("Hide edit, delete, scale and every other change for this context "
                            "(remembered)"));
    file->addSeparator();
    QAction *settings = action(file, QStringLiteral("settingsAction"), tr("&Settings…"),
                               QKeySequence(QKeySequence::Preferences), [this] {
                                   SettingsDialog dialog(this);
                                   dialog.exec();
                               });
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    action(file, QStringLiteral("quitAction"), tr("&Quit"), QKeySequence(QKeySequence::Quit),
           [this] { close(); });

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    action(go, QStringLiteral("paletteAction"), tr("&Jump To…"), QKeySequence(Qt::CTRL | Qt::Key_K),
           [this] { showCommandPalette(); });
    action(go, QStringLiteral("backToListAction"), tr("&Back to the List"),
           QKeySequence(Qt::Key_Escape), [this] {
               showObjects();
               m_list->tableView()->setFocus();
           });
    go->addSeparator();
    // The tool bar's actions, so their shortcuts show in a menu too.
    for (QAction *a : findChildren<QAction *>()) {
        if (a->objectName() == QLatin1String("apiResourcesAction")
            || a->objectName() == QLatin1String("refreshAction"))
            go->addAction(a);
    }

    QMenu *list = menuBar()->addMenu(tr("&List"));
    action(list, QStringLiteral("filterAction"), tr("&Filter Rows"),
           QKeySequence(Qt::CTRL | Qt::Key_F), [this] {
               showObjects();
               m_list->filterEdit()->setFocus();
               m_list->filterEdit()->selectAll();
           });
    action(list, QStringLiteral("labelSelectorAction"), tr("&Label Selector"),
           QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
               showObjects();
               m_list->labelSelectorEdit()->setFocus();
               m_list->labelSelectorEdit()->selectAll();
           });
    list->addSeparator();
    action(list, QStringLiteral("copyNameAction"), tr("Copy &Name"),
           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_1), [this] {
               if (const auto row = m_list->currentRow()) {
                   QGuiApplication::clipboard()->setText(row->name);
                   emit copied(row->name);
               }
           });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = action(
        help, QStringLiteral("aboutAction"), tr("&About Kubrowser"), QKeySequence(), [this] {
            QMessageBox::about(this, tr("About Kubrowser"),
                               tr("<h3>Kubrowser %1</h3><p>A fast, native desktop browser "
                                  "for Kubernetes clusters, on the kubeclient library.</p>"
                                  "<p>Qt %2</p>")
                                   .arg(QStringLiteral(KUBROWSER_VERSION_STRING),
                                        QString::fromLatin1(qVersion())));
        });
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::updateReadOnlyAction()
{
    auto *a = findChild<QAction *>(QStringLiteral("readOnlyAction"));
    if (!a)
        return;
    QSignalBlocker block(a);
    // --read-only wins for the whole run; the menu says so rather than pretend.
    a->setChecked(m_options.readOnly || UiSettings::readOnlyFor(m_context));
    a->setEnabled(!m_options.readOnly && !m_context.isEmpty());
}

void MainWindow::showCommandPalette()
{
    m_palette->setItems(paletteItems());
    m_palette->popup();
}

namespace {

QString plainText(const QAction *a)
{
    QString text = a->text();
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    return text;
}

//! Stable across runs (recent entries are remembered by id).
QString paletteId(const QAction *a)
{
    return QStringLiteral("action:") + (a->objectName().isEmpty() ? plainText(a) : a->objectName());
}

} // namespace

QList<std::pair<QString, QAction *>> MainWindow::paletteActions()
{
    QList<std::pair<QString, QAction *>> out;
    QSet<const QAction *> seen;
    const auto add = [&](const QString &where, const QList<QAction *> &actions) {
        for (QAction *a : actions) {
            if (a->isSeparator() || a->menu() || !a->isEnabled() || !a->isVisible()
                || a->text().isEmpty() || a->objectName() == QLatin1String("paletteAction")
                || seen.contains(a))
                continue;
            seen.insert(a);
            out.append({ where, a });
        }
    };
    for (QAction *menuAction : menuBar()->actions()) {
        if (QMenu *menu = menuAction->menu())
            add(plainText(menuAction), menu->actions());
    }
    if (const auto row = m_list->currentRow()) {
        const QString selected
            = m_current ? tr("%1 %2").arg(m_current->kind, row->name) : row->name;
        if (m_objectActions)
            add(selected, m_objectActions->actions());
        add(selected, rowMenu()->actions());
    } else if (m_objectActions) {
        add(m_current ? m_current->resource : QString(), m_objectActions->actions());
    }
    return out;
}

QList<PaletteItem> MainWindow::paletteItems()
{
    QList<PaletteItem> items;
    for (const ResourceType &rt : m_resources) {
        if (!rt.preferred || !rt.canList())
            continue;
        PaletteItem item;
        item.kind = PaletteItem::Kind::Resource;
        item.id = rt.qualifiedName();
        item.title = rt.qualifiedName();
        QStringList detail { rt.kind, rt.apiVersion() };
        if (!rt.shortNames.isEmpty())
            detail << rt.shortNames.join(u',');
        item.detail = detail.join(QStringLiteral(" · "));
        item.keywords << rt.resource << rt.kind << rt.singular << rt.shortNames << rt.categories;
        items.append(item);
    }
    for (int i = 1; i < m_namespaceBox->count(); ++i) {
        PaletteItem item;
        item.kind = PaletteItem::Kind::Namespace;
        item.id = m_namespaceBox->itemData(i).toString();
        item.title = item.id;
        items.append(item);
    }
    PaletteItem all;
    all.kind = PaletteItem::Kind::Namespace;
    all.title = tr("All namespaces");
    all.keywords << QStringLiteral("-A");
    items.append(all);
    for (int i = 0; i < m_contextBox->count(); ++i) {
        PaletteItem item;
        item.kind = PaletteItem::Kind::Context;
        item.id = m_contextBox->itemText(i);
        item.title = item.id;
        item.detail = item.id == m_context ? tr("current") : QString();
        items.append(item);
    }
    for (const auto &[where, action] : paletteActions()) {
        PaletteItem item;
        item.kind = PaletteItem::Kind::Action;
        item.id = paletteId(action);
        item.title = plainText(action);
        QStringList detail;
        if (!where.isEmpty())
            detail << where;
        if (!action->shortcut().isEmpty())
            detail << action->shortcut().toString(QKeySequence::NativeText);
        item.detail = detail.join(QStringLiteral(" · "));
        item.keywords << where << action->toolTip();
        items.append(item);
    }
    return items;
}

void MainWindow::onPaletteItem(const PaletteItem &item)
{
    switch (item.kind) {
    case PaletteItem::Kind::Resource:
        for (const ResourceType &rt : std::as_const(m_resources)) {
            if (rt.preferred && rt.qualifiedName() == item.id) {
                openResource(rt);
                showObjects();
                m_list->tableView()->setFocus();
                return;
            }
        }
        break;
    case PaletteItem::Kind::Namespace:
        setNamespace(item.id);
        break;
    case PaletteItem::Kind::Context:
        if (item.id != m_context)
            switchContext(item.id);
        break;
    case PaletteItem::Kind::Action:
        // Looked up again: the selection or the access checks may have changed meanwhile.
        for (const auto &[where, action] : paletteActions()) {
            if (paletteId(action) == item.id) {
                action->trigger();
                return;
            }
        }
        statusBar()->showMessage(tr("“%1” is not available now.").arg(item.title), 8000);
        break;
    }
}

QMenu *MainWindow::rowMenu()
{
    if (!m_rowMenu) {
        m_rowMenu = new QMenu(this);
        m_rowMenu->setObjectName(QStringLiteral("rowMenu"));
        auto add = [this](const QString &name, const QString &text, auto slot) {
            QAction *a = m_rowMenu->addAction(text);
            a->setObjectName(name);
            connect(a, &QAction::triggered, this, slot);
        };
        add(QStringLiteral("copyRowName"), tr("Copy Name"), [this] {
            if (const auto row = m_list->currentRow()) {
                QGuiApplication::clipboard()->setText(row->name);
                emit copied(row->name);
            }
        });
        add(QStringLiteral("copyRowNamespacedName"), tr("Copy Namespace/Name"), [this] {
            if (const auto row = m_list->currentRow()) {
                const QString text = row->ns.isEmpty() ? row->name : row->ns + u'/' + row->name;
                QGuiApplication::clipboard()->setText(text);
                emit copied(text);
            }
        });
        add(QStringLiteral("copyRowYaml"), tr("Copy YAML"), [this] {
            const auto row = m_list->currentRow();
            if (!row)
                return;
            if (m_shownFacts.uid == row->uid && !m_details->yamlText().isEmpty()) {
                copyCurrentYaml();
                return;
            }
            m_copyYamlUid = row->uid; // copied when it arrives
            m_selectionTimer->stop();
            onObjectSelected();
        });
        add(QStringLiteral("openRowOwner"), tr("Open Owner"), [this] {
            const auto row = m_list->currentRow();
            if (!row)
                return;
            if (m_shownFacts.uid == row->uid) {
                openOwner(m_shownFacts);
                return;
            }
            m_openOwnerUid = row->uid;
            m_selectionTimer->stop();
            onObjectSelected();
        });
    }
    return m_rowMenu;
}

void MainWindow::onRowMenuRequested(const QPoint &pos)
{
    QTableView *table = m_list->tableView();
    const QModelIndex index = table->indexAt(pos);
    if (!index.isValid())
        return;
    table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    rowMenu()->popup(table->viewport()->mapToGlobal(pos));
}

void MainWindow::copyCurrentYaml()
{
    // What is shown: a Secret's data stays masked unless the user revealed it.
    const QString yaml = m_details->yamlText();
    QGuiApplication::clipboard()->setText(yaml);
    emit copied(yaml);
}

void MainWindow::openOwner(const ObjectFacts &facts)
{
    if (facts.owners.isEmpty()) {
        statusBar()->showMessage(tr("%1 has no owner.").arg(facts.name), 8000);
        return;
    }
    const QString owner = facts.owners.constFirst(); // the controller comes first
    const QString kind = owner.section(u'/', 0, 0);
    const QString name = owner.section(u'/', 1);
    for (const ResourceType &rt : std::as_const(m_resources)) {
        if (rt.preferred && rt.kind == kind) {
            if (rt.namespaced && !facts.ns.isEmpty() && facts.ns != m_namespace)
                setNamespace(facts.ns);
            m_list->filterEdit()->setText(name);
            m_selectAfterLoad = name;
            openResource(rt);
            showObjects();
            return;
        }
    }
    statusBar()->showMessage(tr("The owner's kind %1 is not served by this cluster.").arg(kind),
                             8000);
}

void MainWindow::handleListFailure(const Error &error)
{
    const QString url = m_session ? m_session->serverUrl() : QString();
    if (ConnectionMonitor::isUnreachable(error)) {
        m_connection->requestFailed(error);
        if (m_connection->isOffline()) {
            m_list->showError({ tr("Offline: %1 does not answer.").arg(url),
                                tr("%1 The list loads by itself when the server is back.")
                                    .arg(m_connection->statusText()) });
            return;
        }
    }
    if (error.httpCode == 401 && m_session && !m_session->config().exec)
        m_auth->unauthorized(m_context, error.message);
    if (error.httpCode == 403 && m_current) {
        // Say exactly what was refused: RBAC is granted per verb, resource and namespace.
        const QString ns = m_current->namespaced ? m_namespace : QString();
        const QString what = m_current->group.isEmpty()
            ? m_current->resource
            : QStringLiteral("%1 (API group %2)").arg(m_current->resource, m_current->group);
        const QString where = !m_current->namespaced ? tr("at cluster scope")
            : ns.isEmpty()                           ? tr("in all namespaces")
                                                     : tr("in namespace %1").arg(ns);
        const QString check = QStringLiteral("kubectl auth can-i list %1%2")
                                  .arg(m_current->qualifiedName(),
                                       !m_current->namespaced ? QString()
                                           : ns.isEmpty()     ? QStringLiteral(" -A")
                                                              : QStringLiteral(" -n %1").arg(ns));
        m_list->showError(
            { tr("Forbidden: you may not list %1 %2.").arg(what, where),
              tr("The server said: %1 Ask a cluster admin for RBAC permission "
                 "(check with `%2`)%3.")
                  .arg(error.message, check,
                       m_current->namespaced && ns.isEmpty() ? tr(", or pick one namespace")
                                                             : QString()) });
        return;
    }
    m_list->showError(ErrorHint::from(error, url));
}

void MainWindow::onConnectionChanged(bool offline)
{
    updateTitle();
    updateConnectionLabel();
    if (offline) {
        m_wasOffline = true;
        return;
    }
    if (!m_wasOffline)
        return;
    m_wasOffline = false;
    const QString url = m_session ? m_session->serverUrl() : QString();
    statusBar()->showMessage(tr("Back online: %1 answers again.").arg(url), 15000);
    if (m_session)
        m_session->loadNamespaces();
    if (m_current)
        startList();
    else if (!m_pendingResource.isEmpty())
        openResourceSpec(std::exchange(m_pendingResource, {}));
    emit backOnline();
}

void MainWindow::updateConnectionLabel()
{
    const bool offline = m_connection->isOffline();
    m_connectionLabel->setText(offline ? tr("● offline") : QString());
    m_connectionLabel->setToolTip(m_connection->statusText());
    m_connectionLabel->setStyleSheet(
        offline ? ThemeColors::styleSheet(ThemeColors::Role::Error, palette()) : QString());
    if (offline && !m_list->isLoading() && m_list->model()->rowCount() == 0 && m_current)
        m_list->showError({ tr("Offline: %1 does not answer.")
                                .arg(m_session ? m_session->serverUrl() : QString()),
                            tr("%1 The list loads by itself when the server is back.")
                                .arg(m_connection->statusText()) });
}

void MainWindow::reconnect()
{
    if (m_session)
        m_session->refreshDiscovery();
}

void MainWindow::setStatusError(const QString &headline, const QString &tooltip)
{
    m_requestLabel->setText(headline);
    m_requestLabel->setToolTip(tooltip);
    m_requestLabel->setStyleSheet(ThemeColors::styleSheet(ThemeColors::Role::Error, palette()));
}

void MainWindow::applyPaletteColours()
{
    // Style sheets hold a colour, not a role: derive them again from the new palette.
    if (!m_requestLabel->styleSheet().isEmpty())
        m_requestLabel->setStyleSheet(ThemeColors::styleSheet(ThemeColors::Role::Error, palette()));
    if (!m_watchLabel->text().isEmpty())
        m_watchLabel->setStyleSheet(ThemeColors::styleSheet(ThemeColors::Role::Ok, palette()));
    updateConnectionLabel();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_requestLabel)
        applyPaletteColours();
}

void MainWindow::retireSession()
{
    if (!m_session)
        return;
    ClusterSession *old = m_session.release();
    old->disconnect(this);
    old->cancelList();
    // Its destructor joins the worker thread, which may be inside a slow request: let the
    // thread wind down on its own and delete the session afterwards, off the user's way. The
    // application owns it meanwhile, so it is still joined at exit.
    old->setParent(QCoreApplication::instance());
    QThread *thread = old->findChild<QThread *>(QString(), Qt::FindDirectChildrenOnly);
    if (!thread || thread->isFinished()) {
        delete old;
        return;
    }
    connect(thread, &QThread::finished, old, &QObject::deleteLater);
    thread->quit();
}

QString MainWindow::restoredContext() const
{
    if (!m_options.restoreSession || !m_kubeconfig)
        return {};
    const QString last = UiSettings::lastContext();
    return m_kubeconfig->contextNames().contains(last) ? last : QString();
}

void MainWindow::saveSettings()
{
    if (!m_options.restoreSession)
        return;
    UiSettings::saveWindow(this, { m_mainSplitter, m_listSplitter });
    m_columns->save();
    if (!m_context.isEmpty()) {
        UiSettings::setLastContext(m_context);
        UiSettings::setNamespaceFor(m_context, m_namespace);
        if (m_current)
            UiSettings::setResourceFor(m_context, m_current->qualifiedName());
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace kube::ui
