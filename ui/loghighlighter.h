#pragma once

#include <QColor>
#include <QSyntaxHighlighter>

namespace kube::ui {

/*!
 * Colours a log: the "[pod/container]" prefix of workload logs in a colour of its own per
 * source (the same source keeps its colour), and every match of the search text.
 * Highlighting runs per block as Qt lays it out, so appending costs one short pass per line.
 */
class LogHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogHighlighter)

public:
    //! Not attached to a document until setDocument().
    explicit LogHighlighter(QObject *parent);
    ~LogHighlighter() override;

    //! Case-insensitive; empty = none. Re-highlights the document.
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    void setDarkBackground(bool dark);

    //! The colour of a source prefix ("pod/container"), stable for a given source.
    QColor colourFor(QStringView source) const;
    //! The background of a search match.
    static QColor matchBackground() { return QColor(255, 214, 0); }

protected:
    void highlightBlock(const QString &text) override;

private:
    QString m_search;
    bool m_dark = false;
};

} // namespace kube::ui
