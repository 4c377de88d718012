#pragma once

#include "api/apigroup.h"
#include "api/apiresource.h"
#include "api/error.h"

#include <QList>
#include <QSet>

#include <optional>

namespace kube {

//! A group-version whose resources could not be discovered, and why.
struct FailedGroupVersion
{
    GroupVersion groupVersion;
    Error error;
};

/*!
 * What discovery found: groups (core first, then /apis in server order), the resource lists of
 * the group-versions that answered (in group/version order), and the group-versions that did not
 * (a failing request, or "Stale" in aggregated discovery). A plain value, cheap to copy.
 */
struct DiscoveryData
{
    QList<APIGroup> groups;
    QList<APIResourceList> resources;
    QList<FailedGroupVersion> failed;
    //! For groupsAndMaybeResources(): true when resources came with the groups (aggregated
    //! discovery or a cache that holds everything); false means only groups are known.
    bool hasResources = false;

    const APIResourceList *resourcesFor(const GroupVersion &gv) const;
    const APIGroup *group(const QString &name) const;
    //! Every group-version of every group, in server order.
    QList<GroupVersion> groupVersions() const;
    //! The top-level resources (no subresources) as GVRs, for change detection.
    QSet<GroupVersionResource> resourceSet() const;

    //! ErrGroupDiscoveryFailed: "unable to retrieve the complete list of server APIs: apps/v1:
    //! <err>, ..." (entries sorted), or nullopt when nothing failed.
    std::optional<Error> failure() const;
    static Error groupDiscoveryFailed(const QList<FailedGroupVersion> &failed);

    //! ServerPreferredResources: walk groups and versions in server order, skip subresources;
    //! the first version seen wins unless a later one is the group's preferred version. One list
    //! per group-version that answered (possibly empty), resources in server order.
    QList<APIResourceList> preferredResources() const;
    //! Sorts resource lists into group/version order and drops lists of unknown group-versions.
    void sortResourcesByGroups();
};

} // namespace kube
