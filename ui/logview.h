#pragma once

#include "logfeedline.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <deque>

class QLabel;
class QPlainTextEdit;

namespace kube::ui {

class LogHighlighter;

/*!
 * A log on screen with bounded memory: the last maxLines() lines (100,000 by default) in a
 * read-only QPlainTextEdit whose document drops the oldest block as a new one arrives, and a
 * visible marker saying how many older lines were dropped.
 *
 * Lines are appended by a timer in chunks of maxLinesPerFlush() until a small time budget is
 * spent, so a burst of a million lines is many short stalls, never a long one; lines waiting
 * (a burst, or a paused view) are capped at maxLines() too. The view follows the tail while it is
 * scrolled to the bottom, and stays where the user scrolled otherwise.
 */
class LogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    static constexpr int defaultMaxLines = 100'000;
    //! Appends happen every flushInterval ms and take at most about flushBudgetMs each.
    static constexpr int flushInterval = 40;
    static constexpr int flushBudgetMs = 12;

    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    void appendLines(const QList<kube::ui::LogFeedLine> &lines);
    //! Counts lines lost before they reached the view (the feed's own cap).
    void noteDroppedUpstream(qint64 count);
    //! Appends everything waiting now (tests, benchmarks, save).
    void flushNow();
    void clear();

    void setMaxLines(int lines);
    int maxLines() const { return m_maxLines; }
    void setMaxLinesPerFlush(int lines) { m_maxPerFlush = lines; }
    int maxLinesPerFlush() const { return m_maxPerFlush; }

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void setWrap(bool wrap);

    //! Highlights every match (case-insensitive) and returns how many lines contain one.
    int setSearchText(const QString &text);
    int matchingLines() const { return m_matchingLines; }
    //! Selects the next (or previous) match, wrapping around; false when there is none.
    bool findNext(bool backward = false);

    //! Writes the lines on screen (UTF-8, one per line); false with \a error on failure.
    bool saveTo(const QString &path, QString *error = nullptr);

    //! Lines in the document now.
    int lineCount() const;
    //! Lines received since clear() (shown, dropped or waiting).
    qint64 receivedLines() const { return m_received; }
    //! Lines no longer (or never) on screen because of the caps.
    qint64 droppedLines() const;
    qsizetype waitingLines() const { return qsizetype(m_pending.size()); }
    QString text() const;

    QPlainTextEdit *textEdit() const { return m_text; }
    QLabel *droppedMarker() const { return m_marker; }
    LogHighlighter *highlighter() const { return m_highlighter; }

signals:
    //! A batch reached the document (\a count lines).
    void linesAppended(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    void flush();
    int appendChunk();
    void attachHighlighter();
    void updateMarker();

    QLabel *m_marker;
    QPlainTextEdit *m_text;
    LogHighlighter *m_highlighter; // Owned (QObject child); attached when needed.
    std::deque<QString> m_pending;
    QTimer m_flushTimer;
    int m_maxLines = defaultMaxLines;
    int m_maxPerFlush = 250;
    qint64 m_received = 0;
    qint64 m_appended = 0; // lines put into the document since clear()
    qint64 m_droppedBeforeView = 0; // from the feed, or while paused
    int m_matchingLines = 0;
    QElapsedTimer m_recount;
    bool m_paused = false;
    bool m_prefixed = false; // workload lines: the highlighter colours their prefixes
};

} // namespace kube::ui
