#pragma once

#include "objectprinter.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <functional>

namespace kube::cli {

/*!
 * `get -o json|yaml|name` of lists, written as pages arrive instead of after the last one.
 * The List kubectl prints has its keys sorted (apiVersion, items, kind, metadata): the items
 * come before anything that depends on the whole result, so each page's items are written and
 * dropped at once and the output is byte for byte what ObjectPrinter::print() gives for all
 * items together. Memory is one page, not the whole list.
 */
class ListStreamWriter
{
public:
    using Sink = std::function<void(const QByteArray &)>;

    //! \a sink receives the output in pieces (Console::out in the CLI).
    ListStreamWriter(ObjectPrinter::Format format, Sink sink);

    void add(const QList<QJsonObject> &items);
    //! Writes what closes the List; nothing may be added afterwards.
    void finish();
    qsizetype count() const { return m_count; }

private:
    ObjectPrinter::Format m_format;
    Sink m_sink;
    qsizetype m_count = 0;
    bool m_finished = false;
};

} // namespace kube::cli
