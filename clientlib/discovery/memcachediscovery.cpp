#include "memcachediscovery.h"

#include "discoverylogging.h"

#include <QMutexLocker>
#include <QPointer>
#include <QScopeGuard>
#include <QThread>

namespace kube {

struct MemCacheDiscovery::Fetch
{
    quint64 generation = 0;
    QList<MemCacheDiscovery::Waiter> waiters;
};

namespace {

// client-go's isTransientError (discovery/cached/memory): a connection error, any status
// >= 500 (503 included) or 429 Too Many Requests is asked again on the next call. A Stale
// group-version (StaleGroupVersionError) is not: it stays failed until invalidate().
bool isTransient(const Error &e)
{
    switch (e.kind) {
    case Error::Kind::Network:
    case Error::Kind::Timeout:
        return true;
    case Error::Kind::Status:
        return e.httpCode >= 500 || e.httpCode == 429;
    default:
        return false;
    }
}

} // namespace

MemCacheDiscovery::MemCacheDiscovery(std::unique_ptr<DiscoveryInterface> delegate, QObject *parent)
    : DiscoveryInterface(parent)
    , m_delegate(std::move(delegate))
{ }

MemCacheDiscovery::~MemCacheDiscovery() = default;

bool MemCacheDiscovery::fresh() const
{
    QMutexLocker lock(&m_mutex);
    return m_valid;
}

void MemCacheDiscovery::invalidate()
{
    {
        QMutexLocker lock(&m_mutex);
        m_valid = false;
        m_data = {};
        ++m_generation;
    }
    m_delegate->invalidate();
}

std::optional<DiscoveryData> MemCacheDiscovery::cachedData() const
{
    QMutexLocker lock(&m_mutex);
    if (!m_valid)
        return std::nullopt;
    return m_data;
}

void MemCacheDiscovery::whenValid(Waiter callback)
{
    std::shared_ptr<Fetch> start;
    {
        QMutexLocker lock(&m_mutex);
        if (m_valid) {
            const DiscoveryData snapshot = m_data;
            lock.unlock();
            callback(std::nullopt, snapshot);
            return;
        }
        if (!m_fetch || m_fetch->generation != m_generation) {
            m_fetch = std::make_shared<Fetch>();
            m_fetch->generation = m_generation;
            start = m_fetch;
        }
        m_fetch->waiters.append(std::move(callback));
    }
    if (!start)
        return; // joins the fetch under way
    if (QThread::currentThread() == thread())
        startFetch(start);
    else
        QMetaObject::invokeMethod(
            this, [this, start] { startFetch(start); }, Qt::QueuedConnection);
}

void MemCacheDiscovery::startFetch(std::shared_ptr<Fetch> fetch)
{
    auto done = [this, fetch](std::optional<Error> error, DiscoveryData data) {
        data.hasResources = true;
        QList<Waiter> waiters;
        {
            QMutexLocker lock(&m_mutex);
            // After an invalidate() during the fetch the cache stays empty, but the callers
            // that were waiting for this fetch still get what it found.
            if (!error && fetch->generation == m_generation) {
                m_data = data;
                m_valid = true;
            }
            if (m_fetch == fetch)
                m_fetch.reset();
            waiters = std::move(fetch->waiters);
        }
        for (auto &w : waiters)
            w(error, data);
    };
    DiscoveryReply *first = m_delegate->groupsAndMaybeResources()->consumedBy(this);
    connect(first, &DiscoveryReply::finished, this, [this, first, done] {
        const auto release = qScopeGuard([first] { first->deleteLater(); });
        if (first->hasError() && !first->isPartial()) {
            done(first->error(), {});
            return;
        }
        DiscoveryData d = first->data();
        if (d.hasResources) {
            d.sortResourcesByGroups();
            done(std::nullopt, std::move(d));
            return;
        }
        DiscoveryReply *second
            = m_delegate->resourcesForGroupVersions(d.groupVersions())->consumedBy(this);
        connect(second, &DiscoveryReply::finished, this, [second, d, done]() mutable {
            const auto release = qScopeGuard([second] { second->deleteLater(); });
            d.resources = second->data().resources;
            d.failed += second->data().failed;
            d.sortResourcesByGroups();
            done(std::nullopt, std::move(d));
        });
    });
}

DiscoveryReply *MemCacheDiscovery::groupsAndMaybeResources()
{
    auto *reply = new DiscoveryReply;
    QPointer<DiscoveryReply> guard(reply);
    whenValid([guard](const std::optional<Error> &error, const DiscoveryData &data) {
        if (!guard)
            return;
        if (error)
            guard->finish({}, error);
        else
            guard->finish(data);
    });
    return reply;
}

DiscoveryReply *MemCacheDiscovery::serverResourcesForGroupVersion(const GroupVersion &gv)
{
    auto *reply = new DiscoveryReply;
    QPointer<DiscoveryReply> guard(reply);
    whenValid([this, guard, gv](const std::optional<Error> &error, const DiscoveryData &data) {
        if (!guard)
            return;
        if (error) {
            guard->finish({}, error);
            return;
        }
        if (const APIResourceList *l = data.resourcesFor(gv)) {
            DiscoveryData d;
            d.hasResources = true;
            d.resources.append(*l);
            guard->finish(std::move(d), std::nullopt);
            return;
        }
        std::optional<Error> failed;
        for (const FailedGroupVersion &f : data.failed) {
            if (f.groupVersion == gv)
                failed = f.error;
        }
        if (failed && isTransient(*failed)) {
            if (QThread::currentThread() == thread())
                refetchGroupVersion(gv, guard);
            else
                QMetaObject::invokeMethod(
                    this,
                    [this, gv, guard] {
                        if (guard)
                            refetchGroupVersion(gv, guard);
                    },
                    Qt::QueuedConnection);
            return;
        }
        guard->finish(
            {},
            failed ? *failed
                   : Error::make(
                       Error::Kind::NotFound,
                       QStringLiteral("%1 not found in the discovery cache").arg(gv.toString())));
    });
    return reply;
}

void MemCacheDiscovery::refetchGroupVersion(const GroupVersion &gv, DiscoveryReply *reply)
{
    QPointer<DiscoveryReply> guard(reply);
    DiscoveryReply *one = m_delegate->serverResourcesForGroupVersion(gv)->consumedBy(this);
    connect(one, &DiscoveryReply::finished, this, [this, one, gv, guard] {
        const auto release = qScopeGuard([one] { one->deleteLater(); });
        {
            QMutexLocker lock(&m_mutex);
            if (m_valid) {
                m_data.failed.removeIf(
                    [&](const FailedGroupVersion &f) { return f.groupVersion == gv; });
                if (one->hasError())
                    m_data.failed.append({ gv, one->error() });
                else if (!one->data().resources.isEmpty())
                    m_data.resources.append(one->data().resources.first());
                m_data.sortResourcesByGroups();
            }
        }
        if (guard)
            guard->finish(one->data(),
                          one->hasError() ? std::optional<Error>(one->error()) : std::nullopt);
    });
}

ServerVersionReply *MemCacheDiscovery::serverVersion()
{
    return m_delegate->serverVersion();
}

} // namespace kube
