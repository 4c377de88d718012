#pragma once

#include "resourcetype.h"

#include <QWidget>

#include <optional>

class QLineEdit;
class QTreeView;

namespace kube::ui {

class ResourceTreeModel;
class ResourceTreeFilterProxy;

/*!
 * The left pane: a filter box over the resource tree. Emits resourceSelected() when the user
 * picks a listable resource. setResources() keeps the selection and the expanded groups, so
 * a background discovery refresh does not disturb the user.
 */
class ResourceTreeView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourceTreeView)

public:
    explicit ResourceTreeView(QWidget *parent = nullptr);
    ~ResourceTreeView() override;

    void setClusterName(const QString &name);
    void setResources(const QList<ResourceType> &resources);
    //! Selects (and reveals) \a gvr; false when the tree has no such resource.
    bool select(const GroupVersionResource &gvr);
    std::optional<ResourceType> currentResource() const;

    ResourceTreeModel *model() const { return m_model; }
    ResourceTreeFilterProxy *proxy() const { return m_proxy; }
    QTreeView *treeView() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filter; }

signals:
    void resourceSelected(const kube::ui::ResourceType &resource);

private:
    void onCurrentChanged();
    void applyFilter(const QString &text);
    void expandDefaults();

    ResourceTreeModel *m_model; // Owned (QObject child).
    ResourceTreeFilterProxy *m_proxy; // Owned (QObject child).
    QLineEdit *m_filter;
    QTreeView *m_tree;
    bool m_restoring = false;
};

} // namespace kube::ui
