#include "loghighlighter.h"

#include <QTextCharFormat>

namespace kube::ui {

LogHighlighter::LogHighlighter(QObject *parent)
    : QSyntaxHighlighter(parent)
{ }

LogHighlighter::~LogHighlighter() = default;

void LogHighlighter::setSearchText(const QString &text)
{
    if (text == m_search)
        return;
    m_search = text;
    rehighlight();
}

void LogHighlighter::setDarkBackground(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    rehighlight();
}

QColor LogHighlighter::colourFor(QStringView source) const
{
    // Twelve hues far enough apart to tell neighbours apart; the pod name decides.
    const int hue = int(qHash(source) % 12) * 30;
    return QColor::fromHsv(hue, m_dark ? 140 : 230, m_dark ? 240 : 150);
}

void LogHighlighter::highlightBlock(const QString &text)
{
    if (text.startsWith(u'[')) {
        const qsizetype end = text.indexOf(u']');
        if (end > 1) {
            QTextCharFormat prefix;
            prefix.setForeground(colourFor(QStringView(text).sliced(1, end - 1)));
            prefix.setFontWeight(QFont::DemiBold);
            setFormat(0, int(end + 1), prefix);
        }
    }
    if (m_search.isEmpty())
        return;
    QTextCharFormat match;
    match.setBackground(matchBackground());
    match.setForeground(Qt::black);
    for (qsizetype i = text.indexOf(m_search, 0, Qt::CaseInsensitive); i >= 0;
         i = text.indexOf(m_search, i + m_search.size(), Qt::CaseInsensitive))
        setFormat(int(i), int(m_search.size()), match);
}

} // namespace kube::ui
