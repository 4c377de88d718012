#pragma once

#include "api/error.h"
#include "clustersession.h"
#include "discovery/restmapper.h"
#include "informer/informerbatch.h"
#include "informer/reflectorstatus.h"
#include "objectfacts.h"
#include "objectrow.h"
#include "resourcetype.h"
#include "rest/restconfig.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include "listlivestate.h"
#include "rowbatch.h"

#include <memory>

namespace kube {
class DiscoveryWatcher;
class DiskCacheDiscovery;
struct DiscoveryData;
class Informer;
class RestClient;
class SharedInformerFactory;
struct DiscoveryChange;
} // namespace kube

namespace kube::ui {

/*!
 * ClusterSession's other half: lives on the session's worker thread and does all the work
 * there (requests, JSON and Table decoding in kubeclient, conversion to ui values). Internal
 * to kubeui; talk to ClusterSession instead. Every slot is invoked queued from the GUI thread.
 */
class ClusterWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterWorker)

public:
    ClusterWorker(const RestConfig &config, const ClusterSession::Options &options);
    ~ClusterWorker() override;

    void loadDiscovery(bool invalidate);
    void loadNamespaces();
    void
    list(quint64 id, const ResourceType &resource, const QString &ns, const QString &labelSelector);
    void cancelList();
    //! F5: forget the discovery cache and relist the current list from scratch.
    void refresh();
    void loadObject(quint64 id,
                    const ResourceType &resource,
                    const QString &ns,
                    const QString &name,
                    const QString &uid);

    //! Converts discovery data (exposed for tests of the conversion).
    static QList<ResourceType> toResourceTypes(const DiscoveryData &data);

signals:
    void discoveryLoaded(const QList<kube::ui::ResourceType> &resources,
                         kube::ui::DiscoverySource source,
                         const QDateTime &fetchedAt,
                         const QString &partialFailure);
    void mapperReady(std::shared_ptr<const kube::RestMapper> mapper,
                     const QList<kube::ui::ResourceType> &resources);
    void discoveryFailed(const kube::Error &error);
    void namespacesLoaded(const QStringList &namespaces);
    void namespacesFailed(const kube::Error &error);
    void listColumns(quint64 id, const QList<kube::ui::TableColumn> &columns);
    void listRows(quint64 id, const QList<kube::ui::ObjectRow> &rows);
    void listProgress(quint64 id, qint64 loaded, qint64 remaining);
    void listRestarted(quint64 id);
    void listFinished(quint64 id, bool ok, const kube::Error &error);
    void listRowChanged(quint64 id, kube::ui::RowChange change, const kube::ui::ObjectRow &row);
    void listBatch(quint64 id, const kube::ui::RowBatch &batch);
    void listLiveState(quint64 id, const kube::ui::ListLiveState &state);
    void watchStateChanged(quint64 id, bool live);
    void objectDeleted(quint64 id);
    void objectLoaded(quint64 id, const kube::ui::ObjectFacts &facts, const QString &yaml);
    void objectFailed(quint64 id, const kube::Error &error);
    void eventsLoaded(quint64 id,
                      const QList<kube::ui::TableColumn> &columns,
                      const QList<kube::ui::ObjectRow> &rows);
    void eventsFailed(quint64 id, const kube::Error &error);
    void requestFailed(const kube::Error &error);
    void throttled(qint64 milliseconds);
    void warning(const QString &message);

private:
    std::shared_ptr<RestClient> clientFor(const QString &group, const QString &version);
    SharedInformerFactory *factory();
    void ensureDiscovery();
    void onDiscoveryChanged(const DiscoveryChange &change);
    void watchDiscovery(const DiscoveryData &baseline);
    void startListInformer();
    void onListBatch(const InformerBatch &batch);
    void onListColumns();
    void onListStatus(const ReflectorStatus &status);
    void onObjectBatch(quint64 id, const InformerBatch &batch);
    void loadEvents(quint64 id,
                    const ResourceType &resource,
                    const QString &ns,
                    const QString &name,
                    const QString &uid);
    //! A namespaced resource listed in all namespaces gets a leading Namespace column.
    bool namespaceColumnShown() const
    {
        return m_listResource.namespaced && m_listNamespace.isEmpty();
    }

    RestConfig m_config;
    ClusterSession::Options m_options;
    std::unique_ptr<DiskCacheDiscovery> m_discovery;
    std::optional<Error> m_discoveryError;
    QHash<QString, std::shared_ptr<RestClient>> m_clients; // by group/version
    SharedInformerFactory *m_factory = nullptr; // Owned (child), created on first use.

    // The current list: a shared Table-mode informer.
    quint64 m_listId = 0;
    ResourceType m_listResource;
    QString m_listNamespace;
    QString m_listSelector;
    std::shared_ptr<Informer> m_listInformer;
    QList<QMetaObject::Connection> m_listConnections;
    bool m_haveColumns = false;
    bool m_listFinished = false;
    bool m_listFailedReported = false;

    // The object in the details pane, followed by its own informer (one object).
    quint64 m_objectId = 0;
    std::shared_ptr<Informer> m_objectInformer;
    bool m_objectEventsLoaded = false;
    ResourceType m_objectResource;
    QString m_objectNamespace;
    QString m_objectName;

    // New CRDs and APIServices change discovery (DiscoveryWatcher, on a reflector).
    DiscoveryWatcher *m_discoveryWatcher = nullptr; // Owned (child).
    bool m_discoveryLoading = false;
};

} // namespace kube::ui
