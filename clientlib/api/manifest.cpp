#include "manifest.h"

#include "config/yamlnode.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kube {

namespace {

const QChar KeySep(0x1f);

void collectLines(
    const YAML::Node &node, const QString &prefix, QHash<QString, int> *out, int offset, int depth)
{
    if (depth > detail::maxYamlDepth || out->size() > 100000)
        return;
    if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            const QString key = QString::fromStdString(it->first.Scalar());
            const QString path = prefix.isEmpty() ? key : prefix + KeySep + key;
            out->insert(path, it->first.Mark().line + 1 + offset);
            collectLines(it->second, path, out, offset, depth + 1);
        }
    } else if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            const QString path
                = prefix.isEmpty() ? QString::number(i) : prefix + KeySep + QString::number(i);
            out->insert(path, node[i].Mark().line + 1 + offset);
            collectLines(node[i], path, out, offset, depth + 1);
        }
    }
}

} // namespace

int Manifest::Document::lineOf(const QStringList &path) const
{
    for (qsizetype n = path.size(); n > 0; --n) {
        const auto it = fieldLines.constFind(path.mid(0, n).join(KeySep));
        if (it != fieldLines.cend())
            return *it;
    }
    return line;
}

Result<QList<Manifest::Document>> Manifest::parse(const QByteArray &data, const QString &source)
{
    // Split as kubectl's YAML reader does: a line that is exactly "---" (maybe with a comment or
    // trailing blanks) separates documents.
    QList<QPair<int, QByteArray>> chunks;
    QByteArray current;
    int start = 0;
    int lineNo = 0;
    for (const QByteArray &line : data.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed == "---" || trimmed.startsWith("--- ") || trimmed.startsWith("---#")) {
            chunks.append({ start, current });
            current.clear();
            start = lineNo + 1;
        } else {
            current += line + '\n';
        }
        ++lineNo;
    }
    chunks.append({ start, current });

    QList<Document> out;
    for (const auto &[offset, chunk] : std::as_const(chunks)) {
        if (chunk.trimmed().isEmpty())
            continue;
        auto node = detail::parseYaml(chunk, source);
        if (!node) {
            Error e = node.error();
            e.kind = Error::Kind::Decode;
            if (offset > 0)
                e.message
                    += QStringLiteral(" (in the document starting at line %1)").arg(offset + 1);
            return e;
        }
        if (detail::yamlIsMissing(*node))
            continue;
        const QJsonValue json = detail::yamlToJson(*node);
        if (!json.isObject())
            return Error::make(Error::Kind::Decode,
                               QStringLiteral("error parsing %1: the document at line %2 is not "
                                              "an object")
                                   .arg(source)
                                   .arg(offset + 1));
        Document d;
        d.object = json.toObject();
        d.line = offset + 1;
        collectLines(*node, QString(), &d.fieldLines, offset, 0);
        if (d.object.value(QLatin1String("kind")).toString() == QLatin1String("List")
            && d.object.value(QLatin1String("items")).isArray()) {
            const QJsonArray items = d.object.value(QLatin1String("items")).toArray();
            for (qsizetype i = 0; i < items.size(); ++i) {
                Document item;
                item.object = items.at(i).toObject();
                const QString prefix = QStringLiteral("items") + KeySep + QString::number(i);
                item.line = d.fieldLines.value(prefix, d.line);
                for (auto it = d.fieldLines.cbegin(); it != d.fieldLines.cend(); ++it) {
                    if (it.key().startsWith(prefix + KeySep))
                        item.fieldLines.insert(it.key().mid(prefix.size() + 1), it.value());
                }
                out.append(item);
            }
            continue;
        }
        out.append(d);
    }
    return out;
}

} // namespace kube
