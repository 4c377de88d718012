#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kube::cli {

//! One column of a server-side Table (meta.k8s.io/v1 TableColumnDefinition).
struct TableColumn
{
    QString name;
    QString type;
    QString format;
    int priority = 0;

    friend bool operator==(const TableColumn &, const TableColumn &) = default;
};

//! One row: its cells as decoded JSON and the metadata of the object it describes.
struct TableRow
{
    QJsonArray cells;
    QJsonObject objectMeta; //!< row.object.metadata (PartialObjectMetadata), may be empty
};

/*!
 * A server-side Table response (what kubectl gets with Accept: ...;as=Table;g=meta.k8s.io) in the
 * shape the printers need. A pure value: parse it with fromJson().
 */
struct TableData
{
    QList<TableColumn> columns;
    QList<TableRow> rows;
    QString resourceVersion;
    QString continueToken;

    //! Parses a Table object; rows without "cells" are kept as empty rows.
    static TableData fromJson(const QJsonObject &table);
    //! True when \a object is a meta.k8s.io Table.
    static bool isTable(const QJsonObject &object);
};

} // namespace kube::cli
