#pragma once

#include "resourcetype.h"

#include <QAbstractTableModel>

namespace kube::ui {

/*!
 * The `kubectl api-resources` table: NAME, SHORTNAMES, APIVERSION, NAMESPACED, KIND (and
 * VERBS, hidden by default like kubectl's -o wide). Only each group's preferred version, no
 * subresources, sorted by group then name — kubectl's default order.
 */
class ApiResourcesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiResourcesModel)

public:
    enum Column {
        NameColumn,
        ShortNamesColumn,
        ApiVersionColumn,
        NamespacedColumn,
        KindColumn,
        VerbsColumn,
        ColumnCount
    };
    enum Role { ResourceIndexRole = Qt::UserRole + 1 };

    explicit ApiResourcesModel(QObject *parent = nullptr);
    ~ApiResourcesModel() override;

    void setResources(const QList<ResourceType> &resources);
    const ResourceType &resourceAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<ResourceType> m_rows;
};

} // namespace kube::ui
