#include "getwatch.h"

#include "clicontext.h"
#include "console.h"
#include "errortext.h"
#include "jsonprinter.h"
#include "objectprinter.h"
#include "tabledata.h"
#include "tableprinter.h"
#include "tabwriter.h"

#include "api/yamlwriter.h"
#include "informer/reflector.h"
#include "informer/store.h"
#include "rest/restclient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace kube::cli {

namespace {

QByteArray eventTypeOf(const StoreChange &change)
{
    switch (change.type) {
    case StoreChange::Type::Added:
        return "ADDED";
    case StoreChange::Type::Updated:
        return "MODIFIED";
    case StoreChange::Type::Deleted:
        return "DELETED";
    }
    return {};
}

} // namespace

GetWatch::GetWatch(CliContext &context, const RestMapping &mapping, const Options &options)
    : m_context(context)
    , m_mapping(mapping)
    , m_options(options)
{ }

GetWatch::~GetWatch() = default;

int GetWatch::run()
{
    const bool table = m_options.format == Format::Table || m_options.format == Format::Wide;
    TablePrinter::Options tableOptions;
    tableOptions.wide = m_options.format == Format::Wide;
    tableOptions.noHeaders = m_options.noHeaders;
    tableOptions.withNamespace = m_options.allNamespaces && !m_options.outputWatchEvents;
    m_tablePrinter = std::make_unique<TablePrinter>(tableOptions);
    m_writer = std::make_unique<TabWriter>();

    ReflectorOptions options;
    options.mode = table ? InformerMode::Table : InformerMode::Full;
    options.labelSelector = m_options.labelSelector;
    options.fieldSelector = m_options.name.isEmpty()
        ? m_options.fieldSelector
        : QStringLiteral("metadata.name=") + m_options.name;
    DynamicResource resource(m_context.unversionedClient(), m_mapping.resource,
                             m_mapping.namespaced ? ResourceScope::Namespaced
                                                  : ResourceScope::Cluster);
    if (m_mapping.namespaced)
        resource = resource.inNamespace(m_options.namespaceName);
    m_reflector = std::make_unique<Reflector>(resource, std::make_shared<Store>(), options);

    // The first list is the current state: printed unless --watch-only (or a named object,
    // which the caller printed already). Everything after it is a change.
    const bool printInitial = !m_options.watchOnly && m_options.name.isEmpty();
    QEventLoop loop;
    int exitCode = 0;
    // The first list is printed as one table once complete (as kubectl prints the list it
    // fetched in chunks), in the server's order; every change after it as it comes.
    bool initialDone = false;
    StoreChanges initial;
    QObject::connect(m_reflector.get(), &Reflector::changed, &loop,
                     [&](const StoreChanges &changes) {
                         if (!initialDone) {
                             if (printInitial)
                                 initial += changes;
                             return;
                         }
                         for (const StoreChange &c : changes)
                             print(c);
                         Console::out(m_writer->flush());
                     });
    QObject::connect(m_reflector.get(), &Reflector::synced, &loop, [&] {
        initialDone = true;
        QSet<QString> printed;
        for (const StoreChange &c : std::as_const(initial)) {
            if (c.type == StoreChange::Type::Deleted || printed.contains(c.key))
                continue;
            const std::optional<QJsonObject> now = m_reflector->store()->get(c.key);
            if (!now)
                continue; // gone again before the list completed
            printed.insert(c.key);
            print(StoreChange { StoreChange::Type::Added, c.key, *now, {}, false });
        }
        initial.clear();
        Console::out(m_writer->flush());
    });
    QObject::connect(
        m_reflector.get(), &Reflector::statusChanged, &loop, [&](const ReflectorStatus &status) {
            if (status.state != ReflectorStatus::State::Reconnecting || status.synced
                || !status.lastError)
                return;
            // The first list failed: report it as kubectl does, and stop.
            Console::err(ErrorText::line(*status.lastError, m_context.restConfig().host));
            exitCode = 1;
            loop.quit();
        });
    QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, &loop,
                     &QEventLoop::quit);
    m_reflector->start();
    loop.exec();
    m_reflector->stop();
    return exitCode;
}

void GetWatch::print(const StoreChange &change)
{
    const QByteArray type = m_options.outputWatchEvents ? eventTypeOf(change) : QByteArray();
    if (m_options.format == Format::Table || m_options.format == Format::Wide)
        printTableRow(type, change.object);
    else
        printObject(type, change.object);
    ++m_printed;
}

void GetWatch::printTableRow(const QByteArray &eventType, const QJsonObject &row)
{
    TableData data;
    for (const TableColumnDefinition &c : m_reflector->columns())
        data.columns.append(TableColumn { c.name, c.type, c.format, c.priority });
    TableRow r { row.value(QLatin1String("cells")).toArray(), Store::metadataOf(row) };
    if (!eventType.isEmpty())
        decorateWithEvent(&data, &r, eventType, m_options.allNamespaces);
    data.rows.append(r);
    m_tablePrinter->print(data, *m_writer);
}

void GetWatch::decorateWithEvent(TableData *table,
                                 TableRow *row,
                                 const QByteArray &eventType,
                                 bool withNamespace)
{
    // kubectl's table for WatchEvents: EVENT first, then NAMESPACE (with -A), then the
    // server's columns. The printer's own namespace column is off in this mode.
    if (withNamespace) {
        table->columns.prepend(
            TableColumn { QStringLiteral("Namespace"), QStringLiteral("string"), {}, 0 });
        row->cells.prepend(row->objectMeta.value(QLatin1String("namespace")).toString());
    }
    table->columns.prepend(
        TableColumn { QStringLiteral("Event"), QStringLiteral("string"), {}, 0 });
    // kubectl's formatEventType: the known types padded to eight characters.
    row->cells.prepend(QString::fromLatin1(eventType).leftJustified(8, u' '));
}

void GetWatch::printObject(const QByteArray &eventType, const QJsonObject &object)
{
    QByteArray out;
    switch (m_options.format) {
    case Format::Table:
    case Format::Wide:
        break;
    case Format::Name:
        out = ObjectPrinter::nameOf(object) + '\n';
        break;
    case Format::Json:
        if (eventType.isEmpty()) {
            out = JsonPrinter::print(object);
        } else {
            // kubectl prints a metav1.WatchEvent on one line: struct order (type, object),
            // the object compact with sorted keys and Go's HTML-safe escaping.
            QByteArray compact = QJsonDocument(object).toJson(QJsonDocument::Compact);
            compact.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
            compact.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
            out = "{\"type\":\"" + eventType + "\",\"object\":" + compact + "}\n";
        }
        break;
    case Format::Yaml:
        if (m_printed > 0)
            out = "---\n";
        if (eventType.isEmpty()) {
            out += YamlWriter::print(object);
        } else {
            // sigs.k8s.io/yaml sorts keys: object, then type.
            out += "object:\n";
            for (const QByteArray &line : YamlWriter::print(object).split('\n')) {
                if (!line.isEmpty())
                    out += "  " + line + '\n';
            }
            out += "type: " + eventType + '\n';
        }
        break;
    }
    Console::out(out);
}

} // namespace kube::cli
