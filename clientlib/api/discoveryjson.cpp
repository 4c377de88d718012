#include "discoveryjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace kube::discoveryjson {

namespace {

Error decodeError(const QString &what, const QString &detail)
{
    return Error::make(Error::Kind::Decode,
                       QStringLiteral("cannot decode %1: %2").arg(what, detail));
}

Result<QJsonObject> parseObject(QByteArrayView json, const QString &kind)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError)
        return decodeError(kind,
                           err.errorString() + QStringLiteral(" at offset %1").arg(err.offset));
    if (!doc.isObject())
        return decodeError(kind, QStringLiteral("not a JSON object"));
    const QJsonObject obj = doc.object();
    // A document of another kind (a Status, say) must not be mistaken for this one; a missing
    // kind is accepted because decoding "into" a known type tolerates it in client-go too.
    const QJsonValue k = obj.value(QLatin1String("kind"));
    if (!k.isUndefined() && !k.isNull() && k.toString() != kind)
        return decodeError(kind, QStringLiteral("unexpected kind \"%1\"").arg(k.toString()));
    return obj;
}

bool stringList(const QJsonValue &v, QStringList *out)
{
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isArray())
        return false;
    const QJsonArray arr = v.toArray();
    out->reserve(arr.size());
    for (const QJsonValue &e : arr) {
        if (!e.isString())
            return false;
        out->append(e.toString());
    }
    return true;
}

QJsonArray toArray(const QStringList &list)
{
    QJsonArray arr;
    for (const QString &s : list)
        arr.append(s);
    return arr;
}

QString versionOf(const QJsonObject &gvfd)
{
    QString version = gvfd.value(QLatin1String("version")).toString();
    if (version.isEmpty())
        version = GroupVersion::fromApiVersion(gvfd.value(QLatin1String("groupVersion")).toString())
                      .version;
    return version;
}

QJsonObject gvForDiscovery(const QString &group, const QString &version)
{
    return QJsonObject { { QStringLiteral("groupVersion"),
                           GroupVersion { group, version }.toString() },
                         { QStringLiteral("version"), version } };
}

} // namespace

Result<APIGroup> parseAPIVersions(QByteArrayView json)
{
    auto obj = parseObject(json, QStringLiteral("APIVersions"));
    if (!obj)
        return obj.error();
    APIGroup group;
    if (!stringList(obj->value(QLatin1String("versions")), &group.versions))
        return decodeError(QStringLiteral("APIVersions"),
                           QStringLiteral("versions is not a list of strings"));
    if (!group.versions.isEmpty())
        group.preferredVersion = group.versions.first();
    return group;
}

Result<APIGroupList> parseAPIGroupList(QByteArrayView json)
{
    const QString kind = QStringLiteral("APIGroupList");
    auto obj = parseObject(json, kind);
    if (!obj)
        return obj.error();
    const QJsonValue groupsValue = obj->value(QLatin1String("groups"));
    if (!groupsValue.isUndefined() && !groupsValue.isNull() && !groupsValue.isArray())
        return decodeError(kind, QStringLiteral("groups is not a list"));
    APIGroupList list;
    const QJsonArray groups = groupsValue.toArray();
    list.groups.reserve(groups.size());
    for (const QJsonValue &gv : groups) {
        if (!gv.isObject())
            return decodeError(kind, QStringLiteral("a group is not an object"));
        const QJsonObject g = gv.toObject();
        APIGroup group;
        group.name = g.value(QLatin1String("name")).toString();
        const QJsonValue versions = g.value(QLatin1String("versions"));
        if (!versions.isUndefined() && !versions.isNull() && !versions.isArray())
            return decodeError(
                kind, QStringLiteral("versions of group \"%1\" is not a list").arg(group.name));
        for (const QJsonValue &v : versions.toArray()) {
            if (!v.isObject())
                return decodeError(
                    kind,
                    QStringLiteral("a version of group \"%1\" is not an object").arg(group.name));
            group.versions.append(versionOf(v.toObject()));
        }
        group.preferredVersion = versionOf(g.value(QLatin1String("preferredVersion")).toObject());
        list.groups.append(std::move(group));
    }
    return list;
}

Result<APIResourceList> parseAPIResourceList(QByteArrayView json)
{
    const QString kind = QStringLiteral("APIResourceList");
    auto obj = parseObject(json, kind);
    if (!obj)
        return obj.error();
    APIResourceList list;
    list.groupVersion = obj->value(QLatin1String("groupVersion")).toString();
    const QJsonValue resourcesValue = obj->value(QLatin1String("resources"));
    if (!resourcesValue.isUndefined() && !resourcesValue.isNull() && !resourcesValue.isArray())
        return decodeError(kind, QStringLiteral("resources is not a list"));
    const QJsonArray resources = resourcesValue.toArray();
    list.resources.reserve(resources.size());
    for (const QJsonValue &rv : resources) {
        if (!rv.isObject())
            return decodeError(kind, QStringLiteral("a resource is not an object"));
        const QJsonObject r = rv.toObject();
        APIResource res;
        res.name = r.value(QLatin1String("name")).toString();
        res.singularName = r.value(QLatin1String("singularName")).toString();
        res.namespaced = r.value(QLatin1String("namespaced")).toBool();
        res.group = r.value(QLatin1String("group")).toString();
        res.version = r.value(QLatin1String("version")).toString();
        res.kind = r.value(QLatin1String("kind")).toString();
        res.storageVersionHash = r.value(QLatin1String("storageVersionHash")).toString();
        if (!stringList(r.value(QLatin1String("verbs")), &res.verbs)
            || !stringList(r.value(QLatin1String("shortNames")), &res.shortNames)
            || !stringList(r.value(QLatin1String("categories")), &res.categories))
            return decodeError(
                kind, QStringLiteral("resource \"%1\" has a malformed list").arg(res.name));
        if (res.name.isEmpty())
            return decodeError(kind, QStringLiteral("a resource has no name"));
        list.resources.append(std::move(res));
    }
    return list;
}

QByteArray toJson(const APIGroupList &groups)
{
    QJsonArray arr;
    for (const APIGroup &g : groups.groups) {
        QJsonArray versions;
        for (const QString &v : g.versions)
            versions.append(gvForDiscovery(g.name, v));
        QJsonObject o { { QStringLiteral("name"), g.name },
                        { QStringLiteral("versions"), versions } };
        if (!g.preferredVersion.isEmpty())
            o.insert(QStringLiteral("preferredVersion"),
                     gvForDiscovery(g.name, g.preferredVersion));
        arr.append(o);
    }
    const QJsonObject doc { { QStringLiteral("kind"), QStringLiteral("APIGroupList") },
                            { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                            { QStringLiteral("groups"), arr } };
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

QByteArray toJson(const APIResourceList &list)
{
    QJsonArray arr;
    for (const APIResource &r : list.resources) {
        QJsonObject o { { QStringLiteral("name"), r.name },
                        { QStringLiteral("singularName"), r.singularName },
                        { QStringLiteral("namespaced"), r.namespaced },
                        { QStringLiteral("kind"), r.kind },
                        { QStringLiteral("verbs"), toArray(r.verbs) } };
        // omitempty fields, as metav1.APIResource declares them
        if (!r.group.isEmpty())
            o.insert(QStringLiteral("group"), r.group);
        if (!r.version.isEmpty())
            o.insert(QStringLiteral("version"), r.version);
        if (!r.shortNames.isEmpty())
            o.insert(QStringLiteral("shortNames"), toArray(r.shortNames));
        if (!r.categories.isEmpty())
            o.insert(QStringLiteral("categories"), toArray(r.categories));
        if (!r.storageVersionHash.isEmpty())
            o.insert(QStringLiteral("storageVersionHash"), r.storageVersionHash);
        arr.append(o);
    }
    const QJsonObject doc { { QStringLiteral("kind"), QStringLiteral("APIResourceList") },
                            { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                            { QStringLiteral("groupVersion"), list.groupVersion },
                            { QStringLiteral("resources"), arr } };
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

} // namespace kube::discoveryjson
