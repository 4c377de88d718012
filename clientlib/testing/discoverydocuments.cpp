#include "discoverydocuments.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace kube::testing::detail {

namespace {

struct SubresourceInfo
{
    QString group; //!< empty with kind empty = the parent's kind in the parent's group-version
    QString version;
    QString kind;
    QStringList verbs;
};

// Kinds and verbs of the subresources kube-apiserver serves (its REST storage registrations).
SubresourceInfo subresourceInfo(const FakeResource &parent, const QString &sub)
{
    const QStringList gpu { u"get"_qs, u"patch"_qs, u"update"_qs };
    const QStringList proxyVerbs { u"create"_qs, u"delete"_qs, u"get"_qs, u"patch"_qs,
                                   u"update"_qs };
    if (sub == u"status" || sub == u"ephemeralcontainers" || sub == u"resize" || sub == u"approval")
        return { {}, {}, parent.kind, gpu };
    if (sub == u"scale")
        return { u"autoscaling"_qs, u"v1"_qs, u"Scale"_qs, gpu };
    if (sub == u"log")
        return { {}, {}, parent.kind, { u"get"_qs } };
    if (sub == u"exec")
        return { {}, {}, u"PodExecOptions"_qs, { u"create"_qs, u"get"_qs } };
    if (sub == u"attach")
        return { {}, {}, u"PodAttachOptions"_qs, { u"create"_qs, u"get"_qs } };
    if (sub == u"portforward")
        return { {}, {}, u"PodPortForwardOptions"_qs, { u"create"_qs, u"get"_qs } };
    if (sub == u"proxy") {
        const QString kind = parent.kind == u"Pod" ? u"PodProxyOptions"_qs
            : parent.kind == u"Node"               ? u"NodeProxyOptions"_qs
                                                   : u"ServiceProxyOptions"_qs;
        return { {}, {}, kind, proxyVerbs };
    }
    if (sub == u"eviction")
        return { u"policy"_qs, u"v1"_qs, u"Eviction"_qs, { u"create"_qs } };
    if (sub == u"binding")
        return { {}, {}, u"Binding"_qs, { u"create"_qs } };
    if (sub == u"token")
        return { u"authentication.k8s.io"_qs, u"v1"_qs, u"TokenRequest"_qs, { u"create"_qs } };
    if (sub == u"finalize")
        return { {}, {}, parent.kind, { u"update"_qs } };
    return { {}, {}, parent.kind, gpu };
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QString groupVersion(const QString &group, const QString &version)
{
    return group.isEmpty() ? version : group + u'/' + version;
}

bool isStored(const FakeResource &r)
{
    return r.verbs.contains(u"list"_qs) || r.verbs.contains(u"get"_qs);
}

} // namespace

QString DiscoveryDocuments::storageVersionHash(const QString &group,
                                               const QString &version,
                                               const QString &kind)
{
    const QByteArray gvk = (group + u'/' + version + u'/' + kind).toUtf8();
    return QString::fromLatin1(
        QCryptographicHash::hash(gvk, QCryptographicHash::Sha256).left(8).toBase64());
}

void DiscoveryDocuments::setResources(const QList<FakeResource> &resources)
{
    m_resources = resources;
    m_built = false;
}

void DiscoveryDocuments::setStale(const QString &group, const QString &version, bool stale)
{
    const QString key = group + u'/' + version;
    if (stale)
        m_stale.insert(key);
    else
        m_stale.remove(key);
    m_built = false;
}

bool DiscoveryDocuments::isStale(const QString &group, const QString &version) const
{
    return m_stale.contains(group + u'/' + version);
}

void DiscoveryDocuments::build() const
{
    if (m_built)
        return;
    m_built = true;
    m_groups.clear();
    m_apiGroup.clear();
    m_resourceLists.clear();
    m_aggregated.clear();

    // Groups and versions in first-seen order; the preferred version goes first, as
    // kube-apiserver lists versions by priority.
    QHash<QString, qsizetype> groupIndex;
    QList<QString> coreVersions;
    QHash<QString, QList<const FakeResource *>> byGv;
    QList<QString> gvOrder;
    for (const FakeResource &r : m_resources) {
        const QString gvKey = r.group + u'/' + r.version;
        if (!byGv.contains(gvKey))
            gvOrder << gvKey;
        byGv[gvKey] << &r;
        if (r.group.isEmpty()) {
            if (!coreVersions.contains(r.version))
                coreVersions << r.version;
            continue;
        }
        auto it = groupIndex.find(r.group);
        if (it == groupIndex.end()) {
            it = groupIndex.insert(r.group, m_groups.size());
            m_groups.append(GroupInfo { r.group, {}, {} });
        }
        GroupInfo &g = m_groups[*it];
        if (!g.versions.contains(r.version)) {
            if (r.preferredVersion && g.preferred.isEmpty()) {
                g.preferred = r.version;
                g.versions.prepend(r.version);
            } else {
                g.versions.append(r.version);
            }
        }
    }
    for (GroupInfo &g : m_groups) {
        if (g.preferred.isEmpty())
            g.preferred = g.versions.value(0);
    }

    auto preferredOf = [this](const QString &group) -> QString {
        for (const GroupInfo &g : m_groups) {
            if (g.name == group)
                return g.preferred;
        }
        return u"v1"_qs;
    };

    // Legacy documents.
    m_apiVersions
        = QJsonDocument(QJsonObject { { u"kind"_qs, u"APIVersions"_qs },
                                      { u"versions"_qs, toArray(coreVersions) },
                                      { u"serverAddressByClientCIDRs"_qs,
                                        QJsonArray { QJsonObject {
                                            { u"clientCIDR"_qs, u"0.0.0.0/0"_qs },
                                            { u"serverAddress"_qs, u"172.18.0.2:6443"_qs } } } } })
              .toJson(QJsonDocument::Compact);

    QJsonArray groups;
    for (const GroupInfo &g : m_groups) {
        QJsonArray versions;
        for (const QString &v : g.versions)
            versions.append(
                QJsonObject { { u"groupVersion"_qs, g.name + u'/' + v }, { u"version"_qs, v } });
        const QJsonObject preferred { { u"groupVersion"_qs, g.name + u'/' + g.preferred },
                                      { u"version"_qs, g.preferred } };
        groups.append(QJsonObject { { u"name"_qs, g.name },
                                    { u"versions"_qs, versions },
                                    { u"preferredVersion"_qs, preferred } });
        m_apiGroup.insert(g.name,
                          QJsonDocument(QJsonObject { { u"kind"_qs, u"APIGroup"_qs },
                                                      { u"apiVersion"_qs, u"v1"_qs },
                                                      { u"name"_qs, g.name },
                                                      { u"versions"_qs, versions },
                                                      { u"preferredVersion"_qs, preferred } })
                              .toJson(QJsonDocument::Compact));
    }
    m_apiGroupList = QJsonDocument(QJsonObject { { u"kind"_qs, u"APIGroupList"_qs },
                                                 { u"apiVersion"_qs, u"v1"_qs },
                                                 { u"groups"_qs, groups } })
                         .toJson(QJsonDocument::Compact);

    // Resource lists and aggregated per-version entries.
    QHash<QString, QJsonArray> aggregatedResources; // key group/version
    for (const QString &gvKey : std::as_const(gvOrder)) {
        QList<const FakeResource *> list = byGv.value(gvKey);
        std::sort(list.begin(), list.end(), [](const FakeResource *a, const FakeResource *b) {
            return a->resource < b->resource;
        });
        const QString group = list.first()->group;
        const QString version = list.first()->version;
        QJsonArray legacy;
        QJsonArray aggregated;
        for (const FakeResource *r : std::as_const(list)) {
            QJsonObject lr { { u"name"_qs, r->resource },
                             { u"singularName"_qs, r->singular },
                             { u"namespaced"_qs, r->namespaced },
                             { u"kind"_qs, r->kind },
                             { u"verbs"_qs, toArray(r->verbs) } };
            if (!r->shortNames.isEmpty())
                lr.insert(u"shortNames"_qs, toArray(r->shortNames));
            if (!r->categories.isEmpty())
                lr.insert(u"categories"_qs, toArray(r->categories));
            if (isStored(*r))
                lr.insert(u"storageVersionHash"_qs,
                          storageVersionHash(
                              r->group, r->group.isEmpty() ? r->version : preferredOf(r->group),
                              r->kind));
            legacy.append(lr);

            QJsonObject ar { { u"resource"_qs, r->resource },
                             { u"responseKind"_qs,
                               QJsonObject { { u"group"_qs, QString() },
                                             { u"version"_qs, QString() },
                                             { u"kind"_qs, r->kind } } },
                             { u"scope"_qs, r->namespaced ? u"Namespaced"_qs : u"Cluster"_qs },
                             { u"singularResource"_qs, r->singular },
                             { u"verbs"_qs, toArray(r->verbs) } };
            if (!r->shortNames.isEmpty())
                ar.insert(u"shortNames"_qs, toArray(r->shortNames));
            if (!r->categories.isEmpty())
                ar.insert(u"categories"_qs, toArray(r->categories));

            QStringList subs = r->subresources;
            subs.sort();
            QJsonArray aggregatedSubs;
            for (const QString &sub : std::as_const(subs)) {
                const SubresourceInfo info = subresourceInfo(*r, sub);
                QJsonObject ls { { u"name"_qs, r->resource + u'/' + sub },
                                 { u"singularName"_qs, QString() },
                                 { u"namespaced"_qs, r->namespaced },
                                 { u"kind"_qs, info.kind },
                                 { u"verbs"_qs, toArray(info.verbs) } };
                if (!info.group.isEmpty() || !info.version.isEmpty()) {
                    ls.insert(u"group"_qs, info.group);
                    ls.insert(u"version"_qs, info.version);
                }
                legacy.append(ls);
                aggregatedSubs.append(QJsonObject { { u"subresource"_qs, sub },
                                                    { u"responseKind"_qs,
                                                      QJsonObject { { u"group"_qs, info.group },
                                                                    { u"version"_qs, info.version },
                                                                    { u"kind"_qs, info.kind } } },
                                                    { u"verbs"_qs, toArray(info.verbs) } });
            }
            if (!aggregatedSubs.isEmpty())
                ar.insert(u"subresources"_qs, aggregatedSubs);
            aggregated.append(ar);
        }
        QJsonObject doc { { u"kind"_qs, u"APIResourceList"_qs },
                          { u"groupVersion"_qs, groupVersion(group, version) },
                          { u"resources"_qs, legacy } };
        // kube-apiserver leaves apiVersion out of /api/v1 but writes it for every group.
        if (!group.isEmpty())
            doc.insert(u"apiVersion"_qs, u"v1"_qs);
        m_resourceLists.insert(gvKey, QJsonDocument(doc).toJson(QJsonDocument::Compact));
        aggregatedResources.insert(gvKey, aggregated);
    }

    for (const QByteArray &dv : { QByteArray("v2"), QByteArray("v2beta1") }) {
        const QString apiVersion = u"apidiscovery.k8s.io/"_qs + QString::fromLatin1(dv);
        auto versionEntry = [&](const QString &group, const QString &version) {
            return QJsonObject {
                { u"version"_qs, version },
                { u"resources"_qs, aggregatedResources.value(group + u'/' + version) },
                { u"freshness"_qs, isStale(group, version) ? u"Stale"_qs : u"Current"_qs }
            };
        };
        // Core: one unnamed group.
        QJsonArray coreVersionEntries;
        for (const QString &v : std::as_const(coreVersions))
            coreVersionEntries.append(versionEntry(QString(), v));
        QJsonArray coreItems;
        if (!coreVersions.isEmpty())
            coreItems.append(QJsonObject {
                { u"metadata"_qs, QJsonObject { { u"creationTimestamp"_qs, QJsonValue() } } },
                { u"versions"_qs, coreVersionEntries } });
        QJsonArray groupItems;
        for (const GroupInfo &g : std::as_const(m_groups)) {
            QJsonArray versions;
            for (const QString &v : g.versions)
                versions.append(versionEntry(g.name, v));
            groupItems.append(
                QJsonObject { { u"metadata"_qs,
                                QJsonObject { { u"name"_qs, g.name },
                                              { u"creationTimestamp"_qs, QJsonValue() } } },
                              { u"versions"_qs, versions } });
        }
        auto list = [&](const QJsonArray &items) {
            return QJsonDocument(QJsonObject { { u"kind"_qs, u"APIGroupDiscoveryList"_qs },
                                               { u"apiVersion"_qs, apiVersion },
                                               { u"metadata"_qs, QJsonObject {} },
                                               { u"items"_qs, items } })
                .toJson(QJsonDocument::Compact);
        };
        m_aggregated.insert(u"core|"_qs + QString::fromLatin1(dv), list(coreItems));
        m_aggregated.insert(u"apis|"_qs + QString::fromLatin1(dv), list(groupItems));
    }
}

QByteArray DiscoveryDocuments::apiVersions() const
{
    build();
    return m_apiVersions;
}

QByteArray DiscoveryDocuments::apiGroupList() const
{
    build();
    return m_apiGroupList;
}

QByteArray DiscoveryDocuments::apiGroup(const QString &group) const
{
    build();
    return m_apiGroup.value(group);
}

QByteArray DiscoveryDocuments::apiResourceList(const QString &group, const QString &version) const
{
    build();
    return m_resourceLists.value(group + u'/' + version);
}

QByteArray DiscoveryDocuments::aggregated(bool core, const QByteArray &version) const
{
    build();
    return m_aggregated.value((core ? u"core|"_qs : u"apis|"_qs) + QString::fromLatin1(version));
}

QByteArray DiscoveryDocuments::aggregatedEtag(bool core, const QByteArray &version) const
{
    // kube-apiserver's ETag is a quoted hex hash of the document.
    const QByteArray doc = aggregated(core, version);
    return '"'
        + QCryptographicHash::hash(doc, QCryptographicHash::Sha256).toHex().left(32).toUpper()
        + '"';
}

} // namespace kube::testing::detail
