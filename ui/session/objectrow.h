#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>

namespace kube::ui {

//! A column of a server-side Table (meta.k8s.io/v1 TableColumnDefinition).
struct TableColumn
{
    QString name; //!< "NAME", as the server spells it ("Name")
    QString type; //!< integer, number, string, boolean, date
    QString format; //!< "name", "date" ...
    QString description;
    int priority = 0; //!< > 0: shown by kubectl only with -o wide

    friend bool operator==(const TableColumn &, const TableColumn &) = default;
};

/*!
 * One row of an object list: the Table cells plus the bits of object metadata the GUI needs
 * (identity for selection and watch updates, the creation time for live ages). Kept small:
 * 50,000 of these are held at once.
 */
struct ObjectRow
{
    QString name;
    QString ns; //!< empty for cluster-scoped objects
    QString uid;
    QString resourceVersion;
    qint64 createdSecs = 0; //!< metadata.creationTimestamp, seconds since epoch; 0 = unknown
    QVariantList cells; //!< one per TableColumn; strings, numbers or booleans

    //! "namespace/name" (or "name"): the informer's key, unique within a list.
    QString key() const { return ns.isEmpty() ? name : ns + u'/' + name; }
};

//! A watch event applied to a list (ADDED/MODIFIED upsert, DELETED removes by uid).
enum class RowChange { Upsert, Remove };

} // namespace kube::ui

Q_DECLARE_METATYPE(kube::ui::TableColumn)
Q_DECLARE_METATYPE(kube::ui::ObjectRow)
