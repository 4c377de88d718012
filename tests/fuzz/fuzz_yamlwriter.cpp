// libFuzzer: YamlWriter (kubectl's -o yaml) round trip: any JSON document printed as YAML must
// parse back (yaml-cpp) to the same JSON value.
#include "api/yamlwriter.h"
#include "config/yamlnode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstdlib>

namespace {

int depthOf(const QJsonValue &v)
{
    int d = 0;
    if (v.isObject()) {
        for (const QJsonValue &c : v.toObject())
            d = qMax(d, depthOf(c));
        return d + 1;
    }
    if (v.isArray()) {
        for (const QJsonValue &c : v.toArray())
            d = qMax(d, depthOf(c));
        return d + 1;
    }
    return 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    const QJsonValue value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const QByteArray yaml = kube::YamlWriter::print(value);
    auto node = kube::detail::parseYaml(yaml, QStringLiteral("fuzz"));
    if (!node) {
        // Deeper than the reader's guard is refused on purpose; anything else is a bug.
        if (depthOf(value) >= kube::detail::maxYamlDepth)
            return 0;
        fprintf(stderr, "YAML does not parse: %s\n%s\n", qPrintable(node.error().message),
                yaml.constData());
        std::abort();
    }
    const QJsonValue back = kube::detail::yamlToJson(*node);
    if (back != value) {
        fprintf(stderr, "round trip differs:\n%s\n---\n%s\n", bytes.constData(), yaml.constData());
        std::abort();
    }
    return 0;
}
