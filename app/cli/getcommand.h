#pragma once

#include "commandline.h"
#include "getprinter.h"

#include "api/error.h"
#include "discovery/restmapper.h"

#include <QJsonObject>
#include <QList>

namespace kube::cli {

class CliContext;
class ListStreamWriter;
struct TableData;

/*!
 * `get`: lists or fetches objects and prints them as kubectl get does. Resource names are
 * resolved with the discovery RESTMapper (short names, kinds, "resource.group",
 * "resource.version.group", categories like "all"); lists are read in chunks of --chunk-size
 * with limit/continue; tables come from the server (Accept: ...;as=Table); errors are collected
 * and reported after the output, like kubectl's ContinueOnError, with its exit codes.
 */
class GetCommand
{
public:
    GetCommand(CliContext &context, const CommandLine &commandLine);
    int run();

private:
    enum class Format { Table, Wide, Name, Json, Yaml };

    //! What one request (a list, or one named object) produced.
    struct Result
    {
        RestMapping mapping;
        QList<TableData> tables; //!< human-readable output
        QList<QJsonObject> objects; //!< -o name|json|yaml
    };

    bool resolveMappings(const QString &types, QList<RestMapping> *mappings);
    void list(const RestMapping &mapping, Result *result);
    void getOne(const RestMapping &mapping, const QString &name, Result *result);
    GetPrinter::Options printerOptions(bool severalKinds) const;
    int print(const QList<Result> &results, GetPrinter *printer, bool singleItemImplied);
    int watch(const RestMapping &mapping, const QString &name);
    bool humanReadable() const { return m_format == Format::Table || m_format == Format::Wide; }
    QString namespaceFor(const RestMapping &mapping) const;

    CliContext &m_context;
    const CommandLine &m_cmd;
    Format m_format = Format::Table;
    QList<Error> m_errors;
    GetPrinter *m_printer = nullptr; //!< where list() streams table pages, when set
    ListStreamWriter *m_stream = nullptr; //!< where objects go as they arrive, when set
};

} // namespace kube::cli
