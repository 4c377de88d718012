#include "getcommand.h"

#include "api/yamlwriter.h"
#include "clicontext.h"
#include "console.h"
#include "errortext.h"
#include "getprinter.h"
#include "getwatch.h"
#include "jsonprinter.h"
#include "liststreamwriter.h"
#include "objectprinter.h"
#include "tabledata.h"
#include "tableprinter.h"
#include "tabwriter.h"

#include "discovery/discoveryinterface.h"
#include "rest/listpager.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"

#include <QSet>

#include <memory>

namespace kube::cli {

namespace {

const char noTypeMessage[]
    = "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete "
      "list "
      "of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain "
      "<resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee "
      "'kubectl get -h' for help and examples\n";

QString kindKey(const RestMapping &m)
{
    return m.kind.group + u'/' + m.kind.version + u'/' + m.kind.kind;
}

GetPrinter::Resource resourceOf(const RestMapping &m)
{
    return { m.resource.group, m.resource.resource, m.kind.kind, m.namespaced };
}

} // namespace

GetCommand::GetCommand(CliContext &context, const CommandLine &commandLine)
    : m_context(context)
    , m_cmd(commandLine)
{ }

QString GetCommand::namespaceFor(const RestMapping &mapping) const
{
    if (!mapping.namespaced || m_cmd.allNamespaces)
        return {};
    return m_context.namespaceName();
}

bool GetCommand::resolveMappings(const QString &types, QList<RestMapping> *mappings)
{
    DiscoveryInterface *discovery = m_context.discovery();
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::unique_ptr<DiscoveryReply> reply(discovery->serverGroupsAndResources());
        reply->waitForFinished(std::chrono::hours(24));
        if (reply->hasError() && !reply->isPartial()) {
            Console::err(ErrorText::line(reply->error(), m_context.restConfig().host));
            return false;
        }
        const RestMapper mapper(reply->data());
        auto resolved = mapper.mappingsFor(types);
        if (resolved) {
            *mappings = *resolved;
            QByteArray warnings;
            for (const RestMapping &m : std::as_const(*mappings)) {
                for (const QString &w : m.warnings)
                    warnings += "Warning: " + w.toUtf8() + '\n';
            }
            Console::err(warnings);
            return true;
        }
        // Like kubectl's deferred mapper: a miss on cached data asks the server again.
        if (attempt == 0 && !discovery->fresh()) {
            discovery->invalidate();
            continue;
        }
        Console::err(ErrorText::line(resolved.error()));
        return false;
    }
    return false;
}

void GetCommand::list(const RestMapping &mapping, Result *result)
{
    auto client = m_context.client(mapping.resource.groupVersion());
    Request request = client->get()
                          .namespaceIfScoped(namespaceFor(mapping), mapping.namespaced)
                          .resource(mapping.resource.resource);
    if (humanReadable())
        request.asTable();
    ListOptions options;
    options.labelSelector = m_cmd.selector;
    options.fieldSelector = m_cmd.fieldSelector;

    // Human-readable pages go straight to the printer (when there is one): only their cell
    // strings are kept, never the page's JSON, so a 50,000-row list costs its text, not its DOM.
    const auto addPage = [&](const QJsonObject &page) {
        if (humanReadable() && m_printer)
            m_printer->addTable(TableData::fromJson(page));
        else if (humanReadable())
            result->tables.append(TableData::fromJson(page));
        else if (m_stream)
            m_stream->add(ObjectPrinter::itemsOf(page));
        else
            result->objects += ObjectPrinter::itemsOf(page);
    };

    if (m_cmd.chunkSize <= 0) {
        std::unique_ptr<RestReply> reply(request.versionedParams(options).send());
        waitFor(reply.get());
        auto json = reply->result().json();
        if (!json) {
            m_errors.append(json.error());
            return;
        }
        addPage(*json);
        return;
    }
    ListPager pager(request, options);
    pager.setPageSize(m_cmd.chunkSize);
    // Items already written cannot be taken back: an expired continue token is an error, as
    // it is for kubectl, instead of a relist.
    if (m_stream)
        pager.setFullListIfExpired(false);
    QObject::connect(&pager, &ListPager::pageReceived,
                     [&](const ListPage &page) { addPage(page.list); });
    QObject::connect(&pager, &ListPager::restarted, [&] {
        if (m_printer)
            m_printer->discardResource();
        result->tables.clear();
        result->objects.clear();
    });
    pager.start();
    waitFor(&pager);
    if (pager.error())
        m_errors.append(*pager.error());
}

void GetCommand::getOne(const RestMapping &mapping, const QString &name, Result *result)
{
    auto client = m_context.client(mapping.resource.groupVersion());
    Request request = client->get()
                          .namespaceIfScoped(namespaceFor(mapping), mapping.namespaced)
                          .resource(mapping.resource.resource)
                          .name(name);
    if (humanReadable())
        request.asTable();
    std::unique_ptr<RestReply> reply(request.send());
    waitFor(reply.get());
    auto json = reply->result().json();
    if (!json) {
        m_errors.append(json.error());
        return;
    }
    if (humanReadable())
        result->tables.append(TableData::fromJson(*json));
    else
        result->objects.append(*json);
}

int GetCommand::run()
{
    if (m_cmd.output.isEmpty())
        m_format = Format::Table;
    else if (m_cmd.output == QLatin1String("wide"))
        m_format = Format::Wide;
    else if (m_cmd.output == QLatin1String("name"))
        m_format = Format::Name;
    else if (m_cmd.output == QLatin1String("json"))
        m_format = Format::Json;
    else if (m_cmd.output == QLatin1String("yaml"))
        m_format = Format::Yaml;
    else {
        Console::err("error: unable to match a printer suitable for the output format \""
                     + m_cmd.output.toUtf8() + "\", allowed formats are: json,name,wide,yaml\n");
        return 1;
    }

    if (!m_cmd.sortBy.isEmpty()) {
        // Better no output than output in an order the user did not ask for.
        Console::err("error: --sort-by is not supported by kubrowser-cli get\n");
        return 1;
    }
    if (m_cmd.args.isEmpty()) {
        Console::err(noTypeMessage);
        return 1;
    }

    // TYPE[,TYPE...] [NAME...] or TYPE/NAME [TYPE/NAME...]
    QList<QPair<QString, QStringList>> requests; // types argument, names
    bool singleItemImplied = false;
    if (m_cmd.args.first().contains(u'/')) {
        for (const QString &arg : m_cmd.args) {
            const qsizetype slash = arg.indexOf(u'/');
            if (slash <= 0 || slash == arg.size() - 1) {
                Console::err("error: arguments in resource/name form must have a single resource "
                             "and name\n");
                return 1;
            }
            requests.append({ arg.left(slash), { arg.mid(slash + 1) } });
        }
        singleItemImplied = m_cmd.args.size() == 1;
    } else {
        requests.append({ m_cmd.args.first(), m_cmd.args.mid(1) });
    }

    QList<QPair<RestMapping, QStringList>> work;
    for (const auto &[types, names] : std::as_const(requests)) {
        QList<RestMapping> mappings;
        if (!resolveMappings(types, &mappings))
            return 1;
        for (const RestMapping &m : std::as_const(mappings))
            work.append({ m, names });
        if (!m_cmd.args.first().contains(u'/'))
            singleItemImplied = mappings.size() == 1 && names.size() == 1;
    }
    for (const auto &w : std::as_const(work)) {
        if (!w.second.isEmpty() && m_cmd.allNamespaces) {
            Console::err("error: a resource cannot be retrieved by name across all namespaces\n");
            return 1;
        }
    }

    if (m_cmd.watch || m_cmd.watchOnly) {
        QSet<QString> kinds;
        for (const auto &w : std::as_const(work))
            kinds.insert(w.first.kind.group + u'/' + w.first.kind.kind);
        if (kinds.size() != 1 || work.first().second.size() > 1) {
            Console::err(
                "error: watch is only supported on individual resources and resource collections - "
                "more than 1 resource was found\n");
            return 1;
        }
        return watch(work.first().first, work.first().second.value(0));
    }

    // kubectl's multipleGVKsRequested counts the kinds that came back. Lists always come back
    // (as a Table, even an empty one), named objects only when found: with lists only, or one
    // kind only, the answer is known before any request, and pages can be printed (and dropped)
    // as they arrive instead of all being held until the end.
    QSet<QString> requestedKinds;
    bool namedObjects = false;
    for (const auto &w : std::as_const(work)) {
        requestedKinds.insert(kindKey(w.first));
        namedObjects = namedObjects || !w.second.isEmpty();
    }
    std::unique_ptr<GetPrinter> printer;
    if (humanReadable() && (!namedObjects || requestedKinds.size() == 1))
        printer = std::make_unique<GetPrinter>(printerOptions(requestedKinds.size() > 1));

    // -o json|yaml|name of a List: items are written as pages arrive (see ListStreamWriter),
    // so 10,000 pods never sit in memory as JSON objects.
    std::unique_ptr<ListStreamWriter> stream;
    if (!humanReadable() && !singleItemImplied) {
        const ObjectPrinter::Format format = m_format == Format::Json ? ObjectPrinter::Format::Json
            : m_format == Format::Yaml                                ? ObjectPrinter::Format::Yaml
                                                                      : ObjectPrinter::Format::Name;
        stream = std::make_unique<ListStreamWriter>(
            format, [](const QByteArray &bytes) { Console::out(bytes); });
        m_stream = stream.get();
    }

    QList<Result> results;
    for (const auto &[mapping, names] : std::as_const(work)) {
        if (names.isEmpty()) {
            Result r { mapping, {}, {} };
            if (printer) {
                printer->beginResource(resourceOf(mapping));
                m_printer = printer.get();
                list(mapping, &r);
                m_printer = nullptr;
                Console::out(printer->takeOutput());
            } else {
                list(mapping, &r);
                results.append(r);
            }
            continue;
        }
        for (const QString &name : names) {
            Result r { mapping, {}, {} };
            getOne(mapping, name, &r);
            if (m_stream) {
                m_stream->add(r.objects);
                continue;
            }
            if (printer && !r.tables.isEmpty()) {
                printer->beginResource(resourceOf(mapping));
                for (const TableData &t : std::as_const(r.tables))
                    printer->addTable(t);
                Console::out(printer->takeOutput());
            } else if (!r.tables.isEmpty() || !r.objects.isEmpty()) {
                results.append(r);
            }
        }
    }
    if (humanReadable() && !printer) {
        QSet<QString> kinds;
        for (const Result &r : std::as_const(results))
            kinds.insert(kindKey(r.mapping));
        printer = std::make_unique<GetPrinter>(printerOptions(kinds.size() > 1));
        for (const Result &r : std::as_const(results)) {
            printer->beginResource(resourceOf(r.mapping));
            for (const TableData &t : r.tables)
                printer->addTable(t);
            Console::out(printer->takeOutput());
        }
    }
    if (stream) {
        m_stream = nullptr;
        stream->finish();
        QByteArray text;
        for (const Error &e : std::as_const(m_errors))
            text += ErrorText::line(e, m_context.restConfig().host);
        Console::err(text);
        return m_errors.isEmpty() ? 0 : 1;
    }
    return print(results, printer.get(), singleItemImplied);
}

GetPrinter::Options GetCommand::printerOptions(bool severalKinds) const
{
    GetPrinter::Options options;
    options.wide = m_format == Format::Wide;
    options.noHeaders = m_cmd.noHeaders;
    options.allNamespaces = m_cmd.allNamespaces;
    options.namespaceName = m_context.namespaceName();
    options.withKind = severalKinds || m_cmd.showKind;
    return options;
}

int GetCommand::print(const QList<Result> &results, GetPrinter *printer, bool singleItemImplied)
{
    const QUrl server = m_context.restConfig().host;
    const auto printErrors = [&] {
        QByteArray text;
        for (const Error &e : std::as_const(m_errors))
            text += ErrorText::line(e, server);
        Console::err(text);
    };

    if (!humanReadable()) {
        if (singleItemImplied && !m_errors.isEmpty()) {
            printErrors();
            return 1;
        }
        QList<QJsonObject> objects;
        for (const Result &r : results)
            objects += r.objects;
        const ObjectPrinter::Format format = m_format == Format::Json ? ObjectPrinter::Format::Json
            : m_format == Format::Yaml                                ? ObjectPrinter::Format::Yaml
                                                                      : ObjectPrinter::Format::Name;
        Console::out(ObjectPrinter::print(format, objects, singleItemImplied));
        printErrors();
        return m_errors.isEmpty() ? 0 : 1;
    }

    Console::out(printer->finish());
    Console::err(printer->noResourcesMessage(!m_errors.isEmpty()));
    printErrors();
    return m_errors.isEmpty() ? 0 : 1;
}

int GetCommand::watch(const RestMapping &mapping, const QString &name)
{
    const QUrl server = m_context.restConfig().host;
    GetWatch::Options options;
    options.format = m_format == Format::Table ? GetWatch::Format::Table
        : m_format == Format::Wide             ? GetWatch::Format::Wide
        : m_format == Format::Name             ? GetWatch::Format::Name
        : m_format == Format::Json             ? GetWatch::Format::Json
                                               : GetWatch::Format::Yaml;
    options.noHeaders = m_cmd.noHeaders;
    options.allNamespaces = m_cmd.allNamespaces;
    options.watchOnly = m_cmd.watchOnly;
    options.outputWatchEvents = m_cmd.outputWatchEvents;
    options.namespaceName = namespaceFor(mapping);
    options.labelSelector = m_cmd.selector;
    options.fieldSelector = m_cmd.fieldSelector;
    options.name = name;

    // A named object: its current state first, as kubectl does (and its NotFound error).
    // Lists: the reflector's first list is the current state.
    if (!name.isEmpty()) {
        Result initial { mapping, {}, {} };
        getOne(mapping, name, &initial);
        if (!m_errors.isEmpty()) {
            Console::err(ErrorText::line(m_errors.first(), server));
            return 1;
        }
        if (!m_cmd.watchOnly) {
            if (humanReadable()) {
                TablePrinter::Options tableOptions;
                tableOptions.wide = m_format == Format::Wide;
                tableOptions.noHeaders = m_cmd.noHeaders;
                tableOptions.withNamespace = m_cmd.allNamespaces && !m_cmd.outputWatchEvents;
                TablePrinter tablePrinter(tableOptions);
                TabWriter writer;
                for (const TableData &t : std::as_const(initial.tables)) {
                    if (!m_cmd.outputWatchEvents) {
                        tablePrinter.print(t, writer);
                        continue;
                    }
                    for (TableRow row : t.rows) {
                        TableData one;
                        one.columns = t.columns;
                        GetWatch::decorateWithEvent(&one, &row, "ADDED", m_cmd.allNamespaces);
                        one.rows.append(row);
                        tablePrinter.print(one, writer);
                    }
                }
                Console::out(writer.flush());
                options.noHeaders = true; // the header is out already
            } else {
                const ObjectPrinter::Format format = m_format == Format::Json
                    ? ObjectPrinter::Format::Json
                    : m_format == Format::Yaml ? ObjectPrinter::Format::Yaml
                                               : ObjectPrinter::Format::Name;
                for (const QJsonObject &o : std::as_const(initial.objects))
                    Console::out(ObjectPrinter::print(format, { o }, true));
            }
        }
    }
    GetWatch watcher(m_context, mapping, options);
    return watcher.run();
}

} // namespace kube::cli
