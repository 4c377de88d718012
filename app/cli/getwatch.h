#pragma once

#include "api/error.h"
#include "discovery/restmapper.h"
#include "informer/storechange.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace kube {
class Reflector;
}

namespace kube::cli {

class CliContext;
class TablePrinter;
class TabWriter;
struct TableData;
struct TableRow;

/*!
 * `get -w`, `--watch-only` and `--output-watch-events` on a Reflector: prints the current state
 * (unless --watch-only), then every change, in kubectl's formats (table rows under one header,
 * an EVENT column with --output-watch-events; -o json/yaml/name objects or WatchEvents).
 *
 * Unlike kubectl, which exits when the server ends its watch, it keeps going across
 * server-ended watches, dropped connections and 410 relists; after a relist it prints only the
 * differences (ADDED, MODIFIED, DELETED), so the printed stream always rebuilds the server's
 * state. A failure before the first complete list ends it with kubectl's error and exit code 1.
 */
class GetWatch
{
public:
    enum class Format { Table, Wide, Name, Json, Yaml };
    struct Options
    {
        Format format = Format::Table;
        bool noHeaders = false;
        bool allNamespaces = false;
        bool watchOnly = false;
        bool outputWatchEvents = false;
        QString namespaceName; //!< "" for all namespaces or cluster scope
        QString labelSelector;
        QString fieldSelector;
        QString name; //!< a single object (its current state is printed by the caller)
    };

    GetWatch(CliContext &context, const RestMapping &mapping, const Options &options);
    ~GetWatch();

    //! Runs until interrupted (or until the first list fails: returns 1).
    int run();

    //! Adds kubectl's EVENT column (and NAMESPACE after it, with -A) to a table row.
    static void decorateWithEvent(TableData *table,
                                  TableRow *row,
                                  const QByteArray &eventType,
                                  bool withNamespace);

private:
    void print(const StoreChange &change);
    void printTableRow(const QByteArray &eventType, const QJsonObject &row);
    void printObject(const QByteArray &eventType, const QJsonObject &object);

    CliContext &m_context;
    RestMapping m_mapping;
    Options m_options;
    std::unique_ptr<TablePrinter> m_tablePrinter;
    std::unique_ptr<TabWriter> m_writer;
    std::unique_ptr<Reflector> m_reflector;
    int m_printed = 0;
};

} // namespace kube::cli
