#pragma once

#include "resourcetype.h"

#include <QAbstractItemModel>
#include <QIcon>

#include <memory>
#include <optional>
#include <vector>

namespace kube::ui {

/*!
 * The resource tree: Cluster → group ("core" for the legacy group) → version → resource.
 * Built from discovery (ClusterSession converts to ResourceType). The preferred version of
 * each group is marked; subresources ("pods/log") are not nodes; resources without the
 * "list" verb are shown but disabled. Three columns: name, kind, scope.
 *
 * setResources() replaces the whole tree (discovery refreshes are rare, a reset is cheap for
 * a few thousand nodes); MainWindow restores the selection by GVR afterwards.
 */
class ResourceTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourceTreeModel)

public:
    enum Column { NameColumn, KindColumn, ScopeColumn, ColumnCount };
    enum class NodeType { Cluster, Group, Version, Resource };
    enum Role {
        NodeTypeRole = Qt::UserRole + 1, //!< int(NodeType)
        GroupRole, //!< the group of this node ("" for core)
        VersionRole,
        ResourceNameRole, //!< plural, resource nodes only
        KindRole,
        ShortNamesRole, //!< QStringList
        PreferredRole, //!< bool: this version is the group's preferred one
        NamespacedRole,
    };

    explicit ResourceTreeModel(QObject *parent = nullptr);
    ~ResourceTreeModel() override;

    void setClusterName(const QString &name);
    //! Replaces the tree. Group and version order follows \a resources (discovery order);
    //! resources within a version are sorted by name. Names with '/' are skipped.
    void setResources(const QList<ResourceType> &resources);
    const QList<ResourceType> &resources() const { return m_resources; }

    //! The resource at a resource node, nullopt for other nodes.
    std::optional<ResourceType> resourceAt(const QModelIndex &index) const;
    QModelIndex indexOf(const GroupVersionResource &gvr) const;
    //! The cluster node (row 0 at the top level), invalid when empty.
    QModelIndex clusterIndex() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node
    {
        NodeType type = NodeType::Cluster;
        QString name;
        QString group;
        QString version;
        int resourceIndex = -1; // into m_resources
        bool preferred = false;
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    Node *nodeFor(const QModelIndex &index) const;
    QString toolTip(const Node *node) const;

    QString m_clusterName;
    QList<ResourceType> m_resources;
    std::unique_ptr<Node> m_root; // invisible root; its one child is the cluster node
    QIcon m_namespacedIcon;
    QIcon m_clusterScopedIcon;
    QIcon m_groupIcon;
    QIcon m_clusterIcon;
};

} // namespace kube::ui
