#pragma once

#include "tabledata.h"

#include <QByteArray>
#include <QString>

namespace kube::cli {

class TabWriter;

/*!
 * Prints server-side Tables exactly as kubectl's HumanReadablePrinter does: upper-cased headers,
 * priority > 0 columns only when wide, a NAMESPACE column first when asked, "kind/" before names
 * when several kinds are printed, cells as Go's fmt.Sprint prints them, multi-line cells cut at
 * the first line break with "...", escape characters made visible.
 *
 * Keeps state between calls like kubectl: a second table with the same columns (the next page of
 * a chunked list, a watch event) gets no second header. Output goes through a TabWriter, which
 * aligns the columns when flushed.
 */
class TablePrinter
{
public:
    struct Options
    {
        bool wide = false;
        bool noHeaders = false;
        bool withNamespace = false;
        QString kindPrefix; //!< e.g. "deployment.apps": printed as "deployment.apps/<name>"
    };

    explicit TablePrinter(Options options);

    void print(const TableData &table, TabWriter &out);

    //! A cell as kubectl writes it (fmt.Sprint, truncation at line breaks, escaping).
    static QByteArray formatCell(const QJsonValue &cell);

private:
    Options m_options;
    QList<TableColumn> m_lastColumns;
    bool m_printedHeaders = false;
};

} // namespace kube::cli
