#include "table.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace kube {

int Table::columnIndex(const QString &name) const
{
    for (int i = 0; i < columnDefinitions.size(); ++i) {
        if (columnDefinitions.at(i).name == name)
            return i;
    }
    return -1;
}

Result<Table> Table::fromJson(const QByteArray &body)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError)
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("invalid Table JSON at offset %1: %2")
                               .arg(err.offset)
                               .arg(err.errorString()));
    if (!doc.isObject())
        return Error::make(Error::Kind::Decode, QStringLiteral("a Table must be a JSON object"));
    return fromJsonObject(doc.object());
}

Result<Table> Table::fromJsonObject(const QJsonObject &object)
{
    const QString kind = object.value(QLatin1String("kind")).toString();
    if (kind != QLatin1String("Table"))
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("expected a Table, got kind \"%1\"").arg(kind));
    Table t;
    t.apiVersion = object.value(QLatin1String("apiVersion")).toString();
    t.metadata = ListMeta::fromJson(object.value(QLatin1String("metadata")).toObject());
    const QJsonArray columns = object.value(QLatin1String("columnDefinitions")).toArray();
    t.columnDefinitions.reserve(columns.size());
    for (const QJsonValue &c : columns)
        t.columnDefinitions.append(TableColumnDefinition::fromJson(c.toObject()));
    const QJsonArray rows = object.value(QLatin1String("rows")).toArray();
    t.rows.reserve(rows.size());
    for (const QJsonValue &r : rows)
        t.rows.append(TableRow::fromJson(r.toObject()));
    return t;
}

QJsonObject Table::toJson() const
{
    QJsonArray columns;
    for (const TableColumnDefinition &c : columnDefinitions)
        columns.append(c.toJson());
    QJsonArray rowArray;
    for (const TableRow &r : rows)
        rowArray.append(r.toJson());
    return { { QStringLiteral("kind"), QStringLiteral("Table") },
             { QStringLiteral("apiVersion"),
               apiVersion.isEmpty() ? QStringLiteral("meta.k8s.io/v1") : apiVersion },
             { QStringLiteral("metadata"), metadata.toJson() },
             { QStringLiteral("columnDefinitions"), columns },
             { QStringLiteral("rows"), rowArray } };
}

} // namespace kube
