#pragma once

#include "objectrow.h"
#include "rowbatch.h"
#include "rowkeyindex.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace kube::ui {

/*!
 * The rows of one resource's list: the server's Table columns (what kubectl prints) or the
 * unstructured fallback (Name, Namespace, Age). Virtualised — a QTableView asks only for the
 * visible cells, so 50,000 rows cost 50,000 small structs and no widgets.
 *
 * Rows arrive in batches (appendRows(), one beginInsertRows() per batch) as list pages are
 * parsed off the GUI thread; a watch keeps them current (applyChange()). Ages are computed
 * from creationTimestamp against referenceTime(), so they stay right while the list is open.
 */
class ObjectListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectListModel)

public:
    enum Role {
        SortRole = Qt::UserRole + 1, //!< number (double) or string; invalid sorts last
        SeverityRole, //!< int(Severity) of the cell
        NameRole,
        NamespaceRole,
        UidRole,
        CreatedRole, //!< qint64 seconds since epoch
        PriorityRole, //!< header: the column's Table priority (> 0 = wide-only)
        DescriptionRole, //!< header: the column's description
    };

    explicit ObjectListModel(QObject *parent = nullptr);
    ~ObjectListModel() override;

    //! The resource ("pods") the rows belong to; it decides status colouring.
    void setResource(const QString &resource);
    QString resource() const { return m_resource; }

    //! Drops all rows and sets new columns.
    void reset(const QList<TableColumn> &columns);
    //! Drops all rows, keeps the columns.
    void clearRows();
    //! Replaces the columns when a page brings different ones (keeps rows when they fit).
    void setColumns(const QList<TableColumn> &columns);
    QList<TableColumn> columns() const { return m_columns; }

    void appendRows(QList<ObjectRow> rows);
    //! Watch update: Upsert replaces the row with the same uid (or appends), Remove deletes it.
    void applyChange(RowChange change, const ObjectRow &row);
    /*!
     * An informer batch, in place: removals in one pass (contiguous runs), changed rows
     * updated where they are, new rows appended in one insert. Rows are matched by
     * ObjectRow::key() through an index kept up to date incrementally, so a batch costs
     * O(batch + rows after the first removal), never a rebuild per event.
     */
    void applyBatch(const RowBatch &batch);
    //! Row of "namespace/name", -1 if none.
    int findKey(const QString &key) const;

    const ObjectRow &rowAt(int row) const { return m_rows.at(row); }
    int findUid(const QString &uid) const;
    //! Index of the column named \a name (case-insensitive), -1 if none.
    int columnNamed(QStringView name) const;

    //! "Now" for ages; defaults to the wall clock at the last refreshAges().
    qint64 referenceTime() const { return m_now; }
    void setReferenceTime(qint64 secsSinceEpoch);
    //! Moves "now" to the wall clock; views repaint on agesRefreshed().
    void refreshAges();

    //! The unstructured fallback columns: Name, (Namespace), Age.
    static QList<TableColumn> fallbackColumns(bool namespaced);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    //! Age and date cells read differently now (refreshAges()): repaint what is visible.
    void agesRefreshed();

private:
    QString cellText(const ObjectRow &row, int column) const;
    QVariant sortValue(const ObjectRow &row, int column) const;
    bool isAgeColumn(int column) const;
    void rebuildUidIndex() const;

    QString m_resource;
    QList<TableColumn> m_columns;
    QStringList m_columnNames;
    QList<ObjectRow> m_rows;
    mutable QHash<QString, int> m_uidIndex; // built on first watch event
    mutable bool m_uidIndexValid = false;
    RowKeyIndex m_keyIndex; // ObjectRow::key() -> row, always current
    qint64 m_now = 0;
    bool m_darkPalette = false;
};

} // namespace kube::ui
