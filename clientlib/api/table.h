#pragma once

#include "listmeta.h"
#include "result.h"
#include "tablecolumndefinition.h"
#include "tablerow.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace kube {

/*!
 * A server-side Table (meta.k8s.io/v1 or v1beta1 Table): what `kubectl get` prints. Request it
 * with Request::asTable() (the Accept header of RestClient::TableAcceptHeader), decode with
 * fromJson(). The rows' object is PartialObjectMetadata unless includeObject=Object was asked.
 * \code
 * auto table = kube::Table::fromJson(reply->result().body);
 * if (table) for (const auto &row : table->rows) qDebug() << row.name() << row.cells;
 * \endcode
 */
struct Table
{
    QString apiVersion; //!< meta.k8s.io/v1 or meta.k8s.io/v1beta1
    QList<TableColumnDefinition> columnDefinitions;
    QList<TableRow> rows;
    ListMeta metadata; //!< resourceVersion, continue, remainingItemCount

    //! Column index by name ("Name", "Age"), -1 if absent.
    int columnIndex(const QString &name) const;

    //! Decodes a Table document; Error::Kind::Decode when it is not JSON or not a Table.
    static Result<Table> fromJson(const QByteArray &body);
    static Result<Table> fromJsonObject(const QJsonObject &object);
    QJsonObject toJson() const;
};

} // namespace kube
