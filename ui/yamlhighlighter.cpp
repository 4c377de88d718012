#include "yamlhighlighter.h"

#include "themecolors.h"

#include <QGuiApplication>

#include <QRegularExpression>

namespace kube::ui {

namespace {
// Block state: -1/0 normal; > 0 inside a block scalar ("|" or ">") whose key sat at indent
// state-1, so lines indented deeper belong to the scalar.
int indentOf(const QString &text)
{
    int i = 0;
    while (i < text.size() && text[i] == u' ')
        ++i;
    return i;
}
} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument *document, bool dark)
    : QSyntaxHighlighter(document)
{
    Q_UNUSED(dark) // the palette decides; kept for callers that still pass it
    applyPalette(QGuiApplication::palette());
}

void YamlHighlighter::setPalette(const QPalette &palette)
{
    applyPalette(palette);
    rehighlight();
}

void YamlHighlighter::applyPalette(const QPalette &palette)
{
    using R = ThemeColors::Role;
    m_key.setForeground(ThemeColors::color(R::Key, palette));
    m_string.setForeground(ThemeColors::color(R::String, palette));
    m_number.setForeground(ThemeColors::color(R::Number, palette));
    m_keyword.setForeground(ThemeColors::color(R::Keyword, palette));
    m_comment.setForeground(ThemeColors::color(R::Muted, palette));
    m_comment.setFontItalic(true);
    m_punctuation.setForeground(ThemeColors::color(R::Muted, palette));
}

YamlHighlighter::~YamlHighlighter() = default;

void YamlHighlighter::highlightValue(const QString &text, int start)
{
    int s = start;
    while (s < text.size() && text[s] == u' ')
        ++s;
    if (s >= text.size())
        return;
    int end = int(text.size());
    // A trailing comment (" #") outside quotes.
    const QChar first = text[s];
    if (first != u'"' && first != u'\'') {
        const int hash = int(text.indexOf(QLatin1String(" #"), s));
        if (hash >= 0) {
            setFormat(hash + 1, int(text.size()) - hash - 1, m_comment);
            end = hash;
        }
    }
    const QStringView value = QStringView(text).sliced(s, end - s).trimmed();
    if (value.isEmpty())
        return;
    static const QRegularExpression number(
        QStringLiteral("^[-+]?(\\d+\\.?\\d*([eE][-+]?\\d+)?|0x[0-9a-fA-F]+|\\.inf|\\.nan)$"));
    if (value == u"true" || value == u"false" || value == u"null" || value == u"~")
        setFormat(s, int(value.size()), m_keyword);
    else if (number.match(value.toString()).hasMatch())
        setFormat(s, int(value.size()), m_number);
    else if (value == u"|" || value == u">" || value == u"|-" || value == u">-" || value == u"|+"
             || value == u">+")
        setFormat(s, int(value.size()), m_punctuation);
    else if (value == u"{}" || value == u"[]")
        setFormat(s, int(value.size()), m_punctuation);
    else
        setFormat(s, int(value.size()), m_string);
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    const int indent = indentOf(text);
    const int prev = previousBlockState();
    if (prev > 0) {
        // Inside a block scalar: deeper-indented (or blank) lines are its content.
        if (indent >= prev || text.trimmed().isEmpty()) {
            setFormat(0, int(text.size()), m_string);
            setCurrentBlockState(prev);
            return;
        }
    }
    setCurrentBlockState(0);
    if (indent >= text.size())
        return;
    if (text[indent] == u'#') {
        setFormat(indent, int(text.size()) - indent, m_comment);
        return;
    }
    if (text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("..."))) {
        setFormat(0, 3, m_punctuation);
        return;
    }
    int pos = indent;
    // List item dashes, possibly several ("- - a").
    while (pos + 1 <= text.size() && text[pos] == u'-'
           && (pos + 1 == text.size() || text[pos + 1] == u' ')) {
        setFormat(pos, 1, m_punctuation);
        pos += 2;
        while (pos < text.size() && text[pos] == u' ')
            ++pos;
    }
    if (pos >= text.size())
        return;
    // A key: plain or quoted, followed by ':' and a space or end of line.
    int keyEnd = -1;
    if (text[pos] == u'"' || text[pos] == u'\'') {
        const QChar q = text[pos];
        int i = pos + 1;
        while (i < text.size() && text[i] != q) {
            if (q == u'"' && text[i] == u'\\')
                ++i;
            ++i;
        }
        if (i + 1 < text.size() && text[i + 1] == u':'
            && (i + 2 == text.size() || text[i + 2] == u' '))
            keyEnd = i + 1;
    } else {
        for (int i = pos; i < text.size(); ++i) {
            if (text[i] == u':' && (i + 1 == text.size() || text[i + 1] == u' ')) {
                keyEnd = i;
                break;
            }
            if (text[i] == u' ' && i + 1 < text.size() && text[i + 1] == u'#')
                break;
        }
    }
    if (keyEnd < 0) {
        highlightValue(text, pos);
        return;
    }
    setFormat(pos, keyEnd - pos, m_key);
    setFormat(keyEnd, 1, m_punctuation);
    highlightValue(text, keyEnd + 1);
    const QStringView rest = QStringView(text).sliced(keyEnd + 1).trimmed();
    if (rest.startsWith(u'|') || rest.startsWith(u'>'))
        setCurrentBlockState(indent + 1); // content lines are indented deeper than the key
}

} // namespace kube::ui
