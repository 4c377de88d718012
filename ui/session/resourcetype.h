#pragma once

#include "api/groupversion.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace kube::ui {

/*!
 * One browsable resource type as the GUI sees it: a discovery APIResource flattened with its
 * group and version. The ui layer keeps its own small value so its models do not depend on the
 * shape of the discovery library's types (ClusterSession converts).
 */
struct ResourceType
{
    QString group; //!< "" for the legacy core group
    QString version;
    QString resource; //!< plural, e.g. "pods"
    QString singular; //!< "pod"
    QString kind; //!< "Pod"
    bool namespaced = true;
    QStringList verbs;
    QStringList shortNames;
    QStringList categories;
    bool preferred = true; //!< this version is the group's preferred version

    bool canList() const { return verbs.contains(QLatin1String("list")); }
    bool canWatch() const { return verbs.contains(QLatin1String("watch")); }
    GroupVersionResource gvr() const { return { group, version, resource }; }
    //! "v1" or "apps/v1".
    QString apiVersion() const { return group.isEmpty() ? version : group + u'/' + version; }
    //! "pods" for core, "deployments.apps" otherwise (what kubectl accepts and prints).
    QString qualifiedName() const { return group.isEmpty() ? resource : resource + u'.' + group; }

    friend bool operator==(const ResourceType &, const ResourceType &) = default;
};

} // namespace kube::ui

Q_DECLARE_METATYPE(kube::ui::ResourceType)
