#include "clustersession.h"

#include "clusterworker.h"
#include "workerthread.h"

#include <QMutex>
#include <QThread>

namespace kube::ui {

namespace {
void registerTypes()
{
    static const bool done = [] {
        qRegisterMetaType<QList<kube::ui::ResourceType>>();
        qRegisterMetaType<QList<kube::ui::TableColumn>>();
        qRegisterMetaType<QList<kube::ui::ObjectRow>>();
        qRegisterMetaType<kube::ui::ObjectRow>();
        qRegisterMetaType<kube::ui::ObjectFacts>();
        qRegisterMetaType<kube::ui::DiscoverySource>();
        qRegisterMetaType<kube::ui::RowChange>();
        qRegisterMetaType<kube::ui::RowBatch>();
        qRegisterMetaType<kube::ui::ListLiveState>();
        qRegisterMetaType<kube::Error>();
        qRegisterMetaType<std::shared_ptr<const kube::RestMapper>>();
        return true;
    }();
    Q_UNUSED(done);
}
} // namespace

struct ClusterSession::MapperState
{
    mutable QMutex mutex;
    std::shared_ptr<const RestMapper> mapper;
    QList<ResourceType> resources;
};

ClusterSession::ClusterSession(const RestConfig &config, const Options &options, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_thread(new QThread(this))
    , m_worker(new ClusterWorker(config, options))
    , m_mapper(std::make_unique<MapperState>())
{
    registerTypes();
    m_thread->setObjectName(QStringLiteral("kube.ui.cluster"));
    m_worker->moveToThread(m_thread);
    deleteWhenThreadFinishes(m_thread, m_worker);

    // Worker → session: queued across the thread boundary.
    connect(m_worker, &ClusterWorker::discoveryLoaded, this, &ClusterSession::discoveryLoaded);
    connect(m_worker, &ClusterWorker::discoveryFailed, this, &ClusterSession::discoveryFailed);
    connect(m_worker, &ClusterWorker::namespacesLoaded, this, &ClusterSession::namespacesLoaded);
    connect(m_worker, &ClusterWorker::namespacesFailed, this, &ClusterSession::namespacesFailed);
    connect(m_worker, &ClusterWorker::listColumns, this, &ClusterSession::listColumns);
    connect(m_worker, &ClusterWorker::listRows, this, &ClusterSession::listRows);
    connect(m_worker, &ClusterWorker::listProgress, this, &ClusterSession::listProgress);
    connect(m_worker, &ClusterWorker::listRestarted, this, &ClusterSession::listRestarted);
    connect(m_worker, &ClusterWorker::listFinished, this, &ClusterSession::listFinished);
    connect(m_worker, &ClusterWorker::listRowChanged, this, &ClusterSession::listRowChanged);
    connect(m_worker, &ClusterWorker::watchStateChanged, this, &ClusterSession::watchStateChanged);
    connect(m_worker, &ClusterWorker::listBatch, this, &ClusterSession::listBatch);
    connect(m_worker, &ClusterWorker::listLiveState, this, &ClusterSession::listLiveState);
    connect(m_worker, &ClusterWorker::objectDeleted, this, &ClusterSession::objectDeleted);
    connect(m_worker, &ClusterWorker::objectLoaded, this, &ClusterSession::objectLoaded);
    connect(m_worker, &ClusterWorker::objectFailed, this, &ClusterSession::objectFailed);
    connect(m_worker, &ClusterWorker::eventsLoaded, this, &ClusterSession::eventsLoaded);
    connect(m_worker, &ClusterWorker::eventsFailed, this, &ClusterSession::eventsFailed);
    connect(m_worker, &ClusterWorker::requestFailed, this, &ClusterSession::requestFailed);
    connect(m_worker, &ClusterWorker::throttled, this, &ClusterSession::throttled);
    connect(m_worker, &ClusterWorker::warning, this, &ClusterSession::warning);
    // The mapper is stored directly (from the worker thread, under the mutex), so resolve()
    // sees it as soon as discoveryLoaded() is delivered.
    MapperState *state = m_mapper.get();
    connect(
        m_worker, &ClusterWorker::mapperReady, m_worker,
        [state](std::shared_ptr<const RestMapper> mapper, const QList<ResourceType> &resources) {
            QMutexLocker lock(&state->mutex);
            state->mapper = std::move(mapper);
            state->resources = resources;
        },
        Qt::DirectConnection);
    m_thread->start();
}

ClusterSession::~ClusterSession()
{
    m_thread->quit();
    m_thread->wait();
}

void ClusterSession::loadDiscovery()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->loadDiscovery(false); });
}

void ClusterSession::refreshDiscovery()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->loadDiscovery(true); });
}

void ClusterSession::refresh()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->refresh(); });
}

void ClusterSession::loadNamespaces()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->loadNamespaces(); });
}

quint64
ClusterSession::list(const ResourceType &resource, const QString &ns, const QString &labelSelector)
{
    const quint64 id = m_nextId++;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id, resource, ns, labelSelector] {
        w->list(id, resource, ns, labelSelector);
    });
    return id;
}

void ClusterSession::cancelList()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->cancelList(); });
}

quint64 ClusterSession::loadObject(const ResourceType &resource,
                                   const QString &ns,
                                   const QString &name,
                                   const QString &uid)
{
    const quint64 id = m_nextId++;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id, resource, ns, name, uid] {
        w->loadObject(id, resource, ns, name, uid);
    });
    return id;
}

std::optional<ResourceType> ClusterSession::resolve(const QString &spec,
                                                    QString *errorMessage) const
{
    QMutexLocker lock(&m_mapper->mutex);
    if (!m_mapper->mapper) {
        if (errorMessage)
            *errorMessage = tr("Resource types are not known yet (discovery has not finished).");
        return std::nullopt;
    }
    auto mapping = m_mapper->mapper->mappingFor(spec);
    if (!mapping) {
        if (errorMessage)
            *errorMessage = mapping.error().message;
        return std::nullopt;
    }
    for (const ResourceType &rt : m_mapper->resources) {
        if (rt.gvr() == mapping->resource)
            return rt;
    }
    ResourceType rt;
    rt.group = mapping->resource.group;
    rt.version = mapping->resource.version;
    rt.resource = mapping->resource.resource;
    rt.kind = mapping->kind.kind;
    rt.namespaced = mapping->namespaced;
    rt.singular = mapping->info.singularName;
    rt.verbs = mapping->info.verbs;
    rt.shortNames = mapping->info.shortNames;
    rt.categories = mapping->info.categories;
    return rt;
}

} // namespace kube::ui
