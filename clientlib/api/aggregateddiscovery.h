#pragma once

#include "apigroup.h"
#include "apiresource.h"
#include "result.h"

#include <QByteArrayView>
#include <QList>

namespace kube {

/*!
 * An aggregated discovery document (apidiscovery.k8s.io v2 or v2beta1 APIGroupDiscoveryList)
 * split into the legacy shapes, the way client-go's SplitGroupsAndResources does it:
 *  - a version with freshness "Stale" is left out of its group and listed in staleVersions;
 *  - the preferred version is the first non-stale version;
 *  - a resource without responseKind is dropped; each subresource becomes an APIResource
 *    named "<parent>/<sub>" carrying the parent's singular name and scope.
 *
 * \code
 * if (kube::AggregatedDiscovery::isAggregatedContentType(reply->header("Content-Type")))
 *     auto doc = kube::AggregatedDiscovery::parse(body);
 * \endcode
 */
struct AggregatedDiscovery
{
    APIGroupList groups;
    QList<APIResourceList> resources; //!< one per non-stale group-version, in document order
    QList<GroupVersion> staleVersions;

    //! application/json with g=apidiscovery.k8s.io, v=v2 or v2beta1, as=APIGroupDiscoveryList,
    //! parameters in any order, extra parameters allowed (client-go's ContentTypeIsGVK).
    static bool isAggregatedContentType(QByteArrayView contentType);
    static Result<AggregatedDiscovery> parse(QByteArrayView json);
};

} // namespace kube
