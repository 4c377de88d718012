#include "clusterworker.h"

#include "rowconverter.h"
#include "sessionlogging.h"

#include "api/table.h"
#include "api/unstructured.h"
#include "api/yamlwriter.h"
#include "discovery/discoveryreply.h"
#include "discovery/discoverywatcher.h"
#include "discovery/diskcachediscovery.h"
#include "informer/informer.h"
#include "informer/reflector.h"
#include "informer/sharedinformerfactory.h"
#include "informer/store.h"
#include "rest/request.h"
#include "rest/restclient.h"
#include "rest/restreply.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kube::ui {

namespace {

ListLiveState liveStateOf(const ReflectorStatus &status)
{
    ListLiveState s;
    switch (status.state) {
    case ReflectorStatus::State::Idle:
        s.state = status.synced ? ListLiveState::State::Idle : ListLiveState::State::Loading;
        break;
    case ReflectorStatus::State::Listing:
        // A relist after an error is still "reconnecting" for the user: the rows may be stale.
        s.state = status.staleSince.isValid() ? ListLiveState::State::Reconnecting
                                              : ListLiveState::State::Loading;
        break;
    case ReflectorStatus::State::Live:
        s.state = ListLiveState::State::Live;
        break;
    case ReflectorStatus::State::Reconnecting:
        s.state = ListLiveState::State::Reconnecting;
        break;
    }
    if (s.state == ListLiveState::State::Reconnecting) {
        s.retryAt = status.retryAt;
        s.staleSince = status.staleSince;
        if (status.lastError)
            s.reason = status.lastError->message.isEmpty() ? status.lastError->toString()
                                                           : status.lastError->message;
    }
    return s;
}

//! kubectl get -o yaml hides managedFields; the details pane does too, and the informer that
//! follows an object drops them before storing (bounded memory).
QJsonObject withoutManagedFields(QJsonObject object)
{
    QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
    if (meta.contains(QLatin1String("managedFields"))) {
        meta.remove(QLatin1String("managedFields"));
        object.insert(QLatin1String("metadata"), meta);
    }
    return object;
}

//! A Table row keeps its cells and the metadata a list row needs: labels, annotations, owners
//! and managed fields of 50,000 rows would otherwise stay in the informer's store for as long
//! as the list is shown (the details pane fetches the whole object when it is opened).
QJsonObject tableRowIdentityOnly(QJsonObject row)
{
    if (!row.contains(QLatin1String("cells")))
        return row; // a whole object (Full mode): untouched
    const QJsonObject object = row.value(QLatin1String("object")).toObject();
    const QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
    QJsonObject slim;
    for (QLatin1String key :
         { QLatin1String("name"), QLatin1String("namespace"), QLatin1String("uid"),
           QLatin1String("resourceVersion"), QLatin1String("creationTimestamp"),
           QLatin1String("deletionTimestamp") }) {
        const auto it = meta.constFind(key);
        if (it != meta.constEnd())
            slim.insert(key, *it);
    }
    QJsonObject slimObject;
    for (QLatin1String key : { QLatin1String("kind"), QLatin1String("apiVersion") }) {
        const auto it = object.constFind(key);
        if (it != object.constEnd())
            slimObject.insert(key, *it);
    }
    slimObject.insert(QLatin1String("metadata"), slim);
    QJsonObject out;
    out.insert(QLatin1String("cells"), row.value(QLatin1String("cells")));
    out.insert(QLatin1String("object"), slimObject);
    return out;
}

//! A large first list leaves the JSON pages freed but held by the allocator (this thread's arena
//! and the GUI's); give them back to the system once, when the list is complete.
void releaseFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace

ClusterWorker::ClusterWorker(const RestConfig &config, const ClusterSession::Options &options)
    : m_config(config)
    , m_options(options)
{
    // Interactive reads: kubectl's discovery limits (50 QPS, burst 300) rather than the write
    // defaults, so paging through 100 chunks is not throttled to 5 pages a second. QPS 0 is
    // the default 5 (client-go), so it is raised too; only a negative QPS means unlimited.
    if (m_config.qps >= 0 && m_config.qps < 50) {
        m_config.qps = 50;
        m_config.burst = std::max(m_config.burst, 300);
    }
}

ClusterWorker::~ClusterWorker()
{
    cancelList();
    m_objectInformer.reset();
}

SharedInformerFactory *ClusterWorker::factory()
{
    if (!m_factory) {
        ReflectorOptions defaults;
        defaults.idleTimeout = m_options.idleTimeout;
        defaults.backoff.initial = m_options.backoffInitial;
        defaults.pageSize = m_options.pageSize;
        defaults.transform = tableRowIdentityOnly;
        m_factory = new SharedInformerFactory(clientFor({}, {}), defaults, this);
    }
    return m_factory;
}

std::shared_ptr<RestClient> ClusterWorker::clientFor(const QString &group, const QString &version)
{
    const QString key = group + u'/' + version;
    auto it = m_clients.find(key);
    if (it != m_clients.end())
        return *it;
    auto client = version.isEmpty()
        ? RestClient::createUnversioned(m_config)
        : RestClient::create(m_config, GroupVersion { group, version },
                             RestClient::Options { .apiPath = group.isEmpty()
                                                       ? QStringLiteral("/api")
                                                       : QStringLiteral("/apis") });
    connect(client.get(), &RestClient::throttled, this,
            [this](std::chrono::milliseconds wait, const QUrl &) { emit throttled(wait.count()); });
    connect(client.get(), &RestClient::warning, this, &ClusterWorker::warning);
    m_clients.insert(key, client);
    return client;
}

QList<ResourceType> ClusterWorker::toResourceTypes(const DiscoveryData &data)
{
    QList<ResourceType> out;
    for (const APIGroup &g : data.groups) {
        const QString preferred = g.preferredVersion.isEmpty() && !g.versions.isEmpty()
            ? g.versions.first()
            : g.preferredVersion;
        for (const QString &v : g.versions) {
            const APIResourceList *list = data.resourcesFor(g.groupVersion(v));
            if (!list)
                continue;
            for (const APIResource &r : list->resources) {
                ResourceType rt;
                rt.group = g.name;
                rt.version = v;
                rt.resource = r.name;
                rt.singular = r.singularName;
                rt.kind = r.kind;
                rt.namespaced = r.namespaced;
                rt.verbs = r.verbs;
                rt.shortNames = r.shortNames;
                rt.categories = r.categories;
                rt.preferred = v == preferred;
                out.append(rt);
            }
        }
    }
    return out;
}

void ClusterWorker::ensureDiscovery()
{
    if (m_discovery || m_discoveryError)
        return;
    const QString root = m_options.cacheRoot.isEmpty() ? DiskCacheDiscovery::defaultCacheRoot()
                                                       : m_options.cacheRoot;
    auto disc = DiskCacheDiscovery::create(m_config, root);
    if (!disc) {
        m_discoveryError = disc.error();
        return;
    }
    m_discovery = std::move(*disc);
}

void ClusterWorker::loadDiscovery(bool invalidate)
{
    ensureDiscovery();
    if (!m_discovery) {
        emit discoveryFailed(*m_discoveryError);
        return;
    }
    if (m_discoveryLoading && !invalidate)
        return;
    m_discoveryLoading = true;
    if (invalidate)
        m_discovery->invalidate();
    DiscoveryReply *reply = m_discovery->serverGroupsAndResources()->consumedBy(this);
    connect(reply, &DiscoveryReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_discoveryLoading = false;
        if (reply->hasError() && !reply->isPartial()) {
            emit discoveryFailed(reply->error());
            emit requestFailed(reply->error());
            return;
        }
        const bool cached = !m_discovery->fresh();
        QDateTime fetchedAt = QDateTime::currentDateTimeUtc();
        if (cached) {
            const QFileInfo groups(
                QDir(m_discovery->cacheDir()).filePath(QStringLiteral("servergroups.json")));
            if (groups.exists())
                fetchedAt = groups.lastModified().toUTC();
        }
        const QList<ResourceType> types = toResourceTypes(reply->data());
        emit mapperReady(std::make_shared<const RestMapper>(reply->data()), types);
        emit discoveryLoaded(types, cached ? DiscoverySource::DiskCache : DiscoverySource::Live,
                             fetchedAt, reply->isPartial() ? reply->error().message : QString());
        if (cached) {
            // Shown from the cache without waiting; now check with the server in the background.
            QTimer::singleShot(0, this, [this] { loadDiscovery(true); });
        } else {
            watchDiscovery(reply->data());
        }
    });
}

void ClusterWorker::watchDiscovery(const DiscoveryData &baseline)
{
    if (m_discoveryWatcher) {
        m_discoveryWatcher->setBaseline(baseline);
        return;
    }
    // New CRDs (and their removal) change discovery: the library's watcher follows
    // CustomResourceDefinitions with a reflector (restarted like any watch, status-only
    // updates ignored) and refetches discovery when the set of resources changes.
    m_discoveryWatcher = new DiscoveryWatcher(m_discovery.get(), this);
    m_discoveryWatcher->setBaseline(baseline);
    connect(m_discoveryWatcher, &DiscoveryWatcher::changed, this,
            &ClusterWorker::onDiscoveryChanged);
    m_discoveryWatcher->watchCustomResourceDefinitions(m_config);
}

void ClusterWorker::onDiscoveryChanged(const DiscoveryChange &change)
{
    const QList<ResourceType> types = toResourceTypes(change.data);
    emit mapperReady(std::make_shared<const RestMapper>(change.data), types);
    emit discoveryLoaded(types, DiscoverySource::Live, QDateTime::currentDateTimeUtc(), QString());
}

void ClusterWorker::loadNamespaces()
{
    RestReply *r = clientFor(QString(), QStringLiteral("v1"))
                       ->get()
                       .resource(QStringLiteral("namespaces"))
                       .asTable()
                       .send();
    connect(r, &RestReply::finished, this, [this, r] {
        r->deleteLater();
        auto table = r->into<Table>();
        if (!table) {
            emit namespacesFailed(table.error());
            return;
        }
        QStringList names;
        for (const TableRow &row : table->rows)
            names.append(row.name());
        names.sort();
        emit namespacesLoaded(names);
    });
}

void ClusterWorker::cancelList()
{
    for (const QMetaObject::Connection &c : std::as_const(m_listConnections))
        disconnect(c);
    m_listConnections.clear();
    if (m_listInformer) {
        m_listInformer.reset(); // the factory stops it when no one else shares it
        if (!m_listFinished)
            emit listFinished(m_listId, false,
                              Error::make(Error::Kind::Cancelled, tr("Cancelled.")));
        emit watchStateChanged(m_listId, false);
        emit listLiveState(m_listId, ListLiveState {});
    }
}

void ClusterWorker::refresh()
{
    loadDiscovery(true);
    if (!m_listInformer)
        return;
    // A new informer lists from scratch: release ours first, so the factory does not hand
    // the same one back (unless another consumer shares it).
    for (const QMetaObject::Connection &c : std::as_const(m_listConnections))
        disconnect(c);
    m_listConnections.clear();
    m_listInformer.reset();
    QTimer::singleShot(0, this, [this] { startListInformer(); });
}

void ClusterWorker::list(quint64 id,
                         const ResourceType &resource,
                         const QString &ns,
                         const QString &labelSelector)
{
    cancelList();
    RowConverter::resetInterning();
    m_listId = id;
    m_listResource = resource;
    m_listNamespace = resource.namespaced ? ns : QString();
    m_listSelector = labelSelector;
    startListInformer();
}

void ClusterWorker::startListInformer()
{
    m_haveColumns = false;
    m_listFinished = false;
    m_listFailedReported = false;
    WatchTarget target;
    target.resource = m_listResource.gvr();
    target.ns = m_listNamespace;
    target.labelSelector = m_listSelector;
    target.mode = InformerMode::Table;
    const bool watch = m_options.watchLists && m_listResource.canWatch();
    if (!watch) {
        // Resources that cannot be watched are listed once, by an informer of their own.
        ReflectorOptions options = factory()->defaults();
        options.mode = InformerMode::Table;
        options.labelSelector = m_listSelector;
        options.watch = false;
        auto *raw
            = new Informer(DynamicResource(clientFor({}, {}), target.resource,
                                           m_listResource.namespaced ? ResourceScope::Namespaced
                                                                     : ResourceScope::Cluster)
                               .inNamespace(target.ns),
                           options);
        m_listInformer = std::shared_ptr<Informer>(raw, [](Informer *i) { i->deleteLater(); });
        m_listInformer->start();
    } else {
        m_listInformer = factory()->informer(
            target, m_listResource.namespaced ? ResourceScope::Namespaced : ResourceScope::Cluster);
    }
    Informer *informer = m_listInformer.get();
    informer->setBatchInterval(m_options.batchInterval);
    m_listConnections << connect(informer, &Informer::batchReady, this, &ClusterWorker::onListBatch)
                      << connect(informer, &Informer::columnsChanged, this,
                                 [this] { onListColumns(); })
                      << connect(informer, &Informer::statusChanged, this,
                                 &ClusterWorker::onListStatus)
                      << connect(informer, &Informer::listProgress, this,
                                 [this](qint64 loaded, qint64 remaining) {
                                     emit listProgress(m_listId, loaded, remaining);
                                 })
                      << connect(informer, &Informer::warning, this, &ClusterWorker::warning);
    onListStatus(informer->status());
    if (informer->hasSynced()) {
        // Shared with another view and already complete: show its rows now.
        onListColumns();
        InformerBatch all;
        for (const QJsonObject &o : informer->store()->list()) {
            const QString key = Store::keyOf(o);
            all.added.append(key);
            all.objects.insert(key, o);
        }
        all.relisted = true;
        all.synced = true;
        onListBatch(all);
    }
}

void ClusterWorker::onListColumns()
{
    if (!m_listInformer)
        return;
    QList<TableColumn> columns = RowConverter::columns(m_listInformer->columns());
    if (columns.isEmpty())
        return;
    if (namespaceColumnShown())
        columns.prepend(RowConverter::namespaceColumn());
    m_haveColumns = true;
    emit listColumns(m_listId, columns);
}

void ClusterWorker::onListBatch(const InformerBatch &batch)
{
    RowBatch rows;
    rows.relisted = batch.relisted;
    rows.removed = batch.removed;
    rows.upserts.reserve(batch.added.size() + batch.updated.size());
    const bool nsCell = namespaceColumnShown();
    for (const QStringList *keys : { &batch.added, &batch.updated }) {
        for (const QString &key : *keys)
            rows.upserts.append(RowConverter::fromStored(batch.objects.value(key),
                                                         m_listResource.namespaced, nsCell));
    }
    if (!m_haveColumns && !rows.upserts.isEmpty()) {
        // The server gave no Table (an aggregated API without one): name, namespace, age.
        m_haveColumns = true;
        emit listColumns(m_listId, RowConverter::fallbackColumns(m_listResource.namespaced));
    }
    if (!rows.isEmpty() || rows.relisted)
        emit listBatch(m_listId, rows);
    if (batch.synced && !m_listFinished) {
        m_listFinished = true;
        releaseFreedMemory();
        if (!m_haveColumns) {
            m_haveColumns = true;
            emit listColumns(m_listId, RowConverter::fallbackColumns(m_listResource.namespaced));
        }
        emit listFinished(m_listId, true, Error());
    }
}

void ClusterWorker::onListStatus(const ReflectorStatus &status)
{
    emit listLiveState(m_listId, liveStateOf(status));
    emit watchStateChanged(m_listId, status.state == ReflectorStatus::State::Live);
    if (status.state == ReflectorStatus::State::Reconnecting && status.lastError) {
        if (!status.synced && !m_listFailedReported) {
            // The first list failed: say why in the list area. The informer keeps retrying;
            // when it gets through, the rows replace the message.
            m_listFailedReported = true;
            emit listFinished(m_listId, false, *status.lastError);
            emit requestFailed(*status.lastError);
        }
    }
    if (status.synced && m_listFailedReported && !m_listFinished && m_listInformer
        && m_listInformer->hasSynced()) {
        m_listFinished = true;
        emit listFinished(m_listId, true, Error());
    }
}

void ClusterWorker::loadObject(quint64 id,
                               const ResourceType &resource,
                               const QString &ns,
                               const QString &name,
                               const QString &uid)
{
    m_objectId = id;
    m_objectEventsLoaded = false;
    m_objectInformer.reset();
    // The details pane follows its object: an informer on exactly that object (a field
    // selector on its name), so edits show up and a deletion is noticed.
    ReflectorOptions options = factory()->defaults();
    options.mode = InformerMode::Full;
    options.fieldSelector = QStringLiteral("metadata.name=%1").arg(name);
    options.transform = withoutManagedFields;
    options.watch = m_options.watchLists && resource.canWatch();
    auto *raw = new Informer(
        DynamicResource(clientFor({}, {}), resource.gvr(),
                        resource.namespaced ? ResourceScope::Namespaced : ResourceScope::Cluster)
            .inNamespace(resource.namespaced ? ns : QString()),
        options);
    m_objectInformer = std::shared_ptr<Informer>(raw, [](Informer *i) { i->deleteLater(); });
    raw->setBatchInterval(std::chrono::milliseconds(200));
    connect(raw, &Informer::batchReady, this,
            [this, id](const InformerBatch &batch) { onObjectBatch(id, batch); });
    connect(raw, &Informer::statusChanged, this, [this, id](const ReflectorStatus &status) {
        if (id == m_objectId && !status.synced && status.lastError
            && status.state == ReflectorStatus::State::Reconnecting) {
            emit objectFailed(id, *status.lastError);
        }
    });
    Q_UNUSED(uid);
    m_objectResource = resource;
    m_objectNamespace = ns;
    m_objectName = name;
    raw->start();
}

void ClusterWorker::onObjectBatch(quint64 id, const InformerBatch &batch)
{
    if (id != m_objectId || !m_objectInformer)
        return;
    const QList<QJsonObject> objects = m_objectInformer->store()->list();
    if (objects.isEmpty()) {
        if (!batch.removed.isEmpty()) {
            emit objectDeleted(id);
        } else if (batch.synced && batch.relisted && !m_objectEventsLoaded) {
            Error e = Error::make(
                Error::Kind::Status,
                tr("%1 \"%2\" not found").arg(m_objectResource.qualifiedName(), m_objectName));
            e.httpCode = 404;
            e.reason = QStringLiteral("NotFound");
            emit objectFailed(id, e);
        }
        return;
    }
    const Unstructured u(objects.first());
    emit objectLoaded(id, RowConverter::facts(u), QString::fromUtf8(YamlWriter::print(u.object())));
    if (!m_objectEventsLoaded) {
        m_objectEventsLoaded = true;
        loadEvents(id, m_objectResource, m_objectNamespace, m_objectName, u.uid());
    }
}

void ClusterWorker::loadEvents(quint64 id,
                               const ResourceType &resource,
                               const QString &ns,
                               const QString &name,
                               const QString &uid)
{
    // kubectl describe's query: the object's events by involvedObject fields.
    QStringList selector;
    selector << QStringLiteral("involvedObject.name=%1").arg(name);
    if (resource.namespaced && !ns.isEmpty())
        selector << QStringLiteral("involvedObject.namespace=%1").arg(ns);
    if (!resource.kind.isEmpty())
        selector << QStringLiteral("involvedObject.kind=%1").arg(resource.kind);
    if (!uid.isEmpty())
        selector << QStringLiteral("involvedObject.uid=%1").arg(uid);
    ListOptions opts;
    opts.fieldSelector = selector.join(u',');
    RestReply *r = clientFor(QString(), QStringLiteral("v1"))
                       ->get()
                       .inNamespace(resource.namespaced ? ns : QString())
                       .resource(QStringLiteral("events"))
                       .versionedParams(opts)
                       .asTable()
                       .send();
    connect(r, &RestReply::finished, this, [this, r, id] {
        r->deleteLater();
        if (id != m_objectId)
            return;
        auto table = r->into<Table>();
        if (!table) {
            emit eventsFailed(id, table.error());
            return;
        }
        QList<ObjectRow> rows;
        for (const TableRow &tr : table->rows)
            rows.append(RowConverter::fromTableRow(tr, false));
        emit eventsLoaded(id, RowConverter::columns(table->columnDefinitions), rows);
    });
}

} // namespace kube::ui
