#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace kube {

/*!
 * One row of a server-side Table (meta/v1 TableRow): the cells in column order and the object
 * the row shows (PartialObjectMetadata by default: apiVersion, kind, metadata).
 */
struct TableRow
{
    QList<QJsonValue> cells;
    QJsonObject object; //!< the row's object (includeObject=Metadata: only metadata)
    QJsonObject conditions; //!< unused by the server today; kept for round trips

    //! The object's metadata, and its most used fields.
    QJsonObject metadata() const { return object.value(QLatin1String("metadata")).toObject(); }
    QString name() const { return metadata().value(QLatin1String("name")).toString(); }
    QString namespaceName() const
    {
        return metadata().value(QLatin1String("namespace")).toString();
    }
    QString uid() const { return metadata().value(QLatin1String("uid")).toString(); }
    QString resourceVersion() const
    {
        return metadata().value(QLatin1String("resourceVersion")).toString();
    }

    static TableRow fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

} // namespace kube
