#pragma once

// Shared by the discovery tests: the stock data set from tests/data/discovery, and an
// in-process DiscoveryInterface that serves it and counts what it was asked.

#include "api/discoveryjson.h"
#include "discovery/discoveryinterface.h"

#include <QDir>
#include <QFile>
#include <QTest>

namespace fixtures {

inline QByteArray read(const QString &name)
{
    QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/discovery/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

inline QString legacyFileFor(const kube::GroupVersion &gv)
{
    if (gv.isCore())
        return QStringLiteral("legacy-api-v1.json");
    return QStringLiteral("legacy-apis-%1-%2.json").arg(gv.group, gv.version);
}

//! The stock cluster + CRDs, as legacy discovery describes it (groups + every resource list).
inline kube::DiscoveryData stockData()
{
    kube::DiscoveryData d;
    d.groups.append(
        *kube::discoveryjson::parseAPIVersions(read(QStringLiteral("legacy-api.json"))));
    d.groups
        += kube::discoveryjson::parseAPIGroupList(read(QStringLiteral("legacy-apis.json")))->groups;
    for (const kube::GroupVersion &gv : d.groupVersions())
        d.resources.append(*kube::discoveryjson::parseAPIResourceList(read(legacyFileFor(gv))));
    d.hasResources = true;
    return d;
}

//! A delegate serving stockData(): groupsAndMaybeResources() answers groups only (like a
//! legacy server), per-group-version calls answer one list. Counts calls.
class FakeDiscovery final : public kube::DiscoveryInterface
{
public:
    explicit FakeDiscovery(kube::DiscoveryData data = stockData())
        : m_data(std::move(data))
    { }

    kube::DiscoveryReply *groupsAndMaybeResources() override
    {
        ++groupCalls;
        auto *r = new kube::DiscoveryReply;
        if (failGroups) {
            r->finish({},
                      kube::Error::make(kube::Error::Kind::Network,
                                        QStringLiteral("connection refused")));
            return r;
        }
        kube::DiscoveryData d;
        d.groups = m_data.groups;
        if (withResources) {
            d.resources = m_data.resources;
            d.hasResources = true;
        }
        r->finish(std::move(d), std::nullopt);
        return r;
    }
    kube::DiscoveryReply *serverResourcesForGroupVersion(const kube::GroupVersion &gv) override
    {
        ++resourceCalls;
        requested.append(gv);
        auto *r = new kube::DiscoveryReply;
        if (failing.contains(gv.toString())) {
            kube::Error e = kube::Error::make(
                kube::Error::Kind::Status,
                QStringLiteral("the server is currently unable to handle the request"));
            e.httpCode = 500;
            e.reason = QStringLiteral("InternalError");
            r->finish({}, e);
            return r;
        }
        const kube::APIResourceList *l = m_data.resourcesFor(gv);
        if (!l) {
            r->finish({},
                      kube::Error::make(kube::Error::Kind::NotFound, QStringLiteral("not found")));
            return r;
        }
        kube::DiscoveryData d;
        d.hasResources = true;
        d.resources.append(*l);
        r->finish(std::move(d), std::nullopt);
        return r;
    }
    kube::ServerVersionReply *serverVersion() override
    {
        auto *r = new kube::ServerVersionReply;
        kube::VersionInfo v;
        v.gitVersion = QStringLiteral("v1.32.0");
        r->finish(v);
        return r;
    }
    void invalidate() override { ++invalidations; }

    kube::DiscoveryData m_data;
    bool withResources = false;
    bool failGroups = false;
    QStringList failing;
    int groupCalls = 0;
    int resourceCalls = 0;
    int invalidations = 0;
    QList<kube::GroupVersion> requested;
};

} // namespace fixtures
