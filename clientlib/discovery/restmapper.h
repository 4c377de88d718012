#pragma once

#include "api/apiresource.h"
#include "api/groupversion.h"
#include "api/result.h"
#include "discoverydata.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace kube {

//! What a name resolved to: the resource to call, its kind and scope.
struct RestMapping
{
    GroupVersionResource resource;
    GroupVersionKind kind;
    bool namespaced = false;
    APIResource info; //!< singular name, verbs, short names, categories
    QStringList warnings; //!< e.g. a short name that could also match another resource

    friend bool operator==(const RestMapping &a, const RestMapping &b)
    {
        return a.resource == b.resource && a.kind == b.kind && a.namespaced == b.namespaced;
    }
};

/*!
 * Resolves what a user types to a resource, the way kubectl does (restmapper's
 * DiscoveryRESTMapper + shortcutExpander + category expansion + the builder's mappingFor):
 * plural ("pods"), singular ("pod"), short names ("po", "deploy", CRD short names), kinds
 * ("Pod", case-insensitive), and qualified forms ("deployments.apps", "deployments.v1.apps",
 * "Deployment.v1.apps", "deploy.apps", group prefixes "hpa.autoscal"). Several matches are
 * settled as kubectl settles them: the group listed first by the server wins, and within a
 * group its preferred version; matches that remain tied give an error listing them.
 * Categories ("all") expand to every resource that lists the category.
 *
 * A plain value built from discovery data (subresources are ignored); cheap to copy, safe to
 * use from any thread once built.
 *
 * \code
 * kube::RestMapper mapper(reply->data());          // from serverGroupsAndResources()
 * auto m = mapper.mappingFor("deploy");             // apps/v1 deployments, Deployment
 * auto all = mapper.mappingsFor("all");             // pods, services, deployments, ...
 * auto gvr = mapper.resourceFor({"apps", "v1", "Deployment"});  // kind -> resource
 * \endcode
 */
class RestMapper
{
public:
    RestMapper() = default;
    explicit RestMapper(const DiscoveryData &data);

    bool isEmpty() const { return m_entries.isEmpty(); }

    //! One argument as kubectl get takes it. NotFound error: the server doesn't have a
    //! resource type "x"; ambiguous names list the candidates.
    Result<RestMapping> mappingFor(const QString &resourceOrKind) const;
    //! A comma-separated list ("pods,svc", "all"), categories expanded, duplicates dropped.
    Result<QList<RestMapping>> mappingsFor(const QString &arguments) const;
    //! The resources of a category (group and resource, no version), in discovery order;
    //! nullopt when no resource lists it.
    std::optional<QList<GroupVersionResource>> expandCategory(const QString &category) const;

    // meta.RESTMapper -----------------------------------------------------------------------
    //! Every resource matching \a partial (resource lower-cased; group/version optional),
    //! best first. Short names are expanded first.
    Result<QList<RestMapping>> resourcesFor(const GroupVersionResource &partial) const;
    //! The single best match for \a partial.
    Result<RestMapping> resourceMapping(const GroupVersionResource &partial) const;
    //! Resource -> kind.
    Result<GroupVersionKind> kindFor(const GroupVersionResource &partial) const;
    //! Kind -> resource: \a gvk.group must match exactly, the kind case-insensitively; an
    //! empty version picks the group's preferred version that serves the kind.
    Result<RestMapping> restMapping(const GroupVersionKind &gvk) const;
    Result<GroupVersionResource> resourceFor(const GroupVersionKind &gvk) const;

    //! kubectl's short-name expansion alone (returns \a in unchanged when nothing applies).
    GroupVersionResource expandShortcut(const GroupVersionResource &in,
                                        QStringList *warnings = nullptr) const;

private:
    struct Entry
    {
        GroupVersionResource gvr;
        QString singular;
        QString kind;
        bool namespaced = false;
        int priority = 0; // rank of the group-version: group order, preferred version first
        APIResource info;
    };
    struct Shortcut
    {
        QString group;
        QString shortName;
        QString resource;
    };
    RestMapping toMapping(const Entry &e) const;
    QList<const Entry *> match(const GroupVersionResource &partial) const;
    Result<RestMapping> best(const QList<const Entry *> &matches, const QString &what) const;

    QList<Entry> m_entries; // discovery order
    QList<Shortcut> m_shortcuts; // discovery order
    QList<APIResourceList> m_lists; // all versions, for exact-name checks and categories
};

} // namespace kube
