#include "aggregateddiscovery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace kube {

namespace {

Error decodeError(const QString &detail)
{
    return Error::make(Error::Kind::Decode,
                       QStringLiteral("cannot decode APIGroupDiscoveryList: %1").arg(detail));
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray arr = v.toArray();
    out.reserve(arr.size());
    for (const QJsonValue &e : arr)
        out.append(e.toString());
    return out;
}

QByteArray unquote(QByteArray v)
{
    if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"'))
        v = v.mid(1, v.size() - 2).replace("\\\"", "\"");
    return v;
}

} // namespace

bool AggregatedDiscovery::isAggregatedContentType(QByteArrayView contentType)
{
    const QList<QByteArray> parts = contentType.toByteArray().split(';');
    if (parts.isEmpty() || parts.first().trimmed().toLower() != "application/json")
        return false;
    QByteArray g, v, as;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray p = parts.at(i).trimmed();
        if (p.isEmpty())
            continue;
        const qsizetype eq = p.indexOf('=');
        if (eq <= 0)
            return false; // malformed media type, as mime.ParseMediaType would reject it
        const QByteArray key = p.left(eq).trimmed().toLower();
        const QByteArray value = unquote(p.mid(eq + 1).trimmed());
        if (key == "g")
            g = value;
        else if (key == "v")
            v = value;
        else if (key == "as")
            as = value;
    }
    return g == "apidiscovery.k8s.io" && (v == "v2" || v == "v2beta1")
        && as == "APIGroupDiscoveryList";
}

Result<AggregatedDiscovery> AggregatedDiscovery::parse(QByteArrayView json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError)
        return decodeError(err.errorString() + QStringLiteral(" at offset %1").arg(err.offset));
    if (!doc.isObject())
        return decodeError(QStringLiteral("not a JSON object"));
    const QJsonObject root = doc.object();
    const QString kind = root.value(QLatin1String("kind")).toString();
    if (!kind.isEmpty() && kind != QLatin1String("APIGroupDiscoveryList"))
        return decodeError(QStringLiteral("unexpected kind \"%1\"").arg(kind));
    const QJsonValue itemsValue = root.value(QLatin1String("items"));
    if (!itemsValue.isUndefined() && !itemsValue.isNull() && !itemsValue.isArray())
        return decodeError(QStringLiteral("items is not a list"));

    AggregatedDiscovery out;
    for (const QJsonValue &itemValue : itemsValue.toArray()) {
        if (!itemValue.isObject())
            return decodeError(QStringLiteral("an item is not an object"));
        const QJsonObject item = itemValue.toObject();
        APIGroup group;
        group.name = item.value(QLatin1String("metadata"))
                         .toObject()
                         .value(QLatin1String("name"))
                         .toString();
        for (const QJsonValue &versionValue : item.value(QLatin1String("versions")).toArray()) {
            const QJsonObject version = versionValue.toObject();
            const QString v = version.value(QLatin1String("version")).toString();
            if (v.isEmpty())
                continue;
            const GroupVersion gv { group.name, v };
            if (version.value(QLatin1String("freshness")).toString() == QLatin1String("Stale")) {
                out.staleVersions.append(gv);
                continue;
            }
            group.versions.append(v);
            if (group.preferredVersion.isEmpty())
                group.preferredVersion = v;

            APIResourceList list;
            list.groupVersion = gv.toString();
            for (const QJsonValue &resourceValue :
                 version.value(QLatin1String("resources")).toArray()) {
                const QJsonObject r = resourceValue.toObject();
                APIResource res;
                res.name = r.value(QLatin1String("resource")).toString();
                res.singularName = r.value(QLatin1String("singularResource")).toString();
                res.namespaced
                    = r.value(QLatin1String("scope")).toString() == QLatin1String("Namespaced");
                res.verbs = strings(r.value(QLatin1String("verbs")));
                res.shortNames = strings(r.value(QLatin1String("shortNames")));
                res.categories = strings(r.value(QLatin1String("categories")));
                const QJsonValue responseKind = r.value(QLatin1String("responseKind"));
                const bool complete = responseKind.isObject();
                if (complete) {
                    const QJsonObject rk = responseKind.toObject();
                    res.group = rk.value(QLatin1String("group")).toString();
                    res.version = rk.value(QLatin1String("version")).toString();
                    res.kind = rk.value(QLatin1String("kind")).toString();
                    list.resources.append(res);
                }
                // An incomplete parent still names its subresources, as in client-go.
                for (const QJsonValue &subValue :
                     r.value(QLatin1String("subresources")).toArray()) {
                    const QJsonObject s = subValue.toObject();
                    const QJsonValue subKind = s.value(QLatin1String("responseKind"));
                    if (!subKind.isObject())
                        continue;
                    const QJsonObject sk = subKind.toObject();
                    APIResource sub;
                    sub.name = res.name + u'/' + s.value(QLatin1String("subresource")).toString();
                    sub.singularName = res.singularName;
                    sub.namespaced = res.namespaced;
                    sub.group = sk.value(QLatin1String("group")).toString();
                    sub.version = sk.value(QLatin1String("version")).toString();
                    sub.kind = sk.value(QLatin1String("kind")).toString();
                    sub.verbs = strings(s.value(QLatin1String("verbs")));
                    list.resources.append(std::move(sub));
                }
            }
            out.resources.append(std::move(list));
        }
        out.groups.groups.append(std::move(group));
    }
    return out;
}

} // namespace kube
