#include "tabwriter.h"

namespace kube::cli {

namespace {

int runeCount(QByteArrayView text)
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

qsizetype TabWriter::cellCount(qsizetype line) const
{
    const qsizetype end
        = line + 1 < m_lines.size() ? m_lines.at(line + 1).firstCell : m_cells.size();
    return end - m_lines.at(line).firstCell;
}

const TabWriter::Cell &TabWriter::cellAt(qsizetype line, qsizetype column) const
{
    return m_cells.at(m_lines.at(line).firstCell + column);
}

int TabWriter::terminateCell()
{
    const qsizetype size = m_text.size() - m_cellStart;
    m_cells.append(
        Cell { int(size), runeCount(QByteArrayView(m_text.constData() + m_cellStart, size)) });
    m_cellStart = m_text.size();
    return int(m_cells.size() - m_lines.last().firstCell);
}

void TabWriter::write(const QByteArray &text)
{
    m_pendingBytes += text.size();
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c != '\t' && c != '\v' && c != '\n' && c != '\f')
            continue;
        m_text.append(text.constData() + start, i - start);
        start = i + 1;
        const int cells = terminateCell();
        if (c == '\n' || c == '\f') {
            m_lines.append(Line { m_cells.size(), m_text.size() });
            // Go flushes whenever a line has a single cell: it cannot affect the alignment of
            // what follows, except through the remembered widths, which is why it matters.
            if (c == '\f' || cells == 1)
                formatAll();
        }
    }
    m_text.append(text.constData() + start, text.size() - start);
}

void TabWriter::formatAll()
{
    format(0, int(lineCount()));
    // Only called at a line end (or after flush() ended the last cell): nothing is half-collected.
    clearPending();
}

void TabWriter::clearPending()
{
    m_text.clear();
    m_cellStart = 0;
    m_cells.clear();
    m_lines.clear();
    m_lines.append(Line());
    m_widths.clear();
}

QByteArray TabWriter::flush()
{
    if (m_text.size() > m_cellStart)
        terminateCell();
    formatAll();
    m_pendingBytes = 0;
    QByteArray out;
    out.swap(m_out);
    return out;
}

void TabWriter::discard()
{
    clearPending();
    m_pendingBytes = 0;
    m_out.clear();
}

void TabWriter::format(int line0, int line1)
{
    const int column = int(m_widths.size());
    for (int current = line0; current < line1; ++current) {
        if (column >= cellCount(current) - 1)
            continue;
        // A cell exists in this column: the lines before it are complete.
        writeLines(line0, current);
        line0 = current;

        int width = m_minWidth;
        for (; current < line1; ++current) {
            if (column >= cellCount(current) - 1)
                break;
            width = std::max(width, cellAt(current, column).width + m_padding);
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
    const int total = int(lineCount());
    for (int i = line0; i < line1; ++i) {
        const qsizetype cells = cellCount(i);
        qsizetype offset = m_lines.at(i).textOffset;
        for (qsizetype j = 0; j < cells; ++j) {
            const Cell &cell = cellAt(i, j);
            m_out.append(m_text.constData() + offset, cell.size);
            offset += cell.size;
            if (j < m_widths.size())
                m_out.append(m_widths.at(j) - cell.width, ' ');
        }
        // The buffer always ends with the line being collected, which has no newline yet.
        if (i + 1 < total)
            m_out.append('\n');
    }
}

} // namespace kube::cli
