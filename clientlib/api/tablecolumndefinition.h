#pragma once

#include <QJsonObject>
#include <QString>

namespace kube {

//! One column of a server-side Table (meta/v1 TableColumnDefinition).
struct TableColumnDefinition
{
    QString name; //!< "Name", "Ready", "Age" ...
    QString type; //!< OpenAPI type: string, integer, number, boolean, date
    QString format; //!< "name" for the name column, "date-time" ...
    QString description;
    int priority = 0; //!< 0 = always shown; > 0 only with -o wide

    static TableColumnDefinition fromJson(const QJsonObject &object);

    friend bool operator==(const TableColumnDefinition &, const TableColumnDefinition &) = default;
    QJsonObject toJson() const;
};

} // namespace kube
