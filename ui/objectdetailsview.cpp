#include "objectdetailsview.h"

#include "humanduration.h"
#include "objectfilterproxy.h"
#include "objectlistmodel.h"
#include "yamlhighlighter.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace kube::ui {

ObjectDetailsView::ObjectDetailsView(QWidget *parent)
    : QWidget(parent)
    , m_facts(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_yaml(new QPlainTextEdit(this))
    , m_events(new QTableView(this))
    , m_eventsModel(new ObjectListModel(this))
    , m_eventsMessage(new QLabel(this))
{
    m_facts->setObjectName(QStringLiteral("objectFacts"));
    m_facts->setWordWrap(true);
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setContentsMargins(4, 2, 4, 2);

    m_yaml->setObjectName(QStringLiteral("yamlView"));
    m_yaml->setReadOnly(true);
    m_yaml->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_yaml->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_highlighter = new YamlHighlighter(m_yaml->document(), dark);

    m_eventsModel->setResource(QStringLiteral("events"));
    auto *proxy = new ObjectFilterProxy(this);
    proxy->setSourceModel(m_eventsModel);
    m_events->setObjectName(QStringLiteral("eventsTable"));
    m_events->setModel(proxy);
    m_events->setSortingEnabled(true);
    m_events->sortByColumn(-1, Qt::AscendingOrder);
    m_events->setWordWrap(false);
    m_events->setShowGrid(false);
    m_events->setAlternatingRowColors(true);
    m_events->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_events->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_events->verticalHeader()->hide();
    m_events->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_events->verticalHeader()->setDefaultSectionSize(m_events->fontMetrics().height() + 8);
    m_events->horizontalHeader()->setStretchLastSection(true);
    m_events->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_eventsMessage->setAlignment(Qt::AlignCenter);
    m_eventsMessage->setWordWrap(true);

    auto *eventsPage = new QWidget(this);
    auto *eventsLayout = new QVBoxLayout(eventsPage);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    eventsLayout->addWidget(m_events, 1);
    eventsLayout->addWidget(m_eventsMessage);

    m_tabs->addTab(m_yaml, tr("YAML"));
    m_tabs->addTab(eventsPage, tr("Events"));
    m_tabs->setDocumentMode(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_facts);
    layout->addWidget(m_tabs, 1);
    clear();
}

ObjectDetailsView::~ObjectDetailsView() = default;

void ObjectDetailsView::clear()
{
    m_facts->setText(tr("<i>Select an object to see its YAML and events.</i>"));
    m_yaml->clear();
    m_eventsModel->reset({});
    m_eventsMessage->clear();
    m_tabs->setTabText(1, tr("Events"));
}

void ObjectDetailsView::showLoading(const QString &kind, const QString &ns, const QString &name)
{
    m_facts->setText(
        tr("<b>%1</b> %2 — loading…")
            .arg(kind.toHtmlEscaped(), (ns.isEmpty() ? name : ns + u'/' + name).toHtmlEscaped()));
    m_yaml->clear();
    m_eventsModel->reset({});
    m_eventsMessage->setText(tr("Loading events…"));
    m_tabs->setTabText(1, tr("Events"));
}

void ObjectDetailsView::showDeleted()
{
    // The last known state stays readable; the facts line says it is gone.
    m_facts->setText(QStringLiteral("<p><b>%1</b></p>")
                         .arg(tr("Deleted: this object no longer exists on the server."))
                     + m_facts->text());
    m_shownUid.clear();
}

void ObjectDetailsView::setObject(const ObjectFacts &f, const QString &yaml)
{
    auto esc = [](const QString &s) { return s.toHtmlEscaped(); };
    QString html = QStringLiteral("<b style='font-size:large'>%1</b> &nbsp;<span>%2</span>")
                       .arg(esc(f.name), esc(f.kind + QStringLiteral(" · ") + f.apiVersion));
    QStringList facts;
    if (!f.ns.isEmpty())
        facts << tr("Namespace: <b>%1</b>").arg(esc(f.ns));
    if (f.createdSecs > 0) {
        const QDateTime created = QDateTime::fromSecsSinceEpoch(f.createdSecs, Qt::UTC);
        facts << tr("Age: <b>%1</b> (created %2)")
                     .arg(humanDuration(QDateTime::currentSecsSinceEpoch() - f.createdSecs),
                          created.toString(Qt::ISODate));
    }
    if (!f.owners.isEmpty())
        facts << tr("Owner: <b>%1</b>").arg(esc(f.owners.join(QStringLiteral(", "))));
    if (!f.deletionTimestamp.isEmpty())
        facts << tr("<span style='color:#cf222e'>Terminating since %1</span>")
                     .arg(esc(f.deletionTimestamp));
    if (!facts.isEmpty())
        html += QStringLiteral("<br>") + facts.join(QStringLiteral(" &nbsp;·&nbsp; "));
    if (!f.labels.isEmpty()) {
        QStringList labels;
        for (const auto &[k, v] : f.labels)
            labels << QStringLiteral("<code>%1=%2</code>").arg(esc(k), esc(v));
        html += QStringLiteral("<br>") + tr("Labels: %1").arg(labels.join(QStringLiteral(" ")));
    } else {
        html += QStringLiteral("<br>") + tr("Labels: <i>none</i>");
    }
    m_facts->setText(html);
    // The pane follows its object: an update of the same object keeps the reading position.
    const bool sameObject = f.uid == m_shownUid && !f.uid.isEmpty();
    m_shownUid = f.uid;
    if (sameObject && m_yaml->toPlainText() == yaml)
        return;
    const int scroll = sameObject ? m_yaml->verticalScrollBar()->value() : 0;
    m_yaml->setPlainText(yaml);
    if (sameObject)
        m_yaml->verticalScrollBar()->setValue(scroll);
}

void ObjectDetailsView::showError(const ErrorHint &hint)
{
    m_facts->setText(QStringLiteral("<b>%1</b><br>%2")
                         .arg(hint.headline.toHtmlEscaped(), hint.hint.toHtmlEscaped()));
    m_yaml->clear();
}

void ObjectDetailsView::setEvents(const QList<TableColumn> &columns, QList<ObjectRow> rows)
{
    m_eventsModel->reset(columns);
    const int n = int(rows.size());
    m_eventsModel->appendRows(std::move(rows));
    m_eventsMessage->setText(
        n == 0 ? tr("No events for this object (events expire after an hour by default).")
               : QString());
    m_eventsMessage->setVisible(n == 0);
    m_tabs->setTabText(1, n == 0 ? tr("Events") : tr("Events (%1)").arg(n));
    m_events->resizeColumnsToContents();
    // As kubectl without -o wide: columns with priority > 0 stay hidden.
    for (int c = 0; c < columns.size(); ++c)
        m_events->setColumnHidden(c, columns[c].priority > 0);
}

void ObjectDetailsView::showEventsError(const ErrorHint &hint)
{
    m_eventsModel->reset({});
    m_eventsMessage->setText(hint.toString());
    m_eventsMessage->setVisible(true);
}

QString ObjectDetailsView::yamlText() const
{
    return m_yaml->toPlainText();
}

QString ObjectDetailsView::factsText() const
{
    return m_facts->text();
}

} // namespace kube::ui
