#include "unstructuredlist.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace kube {

namespace {
const QString kItems = QStringLiteral("items");
const QString kMetadata = QStringLiteral("metadata");
} // namespace

Result<UnstructuredList> UnstructuredList::fromJson(const QJsonObject &object)
{
    UnstructuredList list;
    list.m_object = object;
    list.m_object.remove(kItems);

    const QJsonValue items = object.value(kItems);
    if (items.isUndefined() || items.isNull())
        return list;
    if (!items.isArray())
        return Error::make(Error::Kind::Decode, QStringLiteral("items: expected an array"));

    const QString apiVersion = list.apiVersion();
    QString itemKind = list.kind();
    if (itemKind.endsWith(QLatin1String("List")))
        itemKind.chop(4);

    const QJsonArray array = items.toArray();
    list.m_items.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        if (!v.isObject()) {
            return Error::make(Error::Kind::Decode,
                               QStringLiteral("items[%1]: expected an object").arg(i));
        }
        Unstructured item(v.toObject());
        if (item.apiVersion().isEmpty() && !apiVersion.isEmpty())
            item.setApiVersion(apiVersion);
        if (item.kind().isEmpty() && !itemKind.isEmpty())
            item.setKind(itemKind);
        list.m_items.append(std::move(item));
    }
    return list;
}

Result<UnstructuredList> UnstructuredList::fromJson(const QByteArray &json)
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
    return fromJson(doc.object());
}

QJsonObject UnstructuredList::toJson() const
{
    QJsonObject o = m_object;
    QJsonArray items;
    for (const Unstructured &item : m_items)
        items.append(item.object());
    o.insert(kItems, items);
    return o;
}

QString UnstructuredList::apiVersion() const
{
    return m_object.value(QLatin1String("apiVersion")).toString();
}

void UnstructuredList::setApiVersion(const QString &apiVersion)
{
    m_object.insert(QStringLiteral("apiVersion"), apiVersion);
}

QString UnstructuredList::kind() const
{
    return m_object.value(QLatin1String("kind")).toString();
}

void UnstructuredList::setKind(const QString &kind)
{
    m_object.insert(QStringLiteral("kind"), kind);
}

void UnstructuredList::setMetadataField(const QString &key, const QJsonValue &value)
{
    QJsonObject meta = m_object.value(kMetadata).toObject();
    if (value.isString() && value.toString().isEmpty())
        meta.remove(key);
    else
        meta.insert(key, value);
    m_object.insert(kMetadata, meta);
}

QString UnstructuredList::resourceVersion() const
{
    return m_object.value(kMetadata).toObject().value(QLatin1String("resourceVersion")).toString();
}

void UnstructuredList::setResourceVersion(const QString &resourceVersion)
{
    setMetadataField(QStringLiteral("resourceVersion"), resourceVersion);
}

QString UnstructuredList::continueToken() const
{
    return m_object.value(kMetadata).toObject().value(QLatin1String("continue")).toString();
}

void UnstructuredList::setContinueToken(const QString &token)
{
    setMetadataField(QStringLiteral("continue"), token);
}

std::optional<qint64> UnstructuredList::remainingItemCount() const
{
    const QJsonValue v
        = m_object.value(kMetadata).toObject().value(QLatin1String("remainingItemCount"));
    if (!v.isDouble())
        return std::nullopt;
    return v.toInteger();
}

} // namespace kube
