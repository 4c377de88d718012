#include "resourcetreemodel.h"

#include <QFont>
#include <QHash>

#include <algorithm>

namespace kube::ui {

ResourceTreeModel::ResourceTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
    , m_namespacedIcon(QStringLiteral(":/icons/namespaced.png"))
    , m_clusterScopedIcon(QStringLiteral(":/icons/clusterscoped.png"))
    , m_groupIcon(QStringLiteral(":/icons/group.png"))
    , m_clusterIcon(QStringLiteral(":/icons/cluster.png"))
{ }

ResourceTreeModel::~ResourceTreeModel() = default;

void ResourceTreeModel::setClusterName(const QString &name)
{
    m_clusterName = name;
    const QModelIndex idx = clusterIndex();
    if (idx.isValid())
        emit dataChanged(idx, idx, { Qt::DisplayRole });
}

void ResourceTreeModel::setResources(const QList<ResourceType> &resources)
{
    beginResetModel();
    m_resources.clear();
    m_root = std::make_unique<Node>();
    auto cluster = std::make_unique<Node>();
    cluster->type = NodeType::Cluster;
    cluster->parent = m_root.get();
    Node *clusterNode = cluster.get();
    m_root->children.push_back(std::move(cluster));

    QHash<QString, Node *> groups;
    QHash<QString, Node *> versions;
    for (const ResourceType &rt : resources) {
        if (rt.resource.contains(u'/'))
            continue; // subresources are not browsable nodes
        Node *g = groups.value(rt.group);
        if (!g) {
            auto node = std::make_unique<Node>();
            node->type = NodeType::Group;
            node->group = rt.group;
            node->name = rt.group.isEmpty() ? QStringLiteral("core") : rt.group;
            node->parent = clusterNode;
            node->row = int(clusterNode->children.size());
            g = node.get();
            clusterNode->children.push_back(std::move(node));
            groups.insert(rt.group, g);
        }
        const QString gvKey = rt.group + u'/' + rt.version;
        Node *v = versions.value(gvKey);
        if (!v) {
            auto node = std::make_unique<Node>();
            node->type = NodeType::Version;
            node->group = rt.group;
            node->version = rt.version;
            node->name = rt.version;
            node->preferred = rt.preferred;
            node->parent = g;
            v = node.get();
            g->children.push_back(std::move(node));
            versions.insert(gvKey, v);
        }
        m_resources.append(rt);
        auto node = std::make_unique<Node>();
        node->type = NodeType::Resource;
        node->group = rt.group;
        node->version = rt.version;
        node->name = rt.resource;
        node->resourceIndex = int(m_resources.size()) - 1;
        node->preferred = rt.preferred;
        node->parent = v;
        v->children.push_back(std::move(node));
    }
    for (auto &g : clusterNode->children) {
        // The preferred version first, the others after it in discovery order.
        std::stable_sort(g->children.begin(), g->children.end(), [](const auto &a, const auto &b) {
            return a->preferred && !b->preferred;
        });
        for (size_t vi = 0; vi < g->children.size(); ++vi) {
            Node *v = g->children[vi].get();
            v->row = int(vi);
            std::sort(v->children.begin(), v->children.end(),
                      [](const auto &a, const auto &b) { return a->name < b->name; });
            for (size_t ri = 0; ri < v->children.size(); ++ri)
                v->children[ri]->row = int(ri);
        }
    }
    endResetModel();
}

QModelIndex ResourceTreeModel::clusterIndex() const
{
    return m_root->children.empty() ? QModelIndex() : createIndex(0, 0, m_root->children[0].get());
}

std::optional<ResourceType> ResourceTreeModel::resourceAt(const QModelIndex &index) const
{
    const Node *n = nodeFor(index);
    if (!n || n->type != NodeType::Resource)
        return std::nullopt;
    return m_resources.at(n->resourceIndex);
}

QModelIndex ResourceTreeModel::indexOf(const GroupVersionResource &gvr) const
{
    if (m_root->children.empty())
        return {};
    for (const auto &g : m_root->children[0]->children) {
        if (g->group != gvr.group)
            continue;
        for (const auto &v : g->children) {
            if (v->version != gvr.version)
                continue;
            for (const auto &r : v->children) {
                if (r->name == gvr.resource)
                    return createIndex(r->row, 0, r.get());
            }
        }
    }
    return {};
}

ResourceTreeModel::Node *ResourceTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex ResourceTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const Node *p = parent.isValid() ? nodeFor(parent) : m_root.get();
    if (parent.isValid() && parent.column() != 0)
        return {};
    if (!p || size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[row].get());
}

QModelIndex ResourceTreeModel::parent(const QModelIndex &child) const
{
    const Node *n = nodeFor(child);
    if (!n || !n->parent || n->parent == m_root.get())
        return {};
    return createIndex(n->parent->row, 0, n->parent);
}

int ResourceTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node *p = parent.isValid() ? nodeFor(parent) : m_root.get();
    return p ? int(p->children.size()) : 0;
}

int ResourceTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString ResourceTreeModel::toolTip(const Node *n) const
{
    switch (n->type) {
    case NodeType::Cluster:
        return tr("Cluster %1").arg(m_clusterName);
    case NodeType::Group:
        return n->group.isEmpty()
            ? tr("The legacy core group (apiVersion v1)")
            : tr("API group %1, %n version(s)", nullptr, int(n->children.size())).arg(n->group);
    case NodeType::Version:
        return n->preferred ? tr("%1: the group's preferred version").arg(n->name)
                            : tr("%1: also available (not the preferred version)").arg(n->name);
    case NodeType::Resource: {
        const ResourceType &rt = m_resources.at(n->resourceIndex);
        QString tip
            = QStringLiteral("<b>%1</b> (%2, %3)<br>").arg(rt.resource, rt.kind, rt.apiVersion());
        tip += rt.namespaced ? tr("Namespaced") : tr("Cluster-scoped");
        if (!rt.shortNames.isEmpty())
            tip += QStringLiteral("<br>")
                + tr("Short names: %1").arg(rt.shortNames.join(QStringLiteral(", ")));
        tip += QStringLiteral("<br>") + tr("Verbs: %1").arg(rt.verbs.join(QStringLiteral(", ")));
        if (!rt.categories.isEmpty())
            tip += QStringLiteral("<br>")
                + tr("Categories: %1").arg(rt.categories.join(QStringLiteral(", ")));
        if (!rt.canList())
            tip += QStringLiteral("<br><i>") + tr("Cannot be listed (no \"list\" verb)")
                + QStringLiteral("</i>");
        return tip;
    }
    }
    return {};
}

QVariant ResourceTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *n = nodeFor(index);
    if (!n)
        return {};
    const ResourceType *rt
        = n->type == NodeType::Resource ? &m_resources.at(n->resourceIndex) : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            if (n->type == NodeType::Cluster)
                return m_clusterName.isEmpty() ? tr("Cluster") : m_clusterName;
            if (n->type == NodeType::Version && n->preferred)
                return tr("%1 (preferred)").arg(n->name);
            return n->name;
        case KindColumn:
            return rt ? rt->kind : QVariant();
        case ScopeColumn:
            if (!rt)
                return {};
            return rt->namespaced ? tr("Namespaced") : tr("Cluster");
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        switch (n->type) {
        case NodeType::Cluster:
            return m_clusterIcon;
        case NodeType::Group:
            return m_groupIcon;
        case NodeType::Version:
            return {};
        case NodeType::Resource:
            return rt->namespaced ? m_namespacedIcon : m_clusterScopedIcon;
        }
        return {};
    case Qt::FontRole:
        if (n->type == NodeType::Version && n->preferred) {
            QFont f;
            f.setBold(true);
            return f;
        }
        if (n->type == NodeType::Resource && !n->preferred) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(n);
    case NodeTypeRole:
        return int(n->type);
    case GroupRole:
        return n->group;
    case VersionRole:
        return n->version;
    case ResourceNameRole:
        return rt ? rt->resource : QVariant();
    case KindRole:
        return rt ? rt->kind : QVariant();
    case ShortNamesRole:
        return rt ? rt->shortNames : QVariant();
    case PreferredRole:
        return n->preferred;
    case NamespacedRole:
        return rt ? rt->namespaced : QVariant();
    default:
        return {};
    }
}

QVariant ResourceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Resource");
    case KindColumn:
        return tr("Kind");
    case ScopeColumn:
        return tr("Scope");
    }
    return {};
}

Qt::ItemFlags ResourceTreeModel::flags(const QModelIndex &index) const
{
    const Node *n = nodeFor(index);
    if (!n)
        return Qt::NoItemFlags;
    if (n->type == NodeType::Resource && !m_resources.at(n->resourceIndex).canList())
        return Qt::NoItemFlags; // shown, but not selectable: the list verb is missing
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace kube::ui
