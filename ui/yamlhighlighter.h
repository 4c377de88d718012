#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace kube::ui {

/*!
 * Colours YAML as kubectl prints it: keys, strings, numbers and booleans, comments, list
 * dashes and document markers. Line-based (block scalars keep the string colour through
 * their indented lines via the block state), so a 10,000-line object highlights lazily as it
 * scrolls into view.
 */
class YamlHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(YamlHighlighter)

public:
    explicit YamlHighlighter(QTextDocument *document, bool darkBackground = false);
    ~YamlHighlighter() override;

    //! Re-derives the colours (the user switched between light and dark) and rehighlights.
    void setPalette(const QPalette &palette);

    // Exposed for tests: the format applied to each token class.
    QTextCharFormat keyFormat() const { return m_key; }
    QTextCharFormat stringFormat() const { return m_string; }
    QTextCharFormat numberFormat() const { return m_number; }
    QTextCharFormat commentFormat() const { return m_comment; }

protected:
    void highlightBlock(const QString &text) override;

private:
    void applyPalette(const QPalette &palette);
    void highlightValue(const QString &text, int start);

    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_keyword;
    QTextCharFormat m_comment;
    QTextCharFormat m_punctuation;
};

} // namespace kube::ui
