#include "clusterworker.h"

#include "api/table.h"
#include "api/unstructured.h"
#include "api/yamlwriter.h"
#include "discovery/discoveryreply.h"
#include "discovery/diskcachediscovery.h"
#include "objectlistmodel.h"
#include "rest/listpage.h"
#include "rest/listpager.h"
#include "rest/request.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/watchevent.h"
#include "rest/watchstream.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>
#include <QTimer>

Q_LOGGING_CATEGORY(lcUi, "kube.ui")

namespace kube::ui {

namespace {

// Table cells repeat a lot ("Running", "1/1", node names): share one copy per distinct text,
// which roughly halves the memory of a 50,000-pod list.
class Interner
{
public:
    QVariant intern(const QJsonValue &v)
    {
        if (!v.isString())
            return v.isNull() || v.isUndefined() ? QVariant() : v.toVariant();
        const QString s = v.toString();
        if (s.size() > 48)
            return s;
        auto it = m_strings.constFind(s);
        if (it == m_strings.cend())
            it = m_strings.insert(s);
        return *it;
    }
    QString internString(const QString &s)
    {
        auto it = m_strings.constFind(s);
        if (it == m_strings.cend())
            it = m_strings.insert(s);
        return *it;
    }

private:
    QSet<QString> m_strings;
};

thread_local Interner t_interner;

qint64 createdSecs(const Unstructured &u)
{
    const QDateTime t = u.creationTimestamp();
    return t.isValid() ? t.toSecsSinceEpoch() : 0;
}

// Listing a namespaced resource in all namespaces, kubectl prints NAMESPACE first; the server's
// Table has no such column, so the client adds it from each row's object metadata.
const TableColumn namespaceColumn { QStringLiteral("Namespace"), QStringLiteral("string"),
                                    QString(), QStringLiteral("Namespace of the object."), 0 };

ObjectRow rowFromTableRow(const TableRow &tr, bool namespaceCell)
{
    ObjectRow row;
    const Unstructured meta(tr.object);
    row.name = tr.name();
    row.ns = t_interner.internString(tr.namespaceName());
    row.uid = tr.uid();
    row.resourceVersion = tr.resourceVersion();
    row.createdSecs = createdSecs(meta);
    row.cells.reserve(tr.cells.size() + 1);
    if (namespaceCell)
        row.cells.append(row.ns);
    for (const QJsonValue &c : tr.cells)
        row.cells.append(t_interner.intern(c));
    return row;
}

ObjectRow rowFromObject(const Unstructured &u, bool namespaced)
{
    ObjectRow row;
    row.name = u.name();
    row.ns = t_interner.internString(u.namespaceName());
    row.uid = u.uid();
    row.resourceVersion = u.resourceVersion();
    row.createdSecs = createdSecs(u);
    // Fallback columns: Name, (Namespace), Age (computed by the model from createdSecs).
    row.cells = { row.name };
    if (namespaced)
        row.cells.append(row.ns);
    row.cells.append(QVariant());
    return row;
}

QList<TableColumn> toColumns(const QList<TableColumnDefinition> &defs)
{
    QList<TableColumn> cols;
    cols.reserve(defs.size());
    for (const auto &d : defs)
        cols.append({ d.name, d.type, d.format, d.description, int(d.priority) });
    return cols;
}

ObjectFacts factsOf(const Unstructured &u)
{
    ObjectFacts f;
    f.kind = u.kind();
    f.apiVersion = u.apiVersion();
    f.name = u.name();
    f.ns = u.namespaceName();
    f.uid = u.uid();
    f.createdSecs = createdSecs(u);
    const auto labels = u.labels();
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        f.labels.append({ it.key(), it.value() });
    f.annotationCount = int(u.annotations().size());
    const auto owners = u.ownerReferences();
    for (const auto &o : owners) {
        const QString text = o.kind + u'/' + o.name;
        if (o.controller.value_or(false))
            f.owners.prepend(text);
        else
            f.owners.append(text);
    }
    if (const QDateTime d = u.deletionTimestamp(); d.isValid())
        f.deletionTimestamp = d.toString(Qt::ISODate);
    return f;
}

} // namespace

ClusterWorker::ClusterWorker(const RestConfig &config, const ClusterSession::Options &options)
    : m_config(config)
    , m_options(options)
    , m_rediscoverTimer(new QTimer(this))
{
    // Interactive reads: kubectl's discovery limits (50 QPS, burst 300) rather than the write
    // defaults, so paging through 100 chunks is not throttled to 5 pages a second.
    if (m_config.qps > 0 && m_config.qps < 50) {
        m_config.qps = 50;
        m_config.burst = std::max(m_config.burst, 300);
    }
    m_rediscoverTimer->setSingleShot(true);
    m_rediscoverTimer->setInterval(750);
    connect(m_rediscoverTimer, &QTimer::timeout, this, [this] { loadDiscovery(true); });
}

ClusterWorker::~ClusterWorker()
{
    delete m_pager.data();
    delete m_watch.data();
    delete m_crdWatch.data();
}

std::shared_ptr<RestClient> ClusterWorker::clientFor(const QString &group, const QString &version)
{
    const QString key = group + u'/' + version;
    auto it = m_clients.find(key);
    if (it != m_clients.end())
        return *it;
    auto client = RestClient::create(m_config, GroupVersion { group, version },
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
    DiscoveryReply *reply = m_discovery->serverGroupsAndResources();
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
            watchCrds();
        }
    });
}

void ClusterWorker::watchCrds()
{
    if (m_crdWatch)
        return;
    // A new CRD (or aggregated API) changes discovery: refresh when one is added, changed or
    // deleted, so it appears in the tree without a reconnect. The initial ADDED events of a
    // watch without resourceVersion are skipped by starting from "now" (resourceVersion = "").
    ListOptions opts;
    opts.watch = true;
    opts.allowWatchBookmarks = true;
    auto startWatch = [this, opts](const QString &rv) mutable {
        opts.resourceVersion = rv;
        WatchStream *w = clientFor(QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"))
                             ->get()
                             .resource(QStringLiteral("customresourcedefinitions"))
                             .versionedParams(opts)
                             .watch();
        m_crdWatch = w;
        connect(w, &WatchStream::eventReceived, this, [this](const WatchEvent &e) {
            if (e.type == WatchEvent::Type::Added || e.type == WatchEvent::Type::Modified
                || e.type == WatchEvent::Type::Deleted)
                m_rediscoverTimer->start();
        });
        connect(w, &WatchStream::finished, this, [this, w] {
            w->deleteLater();
            m_crdWatch.clear();
        });
    };
    // Start from the current resourceVersion of the CRD list, so existing CRDs are not "new".
    RestReply *r = clientFor(QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"))
                       ->get()
                       .resource(QStringLiteral("customresourcedefinitions"))
                       .versionedParams(ListOptions { .limit = 1 })
                       .asTable()
                       .send();
    connect(r, &RestReply::finished, this, [r, startWatch]() mutable {
        r->deleteLater();
        auto table = r->into<Table>();
        if (!table)
            return; // no CRD API (or no permission): nothing to watch
        startWatch(table->metadata.resourceVersion);
    });
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
    if (m_pager) {
        m_pager->disconnect(this);
        m_pager->cancel();
        m_pager->deleteLater();
        m_pager.clear();
        emit listFinished(m_listId, false, Error::make(Error::Kind::Cancelled, tr("Cancelled.")));
    }
    if (m_watch) {
        m_watch->disconnect(this);
        m_watch->stop();
        m_watch->deleteLater();
        m_watch.clear();
        emit watchStateChanged(m_listId, false);
    }
}

void ClusterWorker::list(quint64 id,
                         const ResourceType &resource,
                         const QString &ns,
                         const QString &labelSelector)
{
    cancelList();
    t_interner = Interner();
    m_listId = id;
    m_listResource = resource;
    m_listNamespace = ns;
    m_listSelector = labelSelector;
    m_haveColumns = false;
    m_columns.clear();
    m_loaded = 0;
    m_watchFailures = 0;

    Request req = clientFor(resource.group, resource.version)
                      ->get()
                      .namespaceIfScoped(ns, resource.namespaced)
                      .resource(resource.resource)
                      .asTable();
    ListOptions opts;
    opts.labelSelector = labelSelector;
    opts.limit = m_options.pageSize;
    auto *pager = new ListPager(req, opts, this);
    pager->setPageSize(m_options.pageSize);
    m_pager = pager;
    connect(pager, &ListPager::pageReceived, this, &ClusterWorker::onPage);
    connect(pager, &ListPager::restarted, this, [this] {
        m_loaded = 0;
        emit listRestarted(m_listId);
    });
    connect(pager, &ListPager::finished, this, [this, pager] {
        pager->deleteLater();
        if (m_pager == pager)
            m_pager.clear();
        if (pager->error()) {
            emit listFinished(m_listId, false, *pager->error());
            if (pager->error()->kind != Error::Kind::Cancelled)
                emit requestFailed(*pager->error());
            return;
        }
        emit listFinished(m_listId, true, Error());
        if (m_options.watchLists && m_listResource.canWatch())
            startWatch(pager->resourceVersion());
    });
    pager->start();
}

void ClusterWorker::onPage(const ListPage &page)
{
    QList<ObjectRow> rows;
    if (page.table) {
        if (!m_haveColumns) {
            m_columns = toColumns(page.table->columnDefinitions);
            if (namespaceColumnShown())
                m_columns.prepend(namespaceColumn);
            m_haveColumns = true;
            emit listColumns(m_listId, m_columns);
        }
        rows.reserve(page.table->rows.size());
        for (const TableRow &tr : page.table->rows)
            rows.append(rowFromTableRow(tr, namespaceColumnShown()));
    } else {
        // The server (or an aggregated API) gave no Table: name, namespace, age.
        if (!m_haveColumns) {
            m_columns = ObjectListModel::fallbackColumns(m_listResource.namespaced);
            m_haveColumns = true;
            emit listColumns(m_listId, m_columns);
        }
        const QJsonArray items = page.items();
        rows.reserve(items.size());
        for (const QJsonValue &item : items)
            rows.append(rowFromObject(Unstructured(item.toObject()), m_listResource.namespaced));
    }
    m_loaded += rows.size();
    emit listRows(m_listId, rows);
    emit listProgress(m_listId, m_loaded,
                      page.metadata.remainingItemCount.value_or(page.isLast() ? 0 : -1));
}

void ClusterWorker::startWatch(const QString &resourceVersion)
{
    ListOptions opts;
    opts.watch = true;
    opts.allowWatchBookmarks = true;
    opts.resourceVersion = resourceVersion;
    opts.labelSelector = m_listSelector;
    WatchStream *w = clientFor(m_listResource.group, m_listResource.version)
                         ->get()
                         .namespaceIfScoped(m_listNamespace, m_listResource.namespaced)
                         .resource(m_listResource.resource)
                         .versionedParams(opts)
                         .asTable()
                         .watch();
    m_watch = w;
    connect(w, &WatchStream::started, this, [this] { emit watchStateChanged(m_listId, true); });
    connect(w, &WatchStream::eventReceived, this, &ClusterWorker::onWatchEvent);
    connect(w, &WatchStream::finished, this, &ClusterWorker::onWatchFinished);
}

void ClusterWorker::onWatchEvent(const WatchEvent &event)
{
    if (event.type == WatchEvent::Type::Bookmark || event.type == WatchEvent::Type::Error)
        return;
    m_watchFailures = 0;
    const RowChange change
        = event.type == WatchEvent::Type::Deleted ? RowChange::Remove : RowChange::Upsert;
    const Unstructured object(event.object);
    if (object.kind() == QLatin1String("Table")) {
        auto table = Table::fromJsonObject(event.object);
        if (!table)
            return;
        for (const TableRow &tr : table->rows)
            emit listRowChanged(m_listId, change, rowFromTableRow(tr, namespaceColumnShown()));
        return;
    }
    emit listRowChanged(m_listId, change, rowFromObject(object, m_listResource.namespaced));
}

void ClusterWorker::onWatchFinished()
{
    WatchStream *w = m_watch.data();
    if (!w)
        return;
    w->deleteLater();
    m_watch.clear();
    emit watchStateChanged(m_listId, false);
    if (w->error() && w->error()->kind == Error::Kind::Cancelled)
        return;
    if (w->isGone()) {
        // resourceVersion too old: relist (the view keeps its rows until the new ones arrive).
        list(m_listId, m_listResource, m_listNamespace, m_listSelector);
        return;
    }
    if (++m_watchFailures > 5)
        return; // the server keeps closing it; the list stays as loaded
    const QString rv = w->lastResourceVersion();
    QTimer::singleShot(m_watchFailures * 500, this, [this, rv] {
        if (!m_watch && !m_pager)
            startWatch(rv);
    });
}

void ClusterWorker::loadObject(quint64 id,
                               const ResourceType &resource,
                               const QString &ns,
                               const QString &name,
                               const QString &uid)
{
    m_objectId = id;
    RestReply *r = clientFor(resource.group, resource.version)
                       ->get()
                       .namespaceIfScoped(ns, resource.namespaced)
                       .resource(resource.resource)
                       .name(name)
                       .send();
    connect(r, &RestReply::finished, this, [this, r, id, resource, ns, name, uid] {
        r->deleteLater();
        if (id != m_objectId)
            return; // superseded by a newer selection
        auto object = r->into<QJsonObject>();
        if (!object) {
            emit objectFailed(id, object.error());
            return;
        }
        Unstructured u(*object);
        // kubectl get -o yaml hides managedFields by default; so do we.
        QJsonObject meta = u.object().value(QLatin1String("metadata")).toObject();
        meta.remove(QLatin1String("managedFields"));
        u.object().insert(QLatin1String("metadata"), meta);
        emit objectLoaded(id, factsOf(u), QString::fromUtf8(YamlWriter::print(u.object())));
        loadEvents(id, resource, ns, name, u.uid().isEmpty() ? uid : u.uid());
    });
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
            rows.append(rowFromTableRow(tr, false));
        emit eventsLoaded(id, toColumns(table->columnDefinitions), rows);
    });
}

} // namespace kube::ui
