#include "apiresourcespage.h"

#include "apiresourcesmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace kube::ui {

ApiResourcesPage::ApiResourcesPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new ApiResourcesModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setPlaceholderText(tr("Filter by name, short name, API version or kind"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("apiResourcesFilter"));
    m_table->setObjectName(QStringLiteral("apiResourcesTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnHidden(ApiResourcesModel::VerbsColumn, false);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    auto updateCount = [this] {
        m_count->setText(
            tr("%1 of %2 resource types").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    };
    connect(m_filter, &QLineEdit::textChanged, this, [this, updateCount](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        updateCount();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, updateCount);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (source.isValid())
            emit resourceActivated(m_model->resourceAt(source.row()));
    });
}

ApiResourcesPage::~ApiResourcesPage() = default;

void ApiResourcesPage::setResources(const QList<ResourceType> &resources)
{
    m_model->setResources(resources);
    m_table->resizeColumnsToContents();
}

} // namespace kube::ui
