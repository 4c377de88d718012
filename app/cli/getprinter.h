#pragma once

#include "tabledata.h"
#include "tableprinter.h"
#include "tabwriter.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace kube::cli {

/*!
 * The human-readable side of `kubectl get`: a sequence of server-side Tables, one resource type
 * after the other, printed as kubectl prints them: one aligned table per type, a blank line
 * between types, "kind.group/" before names when several kinds are printed, a NAMESPACE column
 * with --all-namespaces (never for cluster-scoped types), and "No resources found ..." on stderr
 * when nothing at all was printed.
 *
 * \code
 * GetPrinter p({.allNamespaces = false, .namespaceName = "default"});
 * p.beginResource({.resource = "pods", .kind = "Pod", .namespaced = true});
 * p.addTable(TableData::fromJson(page));
 * std::cout << p.finish().toStdString(); // p.noResourcesMessage() for stderr
 * \endcode
 */
class GetPrinter
{
public:
    struct Options
    {
        bool wide = false;
        bool noHeaders = false;
        bool allNamespaces = false;
        QString namespaceName; //!< for "No resources found in <ns> namespace."
        bool withKind = false; //!< several kinds requested (kubectl's multipleGVKsRequested)
    };
    struct Resource
    {
        QString group;
        QString resource;
        QString kind;
        bool namespaced = true;
    };

    explicit GetPrinter(Options options);

    //! Starts a resource type (a new table); the same type twice in a row continues the table.
    void beginResource(const Resource &resource);
    void addTable(const TableData &table);
    //! Forgets what the current resource printed so far (a list restarted from scratch).
    void discardResource();
    //! Output ready to be written now (complete tables of earlier types).
    QByteArray takeOutput();
    //! Flushes the last table and returns what is left to write.
    QByteArray finish();
    //! After finish(): the stderr line when nothing was printed (empty otherwise, or on errors).
    QByteArray noResourcesMessage(bool hadErrors) const;
    qsizetype bytesWritten() const { return m_written; }

private:
    void append(const QByteArray &text);

    Options m_options;
    TabWriter m_writer;
    std::unique_ptr<TablePrinter> m_printer;
    QString m_lastResource; //!< group/resource of the current table
    bool m_hasLast = false;
    bool m_separatorReady = false;
    bool m_allNamespaced;
    qsizetype m_written = 0;
    QByteArray m_out;
    // Where the current resource started, for discardResource().
    TablePrinter::Options m_printerOptions;
    qsizetype m_outMark = 0;
    qsizetype m_writtenMark = 0;
    bool m_separatorMark = false;
};

} // namespace kube::cli
