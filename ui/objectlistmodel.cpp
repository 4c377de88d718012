#include "objectlistmodel.h"

#include "rowconverter.h"

#include <QSet>

#include <algorithm>

#include "humanduration.h"
#include "statusseverity.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QPalette>

namespace kube::ui {

namespace {

qint64 parseTimestamp(const QString &text)
{
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODate);
    return dt.isValid() ? dt.toSecsSinceEpoch() : 0;
}

bool isPlaceholder(const QString &text)
{
    return text.isEmpty() || text == QLatin1String("<none>") || text == QLatin1String("<unknown>")
        || text == QLatin1String("<invalid>");
}

} // namespace

ObjectListModel::ObjectListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentSecsSinceEpoch())
{
    if (qGuiApp)
        m_darkPalette = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
}

ObjectListModel::~ObjectListModel() = default;

void ObjectListModel::setResource(const QString &resource)
{
    m_resource = resource;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         { Qt::ForegroundRole });
}

QList<TableColumn> ObjectListModel::fallbackColumns(bool namespaced)
{
    return RowConverter::fallbackColumns(namespaced);
}

void ObjectListModel::reset(const QList<TableColumn> &columns)
{
    beginResetModel();
    m_columns = columns;
    m_columnNames.clear();
    for (const auto &c : columns)
        m_columnNames.append(c.name);
    m_rows.clear();
    m_rows.squeeze();
    m_uidIndex.clear();
    m_uidIndexValid = false;
    m_keyIndex.clear();
    m_now = QDateTime::currentSecsSinceEpoch();
    endResetModel();
}

void ObjectListModel::clearRows()
{
    reset(m_columns);
}

void ObjectListModel::setColumns(const QList<TableColumn> &columns)
{
    if (columns == m_columns)
        return;
    if (m_rows.isEmpty()) {
        reset(columns);
        return;
    }
    // Different columns with rows present: the old cells no longer line up, start over.
    reset(columns);
}

void ObjectListModel::appendRows(QList<ObjectRow> rows)
{
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    if (m_rows.isEmpty())
        m_rows = std::move(rows);
    else
        m_rows.append(std::move(rows));
    if (m_uidIndexValid) {
        for (int i = first; i < m_rows.size(); ++i)
            m_uidIndex.insert(m_rows[i].uid, i);
    }
    m_keyIndex.reserve(m_rows.size());
    for (int i = first; i < m_rows.size(); ++i)
        m_keyIndex.append(m_rows[i].key());
    endInsertRows();
}

int ObjectListModel::findKey(const QString &key) const
{
    return m_keyIndex.find(key);
}

void ObjectListModel::applyBatch(const RowBatch &batch)
{
    // 1. Removals, in one pass: the rows' indices sorted, removed from the end in contiguous
    //    runs (one beginRemoveRows per run, so views keep their selection and scroll).
    QList<int> gone;
    gone.reserve(batch.removed.size());
    for (const QString &key : batch.removed) {
        const int i = m_keyIndex.find(key);
        if (i >= 0)
            gone.append(i);
    }
    if (!gone.isEmpty()) {
        std::sort(gone.begin(), gone.end());
        for (qsizetype end = gone.size(); end > 0;) {
            qsizetype start = end - 1;
            while (start > 0 && gone[start - 1] == gone[start] - 1)
                --start;
            const int first = gone[start];
            const int last = gone[end - 1];
            beginRemoveRows({}, first, last);
            m_rows.remove(first, last - first + 1);
            m_keyIndex.removeRows(first, last - first + 1);
            endRemoveRows();
            end = start;
        }
        m_uidIndexValid = false;
    }

    // 2. Changes in place (dataChanged per contiguous run), 3. new rows in one insert.
    QList<ObjectRow> added;
    QList<int> changed;
    for (const ObjectRow &row : batch.upserts) {
        const QString key = row.key();
        const int i = m_keyIndex.find(key);
        if (i >= 0) {
            if (m_rows[i].uid != row.uid)
                m_uidIndexValid = false;
            m_rows[i] = row;
            changed.append(i);
        } else {
            added.append(row);
        }
    }
    if (!changed.isEmpty()) {
        std::sort(changed.begin(), changed.end());
        const int lastColumn = columnCount() - 1;
        qsizetype start = 0;
        for (qsizetype k = 1; k <= changed.size(); ++k) {
            if (k == changed.size() || changed[k] != changed[k - 1] + 1) {
                emit dataChanged(index(changed[start], 0), index(changed[k - 1], lastColumn));
                start = k;
            }
        }
    }
    if (!added.isEmpty()) {
        // Duplicates within one batch cannot happen (keys are unique per batch), but a key
        // listed twice must still be one row.
        QSet<QString> seen;
        QList<ObjectRow> unique;
        unique.reserve(added.size());
        for (ObjectRow &r : added) {
            if (!seen.contains(r.key())) {
                seen.insert(r.key());
                unique.append(std::move(r));
            }
        }
        appendRows(std::move(unique));
    }
}

void ObjectListModel::rebuildUidIndex() const
{
    m_uidIndex.clear();
    m_uidIndex.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_uidIndex.insert(m_rows[i].uid, i);
    m_uidIndexValid = true;
}

int ObjectListModel::findUid(const QString &uid) const
{
    if (!m_uidIndexValid)
        rebuildUidIndex();
    return m_uidIndex.value(uid, -1);
}

void ObjectListModel::applyChange(RowChange change, const ObjectRow &row)
{
    const int existing = findUid(row.uid);
    if (change == RowChange::Remove) {
        if (existing < 0)
            return;
        beginRemoveRows({}, existing, existing);
        m_rows.removeAt(existing);
        m_keyIndex.removeRows(existing, 1);
        m_uidIndexValid = false;
        endRemoveRows();
        return;
    }
    if (existing >= 0) {
        m_rows[existing] = row;
        emit dataChanged(index(existing, 0), index(existing, columnCount() - 1));
        return;
    }
    appendRows({ row });
}

int ObjectListModel::columnNamed(QStringView name) const
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (QStringView(m_columns[i].name).compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

void ObjectListModel::setReferenceTime(qint64 secsSinceEpoch)
{
    m_now = secsSinceEpoch;
}

void ObjectListModel::refreshAges()
{
    m_now = QDateTime::currentSecsSinceEpoch();
    // Not dataChanged over whole columns: the sort/filter proxy would re-examine every row
    // (hundreds of ms on 50,000 rows, every 30 s), although the order by age (creation time)
    // cannot change as time passes. Views repaint the visible cells instead.
    if (!m_rows.isEmpty())
        emit agesRefreshed();
}

bool ObjectListModel::isAgeColumn(int column) const
{
    return m_columns[column].name.compare(QLatin1String("Age"), Qt::CaseInsensitive) == 0;
}

int ObjectListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ObjectListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString ObjectListModel::cellText(const ObjectRow &row, int column) const
{
    const TableColumn &col = m_columns[column];
    // Ages are recomputed from creationTimestamp so they keep counting while the list is open.
    if (isAgeColumn(column) && row.createdSecs > 0)
        return humanDuration(m_now - row.createdSecs);
    const QVariant cell = column < row.cells.size() ? row.cells[column] : QVariant();
    if (col.type == QLatin1String("date")) {
        // kubectl prints date columns (CRD printer columns) as ages.
        const qint64 t = parseTimestamp(cell.toString());
        return t > 0 ? humanDuration(m_now - t) : QStringLiteral("<unknown>");
    }
    switch (cell.typeId()) {
    case QMetaType::UnknownType:
        return QString();
    case QMetaType::Bool:
        return cell.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double: {
        const double d = cell.toDouble();
        return d == qint64(d) ? QString::number(qint64(d)) : QString::number(d);
    }
    default:
        return cell.toString();
    }
}

QVariant ObjectListModel::sortValue(const ObjectRow &row, int column) const
{
    const TableColumn &col = m_columns[column];
    if (isAgeColumn(column) && row.createdSecs > 0)
        return double(m_now - row.createdSecs);
    const QVariant cell = column < row.cells.size() ? row.cells[column] : QVariant();
    if (col.type == QLatin1String("date")) {
        const qint64 t = parseTimestamp(cell.toString());
        return t > 0 ? QVariant(double(m_now - t)) : QVariant();
    }
    switch (cell.typeId()) {
    case QMetaType::UnknownType:
        return {};
    case QMetaType::Bool:
        return cell.toBool() ? 1.0 : 0.0;
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Double:
        return cell.toDouble();
    default:
        break;
    }
    const QString text = cell.toString();
    if (isPlaceholder(text))
        return {};
    if (col.type == QLatin1String("integer") || col.type == QLatin1String("number")) {
        // "3 (5m ago)" restarts, "250m" quantities: the leading number is the value.
        if (auto n = leadingNumber(text))
            return *n;
    }
    // "LAST SEEN", "DURATION", "AGE" cells the server formatted itself.
    if (auto secs = parseHumanDuration(text))
        return double(*secs);
    return text;
}

QVariant ObjectListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    const ObjectRow &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return cellText(row, index.column());
    case Qt::ToolTipRole: {
        const QString text = cellText(row, index.column());
        if (isAgeColumn(index.column()) && row.createdSecs > 0)
            return QDateTime::fromSecsSinceEpoch(row.createdSecs, Qt::UTC).toString(Qt::ISODate);
        return text.size() > 40 ? text : QVariant();
    }
    case Qt::ForegroundRole: {
        const auto sev = Severity(data(index, SeverityRole).toInt());
        if (sev == Severity::None)
            return {};
        return severityColor(sev, m_darkPalette);
    }
    case SeverityRole: {
        if (m_resource.isEmpty())
            return int(Severity::None);
        QStringList cells;
        cells.reserve(m_columns.size());
        for (int c = 0; c < m_columns.size(); ++c)
            cells.append(c < row.cells.size() ? row.cells[c].toString() : QString());
        return int(cellSeverity(m_resource, m_columns[index.column()].name,
                                cells.value(index.column()), m_columnNames, cells));
    }
    case SortRole:
        return sortValue(row, index.column());
    case NameRole:
        return row.name;
    case NamespaceRole:
        return row.ns;
    case UidRole:
        return row.uid;
    case CreatedRole:
        return row.createdSecs;
    default:
        return {};
    }
}

QVariant ObjectListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const TableColumn &col = m_columns[section];
    switch (role) {
    case Qt::DisplayRole:
        return col.name.toUpper();
    case Qt::ToolTipRole:
        return col.description.isEmpty() ? QVariant() : col.description;
    case PriorityRole:
        return col.priority;
    case DescriptionRole:
        return col.description;
    default:
        return {};
    }
}

} // namespace kube::ui
