#include "liststreamwriter.h"

#include "api/yamlwriter.h"
#include "jsonprinter.h"

#include <QJsonArray>

namespace kube::cli {

namespace {

// What ObjectPrinter::print() writes around the items of its List.
constexpr char JsonHead[] = "{\n    \"apiVersion\": \"v1\",\n    \"items\": ";
constexpr char JsonTail[] = ",\n    \"kind\": \"List\",\n    \"metadata\": {\n        "
                            "\"resourceVersion\": \"\"\n    }\n}\n";
constexpr char YamlHead[] = "apiVersion: v1\n";
constexpr char YamlTail[] = "kind: List\nmetadata:\n  resourceVersion: \"\"\n";

} // namespace

ListStreamWriter::ListStreamWriter(ObjectPrinter::Format format, Sink sink)
    : m_format(format)
    , m_sink(std::move(sink))
{ }

void ListStreamWriter::add(const QList<QJsonObject> &items)
{
    if (items.isEmpty() || m_finished)
        return;
    QByteArray out;
    for (const QJsonObject &item : items) {
        switch (m_format) {
        case ObjectPrinter::Format::Name:
            out += ObjectPrinter::nameOf(item) + '\n';
            break;
        case ObjectPrinter::Format::Json:
            if (m_count == 0)
                out += QByteArray(JsonHead) + '[';
            else
                out += ',';
            out += "\n        ";
            JsonPrinter::write(out, item, 2);
            break;
        case ObjectPrinter::Format::Yaml: {
            if (m_count == 0)
                out += QByteArray(YamlHead) + "items:\n";
            // The item as the List's sequence entry: "- key: ..." with continuation lines
            // indented, exactly as the writer prints it inside "items:".
            const QByteArray wrapped = YamlWriter::print(
                QJsonObject { { QStringLiteral("items"), QJsonArray { item } } });
            out += wrapped.mid(wrapped.indexOf('\n') + 1);
            break;
        }
        }
        ++m_count;
    }
    m_sink(out);
}

void ListStreamWriter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    QByteArray out;
    switch (m_format) {
    case ObjectPrinter::Format::Name:
        return;
    case ObjectPrinter::Format::Json:
        out = m_count == 0 ? QByteArray(JsonHead) + "[]" : QByteArray("\n    ]");
        out += JsonTail;
        break;
    case ObjectPrinter::Format::Yaml:
        out = m_count == 0 ? QByteArray(YamlHead) + "items: []\n" : QByteArray();
        out += YamlTail;
        break;
    }
    m_sink(out);
}

} // namespace kube::cli
