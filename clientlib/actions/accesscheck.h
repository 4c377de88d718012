#pragma once

#include <QHashFunctions>
#include <QString>

namespace kube {

/*!
 * One question for the authorizer: may I \a verb \a resource (\a subresource) of \a group in
 * \a ns? Empty namespace = cluster-wide / all namespaces. A value; the key of AccessReviewer's
 * cache.
 */
struct AccessCheck
{
    QString verb;
    QString group;
    QString resource;
    QString subresource;
    QString ns;

    friend bool operator==(const AccessCheck &, const AccessCheck &) = default;
    //! "delete pods in default", "patch deployments/scale in apps"
    QString toString() const;
};

inline size_t qHash(const AccessCheck &c, size_t seed = 0)
{
    return qHashMulti(seed, c.verb, c.group, c.resource, c.subresource, c.ns);
}

} // namespace kube
