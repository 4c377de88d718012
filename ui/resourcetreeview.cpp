#include "resourcetreeview.h"

#include "resourcetreefilterproxy.h"
#include "resourcetreemodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSet>
#include <QTreeView>
#include <QVBoxLayout>

namespace kube::ui {

ResourceTreeView::ResourceTreeView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ResourceTreeModel(this))
    , m_proxy(new ResourceTreeFilterProxy(this))
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeView(this))
{
    m_proxy->setSourceModel(m_model);
    m_filter->setPlaceholderText(tr("Filter resources (po, deploy, crd …)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("resourceFilter"));
    m_tree->setObjectName(QStringLiteral("resourceTree"));
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(ResourceTreeModel::NameColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(ResourceTreeModel::KindColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(ResourceTreeModel::ScopeColumn,
                                           QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);

    connect(m_filter, &QLineEdit::textChanged, this, &ResourceTreeView::applyFilter);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ResourceTreeView::onCurrentChanged);
}

ResourceTreeView::~ResourceTreeView() = default;

void ResourceTreeView::setClusterName(const QString &name)
{
    m_model->setClusterName(name);
}

void ResourceTreeView::setResources(const QList<ResourceType> &resources)
{
    // Remember what the user had open, by name: indexes die with the reset.
    const auto current = currentResource();
    QSet<QString> expanded;
    const QModelIndex cluster = m_proxy->index(0, 0);
    for (int g = 0; g < m_proxy->rowCount(cluster); ++g) {
        const QModelIndex gi = m_proxy->index(g, 0, cluster);
        if (m_tree->isExpanded(gi))
            expanded.insert(gi.data(ResourceTreeModel::GroupRole).toString());
        for (int v = 0; v < m_proxy->rowCount(gi); ++v) {
            const QModelIndex vi = m_proxy->index(v, 0, gi);
            if (m_tree->isExpanded(vi))
                expanded.insert(vi.data(ResourceTreeModel::GroupRole).toString() + u'/'
                                + vi.data(ResourceTreeModel::VersionRole).toString());
        }
    }
    const bool hadTree = m_model->rowCount() > 0;

    m_restoring = true;
    m_model->setResources(resources);
    if (!hadTree) {
        expandDefaults();
    } else {
        const QModelIndex c = m_proxy->index(0, 0);
        m_tree->expand(c);
        for (int g = 0; g < m_proxy->rowCount(c); ++g) {
            const QModelIndex gi = m_proxy->index(g, 0, c);
            const QString group = gi.data(ResourceTreeModel::GroupRole).toString();
            if (expanded.contains(group))
                m_tree->expand(gi);
            for (int v = 0; v < m_proxy->rowCount(gi); ++v) {
                const QModelIndex vi = m_proxy->index(v, 0, gi);
                if (expanded.contains(group + u'/'
                                      + vi.data(ResourceTreeModel::VersionRole).toString()))
                    m_tree->expand(vi);
            }
        }
    }
    if (!m_filter->text().isEmpty())
        m_tree->expandAll();
    if (current)
        select(current->gvr());
    m_restoring = false;
}

void ResourceTreeView::expandDefaults()
{
    // The cluster, and the core group's v1 (pods, services …) open: what people click first.
    const QModelIndex c = m_proxy->index(0, 0);
    m_tree->expand(c);
    for (int g = 0; g < m_proxy->rowCount(c); ++g) {
        const QModelIndex gi = m_proxy->index(g, 0, c);
        if (gi.data(ResourceTreeModel::GroupRole).toString().isEmpty()) {
            m_tree->expand(gi);
            m_tree->expand(m_proxy->index(0, 0, gi));
        }
    }
}

bool ResourceTreeView::select(const GroupVersionResource &gvr)
{
    const QModelIndex source = m_model->indexOf(gvr);
    if (!source.isValid())
        return false;
    QModelIndex idx = m_proxy->mapFromSource(source);
    if (!idx.isValid()) {
        // Hidden by the filter: clear it so the selection is visible.
        m_filter->clear();
        idx = m_proxy->mapFromSource(source);
    }
    for (QModelIndex p = idx.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->selectionModel()->setCurrentIndex(
        idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tree->scrollTo(idx);
    return true;
}

std::optional<ResourceType> ResourceTreeView::currentResource() const
{
    return m_model->resourceAt(m_proxy->mapToSource(m_tree->currentIndex()));
}

void ResourceTreeView::onCurrentChanged()
{
    if (m_restoring)
        return;
    if (auto rt = currentResource(); rt && rt->canList())
        emit resourceSelected(*rt);
}

void ResourceTreeView::applyFilter(const QString &text)
{
    m_proxy->setFilterText(text);
    if (text.trimmed().isEmpty())
        expandDefaults();
    else
        m_tree->expandAll();
}

} // namespace kube::ui
