#include "objectlistview.h"

#include "objectfilterproxy.h"
#include "objectlistmodel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace kube::ui {

ObjectListView::ObjectListView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ObjectListModel(this))
    , m_proxy(new ObjectFilterProxy(this))
    , m_title(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_selector(new QLineEdit(this))
    , m_columnsButton(new QToolButton(this))
    , m_reloadButton(new QToolButton(this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QToolButton(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_message(new QLabel(this))
    , m_filterTimer(new QTimer(this))
    , m_ageTimer(new QTimer(this))
    , m_liveLabel(new QLabel(this))
    , m_liveTimer(new QTimer(this))
{
    m_proxy->setSourceModel(m_model);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("listTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_filter->setPlaceholderText(tr("Filter rows"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("rowFilter"));
    m_selector->setPlaceholderText(tr("Label selector, e.g. app=web,tier!=db (Enter)"));
    m_selector->setClearButtonEnabled(true);
    m_selector->setObjectName(QStringLiteral("labelSelector"));
    m_selector->setToolTip(tr("Server-side label selector (kubectl -l). Press Enter to reload."));
    m_columnsButton->setText(tr("Columns"));
    m_columnsButton->setToolTip(
        tr("Show or hide columns; wide columns (kubectl -o wide) are hidden by default"));
    m_reloadButton->setIcon(QIcon(QStringLiteral(":/icons/refresh.png")));
    m_reloadButton->setToolTip(tr("Reload the list (F5)"));
    m_reloadButton->setShortcut(QKeySequence::Refresh);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->hide();
    m_cancelButton->setIcon(QIcon(QStringLiteral(":/icons/cancel.png")));
    m_cancelButton->setToolTip(tr("Stop loading"));
    m_cancelButton->setObjectName(QStringLiteral("cancelLoad"));
    m_cancelButton->hide();

    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    bar->addWidget(m_title);
    bar->addSpacing(8);
    m_liveLabel->setObjectName(QStringLiteral("liveState"));
    m_liveLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_liveLabel);
    m_liveTimer->setInterval(1000);
    connect(m_liveTimer, &QTimer::timeout, this, &ObjectListView::updateLiveLabel);
    bar->addWidget(m_progress);
    bar->addWidget(m_cancelButton);
    bar->addStretch(1);
    bar->addWidget(m_filter, 2);
    bar->addWidget(m_selector, 3);
    bar->addWidget(m_columnsButton);
    bar->addWidget(m_reloadButton);

    m_table->setObjectName(QStringLiteral("objectTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // server order until the user sorts
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setTextElideMode(Qt::ElideRight);
    // Uniform row heights: the view never measures rows, so 50,000 rows cost nothing.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);

    m_message->setObjectName(QStringLiteral("listMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(24);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_message);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(120);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, [this] {
        m_proxy->setFilterText(m_filter->text());
        updateTitle();
    });
    connect(m_selector, &QLineEdit::returnPressed, this,
            [this] { emit labelSelectorChanged(labelSelector()); });
    connect(m_cancelButton, &QToolButton::clicked, this, &ObjectListView::cancelRequested);
    connect(m_reloadButton, &QToolButton::clicked, this, &ObjectListView::reloadRequested);
    connect(m_columnsButton, &QToolButton::clicked, this, &ObjectListView::showColumnMenu);
    connect(m_table->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            &ObjectListView::showColumnMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (auto row = currentRow())
            emit currentObjectChanged(*row);
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ObjectListView::updateTitle);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ObjectListView::updateTitle);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ObjectListView::updateTitle);

    // Ages count up while the list is open.
    m_ageTimer->setInterval(std::chrono::seconds(30));
    connect(m_ageTimer, &QTimer::timeout, m_model, &ObjectListModel::refreshAges);
    connect(m_model, &ObjectListModel::agesRefreshed, m_table->viewport(),
            qOverload<>(&QWidget::update));
    m_ageTimer->start();

    showMessage(tr("Select a resource on the left."));
}

ObjectListView::~ObjectListView() = default;

QString ObjectListView::labelSelector() const
{
    return m_selector->text().trimmed();
}

void ObjectListView::beginLoading(const ResourceType &resource, const QString &ns)
{
    const bool sameResource = resource.gvr() == m_resource.gvr();
    m_resource = resource;
    m_namespace = ns;
    m_loading = true;
    if (!sameResource) {
        m_shownWideColumns.clear();
        m_hiddenColumns.clear();
        m_table->sortByColumn(-1, Qt::AscendingOrder);
        m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    }
    m_columnsFitted = false;
    m_model->setResource(resource.resource);
    m_model->reset({});
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("Loading…"));
    m_progress->show();
    m_cancelButton->show();
    m_stack->setCurrentWidget(m_table);
    updateTitle();
}

void ObjectListView::setColumns(const QList<TableColumn> &columns)
{
    if (columns == m_model->columns())
        return;
    m_model->setColumns(columns);
    m_columnsFitted = false;
    applyColumnVisibility();
}

void ObjectListView::appendRows(QList<ObjectRow> rows)
{
    if (m_model->columnCount() == 0)
        return;
    const bool first = m_model->rowCount() == 0;
    if (!rows.isEmpty())
        m_stack->setCurrentWidget(m_table);
    m_model->appendRows(std::move(rows));
    if (first && !m_columnsFitted)
        fitColumns();
}

void ObjectListView::applyBatch(const RowBatch &batch)
{
    if (m_model->columnCount() == 0)
        return;
    const bool first = m_model->rowCount() == 0;
    if (!batch.upserts.isEmpty())
        m_stack->setCurrentWidget(m_table);
    m_model->applyBatch(batch);
    if (first && m_model->rowCount() > 0 && !m_columnsFitted)
        fitColumns();
    updateTitle();
}

void ObjectListView::setLiveState(const ListLiveState &state)
{
    m_liveState = state;
    updateLiveLabel();
    if (state.state == ListLiveState::State::Reconnecting)
        m_liveTimer->start();
    else
        m_liveTimer->stop();
}

void ObjectListView::updateLiveLabel()
{
    const QString text = m_liveState.text(QDateTime::currentDateTimeUtc());
    switch (m_liveState.state) {
    case ListLiveState::State::Idle:
        m_liveLabel->clear();
        break;
    case ListLiveState::State::Loading:
        m_liveLabel->setText(QStringLiteral("○ %1").arg(text));
        break;
    case ListLiveState::State::Live:
        m_liveLabel->setText(QStringLiteral("● %1").arg(text));
        break;
    case ListLiveState::State::Reconnecting:
        m_liveLabel->setText(QStringLiteral("⚠ %1").arg(text));
        break;
    }
    // Colour from the palette's roles (no hard-coded colours): live is the normal text,
    // trouble is the highlighted (link) colour so it stands out in light and dark themes.
    m_liveLabel->setForegroundRole(m_liveState.state == ListLiveState::State::Reconnecting
                                       ? QPalette::Link
                                       : QPalette::WindowText);
    m_liveLabel->setToolTip(m_liveState.toolTip());
}

void ObjectListView::setProgress(qint64 loaded, qint64 remaining)
{
    if (remaining >= 0) {
        const qint64 total = loaded + remaining;
        // QProgressBar takes ints; scale so very large lists still fit.
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(loaded * 1000 / total) : 0);
        m_progress->setFormat(
            tr("%1 of ~%2").arg(QLocale().toString(loaded), QLocale().toString(total)));
    } else {
        m_progress->setRange(0, 0);
        m_progress->setFormat(tr("%1 loaded").arg(QLocale().toString(loaded)));
    }
}

void ObjectListView::finishLoading()
{
    m_loading = false;
    m_progress->hide();
    m_cancelButton->hide();
    if (!m_columnsFitted && m_model->columnCount() > 0)
        fitColumns();
    if (m_model->rowCount() == 0 && m_stack->currentWidget() == m_table) {
        const QString where = m_resource.namespaced
            ? (m_namespace.isEmpty() ? tr("in any namespace")
                                     : tr("in namespace %1").arg(m_namespace))
            : QString();
        showMessage(labelSelector().isEmpty()
                        ? tr("No %1 found %2.").arg(m_resource.resource, where).simplified()
                        : tr("No %1 match the label selector \"%2\" %3.")
                              .arg(m_resource.resource, labelSelector(), where)
                              .simplified());
    }
    updateTitle();
}

void ObjectListView::showError(const ErrorHint &hint)
{
    m_loading = false;
    m_progress->hide();
    m_cancelButton->hide();
    m_message->setText(QStringLiteral("<p style='font-size:large'><b>%1</b></p><p>%2</p>")
                           .arg(hint.headline.toHtmlEscaped(), hint.hint.toHtmlEscaped()));
    // Rows that already arrived stay useful (a cancelled or failed later page).
    if (m_model->rowCount() == 0)
        m_stack->setCurrentWidget(m_message);
    updateTitle();
}

void ObjectListView::showMessage(const QString &message)
{
    m_message->setText(message.toHtmlEscaped());
    m_stack->setCurrentWidget(m_message);
}

std::optional<ObjectRow> ObjectListView::currentRow() const
{
    const QModelIndex idx = m_proxy->mapToSource(m_table->currentIndex());
    if (!idx.isValid())
        return std::nullopt;
    return m_model->rowAt(idx.row());
}

bool ObjectListView::selectUid(const QString &uid)
{
    const int row = m_model->findUid(uid);
    if (row < 0)
        return false;
    const QModelIndex idx = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!idx.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(
        idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(idx);
    return true;
}

void ObjectListView::applyColumnVisibility()
{
    const auto cols = m_model->columns();
    for (int i = 0; i < cols.size(); ++i) {
        const bool wide = cols[i].priority > 0;
        const bool hidden = wide ? !m_shownWideColumns.contains(cols[i].name)
                                 : m_hiddenColumns.contains(cols[i].name);
        m_table->setColumnHidden(i, hidden);
    }
}

void ObjectListView::fitColumns()
{
    // Measure the first rows only (resizeColumnsToContents would visit every row), then cap
    // wide text columns so one long message does not push the rest off screen.
    QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics fm = m_table->fontMetrics();
    const int rows = std::min(m_proxy->rowCount(), 200);
    for (int c = 0; c < m_proxy->columnCount(); ++c) {
        int width = QFontMetrics(header->font())
                        .horizontalAdvance(m_proxy->headerData(c, Qt::Horizontal).toString())
            + 28;
        for (int r = 0; r < rows; ++r)
            width = std::max(width,
                             fm.horizontalAdvance(m_proxy->index(r, c).data().toString()) + 16);
        m_table->setColumnWidth(c, std::min(width, 420));
    }
    m_columnsFitted = rows > 0;
}

void ObjectListView::updateTitle()
{
    if (m_resource.resource.isEmpty()) {
        m_title->clear();
        return;
    }
    const QString kind = m_resource.kind.isEmpty() ? m_resource.resource : m_resource.kind;
    QString scope;
    if (m_resource.namespaced)
        scope = m_namespace.isEmpty() ? tr("all namespaces") : m_namespace;
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    QString count = QLocale().toString(total);
    if (shown != total)
        count = tr("%1 of %2").arg(QLocale().toString(shown), count);
    m_title->setText(scope.isEmpty() ? tr("%1 (%2)").arg(m_resource.resource, count)
                                     : tr("%1 in %2 (%3)").arg(m_resource.resource, scope, count));
    m_title->setToolTip(tr("%1, %2").arg(kind, m_resource.apiVersion()));
}

void ObjectListView::adoptHeaderVisibility()
{
    const auto cols = m_model->columns();
    for (int i = 0; i < cols.size(); ++i) {
        const bool hidden = m_table->isColumnHidden(i);
        if (cols[i].priority > 0) {
            if (hidden)
                m_shownWideColumns.remove(cols[i].name);
            else
                m_shownWideColumns.insert(cols[i].name);
        } else if (hidden) {
            m_hiddenColumns.insert(cols[i].name);
        } else {
            m_hiddenColumns.remove(cols[i].name);
        }
    }
}

void ObjectListView::populateColumnMenu(QMenu *menu)
{
    // The header is the truth (a restored layout may have hidden columns): start from it, so
    // one toggle changes one column and nothing else.
    adoptHeaderVisibility();
    const auto cols = m_model->columns();
    for (int i = 0; i < cols.size(); ++i) {
        QAction *a = menu->addAction(cols[i].priority > 0 ? tr("%1 (wide)").arg(cols[i].name)
                                                          : cols[i].name);
        a->setCheckable(true);
        a->setChecked(!m_table->isColumnHidden(i));
        a->setToolTip(cols[i].description);
        connect(a, &QAction::toggled, this, [this, col = cols[i]](bool on) {
            if (col.priority > 0) {
                if (on)
                    m_shownWideColumns.insert(col.name);
                else
                    m_shownWideColumns.remove(col.name);
            } else {
                if (on)
                    m_hiddenColumns.remove(col.name);
                else
                    m_hiddenColumns.insert(col.name);
            }
            applyColumnVisibility();
        });
    }
}

void ObjectListView::showColumnMenu()
{
    QMenu menu(this);
    populateColumnMenu(&menu);
    menu.exec(QCursor::pos());
}

} // namespace kube::ui
