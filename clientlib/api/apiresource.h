#pragma once

#include "groupversion.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace kube {

/*!
 * One resource type a group-version serves, as discovery describes it (metav1.APIResource).
 * Subresources ("pods/log", "deployments/scale") are entries too; their name contains '/'.
 */
struct APIResource
{
    QString name; //!< plural, lower case: "pods"; "pods/log" for a subresource
    QString singularName; //!< "pod"; may be empty on old servers
    bool namespaced = false;
    QString group; //!< group of the kind, when it differs from the list's (or aggregated)
    QString version; //!< version of the kind, idem
    QString kind; //!< "Pod"
    QStringList verbs;
    QStringList shortNames;
    QStringList categories;
    QString storageVersionHash;

    bool isSubresource() const { return name.contains(u'/'); }

    friend bool operator==(const APIResource &, const APIResource &) = default;
};

//! The resources of one group-version (metav1.APIResourceList), in server order.
struct APIResourceList
{
    QString groupVersion; //!< "v1", "apps/v1"
    QList<APIResource> resources;

    GroupVersion gv() const { return GroupVersion::fromApiVersion(groupVersion); }

    friend bool operator==(const APIResourceList &, const APIResourceList &) = default;
};

} // namespace kube
