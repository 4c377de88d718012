#pragma once

#include "discoveryreply.h"
#include "serverversionreply.h"

#include <QObject>

namespace kube {

/*!
 * What every discovery client offers (client-go's DiscoveryInterface + AggregatedDiscoveryInterface
 * + CachedDiscoveryInterface): the live DiscoveryClient, the in-memory MemCacheDiscovery and the
 * on-disk DiskCacheDiscovery all implement the three primitives; the composite calls
 * (serverGroupsAndResources, serverPreferredResources ...) are built on them here, as client-go's
 * package functions are.
 *
 * Every call returns a new reply owned by the caller (see DiscoveryReply); call on the object's
 * thread unless the implementation says otherwise.
 */
class DiscoveryInterface : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveryInterface)

public:
    explicit DiscoveryInterface(QObject *parent = nullptr);
    ~DiscoveryInterface() override;

    // Primitives ----------------------------------------------------------------------------
    /*!
     * Groups (core first), and the resources too when they came with them (aggregated
     * discovery, or a cache that holds everything): data().hasResources tells which.
     */
    virtual DiscoveryReply *groupsAndMaybeResources() = 0;
    //! The resources of one group-version (data().resources has one list).
    virtual DiscoveryReply *serverResourcesForGroupVersion(const GroupVersion &gv) = 0;
    //! GET /version.
    virtual ServerVersionReply *serverVersion() = 0;

    //! Whether everything answered so far came from the server during this process (false =
    //! some of it came from an older cache: worth invalidate() and retry on a miss).
    virtual bool fresh() const { return true; }
    //! Forgets cached data: the next call asks the server (or a lower cache layer).
    virtual void invalidate() { }

    // Composites ----------------------------------------------------------------------------
    //! The groups only (data().resources empty).
    DiscoveryReply *serverGroups();
    /*!
     * Groups and the resources of every group-version, in group/version order. Without
     * aggregated discovery every group-version is requested at once (in parallel). Failing
     * group-versions give a partial result (DiscoveryReply::isPartial()).
     */
    DiscoveryReply *serverGroupsAndResources();
    //! One list per group-version, each resource once at its preferred version (kubectl
    //! api-resources). Subresources left out.
    DiscoveryReply *serverPreferredResources();
    //! serverPreferredResources() restricted to namespaced resources.
    DiscoveryReply *serverPreferredNamespacedResources();

    // Batch primitive ---------------------------------------------------------------------
    /*!
     * The resources of many group-versions: data().resources (any order) and data().failed.
     * The default asks serverResourcesForGroupVersion() for all of them at once; caches
     * override it to batch their work.
     */
    virtual DiscoveryReply *resourcesForGroupVersions(const QList<GroupVersion> &gvs);

protected:
    //! How often the composites ask when only some group-versions failed: the live client
    //! tries twice (client-go's withRetries(2) in ServerGroupsAndResources and
    //! ServerPreferredResources); caches once.
    virtual int partialFailureAttempts() const { return 1; }

private:
    enum class Filter { All, Preferred, PreferredNamespaced };
    DiscoveryReply *groupsAndResources(Filter filter, int attempt = 1);
};

} // namespace kube
