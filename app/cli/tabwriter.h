#pragma once

#include <QByteArray>
#include <QList>

namespace kube::cli {

/*!
 * Aligns tab-separated text into columns exactly like Go's text/tabwriter as kubectl configures
 * it (printers.GetNewTabWriter: minwidth 6, padding 3, pad with spaces, remember widths).
 *
 * A cell is text terminated by a tab; the text after the last tab of a line is not part of a
 * column and is never padded. Column widths are computed per block of consecutive lines that
 * have a cell in that column, in runes (not bytes, not terminal cells), as Go does. With
 * remembered widths, a column never shrinks across flush() calls (watch output stays aligned).
 *
 * \code
 * TabWriter w;
 * w.write("NAME\tAGE\n");
 * w.write("web-1\t5d\n");
 * QByteArray text = w.flush(); // "NAME    AGE\nweb-1   5d\n"
 * \endcode
 */
class TabWriter
{
public:
    explicit TabWriter(int minWidth = 6, int padding = 3);

    void write(const QByteArray &text);
    void write(const char *text) { write(QByteArray(text)); }
    //! Bytes written since the last flush() (kubectl's "did we print anything" tracking).
    qsizetype pendingBytes() const { return m_pendingBytes; }

    //! Formats everything written so far and returns it; an incomplete last line is kept.
    QByteArray flush();
    //! Drops everything written since the last flush(), formatted or not.
    void discard();
    //! Forgets remembered widths (kubectl does this when a new resource type starts).
    void resetRememberedWidths() { m_maxWidths.clear(); }

private:
    // Pending text is held compactly: all cell texts in one buffer, one after the other, cells as
    // their sizes, lines as where their cells and text start. A 50,000-line table then costs its
    // text plus 8 bytes a cell, not a heap block per cell and per line.
    struct Cell
    {
        int size = 0; //!< bytes in m_text
        int width = 0; //!< in runes
    };
    struct Line
    {
        qsizetype firstCell = 0; //!< index into m_cells
        qsizetype textOffset = 0; //!< where the line's first cell starts in m_text
    };

    int terminateCell();
    qsizetype lineCount() const { return m_lines.size(); }
    qsizetype cellCount(qsizetype line) const;
    const Cell &cellAt(qsizetype line, qsizetype column) const;
    void clearPending();
    void formatAll();
    void format(int line0, int line1);
    void writeLines(int line0, int line1);

    int m_minWidth;
    int m_padding;
    QByteArray m_text; //!< texts of the pending cells, the one being collected last
    qsizetype m_cellStart = 0; //!< where the cell being collected starts in m_text
    QList<Cell> m_cells;
    QList<Line> m_lines; //!< the pending lines; the last is being collected
    QList<int> m_widths; //!< column widths of the block being formatted
    QList<int> m_maxWidths; //!< remembered widths (liggitt/tabwriter RememberWidths)
    qsizetype m_pendingBytes = 0;
    QByteArray m_out; //!< formatted text not yet handed out by flush()
};

} // namespace kube::cli
