#pragma once

#include "api/error.h"
#include "clustersession.h"
#include "resourcetype.h"

#include <QDateTime>
#include <QMainWindow>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;
class QTimer;

namespace kube {
class Kubeconfig;
}

namespace kube::ui {

class ApiResourcesPage;
class AuthController;
class ColumnStateKeeper;
class CommandPalette;
class ConnectionMonitor;
class ObjectActionsController;
class YamlEditorPanel;
class ObjectDetailsView;
struct PaletteItem;
class SignInDialog;
class StreamsController;
class ObjectListView;
class ResourceTreeView;

/*!
 * Kubrowser's main window: context and namespace switchers in the tool bar, the resource
 * tree on the left, the object list with the selected object's details below it, an API
 * resources tab, and a status bar that says which cluster this is, whether the resource
 * types come from the disk cache (and how old it is) or from the server, and what went wrong.
 *
 * One ClusterSession per context; switching context replaces it (no restart).
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    struct Options
    {
        QString kubeconfig; //!< --kubeconfig; empty = KUBECONFIG / ~/.kube/config
        QString context; //!< --context; empty = current-context
        std::optional<QString> namespaceName; //!< --namespace; "" = all namespaces (-A)
        QString resource; //!< --resource, as kubectl accepts it
        QString cacheRoot; //!< discovery cache root; empty = kubectl's default
        bool watchLists = true;
        QString demoNote; //!< shown in the title/status when running the demo cluster
        //! CredentialStore service for typed tokens; empty = "kubrowser" (tests use their own).
        QString keychainService;
        //! Reopen the last context/namespace/resource, namespace list, column layouts and the
        //! window layout (QSettings) where the command line does not say otherwise. The app
        //! turns it on; off, the window starts from the kubeconfig alone (tests, scripts).
        bool restoreSession = false;
        bool readOnly = false; //!< --read-only: hide every mutation
    };

    explicit MainWindow(const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Driving the window (used by the command line, tests and screenshots) -------------------
    void switchContext(const QString &context);
    //! "" = all namespaces.
    void setNamespace(const QString &ns);
    QString currentNamespace() const;
    QString currentContext() const { return m_context; }
    void openResource(const ResourceType &resource);
    //! Resolves \a spec like kubectl (once discovery is known) and opens it; false + message
    //! in the status bar when it cannot be resolved.
    bool openResourceSpec(const QString &spec);
    void showApiResources();
    void showObjects();
    //! Selects the \a row-th row of the object list (view order).
    bool selectRow(int row);

    ResourceTreeView *resourceTree() const { return m_tree; }
    ObjectListView *objectList() const { return m_list; }
    ObjectDetailsView *details() const { return m_details; }
    ApiResourcesPage *apiResources() const { return m_apiResources; }
    QComboBox *contextBox() const { return m_contextBox; }
    QComboBox *namespaceBox() const { return m_namespaceBox; }
    ClusterSession *session() const { return m_session.get(); }
    QTabWidget *tabs() const { return m_tabs; }
    ObjectActionsController *objectActions() const { return m_objectActions; }
    YamlEditorPanel *yamlEditor() const { return m_yamlEditor; }
    StreamsController *streams() const { return m_streams; }
    QString discoveryStatus() const;
    QString lastError() const { return m_lastError; }

    CommandPalette *commandPalette() const { return m_palette; }
    AuthController *authController() const { return m_auth; }
    SignInDialog *signInDialog() const { return m_signIn; }
    ConnectionMonitor *connection() const { return m_connection; }
    QLabel *connectionLabel() const { return m_connectionLabel; }
    QSplitter *mainSplitter() const { return m_mainSplitter; }
    QSplitter *listSplitter() const { return m_listSplitter; }
    //! The row context menu for the current row (tests; normally opened by a right click).
    QMenu *rowMenu();
    //! Saves window layout, columns and session (also done on close).
    void saveSettings();
    //! Opens the command palette (Ctrl+K).
    void showCommandPalette();

signals:
    //! The resource tree shows data (from the cache or the server).
    void resourcesShown(kube::ui::DiscoverySource source);
    void namespacesShown();
    //! The current list loaded completely (or failed: ok false).
    void listLoaded(bool ok);
    //! The first rows of the current list are in the model.
    void firstRowsShown();
    void objectShown();
    void eventsShown();
    void contextSwitched(const QString &context);
    //! The server answers again after the window went offline.
    void backOnline();
    //! Something was copied to the clipboard from the row menu.
    void copied(const QString &text);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString initialNamespace(const QString &context,
                             bool firstContext,
                             const QString &kubeconfigNamespace) const;
    void buildUi();
    //! After rows arrived (first page or first batch): restores column state once, then says so.
    void noteRowsShown();
    // mainwindowextras.cpp: menus, palette, sign-in, offline, remembered state -----------------
    void buildExtras();
    void buildMenus();
    void updateReadOnlyAction();
    QList<PaletteItem> paletteItems();
    //! Enabled actions the palette can run, each with where it lives ("List", "Selected pod").
    QList<std::pair<QString, QAction *>> paletteActions();
    void onPaletteItem(const PaletteItem &item);
    void onRowMenuRequested(const QPoint &pos);
    void copyCurrentYaml();
    void openOwner(const ObjectFacts &facts);
    void onConnectionChanged(bool offline);
    void updateConnectionLabel();
    void reconnect();
    void handleListFailure(const Error &error);
    void applyPaletteColours();
    void retireSession();
    QString restoredContext() const;
    void setStatusError(const QString &headline, const QString &tooltip);
    void loadKubeconfig();
    void connectSession();
    void startList();
    void onResourcesLoaded(const QList<ResourceType> &resources,
                           DiscoverySource source,
                           const QDateTime &fetchedAt,
                           const QString &partialFailure);
    void onNamespaceChosen();
    void onObjectSelected();
    void showError(const Error &error);
    void updateDiscoveryLabel();
    void updateTitle();
    void setupObjectActions(); // edit, create, delete, scale ... (objectactionscontroller.h)
    void setupStreams();
    void updateActionSelection();

    Options m_options;
    std::unique_ptr<Kubeconfig> m_kubeconfig;
    std::unique_ptr<ClusterSession> m_session;
    QString m_context;
    QString m_pendingResource; // --resource, opened when discovery arrives
    std::optional<ResourceType> m_current;
    quint64 m_listId = 0;
    quint64 m_objectId = 0;
    bool m_firstRowsSeen = false;
    bool m_updatingNamespaces = false;
    QString m_namespace; // "" = all

    DiscoverySource m_discoverySource = DiscoverySource::Live;
    QDateTime m_discoveryFetchedAt;
    bool m_haveDiscovery = false;
    QString m_lastError;

    ObjectActionsController *m_objectActions = nullptr; // Owned (QObject child).
    YamlEditorPanel *m_yamlEditor = nullptr; // Owned (QObject child).
    StreamsController *m_streams = nullptr; // Owned (QObject child).
    QComboBox *m_contextBox = nullptr;
    QComboBox *m_namespaceBox = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_listSplitter = nullptr;
    ResourceTreeView *m_tree = nullptr;
    ObjectListView *m_list = nullptr;
    ObjectDetailsView *m_details = nullptr;
    ApiResourcesPage *m_apiResources = nullptr;
    QLabel *m_clusterLabel = nullptr;
    QLabel *m_discoveryLabel = nullptr;
    QLabel *m_watchLabel = nullptr;
    QLabel *m_requestLabel = nullptr;
    QTimer *m_selectionTimer = nullptr;
    QTimer *m_statusTimer = nullptr;
    qint64 m_throttledMs = 0;

    // mainwindowextras.cpp
    CommandPalette *m_palette = nullptr;
    AuthController *m_auth = nullptr;
    SignInDialog *m_signIn = nullptr;
    ConnectionMonitor *m_connection = nullptr;
    ColumnStateKeeper *m_columns = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QMenu *m_rowMenu = nullptr;
    QTimer *m_treeTimer = nullptr;
    QList<ResourceType> m_resources;
    ObjectFacts m_shownFacts; // of the object in the details pane
    QString m_copyYamlUid; // copy the YAML of this object once it is loaded
    QString m_openOwnerUid; // open the owner of this object once it is loaded
    QString m_selectAfterLoad; // select this name once the list loaded (open owner)
    bool m_wasOffline = false;
};

} // namespace kube::ui
