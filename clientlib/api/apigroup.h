#pragma once

#include "groupversion.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace kube {

/*!
 * An API group and the versions it serves (metav1.APIGroup). The core group has an empty name;
 * versions are in server order (most preferred first), preferredVersion names one of them.
 */
struct APIGroup
{
    QString name;
    QStringList versions; //!< "v1", "v1beta1" ... (the version part only)
    QString preferredVersion; //!< empty when the group has no servable version

    GroupVersion groupVersion(const QString &version) const { return { name, version }; }
    QList<GroupVersion> groupVersions() const;

    friend bool operator==(const APIGroup &, const APIGroup &) = default;
};

//! The groups a server offers (metav1.APIGroupList); core first when it came from /api.
struct APIGroupList
{
    QList<APIGroup> groups;

    const APIGroup *find(const QString &name) const;

    friend bool operator==(const APIGroupList &, const APIGroupList &) = default;
};

} // namespace kube
