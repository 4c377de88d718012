#include "reflector.h"

#include "informerlogging.h"
#include "store.h"

#include "metadata/metadataresource.h"
#include "rest/listpage.h"
#include "rest/listpager.h"
#include "rest/restclient.h"
#include "rest/watchevent.h"
#include "rest/watchstream.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

namespace kube {

namespace {

//! client-go's isExpiredError / isTooLargeResourceVersionError family: only these relist.
bool isExpired(const Error &e)
{
    return e.httpCode == 410 || e.reason == QLatin1String("Expired")
        || e.reason == QLatin1String("Gone")
        || e.message.contains(QLatin1String("too old resource version"));
}

std::optional<std::chrono::milliseconds>
retryAfterOf(const Error &e, std::optional<int> headerSeconds, std::chrono::milliseconds unit)
{
    int seconds = headerSeconds.value_or(-1);
    if (seconds < 0) {
        const QJsonValue v = e.details.value(QLatin1String("retryAfterSeconds"));
        if (v.isDouble())
            seconds = v.toInt();
    }
    if (seconds < 0)
        return std::nullopt;
    return unit * seconds;
}

} // namespace

Reflector::Reflector(const DynamicResource &resource,
                     std::shared_ptr<Store> store,
                     const ReflectorOptions &options,
                     QObject *parent)
    : QObject(parent)
    , m_resource(resource)
    , m_store(store ? std::move(store) : std::make_shared<Store>())
    , m_options(options)
    , m_backoff(options.backoff)
    , m_retryTimer(new QTimer(this))
    , m_idleTimer(new QTimer(this))
{
    m_retryTimer->setSingleShot(true);
    // Precise: a coarse timer may fire 5% early, and Retry-After is a promise to the server.
    m_retryTimer->setTimerType(Qt::PreciseTimer);
    connect(m_retryTimer, &QTimer::timeout, this, [this] { run(m_retryNext); });
    m_idleTimer->setSingleShot(true);
    connect(m_idleTimer, &QTimer::timeout, this, &Reflector::onIdle);
}

Reflector::~Reflector()
{
    m_running = false;
    clearInFlight();
}

void Reflector::start()
{
    if (m_running)
        return;
    m_running = true;
    run(m_status.synced && !m_lastResourceVersion.isEmpty() ? Next::Watch : Next::List);
}

void Reflector::stop()
{
    if (!m_running)
        return;
    m_running = false;
    clearInFlight();
    m_status.retryAt = {};
    setState(ReflectorStatus::State::Idle);
}

void Reflector::clearInFlight()
{
    m_retryTimer->stop();
    m_idleTimer->stop();
    if (m_pager) {
        m_pager->disconnect(this);
        delete m_pager.data();
    }
    if (m_watch) {
        m_watch->disconnect(this);
        delete m_watch.data();
    }
}

void Reflector::run(Next next)
{
    if (!m_running)
        return;
    clearInFlight();
    if (next == Next::Watch && !m_lastResourceVersion.isEmpty()) {
        startWatch(false);
        return;
    }
    if (m_options.watch && m_options.useWatchList && !m_watchListUnsupported
        && m_options.mode != InformerMode::Table)
        startWatch(true);
    else
        startList();
}

Request Reflector::baseRequest(bool forWatch) const
{
    Result<Request> prepared = m_resource.prepare(forWatch ? DynamicResource::Operation::Watch
                                                           : DynamicResource::Operation::List);
    Request r = prepared ? *prepared : Request(m_resource.restClient(), "GET");
    switch (m_options.mode) {
    case InformerMode::Full:
        break;
    case InformerMode::Table:
        r.asTable().param(QStringLiteral("includeObject"), QStringLiteral("Metadata"));
        break;
    case InformerMode::Metadata:
        r.accept(forWatch ? MetadataResource::ObjectAccept : MetadataResource::ListAccept);
        break;
    }
    return r;
}

// List ----------------------------------------------------------------------------------------

void Reflector::startList()
{
    ++m_listCount;
    if (m_status.synced)
        ++m_relistCount;
    m_listed.clear();
    setState(ReflectorStatus::State::Listing);
    // resourceVersion "": a consistent (quorum) read served in pages; "0" would let the watch
    // cache answer in one piece, ignoring the limit, and the first rows would come late.
    ListOptions options;
    options.labelSelector = m_options.labelSelector;
    options.fieldSelector = m_options.fieldSelector;
    auto *pager = new ListPager(baseRequest(false), options, this);
    pager->setPageSize(m_options.pageSize > 0 ? m_options.pageSize : ListPager::DefaultPageSize);
    m_pager = pager;
    connect(pager, &ListPager::pageReceived, this, &Reflector::onPage);
    connect(pager, &ListPager::restarted, this, [this] { m_listed.clear(); });
    connect(pager, &ListPager::finished, this, &Reflector::onListFinished);
    qCDebug(lcInformer).noquote() << "listing" << baseRequest(false).url().toString();
    pager->start();
}

void Reflector::onPage(const ListPage &page)
{
    QList<QJsonObject> objects;
    if (page.table) {
        takeColumns(page.list);
        const QJsonArray rows = page.list.value(QLatin1String("rows")).toArray();
        objects.reserve(rows.size());
        for (const QJsonValue &row : rows)
            objects.append(prepare(row.toObject()));
    } else {
        const QJsonArray items = page.items();
        objects.reserve(items.size());
        for (const QJsonValue &item : items)
            objects.append(prepare(item.toObject()));
    }
    for (const QJsonObject &o : std::as_const(objects))
        m_listed.insert(Store::keyOf(o), o);

    // The first list shows its rows as pages arrive; later lists are applied at the end as
    // one replace, so consumers see only what changed.
    if (!m_status.synced) {
        StoreChanges changes;
        changes.reserve(objects.size());
        for (const QJsonObject &o : std::as_const(objects)) {
            StoreChange c = m_store->upsert(o);
            if (c.type == StoreChange::Type::Added || c.object != c.oldObject)
                changes.append(std::move(c));
        }
        if (!changes.isEmpty())
            emit changed(changes);
    }
    emit listProgress(m_listed.size(), page.metadata.remainingItemCount.value_or(-1));
}

void Reflector::onListFinished()
{
    ListPager *pager = m_pager;
    if (!pager)
        return;
    pager->deleteLater();
    m_pager = nullptr;
    if (pager->error()) {
        if (pager->error()->kind == Error::Kind::Cancelled)
            return;
        m_listed.clear();
        fail(*pager->error(), Next::List);
        return;
    }
    m_lastResourceVersion = pager->resourceVersion();
    const QHash<QString, QJsonObject> listed = std::exchange(m_listed, {});
    completeInitialState(listed);
    if (!m_options.watch) {
        m_running = false;
        markHealthy();
        setState(ReflectorStatus::State::Idle);
        return;
    }
    if (m_running)
        startWatch(false);
}

void Reflector::completeInitialState(const QHash<QString, QJsonObject> &items)
{
    const StoreChanges changes = m_store->replace(items.values());
    const bool first = !m_status.synced;
    m_status.synced = true;
    qCDebug(lcInformer).noquote() << m_resource.groupVersionResource().toString()
                                  << "synced:" << items.size() << "objects," << changes.size()
                                  << "differences, at resourceVersion" << m_lastResourceVersion;
    if (!changes.isEmpty())
        emit changed(changes);
    if (first)
        emit synced();
    emit relisted();
}

// Watch ---------------------------------------------------------------------------------------

void Reflector::startWatch(bool watchList)
{
    ++m_watchCount;
    ListOptions options;
    options.watch = true;
    options.allowWatchBookmarks = true;
    options.labelSelector = m_options.labelSelector;
    options.fieldSelector = m_options.fieldSelector;
    options.resourceVersion = m_lastResourceVersion;
    // client-go: timeoutSeconds = minWatchTimeout * (1 + rand), so watches of many informers
    // do not end (and reconnect) all at once.
    const qint64 minSeconds = std::max<qint64>(1, m_options.minWatchTimeout.count());
    options.timeoutSeconds = minSeconds + qint64(QRandomGenerator::global()->bounded(minSeconds));
    if (watchList) {
        options.sendInitialEvents = true;
        options.resourceVersionMatch = QStringLiteral("NotOlderThan");
        m_listed.clear();
        ++m_listCount;
        if (m_status.synced)
            ++m_relistCount;
        setState(ReflectorStatus::State::Listing);
    }
    m_watchListActive = watchList;
    m_watchEvents = 0;
    m_watchStarted.start();

    WatchStream *w = baseRequest(true).versionedParams(options).watch();
    w->setParent(this);
    m_watch = w;
    connect(w, &WatchStream::started, this, [this] {
        m_idleTimer->start(m_options.idleTimeout);
        if (!m_watchListActive)
            markHealthy();
    });
    connect(w, &WatchStream::dataReceived, this,
            [this] { m_idleTimer->start(m_options.idleTimeout); });
    connect(w, &WatchStream::eventReceived, this, &Reflector::onWatchEvent);
    connect(w, &WatchStream::finished, this, &Reflector::onWatchFinished);
    m_idleTimer->start(m_options.idleTimeout);
}

void Reflector::markHealthy()
{
    m_status.lastError.reset();
    m_status.retryAt = {};
    m_status.staleSince = {};
    m_status.consecutiveFailures = 0;
    setState(ReflectorStatus::State::Live);
}

QJsonObject Reflector::prepare(QJsonObject object) const
{
    if (m_options.transform)
        return m_options.transform(std::move(object));
    return object;
}

void Reflector::takeColumns(const QJsonObject &table)
{
    const QJsonArray defs = table.value(QLatin1String("columnDefinitions")).toArray();
    if (defs.isEmpty())
        return;
    QList<TableColumnDefinition> columns;
    columns.reserve(defs.size());
    for (const QJsonValue &d : defs)
        columns.append(TableColumnDefinition::fromJson(d.toObject()));
    if (columns == m_columns)
        return;
    m_columns = columns;
    emit columnsChanged(m_columns);
}

QList<QJsonObject> Reflector::objectsOf(const QJsonObject &eventObject)
{
    QList<QJsonObject> out;
    if (m_options.mode == InformerMode::Table
        && eventObject.value(QLatin1String("kind")).toString() == QLatin1String("Table")) {
        takeColumns(eventObject);
        const QJsonArray rows = eventObject.value(QLatin1String("rows")).toArray();
        for (const QJsonValue &row : rows)
            out.append(prepare(row.toObject()));
        return out;
    }
    out.append(prepare(eventObject));
    return out;
}

void Reflector::onWatchEvent(const WatchEvent &event)
{
    m_idleTimer->start(m_options.idleTimeout);
    ++m_watchEvents;
    if (event.type == WatchEvent::Type::Error)
        return; // finished() follows with the Status as error
    if (event.type == WatchEvent::Type::Bookmark) {
        const QString rv = event.resourceVersion();
        if (!rv.isEmpty())
            m_lastResourceVersion = rv;
        const QJsonObject annotations
            = Store::metadataOf(event.object).value(QLatin1String("annotations")).toObject();
        if (m_watchListActive
            && annotations.value(QLatin1String("k8s.io/initial-events-end")).toString()
                == QLatin1String("true")) {
            m_watchListActive = false;
            const QHash<QString, QJsonObject> listed = std::exchange(m_listed, {});
            completeInitialState(listed);
            markHealthy();
        }
        return;
    }

    const QList<QJsonObject> objects = objectsOf(event.object);
    QString rv;
    for (const QJsonObject &o : objects) {
        const QString objectRv
            = Store::metadataOf(o).value(QLatin1String("resourceVersion")).toString();
        if (!objectRv.isEmpty())
            rv = objectRv;
    }
    if (rv.isEmpty())
        rv = event.resourceVersion();
    if (!rv.isEmpty())
        m_lastResourceVersion = rv;

    if (m_watchListActive) {
        StoreChanges changes;
        for (const QJsonObject &o : objects) {
            const QString key = Store::keyOf(o);
            if (event.type == WatchEvent::Type::Deleted) {
                m_listed.remove(key);
                continue;
            }
            m_listed.insert(key, o);
            if (!m_status.synced)
                changes.append(m_store->upsert(o));
        }
        if (!changes.isEmpty())
            emit changed(changes);
        return;
    }

    StoreChanges changes;
    for (const QJsonObject &o : objects) {
        if (event.type == WatchEvent::Type::Deleted) {
            if (std::optional<StoreChange> c = m_store->remove(o))
                changes.append(*c);
        } else {
            changes.append(m_store->upsert(o));
        }
    }
    if (!changes.isEmpty())
        emit changed(changes);
}

void Reflector::onWatchFinished()
{
    WatchStream *w = m_watch;
    if (!w)
        return;
    m_idleTimer->stop();
    m_watch = nullptr;
    w->disconnect(this);
    w->deleteLater();
    if (!m_running)
        return;
    const std::optional<Error> error = w->error();
    const std::optional<int> retryAfterSeconds = w->retryAfterSeconds();

    if (m_watchListActive) {
        m_watchListActive = false;
        m_listed.clear();
        const bool refused = error && error->kind == Error::Kind::Status
            && (error->httpCode == 400 || error->httpCode == 403 || error->httpCode == 422
                || error->httpCode == 501);
        if (!error || refused) {
            // The server does not stream initial state (it refused the parameters, or ignored
            // them and ended without the initial-events-end bookmark): list from now on.
            m_watchListUnsupported = true;
            const QString why = error ? error->toString()
                                      : QStringLiteral("the stream ended before the initial "
                                                       "state was complete");
            qCInfo(lcInformer).noquote()
                << m_resource.groupVersionResource().toString()
                << ": the server does not support watch-list (" << why << "); using list + watch";
            run(Next::List);
            return;
        }
        if (isExpired(*error))
            m_lastResourceVersion.clear();
        fail(*error, Next::List, retryAfterOf(*error, retryAfterSeconds, m_options.retryAfterUnit));
        return;
    }

    if (!error) {
        // A normal end (timeoutSeconds, or the server's own 5–10 minute limit): resume. Only a
        // watch that ends at once without any event is suspicious (client-go's "very short
        // watch"): back off, so a server that closes every watch is not hammered.
        if (m_watchEvents == 0
            && m_watchStarted.elapsed() < m_options.shortWatchThreshold.count()) {
            fail(Error::make(Error::Kind::Network,
                             QStringLiteral("the server ended the watch at once, without any "
                                            "event")),
                 Next::Watch);
            return;
        }
        run(Next::Watch);
        return;
    }
    if (error->kind == Error::Kind::Cancelled)
        return;
    if (isExpired(*error)) {
        qCInfo(lcInformer).noquote() << m_resource.groupVersionResource().toString()
                                     << ": watch expired (" << error->toString() << "): relisting";
        m_lastResourceVersion.clear();
        fail(*error, Next::List);
        return;
    }
    if (error->kind == Error::Kind::Decode) {
        // A malformed event or an ERROR that is not a Status: an event may be lost, so the
        // cache can no longer be trusted. Relist.
        const QString message
            = QStringLiteral("%1: bad watch stream (%2); relisting")
                  .arg(m_resource.groupVersionResource().toString(), error->message);
        qCWarning(lcInformer).noquote() << message;
        emit warning(message);
        m_lastResourceVersion.clear();
        fail(*error, Next::List);
        return;
    }
    fail(*error, Next::Watch, retryAfterOf(*error, retryAfterSeconds, m_options.retryAfterUnit));
}

void Reflector::onIdle()
{
    if (!m_watch)
        return;
    WatchStream *w = m_watch;
    m_watch = nullptr;
    w->disconnect(this);
    w->deleteLater();
    const bool wasWatchList = std::exchange(m_watchListActive, false);
    const QString message
        = QStringLiteral("the watch of %1 received nothing for %2 s (no events, no bookmarks): "
                         "the connection is presumed dead; reconnecting")
              .arg(m_resource.groupVersionResource().toString())
              .arg(double(m_options.idleTimeout.count()) / 1000.0);
    qCWarning(lcInformer).noquote() << message;
    emit warning(message);
    fail(Error::make(Error::Kind::Network, message), wasWatchList ? Next::List : Next::Watch);
}

void Reflector::fail(const Error &error,
                     Next next,
                     std::optional<std::chrono::milliseconds> atLeast)
{
    std::chrono::milliseconds delay = m_backoff.next();
    if (atLeast && *atLeast > delay)
        delay = *atLeast;
    m_retryNext = next;
    m_status.lastError = error;
    ++m_status.consecutiveFailures;
    if (!m_status.staleSince.isValid())
        m_status.staleSince = QDateTime::currentDateTimeUtc();
    m_status.retryAt = QDateTime::currentDateTimeUtc().addMSecs(delay.count());
    qCInfo(lcInformer).noquote() << m_resource.groupVersionResource().toString() << ":"
                                 << error.toString() << "- retrying in" << delay.count() << "ms";
    setState(ReflectorStatus::State::Reconnecting);
    m_retryTimer->start(delay);
}

void Reflector::setState(ReflectorStatus::State state)
{
    m_status.state = state;
    emit statusChanged(m_status);
}

} // namespace kube
