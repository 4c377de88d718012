#pragma once

#include "discoveryinterface.h"

#include <QMutex>

#include <functional>
#include <memory>
#include <optional>

namespace kube {

/*!
 * Keeps everything discovery found in memory after the first call (client-go's memCacheClient):
 * groups, the resources of every group-version, and which group-versions failed. One fetch
 * serves everyone: callers that arrive while it runs wait for the same fetch. A group-version
 * that failed with a transient error (5xx, network, timeout) is asked again when someone asks
 * for it; one not known at all gives a NotFound error ("not found in the discovery cache").
 *
 * Thread-safety: every method may be called from any thread (replies live on the caller's
 * thread); the fetch itself runs on this object's thread, which needs an event loop.
 *
 * \code
 * auto mem = std::make_unique<kube::MemCacheDiscovery>(std::move(liveClient));
 * auto *r = mem->serverGroupsAndResources(); // first call: fetch; later calls: memory
 * \endcode
 */
class MemCacheDiscovery final : public DiscoveryInterface
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemCacheDiscovery)

public:
    explicit MemCacheDiscovery(std::unique_ptr<DiscoveryInterface> delegate,
                               QObject *parent = nullptr);
    ~MemCacheDiscovery() override;

    DiscoveryInterface *delegate() const { return m_delegate.get(); } // Owned.

    DiscoveryReply *groupsAndMaybeResources() override;
    DiscoveryReply *serverResourcesForGroupVersion(const GroupVersion &gv) override;
    ServerVersionReply *serverVersion() override;
    //! True once the cache holds a complete fetch (until invalidate()).
    bool fresh() const override;
    //! Drops the cache (and invalidates the delegate); a fetch under way no longer fills it.
    void invalidate() override;

    //! What the cache holds now, without asking anyone; nullopt when it is empty.
    std::optional<DiscoveryData> cachedData() const;

private:
    struct Fetch;
    using Waiter = std::function<void(const std::optional<Error> &, const DiscoveryData &)>;
    //! Calls \a callback (on any thread) with the cache's data, fetching it first if needed.
    void whenValid(Waiter callback);
    void startFetch(std::shared_ptr<Fetch> fetch);
    void refetchGroupVersion(const GroupVersion &gv, DiscoveryReply *reply);

    std::unique_ptr<DiscoveryInterface> m_delegate;
    mutable QMutex m_mutex;
    bool m_valid = false; // guarded
    DiscoveryData m_data; // guarded
    quint64 m_generation = 0; // guarded; bumped by invalidate()
    std::shared_ptr<Fetch> m_fetch; // guarded; the fetch under way, if any
};

} // namespace kube
