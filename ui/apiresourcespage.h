#pragma once

#include "resourcetype.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QLabel;

namespace kube::ui {

class ApiResourcesModel;

/*!
 * The `kubectl api-resources` page: the table plus a filter box; activating a row (double
 * click or Enter) emits resourceActivated() so the main window opens that resource's list.
 */
class ApiResourcesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiResourcesPage)

public:
    explicit ApiResourcesPage(QWidget *parent = nullptr);
    ~ApiResourcesPage() override;

    void setResources(const QList<ResourceType> &resources);
    ApiResourcesModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *tableView() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }

signals:
    void resourceActivated(const kube::ui::ResourceType &resource);

private:
    ApiResourcesModel *m_model; // Owned (QObject child).
    QSortFilterProxyModel *m_proxy; // Owned (QObject child).
    QLineEdit *m_filter;
    QLabel *m_count;
    QTableView *m_table;
};

} // namespace kube::ui
