#pragma once

#include "api/error.h"
#include "clustersession.h"
#include "discovery/restmapper.h"
#include "objectfacts.h"
#include "objectrow.h"
#include "resourcetype.h"
#include "rest/restconfig.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

class QTimer;

namespace kube {
class DiskCacheDiscovery;
class DiscoveryData;
class ListPager;
class RestClient;
class WatchStream;
struct ListPage;
struct WatchEvent;
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
    void watchStateChanged(quint64 id, bool live);
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
    void ensureDiscovery();
    void onPage(const ListPage &page);
    void startWatch(const QString &resourceVersion);
    void onWatchEvent(const WatchEvent &event);
    void onWatchFinished();
    void watchCrds();
    void loadEvents(quint64 id,
                    const ResourceType &resource,
                    const QString &ns,
                    const QString &name,
                    const QString &uid);

    RestConfig m_config;
    ClusterSession::Options m_options;
    std::unique_ptr<DiskCacheDiscovery> m_discovery;
    std::optional<Error> m_discoveryError;
    QHash<QString, std::shared_ptr<RestClient>> m_clients; // by group/version

    // The current list.
    quint64 m_listId = 0;
    ResourceType m_listResource;
    QString m_listNamespace;
    QString m_listSelector;
    QPointer<ListPager> m_pager; // Owned (deleteLater when done).
    QPointer<WatchStream> m_watch; // Owned (deleteLater when done).
    bool m_haveColumns = false;
    QList<TableColumn> m_columns;
    //! A namespaced resource listed in all namespaces gets a leading Namespace column.
    bool namespaceColumnShown() const
    {
        return m_listResource.namespaced && m_listNamespace.isEmpty();
    }
    qint64 m_loaded = 0;
    int m_watchFailures = 0;

    quint64 m_objectId = 0;

    // New CRDs and APIServices change discovery: watch them and refresh.
    QPointer<WatchStream> m_crdWatch; // Owned.
    QTimer *m_rediscoverTimer; // Owned (QObject child).
    bool m_discoveryLoading = false;
};

} // namespace kube::ui
