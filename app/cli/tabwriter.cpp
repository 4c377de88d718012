#include "tabwriter.h"

namespace kube::cli {

namespace {

int runeCount(const QByteArray &text)
{
    int n = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

} // namespace

TabWriter::TabWriter(int minWidth, int padding)
    : m_minWidth(minWidth)
    , m_padding(padding)
{
    m_lines.append(Line());
}

int TabWriter::terminateCell()
{
    m_lines.last().append(Cell { m_cell, runeCount(m_cell) });
    m_cell.clear();
    return int(m_lines.last().size());
}

void TabWriter::write(const QByteArray &text)
{
    m_pendingBytes += text.size();
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c != '\t' && c != '\v' && c != '\n' && c != '\f')
            continue;
        m_cell.append(text.constData() + start, i - start);
        start = i + 1;
        const int cells = terminateCell();
        if (c == '\n' || c == '\f') {
            m_lines.append(Line());
            // Go flushes whenever a line has a single cell: it cannot affect the alignment of
            // what follows, except through the remembered widths, which is why it matters.
            if (c == '\f' || cells == 1)
                formatAll();
        }
    }
    m_cell.append(text.constData() + start, text.size() - start);
}

void TabWriter::formatAll()
{
    format(0, int(m_lines.size()));
    m_lines.clear();
    m_lines.append(Line());
    m_widths.clear();
}

QByteArray TabWriter::flush()
{
    if (!m_cell.isEmpty())
        terminateCell();
    formatAll();
    m_pendingBytes = 0;
    QByteArray out;
    out.swap(m_out);
    return out;
}

void TabWriter::format(int line0, int line1)
{
    const int column = int(m_widths.size());
    for (int current = line0; current < line1; ++current) {
        if (column >= m_lines.at(current).size() - 1)
            continue;
        // A cell exists in this column: the lines before it are complete.
        writeLines(line0, current);
        line0 = current;

        int width = m_minWidth;
        for (; current < line1; ++current) {
            const Line &line = m_lines.at(current);
            if (column >= line.size() - 1)
                break;
            width = std::max(width, line.at(column).width + m_padding);
        }
        // liggitt/tabwriter's RememberWidths: a column never gets narrower than before.
        if (m_maxWidths.size() < m_widths.size())
            m_maxWidths.append(m_widths.mid(m_maxWidths.size()));
        if (m_maxWidths.size() == m_widths.size())
            m_maxWidths.append(width);
        else if (m_maxWidths.at(column) > width)
            width = m_maxWidths.at(column);
        else
            m_maxWidths[column] = width;

        m_widths.append(width);
        format(line0, current);
        m_widths.removeLast();
        line0 = current;
    }
    writeLines(line0, line1);
}

void TabWriter::writeLines(int line0, int line1)
{
    const int total = int(m_lines.size());
    for (int i = line0; i < line1; ++i) {
        const Line &line = m_lines.at(i);
        for (int j = 0; j < line.size(); ++j) {
            const Cell &cell = line.at(j);
            m_out.append(cell.text);
            if (j < m_widths.size())
                m_out.append(QByteArray(m_widths.at(j) - cell.width, ' '));
        }
        // The buffer always ends with the line being collected, which has no newline yet.
        if (i + 1 < total)
            m_out.append('\n');
    }
}

} // namespace kube::cli
