#include "objectfilterproxy.h"

#include "objectlistmodel.h"

#include <algorithm>

namespace kube::ui {

ObjectFilterProxy::ObjectFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ObjectListModel::SortRole);
    setDynamicSortFilter(true);
}

ObjectFilterProxy::~ObjectFilterProxy() = default;

void ObjectFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    m_source = qobject_cast<ObjectListModel *>(model);
    invalidateKeys();
    // Connected before the base class connects its own handlers, so the key cache is already
    // invalid when the proxy re-sorts in response to the same signal.
    if (model) {
        connect(model, &QAbstractItemModel::modelAboutToBeReset, this,
                &ObjectFilterProxy::invalidateKeys);
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                &ObjectFilterProxy::invalidateKeys);
        connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this,
                &ObjectFilterProxy::invalidateKeys);
        connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
                [this](const QModelIndex &, int first, int) {
                    if (size_t(first) < m_keys.size())
                        invalidateKeys();
                });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    if (m_keyColumn < topLeft.column() || m_keyColumn > bottomRight.column())
                        return;
                    const int last = std::min<int>(bottomRight.row(), int(m_keys.size()) - 1);
                    for (int r = topLeft.row(); r <= last; ++r)
                        m_keys[r].rank = 3; // recompute on next use
                });
    }
    QSortFilterProxyModel::setSourceModel(model);
}

void ObjectFilterProxy::invalidateKeys()
{
    m_keys.clear();
    m_keyColumn = -1;
}

void ObjectFilterProxy::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filter)
        return;
    m_filter = trimmed;
    invalidateFilter();
}

void ObjectFilterProxy::sort(int column, Qt::SortOrder order)
{
    invalidateKeys();
    QSortFilterProxyModel::sort(column, order);
}

const ObjectFilterProxy::SortKey &ObjectFilterProxy::key(int sourceRow, int column) const
{
    if (column != m_keyColumn) {
        m_keys.clear();
        m_keyColumn = column;
    }
    if (size_t(sourceRow) >= m_keys.size())
        m_keys.resize(std::max(sourceRow + 1, sourceModel()->rowCount()), SortKey { 3, 0, {} });
    SortKey &k = m_keys[sourceRow];
    if (k.rank == 3) {
        const QVariant v = sourceModel()->index(sourceRow, column).data(sortRole());
        if (!v.isValid() || (v.typeId() == QMetaType::QString && v.toString().isEmpty())) {
            k = SortKey { 2, 0, {} };
        } else if (v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Int
                   || v.typeId() == QMetaType::LongLong) {
            k = SortKey { 0, v.toDouble(), {} };
        } else {
            k = SortKey { 1, 0, v.toString() };
        }
    }
    return k;
}

bool ObjectFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Copies: the second key() may grow m_keys and would leave a reference to the first dangling.
    const SortKey a = key(left.row(), left.column());
    const SortKey b = key(right.row(), right.column());
    if (a.rank != b.rank) {
        // Empty cells last in both directions: undo the view's reversal for them.
        const bool aFirst = a.rank < b.rank;
        if (a.rank == 2 || b.rank == 2)
            return sortOrder() == Qt::AscendingOrder ? aFirst : !aFirst;
        return aFirst;
    }
    if (a.rank == 0)
        return a.number < b.number;
    if (a.rank == 1) {
        const int c = a.text.compare(b.text, Qt::CaseInsensitive);
        if (c != 0)
            return c < 0;
    }
    // Stable tie-break on the source row keeps equal keys in server order.
    return left.row() < right.row();
}

bool ObjectFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filter.isEmpty())
        return true;
    if (!m_source)
        return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
    const ObjectRow &row = m_source->rowAt(sourceRow);
    if (row.name.contains(m_filter, Qt::CaseInsensitive)
        || row.ns.contains(m_filter, Qt::CaseInsensitive))
        return true;
    for (const QVariant &cell : row.cells) {
        if (cell.typeId() == QMetaType::QString
            && cell.toString().contains(m_filter, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace kube::ui
