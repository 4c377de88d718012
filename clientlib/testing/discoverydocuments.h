#pragma once

#include "fakeapiserver.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace kube::testing::detail {

/*!
 * The discovery documents of a set of resource types, built once and served as bytes until the
 * set changes (benchmarks ask for 1,000 group-versions; each request must be a lookup).
 *
 * Legacy: APIVersions (/api), APIGroupList (/apis), APIGroup (/apis/<g>), APIResourceList
 * (/api/v1, /apis/<g>/<v>). Aggregated: APIGroupDiscoveryList for /api and /apis in
 * apidiscovery.k8s.io v2 and v2beta1.
 */
class DiscoveryDocuments
{
public:
    void setResources(const QList<FakeResource> &resources);
    void setStale(const QString &group, const QString &version, bool stale);
    bool isStale(const QString &group, const QString &version) const;

    QByteArray apiVersions() const; //!< /api
    QByteArray apiGroupList() const; //!< /apis
    //! /apis/<g>; empty when the group is unknown.
    QByteArray apiGroup(const QString &group) const;
    //! /api/v1 or /apis/<g>/<v>; empty when the group-version is unknown.
    QByteArray apiResourceList(const QString &group, const QString &version) const;
    //! Aggregated discovery for /api (core) or /apis (groups); version "v2" or "v2beta1".
    QByteArray aggregated(bool core, const QByteArray &version) const;
    //! ETag of aggregated(core, version), as kube-apiserver sends for caching.
    QByteArray aggregatedEtag(bool core, const QByteArray &version) const;

    //! storageVersionHash as kube-apiserver computes it: base64(sha256("g/v/Kind")[:8]).
    static QString
    storageVersionHash(const QString &group, const QString &version, const QString &kind);

private:
    struct GroupInfo
    {
        QString name;
        QStringList versions; //!< preferred first
        QString preferred;
    };
    void build() const;

    QList<FakeResource> m_resources;
    QSet<QString> m_stale; //!< "group/version"

    mutable bool m_built = false;
    mutable QList<GroupInfo> m_groups; //!< server order; core excluded
    mutable QByteArray m_apiVersions;
    mutable QByteArray m_apiGroupList;
    mutable QHash<QString, QByteArray> m_apiGroup;
    mutable QHash<QString, QByteArray> m_resourceLists; //!< key "group/version"
    mutable QHash<QString, QByteArray> m_aggregated; //!< key "core|v2" ...
};

} // namespace kube::testing::detail
