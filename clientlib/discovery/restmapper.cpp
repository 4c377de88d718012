#include "restmapper.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace kube {

namespace {

Error noMatch(const QString &message)
{
    return Error::make(Error::Kind::NotFound, message);
}

QString describe(const GroupVersionResource &r)
{
    QString s = r.resource;
    if (!r.version.isEmpty())
        s += u'.' + r.version;
    if (!r.group.isEmpty())
        s += u'.' + r.group;
    return s;
}

} // namespace

RestMapper::RestMapper(const DiscoveryData &data)
{
    // Priority of group-versions as restmapper.NewDiscoveryRESTMapper orders them: groups in
    // server order, each with its preferred version first, then its other versions.
    QHash<GroupVersion, int> rank;
    int next = 0;
    for (const APIGroup &g : data.groups) {
        if (!g.preferredVersion.isEmpty() && data.resourcesFor({ g.name, g.preferredVersion }))
            rank.insert({ g.name, g.preferredVersion }, next++);
        for (const QString &v : g.versions) {
            if (!rank.contains({ g.name, v }) && data.resourcesFor({ g.name, v }))
                rank.insert({ g.name, v }, next++);
        }
    }
    for (const APIGroup &g : data.groups) {
        for (const QString &v : g.versions) {
            const APIResourceList *list = data.resourcesFor({ g.name, v });
            if (!list)
                continue;
            m_lists.append(*list);
            for (const APIResource &r : list->resources) {
                for (const QString &s : r.shortNames)
                    m_shortcuts.append({ g.name, s, r.name });
                if (r.isSubresource())
                    continue;
                Entry e;
                e.gvr = { g.name, v, r.name };
                e.singular = r.singularName.isEmpty() ? r.kind.toLower() : r.singularName;
                e.kind = r.kind;
                e.namespaced = r.namespaced;
                e.priority = rank.value({ g.name, v });
                e.info = r;
                m_entries.append(std::move(e));
            }
        }
    }
}

RestMapping RestMapper::toMapping(const Entry &e) const
{
    RestMapping m;
    m.resource = e.gvr;
    m.kind = { e.gvr.group, e.gvr.version, e.kind };
    m.namespaced = e.namespaced;
    m.info = e.info;
    return m;
}

GroupVersionResource RestMapper::expandShortcut(const GroupVersionResource &in,
                                                QStringList *warnings) const
{
    // An exact plural or singular name is never treated as a short name.
    for (const APIResourceList &l : m_lists) {
        const QString group = l.gv().group;
        if (!in.group.isEmpty() && in.group != group)
            continue;
        for (const APIResource &r : l.resources) {
            if (in.resource == r.name || in.resource == r.singularName)
                return in;
        }
    }
    bool found = false;
    GroupVersionResource out;
    QSet<QString> warned;
    for (const Shortcut &s : m_shortcuts) {
        if (!in.group.isEmpty() && in.group != s.group)
            continue;
        if (in.resource != s.shortName)
            continue;
        if (found) {
            if (s.group == out.group && s.resource == out.resource)
                continue; // the same resource in another version
            const QString longForm = s.group.isEmpty() ? s.resource : s.resource + u'.' + s.group;
            if (warnings && !warned.contains(longForm)) {
                warnings->append(
                    QStringLiteral("short name \"%1\" could also match lower priority resource %2")
                        .arg(in.resource, longForm));
                warned.insert(longForm);
            }
            continue;
        }
        out.group = s.group;
        out.resource = s.resource;
        found = true;
    }
    if (found)
        return out; // the version is dropped, as kubectl does
    // Group prefixes: "hpa.autoscal" finds autoscaling's hpa.
    if (in.group.isEmpty())
        return in;
    for (const Shortcut &s : m_shortcuts) {
        if (s.group.startsWith(in.group) && in.resource == s.shortName) {
            GroupVersionResource r = in;
            r.group = s.group;
            r.resource = s.resource;
            return r;
        }
    }
    return in;
}

QList<const RestMapper::Entry *> RestMapper::match(const GroupVersionResource &partial) const
{
    const QString resource = partial.resource.toLower();
    QList<const Entry *> out;
    if (resource.isEmpty())
        return out;
    for (const Entry &e : m_entries) {
        if (!partial.group.isEmpty() && e.gvr.group != partial.group)
            continue;
        if (!partial.version.isEmpty() && e.gvr.version != partial.version)
            continue;
        if (e.gvr.resource == resource || e.singular == resource)
            out.append(&e);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Entry *a, const Entry *b) { return a->priority < b->priority; });
    return out;
}

Result<RestMapping> RestMapper::best(const QList<const Entry *> &matches, const QString &what) const
{
    if (matches.isEmpty())
        return noMatch(QStringLiteral("no matches for %1").arg(what));
    // PriorityRESTMapper: the highest-ranked group-version with a match decides; a tie within
    // it is ambiguous.
    const int top = matches.first()->priority;
    QList<const Entry *> tied;
    for (const Entry *e : matches) {
        if (e->priority == top)
            tied.append(e);
    }
    if (tied.size() == 1)
        return toMapping(*tied.first());
    QStringList names;
    for (const Entry *e : matches)
        names.append(describe(e->gvr) + QStringLiteral(" (") + e->kind + u')');
    Error err = Error::make(Error::Kind::InvalidRequest,
                            QStringLiteral("%1 matches multiple resources: %2")
                                .arg(what, names.join(QStringLiteral(", "))));
    err.reason = QStringLiteral("Ambiguous");
    return err;
}

Result<QList<RestMapping>> RestMapper::resourcesFor(const GroupVersionResource &partial) const
{
    const QList<const Entry *> matches = match(expandShortcut(partial));
    if (matches.isEmpty())
        return noMatch(QStringLiteral("no matches for %1").arg(describe(partial)));
    QList<RestMapping> out;
    for (const Entry *e : matches)
        out.append(toMapping(*e));
    return out;
}

Result<RestMapping> RestMapper::resourceMapping(const GroupVersionResource &partial) const
{
    QStringList warnings;
    const GroupVersionResource expanded = expandShortcut(partial, &warnings);
    auto m = best(match(expanded), QLatin1Char('"') + describe(partial) + QLatin1Char('"'));
    if (m)
        m->warnings = warnings;
    return m;
}

Result<GroupVersionKind> RestMapper::kindFor(const GroupVersionResource &partial) const
{
    auto m = resourceMapping(partial);
    if (!m)
        return m.error();
    return m->kind;
}

Result<RestMapping> RestMapper::restMapping(const GroupVersionKind &gvk) const
{
    QList<const Entry *> matches;
    for (const Entry &e : m_entries) {
        if (e.gvr.group != gvk.group || e.kind.compare(gvk.kind, Qt::CaseInsensitive) != 0)
            continue;
        if (!gvk.version.isEmpty() && e.gvr.version != gvk.version)
            continue;
        matches.append(&e);
    }
    std::stable_sort(matches.begin(), matches.end(),
                     [](const Entry *a, const Entry *b) { return a->priority < b->priority; });
    QString what = gvk.kind;
    if (!gvk.version.isEmpty())
        what += u'.' + gvk.version;
    if (!gvk.group.isEmpty())
        what += u'.' + gvk.group;
    return best(matches, QStringLiteral("kind \"%1\"").arg(what));
}

Result<GroupVersionResource> RestMapper::resourceFor(const GroupVersionKind &gvk) const
{
    auto m = restMapping(gvk);
    if (!m)
        return m.error();
    return m->resource;
}

Result<RestMapping> RestMapper::mappingFor(const QString &arg) const
{
    // schema.ParseResourceArg / ParseGroupResource / ParseKindArg
    std::optional<GroupVersionResource> fullGvr;
    std::optional<GroupVersionKind> fullGvk;
    if (arg.count(u'.') >= 2) {
        const QString first = arg.section(u'.', 0, 0);
        const QString second = arg.section(u'.', 1, 1);
        const QString rest = arg.section(u'.', 2);
        fullGvr = GroupVersionResource { rest, second, first };
        fullGvk = GroupVersionKind { rest, second, first };
    }
    GroupVersionResource groupResource;
    const qsizetype dot = arg.indexOf(u'.');
    groupResource.resource = dot < 0 ? arg : arg.left(dot);
    groupResource.group = dot < 0 ? QString() : arg.mid(dot + 1);

    std::optional<Error> ambiguity;
    auto tryResource = [&](const GroupVersionResource &gvr) -> std::optional<RestMapping> {
        auto m = resourceMapping(gvr);
        if (m)
            return *m;
        if (m.error().reason == QLatin1String("Ambiguous") && !ambiguity)
            ambiguity = m.error();
        return std::nullopt;
    };
    if (fullGvr) {
        if (auto m = tryResource(*fullGvr))
            return *m;
    }
    if (auto m = tryResource(groupResource))
        return *m;
    if (fullGvk) {
        if (auto m = restMapping(*fullGvk))
            return *m;
    }
    if (auto m = restMapping({ groupResource.group, {}, groupResource.resource }))
        return *m;
    if (ambiguity)
        return *ambiguity;
    return noMatch(QStringLiteral("the server doesn't have a resource type \"%1\"")
                       .arg(groupResource.resource));
}

std::optional<QList<GroupVersionResource>> RestMapper::expandCategory(const QString &category) const
{
    QList<GroupVersionResource> out;
    QSet<QString> seen;
    for (const APIResourceList &l : m_lists) {
        const QString group = l.gv().group;
        for (const APIResource &r : l.resources) {
            if (!r.categories.contains(category))
                continue;
            const QString key = group + u'/' + r.name;
            if (seen.contains(key))
                continue;
            seen.insert(key);
            out.append({ group, {}, r.name });
        }
    }
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

Result<QList<RestMapping>> RestMapper::mappingsFor(const QString &arguments) const
{
    QStringList names;
    for (const QString &arg : arguments.split(u',', Qt::SkipEmptyParts)) {
        if (auto expanded = expandCategory(arg)) {
            for (const GroupVersionResource &gr : *expanded)
                names.append(gr.group.isEmpty() ? gr.resource : gr.resource + u'.' + gr.group);
        } else {
            names.append(arg);
        }
    }
    QList<RestMapping> out;
    for (const QString &name : std::as_const(names)) {
        auto m = mappingFor(name);
        if (!m)
            return m.error();
        if (!out.contains(*m))
            out.append(*m);
    }
    if (out.isEmpty())
        return noMatch(QStringLiteral("no resource type given"));
    return out;
}

} // namespace kube
