#include "yamleditorpanel.h"

#include "yamlhighlighter.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>

namespace kube::ui {

YamlEditorPanel::YamlEditorPanel(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_highlighter(new YamlHighlighter(m_editor->document()))
    , m_diff(new QPlainTextEdit(this))
    , m_errors(new QListWidget(this))
    , m_review(new QPushButton(tr("Review"), this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_revert(new QPushButton(tr("Revert"), this))
    , m_status(new QLabel(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_editor->setFont(mono);
    m_editor->setObjectName(QStringLiteral("yamlEditor"));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(mono);
    m_diff->setReadOnly(true);
    m_diff->setObjectName(QStringLiteral("yamlDiff"));
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setPlaceholderText(tr("Review shows here what the server would change."));
    m_errors->setObjectName(QStringLiteral("yamlErrors"));
    m_errors->setVisible(false);
    m_review->setObjectName(QStringLiteral("reviewButton"));
    m_review->setToolTip(tr("Ask the server for a dry run and show the changes"));
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setToolTip(tr("Server-side apply as field manager \"kubrowser\""));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_review);
    buttons->addWidget(m_apply);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_status, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_editor);
    split->addWidget(m_diff);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);
    layout->addWidget(m_errors);
    setBusy(true);

    connect(m_review, &QPushButton::clicked, this, [this] {
        if (!m_session)
            return;
        setBusy(true);
        setStatus(tr("Asking the server for a dry run…"), false);
        m_session->review(m_editor->toPlainText());
    });
    connect(m_apply, &QPushButton::clicked, this, [this] {
        if (!m_session)
            return;
        setBusy(true);
        setStatus(tr("Applying…"), false);
        m_session->apply(m_editor->toPlainText(), false);
    });
    connect(m_revert, &QPushButton::clicked, this, [this] {
        m_editor->setPlainText(m_loadedText);
        markLines({});
    });
    connect(m_errors, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int line = item->data(Qt::UserRole).toInt();
        const QTextBlock block = m_editor->document()->findBlockByNumber(line - 1);
        if (block.isValid()) {
            QTextCursor c(block);
            m_editor->setTextCursor(c);
            m_editor->setFocus();
        }
    });
}

YamlEditorPanel::~YamlEditorPanel() = default;

void YamlEditorPanel::setSession(ObjectEditSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (!session)
        return;
    connect(session, &ObjectEditSession::loaded, this, [this](const QString &yaml) {
        m_loadedText = yaml;
        m_editor->setPlainText(yaml);
        m_diff->clear();
        markLines({});
        setBusy(false);
        setStatus(m_session->isCreating()
                      ? tr("New %1: edit, review, apply.").arg(m_session->object().kind)
                      : tr("Editing %1.").arg(m_session->object().displayName()),
                  false);
    });
    connect(session, &ObjectEditSession::reviewed, this, &YamlEditorPanel::showDiff);
    connect(session, &ObjectEditSession::conflicted, this, &YamlEditorPanel::showConflict);
    connect(session, &ObjectEditSession::invalid, this, &YamlEditorPanel::showInvalid);
    connect(session, &ObjectEditSession::failed, this, [this](const QString &message) {
        setBusy(false);
        setStatus(message, true);
    });
    connect(session, &ObjectEditSession::applied, this, [this](const QString &summary) {
        setBusy(false);
        markLines({});
        m_loadedText = m_editor->toPlainText();
        setStatus(summary, false);
        emit applied(summary);
    });
}

void YamlEditorPanel::edit(const ObjectRef &ref)
{
    setBusy(true);
    setStatus(tr("Loading %1…").arg(ref.displayName()), false);
    if (m_session)
        m_session->load(ref);
}

void YamlEditorPanel::create(const ObjectRef &ref)
{
    if (m_session)
        m_session->create(ref);
}

void YamlEditorPanel::showDiff(const QList<DiffLine> &diff, bool hasChanges)
{
    setBusy(false);
    markLines({});
    QString text;
    QList<QTextEdit::ExtraSelection> marks;
    int lineNo = 0;
    for (const DiffLine &l : diff) {
        const QChar sign = l.kind == DiffLine::Kind::Added ? u'+'
            : l.kind == DiffLine::Kind::Removed            ? u'-'
                                                           : u' ';
        text += sign + QStringLiteral(" ") + l.text + u'\n';
        ++lineNo;
    }
    m_diff->setPlainText(text);
    QTextBlock block = m_diff->document()->firstBlock();
    for (const DiffLine &l : diff) {
        if (l.kind != DiffLine::Kind::Same) {
            QTextEdit::ExtraSelection sel;
            sel.cursor = QTextCursor(block);
            sel.format.setProperty(QTextFormat::FullWidthSelection, true);
            sel.format.setBackground(l.kind == DiffLine::Kind::Added ? QColor(0xe6, 0xff, 0xec)
                                                                     : QColor(0xff, 0xeb, 0xe9));
            marks << sel;
        }
        block = block.next();
    }
    m_diff->setExtraSelections(marks);
    setStatus(hasChanges ? tr("The server's dry run: lines with + and - would change.")
                         : tr("No changes: the object already looks like this."),
              false);
}

void YamlEditorPanel::showConflict(const ApplyConflict &conflict)
{
    setBusy(false);
    QString details;
    for (const QString &manager : conflict.managers())
        details += tr("%1 owns: %2\n")
                       .arg(manager, conflict.fieldsOf(manager).join(QStringLiteral(", ")));
    setStatus(tr("Conflict: other managers own fields this YAML changes."), true);
    QMessageBox box(QMessageBox::Warning, tr("Apply conflict"),
                    tr("Other field managers own fields that this YAML changes:\n\n%1\n"
                       "Force apply takes these fields over; they may be changed back by their "
                       "owners. Or edit the YAML to keep their values.")
                        .arg(details),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("conflictDialog"));
    QPushButton *force = box.addButton(tr("Force apply"), QMessageBox::AcceptRole);
    force->setObjectName(QStringLiteral("forceButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    emit conflictShown();
    box.exec();
    if (box.clickedButton() == force && m_session) {
        setBusy(true);
        setStatus(tr("Applying with force…"), false);
        m_session->apply(m_editor->toPlainText(), true);
    }
}

void YamlEditorPanel::showInvalid(const QList<LineError> &errors)
{
    setBusy(false);
    m_errors->clear();
    QList<int> lines;
    for (const LineError &e : errors) {
        auto *item = new QListWidgetItem(tr("Line %1: %2: %3").arg(e.line).arg(e.field, e.message),
                                         m_errors);
        item->setData(Qt::UserRole, e.line);
        lines << e.line;
    }
    m_errors->setVisible(true);
    markLines(lines);
    setStatus(tr("The server rejected the YAML: %n problem(s), marked in the editor.", nullptr,
                 int(errors.size())),
              true);
}

void YamlEditorPanel::markLines(const QList<int> &lines)
{
    m_markedLines = lines;
    QList<QTextEdit::ExtraSelection> marks;
    for (int line : lines) {
        const QTextBlock block = m_editor->document()->findBlockByNumber(line - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(block);
        sel.format.setProperty(QTextFormat::FullWidthSelection, true);
        sel.format.setBackground(QColor(0xff, 0xd7, 0xd5));
        marks << sel;
    }
    m_editor->setExtraSelections(marks);
    if (lines.isEmpty()) {
        m_errors->clear();
        m_errors->setVisible(false);
    }
}

void YamlEditorPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color:#cf222e") : QString());
}

void YamlEditorPanel::setBusy(bool busy)
{
    m_review->setEnabled(!busy);
    m_apply->setEnabled(!busy);
    m_revert->setEnabled(!busy);
}

} // namespace kube::ui
