#pragma once

#include <QHashFunctions>
#include <QString>

namespace kube {

//! An API group and version; the core group is the empty string ("v1").
struct GroupVersion
{
    QString group;
    QString version;

    bool isCore() const { return group.isEmpty(); }
    //! "v1" for core, "apps/v1" otherwise: the apiVersion field of objects.
    QString toString() const { return group.isEmpty() ? version : group + u'/' + version; }
    //! Parses an apiVersion ("v1", "apps/v1").
    static GroupVersion fromApiVersion(const QString &apiVersion);

    friend bool operator==(const GroupVersion &, const GroupVersion &) = default;
};

struct GroupVersionResource
{
    QString group;
    QString version;
    QString resource;

    GroupVersion groupVersion() const { return { group, version }; }
    //! "pods" for core, "deployments.v1.apps" otherwise (kubectl's fully qualified form).
    QString toString() const;

    friend bool operator==(const GroupVersionResource &, const GroupVersionResource &) = default;
};

struct GroupVersionKind
{
    QString group;
    QString version;
    QString kind;

    GroupVersion groupVersion() const { return { group, version }; }
    friend bool operator==(const GroupVersionKind &, const GroupVersionKind &) = default;
};

inline size_t qHash(const GroupVersion &gv, size_t seed = 0)
{
    return qHashMulti(seed, gv.group, gv.version);
}
inline size_t qHash(const GroupVersionResource &gvr, size_t seed = 0)
{
    return qHashMulti(seed, gvr.group, gvr.version, gvr.resource);
}
inline size_t qHash(const GroupVersionKind &gvk, size_t seed = 0)
{
    return qHashMulti(seed, gvk.group, gvk.version, gvk.kind);
}

} // namespace kube
