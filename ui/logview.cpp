#include "logview.h"

#include "loghighlighter.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

namespace kube::ui {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

LogView::LogView(QWidget *parent)
    : QWidget(parent)
    , m_marker(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    m_marker->setObjectName(QStringLiteral("logDroppedMarker"));
    m_marker->setWordWrap(true);
    m_marker->hide();
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setUndoRedoEnabled(false); // an undo stack would keep every dropped line alive
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setCenterOnScroll(false);
    m_text->document()->setMaximumBlockCount(m_maxLines);
    // Attached only while there is something to colour (a search, workload prefixes): a
    // highlighter runs for every appended line, which is most of an append's cost.
    m_highlighter = new LogHighlighter(this);
    m_highlighter->setDarkBackground(isDark(palette()));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_marker);
    layout->addWidget(m_text, 1);

    m_flushTimer.setInterval(flushInterval);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogView::flush);
}

LogView::~LogView() = default;

void LogView::appendLines(const QList<LogFeedLine> &lines)
{
    for (const LogFeedLine &l : lines) {
        if (l.source.isEmpty()) {
            m_pending.push_back(l.text);
        } else {
            m_pending.push_back(u'[' + l.source + QStringLiteral("] ") + l.text);
            if (!m_prefixed) {
                m_prefixed = true;
                attachHighlighter();
            }
        }
    }
    m_received += lines.size();
    // Waiting lines beyond the cap would be dropped by the document anyway: drop them now,
    // so a paused view or a burst keeps its memory bounded too.
    const qsizetype over = qsizetype(m_pending.size()) - m_maxLines;
    if (over > 0) {
        m_pending.erase(m_pending.begin(), m_pending.begin() + over);
        m_droppedBeforeView += over;
    }
    if (!m_paused && !m_flushTimer.isActive() && !m_pending.empty())
        m_flushTimer.start();
    if (m_paused)
        updateMarker();
}

void LogView::noteDroppedUpstream(qint64 count)
{
    m_droppedBeforeView += count;
    m_received += count;
    updateMarker();
}

void LogView::flushNow()
{
    while (!m_pending.empty() && !m_paused)
        flush();
}

void LogView::flush()
{
    if (m_paused || m_pending.empty()) {
        m_flushTimer.stop();
        return;
    }
    // Chunks until the time budget is spent: a burst becomes many short stalls, and a
    // quiet log still shows each line within one timer tick.
    QElapsedTimer budget;
    budget.start();
    int appended = 0;
    do
        appended += appendChunk();
    while (!m_pending.empty() && budget.elapsed() < flushBudgetMs);
    updateMarker();
    emit linesAppended(appended);
    if (m_pending.empty())
        m_flushTimer.stop();
}

int LogView::appendChunk()
{
    const qsizetype n = std::min<qsizetype>(qsizetype(m_pending.size()), m_maxPerFlush);
    QString chunk;
    qsizetype size = 0;
    for (auto it = m_pending.begin(); it != m_pending.begin() + n; ++it)
        size += it->size() + 1;
    chunk.reserve(size);
    const bool empty = m_appended == 0 || m_text->document()->isEmpty();
    const QString &search = m_highlighter->searchText();
    int newMatches = 0;
    for (auto it = m_pending.begin(); it != m_pending.begin() + n; ++it) {
        if (!(empty && it == m_pending.begin()))
            chunk += u'\n';
        chunk += *it;
        if (!search.isEmpty() && it->contains(search, Qt::CaseInsensitive))
            ++newMatches;
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + n);

    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    const qint64 droppedBefore = droppedLines();
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(chunk);
    m_appended += n;
    m_matchingLines += newMatches;
    if (!search.isEmpty() && droppedLines() != droppedBefore
        && (!m_recount.isValid() || m_recount.elapsed() > 2000)) {
        // Matches scrolled out with the dropped lines: recount, at most every 2 s (O(lines)).
        m_recount.start();
        m_matchingLines = 0;
        for (QTextBlock b = m_text->document()->begin(); b.isValid(); b = b.next())
            m_matchingLines += b.text().contains(search, Qt::CaseInsensitive);
    }
    if (atBottom)
        bar->setValue(bar->maximum());
    return int(n);
}

void LogView::attachHighlighter()
{
    const bool needed = m_prefixed || !m_highlighter->searchText().isEmpty();
    QTextDocument *doc = needed ? m_text->document() : nullptr;
    if (m_highlighter->document() == doc)
        return;
    m_highlighter->setDocument(doc);
    // setDocument() colours the existing lines only later (queued): now, so what is on
    // screen and what tests read agree at once.
    if (doc)
        m_highlighter->rehighlight();
}

void LogView::clear()
{
    m_pending.clear();
    m_flushTimer.stop();
    m_text->clear();
    m_received = m_appended = m_droppedBeforeView = 0;
    m_matchingLines = 0;
    m_prefixed = false;
    attachHighlighter();
    updateMarker();
}

void LogView::setMaxLines(int lines)
{
    m_maxLines = std::max(1, lines);
    m_text->document()->setMaximumBlockCount(m_maxLines);
    updateMarker();
}

void LogView::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused && !m_pending.empty())
        m_flushTimer.start();
    updateMarker();
}

void LogView::setWrap(bool wrap)
{
    m_text->setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
}

int LogView::setSearchText(const QString &text)
{
    m_highlighter->setSearchText(text);
    attachHighlighter();
    m_matchingLines = 0;
    if (!text.isEmpty()) {
        for (QTextBlock b = m_text->document()->begin(); b.isValid(); b = b.next())
            m_matchingLines += b.text().contains(text, Qt::CaseInsensitive);
    }
    return m_matchingLines;
}

bool LogView::findNext(bool backward)
{
    const QString search = m_highlighter->searchText();
    if (search.isEmpty())
        return false;
    const QTextDocument::FindFlags flags
        = backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_text->find(search, flags))
        return true;
    // Wrap around: start again from the other end.
    QTextCursor c = m_text->textCursor();
    c.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
    m_text->setTextCursor(c);
    return m_text->find(search, flags);
}

bool LogView::saveTo(const QString &path, QString *error)
{
    flushNow();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QByteArray data = m_text->toPlainText().toUtf8();
    if (!data.isEmpty())
        data += '\n';
    file.write(data);
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

int LogView::lineCount() const
{
    return m_text->document()->isEmpty() ? 0 : m_text->document()->blockCount();
}

qint64 LogView::droppedLines() const
{
    return m_droppedBeforeView + std::max<qint64>(0, m_appended - lineCount());
}

QString LogView::text() const
{
    return m_text->toPlainText();
}

void LogView::updateMarker()
{
    const qint64 dropped = droppedLines();
    QStringList parts;
    if (dropped > 0)
        parts << tr("⚠ %L1 older lines dropped — only the last %L2 lines are kept.")
                     .arg(dropped)
                     .arg(m_maxLines);
    if (m_paused)
        parts << tr("Paused: %L1 new lines waiting.").arg(qsizetype(m_pending.size()));
    m_marker->setText(parts.join(u' '));
    m_marker->setVisible(!parts.isEmpty());
}

void LogView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setDarkBackground(isDark(palette()));
    QWidget::changeEvent(event);
}

} // namespace kube::ui
