#include "apiresourcesmodel.h"

#include <QSet>

#include <algorithm>

namespace kube::ui {

ApiResourcesModel::ApiResourcesModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

ApiResourcesModel::~ApiResourcesModel() = default;

void ApiResourcesModel::setResources(const QList<ResourceType> &resources)
{
    beginResetModel();
    m_rows.clear();
    // ServerPreferredResources: per group, the preferred version's resources, plus resources
    // that only exist in a non-preferred version (first version seen wins).
    QSet<QString> seen;
    for (const ResourceType &rt : resources) {
        if (rt.resource.contains(u'/') || !rt.preferred)
            continue;
        seen.insert(rt.group + u'/' + rt.resource);
        m_rows.append(rt);
    }
    for (const ResourceType &rt : resources) {
        if (rt.resource.contains(u'/') || rt.preferred)
            continue;
        const QString key = rt.group + u'/' + rt.resource;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        m_rows.append(rt);
    }
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [](const ResourceType &a, const ResourceType &b) {
                         const int c = a.group.compare(b.group);
                         return c != 0 ? c < 0 : a.resource < b.resource;
                     });
    endResetModel();
}

int ApiResourcesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApiResourcesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApiResourcesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ResourceType &rt = m_rows[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return rt.resource;
        case ShortNamesColumn:
            return rt.shortNames.join(u',');
        case ApiVersionColumn:
            return rt.apiVersion();
        case NamespacedColumn:
            return rt.namespaced ? QStringLiteral("true") : QStringLiteral("false");
        case KindColumn:
            return rt.kind;
        case VerbsColumn:
            return rt.verbs.join(u',');
        }
    }
    if (role == Qt::ToolTipRole)
        return tr("%1 (%2): double-click to list").arg(rt.qualifiedName(), rt.kind);
    if (role == ResourceIndexRole)
        return index.row();
    return {};
}

QVariant ApiResourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return QStringLiteral("NAME");
    case ShortNamesColumn:
        return QStringLiteral("SHORTNAMES");
    case ApiVersionColumn:
        return QStringLiteral("APIVERSION");
    case NamespacedColumn:
        return QStringLiteral("NAMESPACED");
    case KindColumn:
        return QStringLiteral("KIND");
    case VerbsColumn:
        return QStringLiteral("VERBS");
    }
    return {};
}

} // namespace kube::ui
