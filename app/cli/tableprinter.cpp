#include "tableprinter.h"

#include "api/goformat.h"
#include "tabwriter.h"

namespace kube::cli {

namespace {

// kubectl's terminal escaper: ESC would let a server drive the user's terminal.
QByteArray escapeTerminal(QByteArray text)
{
    if (text.contains('\x1b'))
        text.replace('\x1b', "^[");
    if (text.contains('\r'))
        text.replace("\r", "\\r");
    return text;
}

} // namespace

TablePrinter::TablePrinter(Options options)
    : m_options(std::move(options))
{ }

QByteArray TablePrinter::formatCell(const QJsonValue &cell)
{
    if (cell.isNull() || cell.isUndefined())
        return {};
    if (cell.isString()) {
        QByteArray text = cell.toString().toUtf8();
        qsizetype cut = -1;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char c = text.at(i);
            if (c == '\f' || c == '\n' || c == '\r') {
                cut = i;
                break;
            }
        }
        if (cut >= 0)
            return escapeTerminal(text.left(cut)) + "...";
        return escapeTerminal(text);
    }
    return escapeTerminal(GoFormat::sprint(cell));
}

void TablePrinter::print(const TableData &input, TabWriter &out)
{
    bool noHeaders = m_options.noHeaders;
    if (m_printedHeaders && (input.columns.isEmpty() || input.columns == m_lastColumns))
        noHeaders = true;

    QList<TableColumn> columns = input.columns;
    if (columns.isEmpty()) {
        // Watch events may leave the columns out to save bandwidth: reuse the last ones.
        columns = m_lastColumns;
    } else if (columns != m_lastColumns) {
        m_lastColumns = columns;
        m_printedHeaders = false;
    }
    if (!input.rows.isEmpty())
        m_printedHeaders = true;

    int nameColumn = -1;
    if (!m_options.kindPrefix.isEmpty()) {
        for (int i = 0; i < columns.size(); ++i) {
            if (columns.at(i).format == QLatin1String("name")
                && columns.at(i).type == QLatin1String("string")) {
                nameColumn = i;
                break;
            }
        }
    }
    const QByteArray kindPrefix = m_options.kindPrefix.toLower().toUtf8() + '/';
    const auto visible = [&](int i) { return m_options.wide || columns.at(i).priority == 0; };

    if (!noHeaders) {
        // No header for an empty table: kubectl then says "No resources found" instead.
        if (input.rows.isEmpty())
            return;
        QByteArray header;
        bool first = true;
        if (m_options.withNamespace) {
            header.append("NAMESPACE");
            first = false;
        }
        for (int i = 0; i < columns.size(); ++i) {
            if (!visible(i))
                continue;
            if (!first)
                header.append('\t');
            first = false;
            header.append(columns.at(i).name.toUpper().toUtf8());
        }
        header.append('\n');
        out.write(header);
    }

    QByteArray line;
    for (const TableRow &row : input.rows) {
        line.clear();
        bool first = true;
        if (m_options.withNamespace) {
            line.append(row.objectMeta.value(QLatin1String("namespace")).toString().toUtf8());
            first = false;
        }
        const qsizetype cells = std::min<qsizetype>(row.cells.size(), columns.size());
        for (int i = 0; i < cells; ++i) {
            if (!visible(i))
                continue;
            if (!first)
                line.append('\t');
            first = false;
            const QJsonValue cell = row.cells.at(i);
            if (i == nameColumn) {
                // kubectl prefixes with Sprintf("%s/%s"), before any escaping or truncation.
                line.append(
                    formatCell(QJsonValue(QString::fromUtf8(kindPrefix + GoFormat::sprint(cell)))));
            } else {
                line.append(formatCell(cell));
            }
        }
        line.append('\n');
        out.write(line);
    }
}

} // namespace kube::cli
