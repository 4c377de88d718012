#include "objectdetailsview.h"

#include "humanduration.h"
#include "objectfilterproxy.h"
#include "objectlistmodel.h"
#include "secretmasker.h"
#include "themecolors.h"
#include "yamlhighlighter.h"

#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QPushButton>
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
    , m_yamlNote(new QLabel(this))
    , m_reveal(new QPushButton(tr("Reveal data"), this))
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
    m_highlighter = new YamlHighlighter(m_yaml->document());
    m_yamlNote->setObjectName(QStringLiteral("yamlNote"));
    m_yamlNote->setWordWrap(true);
    m_reveal->setObjectName(QStringLiteral("revealSecretButton"));
    m_reveal->setToolTip(tr("Show the Secret's values (hidden so they are not seen over your "
                            "shoulder or in a shared screen)"));
    connect(m_reveal, &QPushButton::clicked, this, [this] {
        m_revealed = !m_revealed;
        showYaml();
    });

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

    auto *yamlPage = new QWidget(this);
    auto *yamlLayout = new QVBoxLayout(yamlPage);
    yamlLayout->setContentsMargins(0, 0, 0, 0);
    yamlLayout->setSpacing(2);
    auto *yamlBar = new QHBoxLayout;
    yamlBar->addWidget(m_yamlNote, 1);
    yamlBar->addWidget(m_reveal);
    yamlLayout->addLayout(yamlBar);
    yamlLayout->addWidget(m_yaml, 1);
    m_tabs->addTab(yamlPage, tr("YAML"));
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
    m_rawYaml.clear();
    m_isSecret = m_revealed = false;
    m_yamlNote->hide();
    m_reveal->hide();
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
    m_rawYaml.clear();
    m_shownUid.clear();
    m_revealed = false;
    m_reveal->hide();
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
        facts << tr("<span style='%1'>Terminating since %2</span>")
                     .arg(ThemeColors::styleSheet(ThemeColors::Role::Error, palette()),
                          esc(f.deletionTimestamp));
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
    // A new selection (showLoading) hides the data again; an update of the same object keeps
    // what the user chose.
    // The pane follows its object: an update of the same object keeps the reading position.
    const bool sameObject = f.uid == m_shownUid && !f.uid.isEmpty();
    m_shownUid = f.uid;
    if (sameObject && m_rawYaml == yaml)
        return;
    const int scroll = sameObject ? m_yaml->verticalScrollBar()->value() : 0;
    m_isSecret = f.kind == QLatin1String("Secret");
    m_rawYaml = yaml;
    showYaml();
    if (sameObject)
        m_yaml->verticalScrollBar()->setValue(scroll);
}

bool ObjectDetailsView::isHighlighted() const
{
    return m_highlighter->document() != nullptr;
}

void ObjectDetailsView::showYaml()
{
    bool masked = false;
    const QString text
        = m_isSecret && !m_revealed ? SecretMasker::mask(m_rawYaml, &masked) : m_rawYaml;
    m_reveal->setVisible(m_isSecret && (masked || m_revealed));
    m_reveal->setText(m_revealed ? tr("Hide data") : tr("Reveal data"));
    // QSyntaxHighlighter colours every block on the GUI thread: a multi-megabyte object
    // (a big ConfigMap, a CRD's schema) is shown plain rather than freezing the window.
    const bool large = text.size() > maxHighlightedYaml;
    m_highlighter->setDocument(large ? nullptr : m_yaml->document());
    m_yamlNote->setVisible(large);
    if (large)
        m_yamlNote->setText(tr("%1 MiB of YAML: shown without colours.")
                                .arg(double(text.size()) / (1024.0 * 1024.0), 0, 'f', 1));
    m_yaml->setPlainText(text);
}

void ObjectDetailsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_highlighter->document())
        m_highlighter->setPalette(palette());
    QWidget::changeEvent(event);
}

void ObjectDetailsView::showError(const ErrorHint &hint)
{
    m_facts->setText(QStringLiteral("<b>%1</b><br>%2")
                         .arg(hint.headline.toHtmlEscaped(), hint.hint.toHtmlEscaped()));
    m_yaml->clear();
    m_rawYaml.clear();
    m_reveal->hide();
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
