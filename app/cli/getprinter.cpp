#include "getprinter.h"

namespace kube::cli {

GetPrinter::GetPrinter(Options options)
    : m_options(std::move(options))
    , m_allNamespaced(!m_options.allNamespaces)
{ }

void GetPrinter::append(const QByteArray &text)
{
    if (text.isEmpty())
        return;
    if (m_separatorReady) {
        m_out.append('\n');
        m_separatorReady = false;
    }
    m_out.append(text);
    m_written += text.size();
}

void GetPrinter::beginResource(const Resource &resource)
{
    m_allNamespaced = m_allNamespaced && resource.namespaced;
    const QString id = resource.group + u'/' + resource.resource;
    if (m_printer && m_hasLast && id == m_lastResource)
        return;
    append(m_writer.flush());
    m_writer.resetRememberedWidths();
    // A blank line between types, but only after a type that printed something.
    if (m_hasLast && !m_options.noHeaders && m_written > 0)
        m_separatorReady = true;
    TablePrinter::Options o;
    o.wide = m_options.wide;
    o.noHeaders = m_options.noHeaders;
    o.withNamespace = m_options.allNamespaces && resource.namespaced;
    if (m_options.withKind)
        o.kindPrefix
            = resource.group.isEmpty() ? resource.kind : resource.kind + u'.' + resource.group;
    m_printer = std::make_unique<TablePrinter>(o);
    m_printerOptions = o;
    m_outMark = m_out.size();
    m_writtenMark = m_written;
    m_separatorMark = m_separatorReady;
    m_lastResource = id;
    m_hasLast = true;
}

void GetPrinter::addTable(const TableData &table)
{
    if (m_printer)
        m_printer->print(table, m_writer);
}

void GetPrinter::discardResource()
{
    if (!m_printer)
        return;
    m_writer.discard();
    m_writer.resetRememberedWidths();
    m_out.truncate(m_outMark);
    m_written = m_writtenMark;
    m_separatorReady = m_separatorMark;
    m_printer = std::make_unique<TablePrinter>(m_printerOptions);
}

QByteArray GetPrinter::takeOutput()
{
    QByteArray out;
    out.swap(m_out);
    m_outMark = 0;
    return out;
}

QByteArray GetPrinter::finish()
{
    append(m_writer.flush());
    return takeOutput();
}

QByteArray GetPrinter::noResourcesMessage(bool hadErrors) const
{
    if (m_written > 0 || hadErrors)
        return {};
    if (m_allNamespaced)
        return "No resources found in " + m_options.namespaceName.toUtf8() + " namespace.\n";
    return "No resources found\n";
}

} // namespace kube::cli
