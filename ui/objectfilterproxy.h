#pragma once

#include <QSortFilterProxyModel>

#include <vector>

namespace kube::ui {

class ObjectListModel;

/*!
 * Sorting and text filtering over an ObjectListModel. Sorting uses ObjectListModel::SortRole,
 * so ages, restarts and other numbers sort as values, not as text; empty and "<none>" cells
 * sort last. Sort keys are computed once per sort and cached (50,000 rows × log n
 * comparisons would otherwise re-parse cells a million times).
 *
 * The text filter matches name, namespace or any cell, case-insensitively.
 */
class ObjectFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectFilterProxy)

public:
    explicit ObjectFilterProxy(QObject *parent = nullptr);
    ~ObjectFilterProxy() override;

    void setSourceModel(QAbstractItemModel *model) override;
    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    struct SortKey
    {
        quint8 rank = 2; // 0 number, 1 text, 2 empty: numbers first, empty last
        double number = 0;
        QString text;
    };
    const SortKey &key(int sourceRow, int column) const;
    void invalidateKeys();

    ObjectListModel *m_source = nullptr; // Not owned.
    QString m_filter;
    mutable std::vector<SortKey> m_keys;
    mutable int m_keyColumn = -1;
};

} // namespace kube::ui
