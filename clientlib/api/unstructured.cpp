#include "unstructured.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <limits>

namespace kube {

namespace {

const QString kMetadata = QStringLiteral("metadata");

QMap<QString, QString> toStringMap(const QJsonObject &object)
{
    QMap<QString, QString> result;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        result.insert(it.key(), it.value().toString());
    return result;
}

QJsonObject fromStringMap(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QDateTime parseTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : t;
}

// Recursion over copies: QJsonObject has no in-place access to nested objects, so each level
// is taken out, changed and put back (cheap: implicitly shared until written).
VoidResult setIn(QJsonObject &object, const QStringList &path, qsizetype i, const QJsonValue &value)
{
    const QString &key = path.at(i);
    if (i == path.size() - 1) {
        object.insert(key, value);
        return {};
    }
    const QJsonValue current = object.value(key);
    if (!current.isUndefined() && !current.isNull() && !current.isObject()) {
        return Error::make(Error::Kind::InvalidRequest,
                           QStringLiteral("%1 is of type %2, expected an object")
                               .arg(path.mid(0, i + 1).join(u'.'),
                                    current.isArray()        ? QStringLiteral("array")
                                        : current.isString() ? QStringLiteral("string")
                                        : current.isBool()   ? QStringLiteral("bool")
                                                             : QStringLiteral("number")));
    }
    QJsonObject child = current.toObject();
    if (VoidResult r = setIn(child, path, i + 1, value); !r)
        return r;
    object.insert(key, child);
    return {};
}

bool removeIn(QJsonObject &object, const QStringList &path, qsizetype i)
{
    const QString &key = path.at(i);
    if (i == path.size() - 1) {
        if (!object.contains(key))
            return false;
        object.remove(key);
        return true;
    }
    const QJsonValue current = object.value(key);
    if (!current.isObject())
        return false;
    QJsonObject child = current.toObject();
    if (!removeIn(child, path, i + 1))
        return false;
    object.insert(key, child);
    return true;
}

} // namespace

QJsonObject Unstructured::OwnerReference::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("apiVersion"), apiVersion);
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("uid"), uid);
    if (controller)
        o.insert(QStringLiteral("controller"), *controller);
    if (blockOwnerDeletion)
        o.insert(QStringLiteral("blockOwnerDeletion"), *blockOwnerDeletion);
    return o;
}

Unstructured::OwnerReference Unstructured::OwnerReference::fromJson(const QJsonObject &o)
{
    OwnerReference r;
    r.apiVersion = o.value(QLatin1String("apiVersion")).toString();
    r.kind = o.value(QLatin1String("kind")).toString();
    r.name = o.value(QLatin1String("name")).toString();
    r.uid = o.value(QLatin1String("uid")).toString();
    if (const QJsonValue v = o.value(QLatin1String("controller")); v.isBool())
        r.controller = v.toBool();
    if (const QJsonValue v = o.value(QLatin1String("blockOwnerDeletion")); v.isBool())
        r.blockOwnerDeletion = v.toBool();
    return r;
}

Result<Unstructured> Unstructured::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("invalid JSON at offset %1: %2")
                               .arg(parseError.offset)
                               .arg(parseError.errorString()));
    }
    if (!doc.isObject())
        return Error::make(Error::Kind::Decode, QStringLiteral("expected a JSON object"));
    return Unstructured(doc.object());
}

QByteArray Unstructured::toJsonBytes(bool compact) const
{
    return QJsonDocument(m_object).toJson(compact ? QJsonDocument::Compact
                                                  : QJsonDocument::Indented);
}

QString Unstructured::apiVersion() const
{
    return m_object.value(QLatin1String("apiVersion")).toString();
}

void Unstructured::setApiVersion(const QString &apiVersion)
{
    m_object.insert(QStringLiteral("apiVersion"), apiVersion);
}

QString Unstructured::kind() const
{
    return m_object.value(QLatin1String("kind")).toString();
}

void Unstructured::setKind(const QString &kind)
{
    m_object.insert(QStringLiteral("kind"), kind);
}

GroupVersionKind Unstructured::groupVersionKind() const
{
    const GroupVersion gv = GroupVersion::fromApiVersion(apiVersion());
    return { gv.group, gv.version, kind() };
}

void Unstructured::setGroupVersionKind(const GroupVersionKind &gvk)
{
    setApiVersion(gvk.groupVersion().toString());
    setKind(gvk.kind);
}

bool Unstructured::isList() const
{
    return m_object.value(QLatin1String("items")).isArray();
}

QJsonObject Unstructured::metadata() const
{
    return m_object.value(kMetadata).toObject();
}

void Unstructured::setMetadataField(const QString &key, const QJsonValue &value)
{
    QJsonObject meta = metadata();
    // client-go removes a metadata field set to its zero value, so round trips stay minimal.
    const bool empty = value.isNull() || value.isUndefined()
        || (value.isString() && value.toString().isEmpty())
        || (value.isObject() && value.toObject().isEmpty())
        || (value.isArray() && value.toArray().isEmpty());
    if (empty)
        meta.remove(key);
    else
        meta.insert(key, value);
    m_object.insert(kMetadata, meta);
}

QString Unstructured::name() const
{
    return metadata().value(QLatin1String("name")).toString();
}

void Unstructured::setName(const QString &name)
{
    setMetadataField(QStringLiteral("name"), name);
}

QString Unstructured::generateName() const
{
    return metadata().value(QLatin1String("generateName")).toString();
}

void Unstructured::setGenerateName(const QString &generateName)
{
    setMetadataField(QStringLiteral("generateName"), generateName);
}

QString Unstructured::namespaceName() const
{
    return metadata().value(QLatin1String("namespace")).toString();
}

void Unstructured::setNamespaceName(const QString &ns)
{
    setMetadataField(QStringLiteral("namespace"), ns);
}

QString Unstructured::uid() const
{
    return metadata().value(QLatin1String("uid")).toString();
}

void Unstructured::setUid(const QString &uid)
{
    setMetadataField(QStringLiteral("uid"), uid);
}

QString Unstructured::resourceVersion() const
{
    return metadata().value(QLatin1String("resourceVersion")).toString();
}

void Unstructured::setResourceVersion(const QString &resourceVersion)
{
    setMetadataField(QStringLiteral("resourceVersion"), resourceVersion);
}

qint64 Unstructured::generation() const
{
    return metadata().value(QLatin1String("generation")).toInteger();
}

QDateTime Unstructured::creationTimestamp() const
{
    return parseTime(metadata().value(QLatin1String("creationTimestamp")));
}

void Unstructured::setCreationTimestamp(const QDateTime &timestamp)
{
    setMetadataField(QStringLiteral("creationTimestamp"),
                     timestamp.isValid() ? timestamp.toUTC().toString(Qt::ISODate) : QString());
}

QDateTime Unstructured::deletionTimestamp() const
{
    return parseTime(metadata().value(QLatin1String("deletionTimestamp")));
}

QMap<QString, QString> Unstructured::labels() const
{
    return toStringMap(metadata().value(QLatin1String("labels")).toObject());
}

void Unstructured::setLabels(const QMap<QString, QString> &labels)
{
    setMetadataField(QStringLiteral("labels"), fromStringMap(labels));
}

void Unstructured::setLabel(const QString &key, const QString &value)
{
    QMap<QString, QString> all = labels();
    all.insert(key, value);
    setLabels(all);
}

QMap<QString, QString> Unstructured::annotations() const
{
    return toStringMap(metadata().value(QLatin1String("annotations")).toObject());
}

void Unstructured::setAnnotations(const QMap<QString, QString> &annotations)
{
    setMetadataField(QStringLiteral("annotations"), fromStringMap(annotations));
}

void Unstructured::setAnnotation(const QString &key, const QString &value)
{
    QMap<QString, QString> all = annotations();
    all.insert(key, value);
    setAnnotations(all);
}

QList<Unstructured::OwnerReference> Unstructured::ownerReferences() const
{
    QList<OwnerReference> result;
    const QJsonArray refs = metadata().value(QLatin1String("ownerReferences")).toArray();
    result.reserve(refs.size());
    for (const QJsonValue &v : refs) {
        if (v.isObject())
            result.append(OwnerReference::fromJson(v.toObject()));
    }
    return result;
}

void Unstructured::setOwnerReferences(const QList<OwnerReference> &references)
{
    QJsonArray refs;
    for (const OwnerReference &r : references)
        refs.append(r.toJson());
    setMetadataField(QStringLiteral("ownerReferences"), refs);
}

QStringList Unstructured::finalizers() const
{
    QStringList result;
    for (const QJsonValue &v : metadata().value(QLatin1String("finalizers")).toArray())
        result.append(v.toString());
    return result;
}

void Unstructured::setFinalizers(const QStringList &finalizers)
{
    setMetadataField(QStringLiteral("finalizers"), QJsonArray::fromStringList(finalizers));
}

QStringList Unstructured::splitPath(QStringView dottedPath)
{
    QStringList path;
    for (QStringView part : dottedPath.split(u'.', Qt::SkipEmptyParts))
        path.append(part.toString());
    return path;
}

QJsonValue Unstructured::nestedField(const QStringList &path) const
{
    if (path.isEmpty())
        return m_object;
    QJsonValue current = m_object;
    for (const QString &key : path) {
        if (!current.isObject())
            return QJsonValue(QJsonValue::Undefined);
        current = current.toObject().value(key);
    }
    return current;
}

QJsonValue Unstructured::nestedField(QStringView dottedPath) const
{
    return nestedField(splitPath(dottedPath));
}

std::optional<QString> Unstructured::nestedString(const QStringList &path) const
{
    const QJsonValue v = nestedField(path);
    if (!v.isString())
        return std::nullopt;
    return v.toString();
}

std::optional<QString> Unstructured::nestedString(QStringView dottedPath) const
{
    return nestedString(splitPath(dottedPath));
}

std::optional<qint64> Unstructured::nestedInt64(const QStringList &path) const
{
    const QJsonValue v = nestedField(path);
    if (!v.isDouble())
        return std::nullopt;
    // Only integral numbers count, as in client-go where JSON integers decode to int64.
    constexpr qint64 sentinel = std::numeric_limits<qint64>::min();
    const qint64 i = v.toInteger(sentinel);
    if (i == sentinel)
        return std::nullopt;
    return i;
}

std::optional<qint64> Unstructured::nestedInt64(QStringView dottedPath) const
{
    return nestedInt64(splitPath(dottedPath));
}

std::optional<bool> Unstructured::nestedBool(const QStringList &path) const
{
    const QJsonValue v = nestedField(path);
    if (!v.isBool())
        return std::nullopt;
    return v.toBool();
}

std::optional<bool> Unstructured::nestedBool(QStringView dottedPath) const
{
    return nestedBool(splitPath(dottedPath));
}

std::optional<QStringList> Unstructured::nestedStringList(const QStringList &path) const
{
    const QJsonValue v = nestedField(path);
    if (!v.isArray())
        return std::nullopt;
    QStringList result;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString())
            return std::nullopt;
        result.append(item.toString());
    }
    return result;
}

std::optional<QStringList> Unstructured::nestedStringList(QStringView dottedPath) const
{
    return nestedStringList(splitPath(dottedPath));
}

std::optional<QMap<QString, QString>> Unstructured::nestedStringMap(const QStringList &path) const
{
    const QJsonValue v = nestedField(path);
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject o = v.toObject();
    QMap<QString, QString> result;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!it.value().isString())
            return std::nullopt;
        result.insert(it.key(), it.value().toString());
    }
    return result;
}

std::optional<QJsonObject> Unstructured::nestedObject(const QStringList &path) const
{
    const QJsonValue v = nestedField(path);
    if (!v.isObject())
        return std::nullopt;
    return v.toObject();
}

std::optional<QJsonArray> Unstructured::nestedSlice(const QStringList &path) const
{
    const QJsonValue v = nestedField(path);
    if (!v.isArray())
        return std::nullopt;
    return v.toArray();
}

VoidResult Unstructured::setNestedField(const QStringList &path, const QJsonValue &value)
{
    if (path.isEmpty())
        return Error::make(Error::Kind::InvalidRequest, QStringLiteral("empty field path"));
    return setIn(m_object, path, 0, value);
}

VoidResult Unstructured::setNestedField(QStringView dottedPath, const QJsonValue &value)
{
    return setNestedField(splitPath(dottedPath), value);
}

VoidResult Unstructured::setNestedStringList(const QStringList &path, const QStringList &values)
{
    return setNestedField(path, QJsonArray::fromStringList(values));
}

void Unstructured::removeNestedField(const QStringList &path)
{
    if (!path.isEmpty())
        removeIn(m_object, path, 0);
}

void Unstructured::removeNestedField(QStringView dottedPath)
{
    removeNestedField(splitPath(dottedPath));
}

} // namespace kube
