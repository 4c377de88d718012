#include "discoverydata.h"

#include <QHash>
#include <QJsonObject>

#include <algorithm>

namespace kube {

const APIResourceList *DiscoveryData::resourcesFor(const GroupVersion &gv) const
{
    const QString key = gv.toString();
    for (const APIResourceList &l : resources) {
        if (l.groupVersion == key)
            return &l;
    }
    return nullptr;
}

const APIGroup *DiscoveryData::group(const QString &name) const
{
    for (const APIGroup &g : groups) {
        if (g.name == name)
            return &g;
    }
    return nullptr;
}

QList<GroupVersion> DiscoveryData::groupVersions() const
{
    QList<GroupVersion> out;
    for (const APIGroup &g : groups)
        out.append(g.groupVersions());
    return out;
}

QSet<GroupVersionResource> DiscoveryData::resourceSet() const
{
    QSet<GroupVersionResource> out;
    for (const APIResourceList &l : resources) {
        const GroupVersion gv = l.gv();
        for (const APIResource &r : l.resources) {
            if (!r.isSubresource())
                out.insert({ gv.group, gv.version, r.name });
        }
    }
    return out;
}

namespace {
// A group-version as error text: absurdly long names (a hostile server's) are cut, so that an
// error sentence stays a sentence.
QString shownName(const GroupVersion &gv)
{
    constexpr qsizetype MaxShown = 256;
    const qsizetype size = gv.group.size() + gv.version.size() + 1;
    if (size <= MaxShown)
        return gv.toString();
    return (gv.group.left(64) + u'/' + gv.version.left(64)).left(64)
        + QStringLiteral("…(%1 characters)").arg(size);
}
} // namespace

Error DiscoveryData::groupDiscoveryFailed(const QList<FailedGroupVersion> &failed)
{
    QStringList parts;
    parts.reserve(failed.size());
    for (const FailedGroupVersion &f : failed)
        parts.append(shownName(f.groupVersion) + QStringLiteral(": ")
                     + (f.error.message.isEmpty() ? f.error.toString() : f.error.message));
    parts.sort();
    Error e = failed.isEmpty() ? Error() : failed.first().error;
    e.message = QStringLiteral("unable to retrieve the complete list of server APIs: %1")
                    .arg(parts.join(QStringLiteral(", ")));
    // The combined error is about discovery as a whole, not one Status.
    e.reason.clear();
    if (e.kind == Error::Kind::Status)
        e.kind = Error::Kind::Network;
    QJsonObject details;
    for (const FailedGroupVersion &f : failed)
        details.insert(shownName(f.groupVersion), f.error.toString());
    e.details = QJsonObject { { QStringLiteral("failedGroupVersions"), details } };
    e.httpCode = 0;
    return e;
}

std::optional<Error> DiscoveryData::failure() const
{
    if (failed.isEmpty())
        return std::nullopt;
    return groupDiscoveryFailed(failed);
}

QList<APIResourceList> DiscoveryData::preferredResources() const
{
    struct Choice
    {
        QString version;
        const APIResource *resource = nullptr;
        int order = 0; // position of first appearance, for a stable server order
    };
    QList<APIResourceList> result;
    QHash<GroupVersion, int> listIndex;
    QHash<QString, Choice> chosen; // "group\nresource"
    int order = 0;
    for (const APIGroup &g : groups) {
        for (const QString &v : g.versions) {
            const APIResourceList *list = resourcesFor({ g.name, v });
            if (!list)
                continue;
            listIndex.insert({ g.name, v }, int(result.size()));
            result.append(APIResourceList { GroupVersion { g.name, v }.toString(), {} });
            for (const APIResource &r : list->resources) {
                if (r.isSubresource())
                    continue;
                const QString key = g.name + u'\n' + r.name;
                auto it = chosen.find(key);
                if (it != chosen.end() && v != g.preferredVersion)
                    continue; // only the preferred version overrides an earlier one
                if (it == chosen.end())
                    it = chosen.insert(key, Choice { {}, nullptr, order++ });
                it->version = v;
                it->resource = &r;
            }
        }
    }
    QList<std::pair<QString, Choice>> ordered;
    ordered.reserve(chosen.size());
    for (auto it = chosen.cbegin(); it != chosen.cend(); ++it)
        ordered.append({ it.key(), it.value() });
    std::sort(ordered.begin(), ordered.end(),
              [](const auto &a, const auto &b) { return a.second.order < b.second.order; });
    for (const auto &[key, choice] : ordered) {
        const QString group = key.section(u'\n', 0, 0);
        result[listIndex.value({ group, choice.version })].resources.append(*choice.resource);
    }
    return result;
}

void DiscoveryData::sortResourcesByGroups()
{
    QList<APIResourceList> sorted;
    sorted.reserve(resources.size());
    for (const GroupVersion &gv : groupVersions()) {
        if (const APIResourceList *l = resourcesFor(gv))
            sorted.append(*l);
    }
    resources = std::move(sorted);
}

} // namespace kube
