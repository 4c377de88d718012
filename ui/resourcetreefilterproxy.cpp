#include "resourcetreefilterproxy.h"

#include "resourcetreemodel.h"

namespace kube::ui {

ResourceTreeFilterProxy::ResourceTreeFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
}

ResourceTreeFilterProxy::~ResourceTreeFilterProxy() = default;

void ResourceTreeFilterProxy::setFilterText(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_filter)
        return;
    m_filter = t;
    invalidateFilter();
}

bool ResourceTreeFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filter.isEmpty())
        return true;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    using NodeType = ResourceTreeModel::NodeType;
    const auto type = NodeType(idx.data(ResourceTreeModel::NodeTypeRole).toInt());
    switch (type) {
    case NodeType::Cluster:
    case NodeType::Version:
        return false; // visible only through matching children
    case NodeType::Group: {
        const QString group = idx.data(ResourceTreeModel::GroupRole).toString();
        const QString name = group.isEmpty() ? QStringLiteral("core") : group;
        return name.startsWith(m_filter, Qt::CaseInsensitive);
    }
    case NodeType::Resource:
        break;
    }
    const auto *model = static_cast<const ResourceTreeModel *>(sourceModel());
    const auto rt = model->resourceAt(idx);
    if (!rt)
        return false;
    if (rt->resource.contains(m_filter, Qt::CaseInsensitive)
        || rt->singular.contains(m_filter, Qt::CaseInsensitive)
        || rt->kind.contains(m_filter, Qt::CaseInsensitive)
        || rt->qualifiedName().compare(m_filter, Qt::CaseInsensitive) == 0)
        return true;
    for (const QString &s : rt->shortNames) {
        if (s.compare(m_filter, Qt::CaseInsensitive) == 0)
            return true;
    }
    for (const QString &c : rt->categories) {
        if (c.compare(m_filter, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace kube::ui
