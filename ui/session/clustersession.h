#pragma once

#include "api/error.h"
#include "listlivestate.h"
#include "objectfacts.h"
#include "objectrow.h"
#include "resourcetype.h"
#include "rest/restconfig.h"
#include "rowbatch.h"

#include <QDateTime>
#include <QObject>
#include <QStringList>

#include <chrono>

#include <memory>
#include <optional>

class QThread;

namespace kube::ui {

class ClusterWorker;

//! Where the resource types on screen came from.
enum class DiscoverySource { DiskCache, Live };

/*!
 * The GUI's connection to one cluster (one kubeconfig context): discovery, namespace list,
 * object lists, single objects and their events, all through kubeclient.
 *
 * All network work and every body parse runs on a worker thread that owns the RestClients,
 * the cached discovery client, the list pager and the watch; results come back as small ui
 * values (ResourceType, TableColumn, ObjectRow, ObjectFacts + YAML text) through queued
 * signals, so the GUI thread only inserts rows. Each list and object load has an id: a
 * newer request supersedes an older one, and signals carry the id so late answers of a
 * superseded request are recognisable.
 *
 * Lives on the GUI thread. Deleting it stops the worker (in-flight requests are abandoned).
 *
 * \code
 * auto *session = new ClusterSession(restConfig, cacheRoot, this);
 * connect(session, &ClusterSession::discoveryLoaded, tree, &ResourceTreeView::setResources);
 * session->loadDiscovery();
 * const quint64 id = session->list(podsType, "default", {});
 * \endcode
 */
class ClusterSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterSession)

public:
    struct Options
    {
        QString cacheRoot; //!< discovery disk cache root; empty = kubectl's default
        qint64 pageSize = 500; //!< list chunk size
        bool watchLists = true; //!< keep lists live with a watch after they load
        //! Lists are informers: changes reach the list at most this often, coalesced.
        std::chrono::milliseconds batchInterval { 100 };
        //! Watch timings (tests shorten them): a silent stream is dead after idleTimeout.
        std::chrono::milliseconds idleTimeout { 150'000 };
        std::chrono::milliseconds backoffInitial { 800 };
    };

    ClusterSession(const RestConfig &config, const Options &options, QObject *parent = nullptr);
    ~ClusterSession() override;

    const RestConfig &config() const { return m_config; }
    QString serverUrl() const { return m_config.host.toString(); }

    //! Discovery from the disk cache when present (no request), then live in the background.
    //! discoveryLoaded() fires once or twice.
    void loadDiscovery();
    //! Forgets the cache and asks the server again.
    void refreshDiscovery();
    //! F5: refreshDiscovery() and a fresh list of what is shown (both caches invalidated).
    void refresh();
    void loadNamespaces();

    //! Starts listing \a resource; supersedes (cancels) the previous list. Returns its id.
    quint64 list(const ResourceType &resource, const QString &ns, const QString &labelSelector);
    void cancelList();
    //! Fetches one object (YAML + facts), then its events. Supersedes the previous one.
    quint64 loadObject(const ResourceType &resource,
                       const QString &ns,
                       const QString &name,
                       const QString &uid);
    /*!
     * Resolves what a user typed ("po", "deploy.apps", a CRD plural) like kubectl, against
     * the discovery loaded so far. Blocks only on the worker's in-memory mapper (microseconds).
     */
    std::optional<ResourceType> resolve(const QString &spec, QString *errorMessage = nullptr) const;

signals:
    void discoveryLoaded(const QList<kube::ui::ResourceType> &resources,
                         kube::ui::DiscoverySource source,
                         const QDateTime &fetchedAt,
                         const QString &partialFailure);
    void discoveryFailed(const kube::Error &error);
    void namespacesLoaded(const QStringList &namespaces);
    void namespacesFailed(const kube::Error &error);

    void listColumns(quint64 id, const QList<kube::ui::TableColumn> &columns);
    void listRows(quint64 id, const QList<kube::ui::ObjectRow> &rows);
    void listProgress(quint64 id, qint64 loaded, qint64 remaining);
    //! The rows so far are void (a 410 during paging: a full list follows).
    void listRestarted(quint64 id);
    void listFinished(quint64 id, bool ok, const kube::Error &error);
    void listRowChanged(quint64 id, kube::ui::RowChange change, const kube::ui::ObjectRow &row);
    /*!
     * The list's changes of one interval (≈100 ms), from the first page on: new and changed
     * rows, removed keys. Apply in place; a relist comes as the differences only.
     */
    void listBatch(quint64 id, const kube::ui::RowBatch &batch);
    //! Live / loading / reconnecting (in N s, stale since, why).
    void listLiveState(quint64 id, const kube::ui::ListLiveState &state);
    void watchStateChanged(quint64 id, bool live);
    //! The object in the details pane was deleted on the server.
    void objectDeleted(quint64 id);

    //! The object (again, each time it changes: the details pane follows it).
    void objectLoaded(quint64 id, const kube::ui::ObjectFacts &facts, const QString &yaml);
    void objectFailed(quint64 id, const kube::Error &error);
    void eventsLoaded(quint64 id,
                      const QList<kube::ui::TableColumn> &columns,
                      const QList<kube::ui::ObjectRow> &rows);
    void eventsFailed(quint64 id, const kube::Error &error);

    //! Any request that failed (for the status bar), and client-side throttling.
    void requestFailed(const kube::Error &error);
    void throttled(qint64 milliseconds);
    void warning(const QString &message);

private:
    RestConfig m_config;
    QThread *m_thread; // Owned (QObject child); joined in the destructor.
    ClusterWorker *m_worker; // Owned; lives on m_thread, deleted there.
    struct MapperState;
    std::unique_ptr<MapperState> m_mapper; // written by the worker thread, read by resolve()
    quint64 m_nextId = 1;
};

} // namespace kube::ui

Q_DECLARE_METATYPE(kube::ui::DiscoverySource)
Q_DECLARE_METATYPE(kube::ui::RowChange)
Q_DECLARE_METATYPE(kube::Error)
