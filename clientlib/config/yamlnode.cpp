#include "config/yamlnode.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <optional>
#include <vector>

namespace kube::detail {

namespace {

// Alias-heavy documents ("billion laughs") expand exponentially when walked; real kubeconfigs
// have a few thousand nodes at most.
constexpr qsizetype maxWalkedNodes = 1000 * 1000;
// Extensions are small maps; a bigger one is cut off rather than converted.
constexpr qsizetype maxJsonNodes = 100 * 1000;

QString markText(const QString &fileName, const YAML::Mark &mark)
{
    if (mark.is_null())
        return fileName;
    return QStringLiteral("%1:%2:%3").arg(fileName).arg(mark.line + 1).arg(mark.column + 1);
}

// Nesting depth of flow collections and block indentation, measured on the bytes before
// yaml-cpp sees them: its parser recurses once per level and its own guard (2000) is deeper
// than a small thread stack (the GUI may parse on a worker thread) comfortably allows.
int estimateDepth(const QByteArray &yaml)
{
    int depth = 0;
    int maxDepth = 0;
    char quote = 0;
    bool comment = false;
    int lineIndent = 0;
    bool atLineStart = true;
    for (const char c : yaml) {
        if (c == '\n') {
            comment = false;
            atLineStart = true;
            lineIndent = 0;
            continue;
        }
        if (comment)
            continue;
        if (atLineStart) {
            if (c == ' ' || c == '-') {
                // "- - - x" nests sequences without indentation; count both.
                ++lineIndent;
                maxDepth = std::max(maxDepth, lineIndent / 2 + depth);
                continue;
            }
            atLineStart = false;
        }
        if (quote) {
            if (c == quote)
                quote = 0;
            continue;
        }
        switch (c) {
        case '"':
        case '\'':
            quote = c;
            break;
        case '#':
            comment = true;
            break;
        case '[':
        case '{':
            ++depth;
            maxDepth = std::max(maxDepth, depth + lineIndent / 2);
            break;
        case ']':
        case '}':
            depth = std::max(0, depth - 1);
            break;
        default:
            break;
        }
    }
    return maxDepth;
}

bool isNullPlain(const std::string &s)
{
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> boolPlain(const std::string &s)
{
    // YAML 1.1, as go-yaml v2 (behind sigs.k8s.io/yaml) reads kubeconfig files.
    static const QRegularExpression yes(
        QStringLiteral("^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$"));
    static const QRegularExpression no(
        QStringLiteral("^(n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$"));
    const QString q = QString::fromStdString(s);
    if (yes.match(q).hasMatch())
        return true;
    if (no.match(q).hasMatch())
        return false;
    return std::nullopt;
}

QJsonValue scalarToJson(const YAML::Node &node)
{
    const std::string &s = node.Scalar();
    const std::string &tag = node.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str")
        return QString::fromStdString(s);
    if (isNullPlain(s))
        return QJsonValue::Null;
    if (auto b = boolPlain(s))
        return *b;
    static const QRegularExpression integer(QStringLiteral("^[-+]?(0|[1-9][0-9_]*)$"));
    static const QRegularExpression number(
        QStringLiteral("^[-+]?([0-9][0-9_]*)?\\.?[0-9]+([eE][-+]?[0-9]+)?$"));
    const QString q = QString::fromStdString(s);
    if (integer.match(q).hasMatch()) {
        bool ok = false;
        const qlonglong v = QString(q).remove(u'_').toLongLong(&ok);
        if (ok)
            return double(v);
    }
    if (number.match(q).hasMatch()) {
        bool ok = false;
        const double v = QString(q).remove(u'_').toDouble(&ok);
        if (ok)
            return v;
    }
    return q;
}

QJsonValue toJson(const YAML::Node &node, int depth, qsizetype &budget)
{
    if (--budget < 0 || depth > maxYamlDepth)
        return QJsonValue::Undefined;
    if (!node.IsDefined())
        return QJsonValue::Null;
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return QJsonValue::Null;
    case YAML::NodeType::Scalar:
        return scalarToJson(node);
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const auto &item : node)
            array.append(toJson(item, depth + 1, budget));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto &kv : node)
            object.insert(yamlString(kv.first), toJson(kv.second, depth + 1, budget));
        return object;
    }
    }
    return QJsonValue::Null;
}

void emitNode(YAML::Emitter &out, const YAML::Node &node, qsizetype &budget)
{
    if (--budget < 0)
        throw YAML::Exception(YAML::Mark::null_mark(), "document too large to write");
    const std::string &tag = node.Tag();
    const bool explicitTag = !tag.empty() && tag != "?" && tag != "!";
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        out << YAML::Null;
        return;
    case YAML::NodeType::Scalar:
        if (explicitTag)
            out << YAML::VerbatimTag(tag);
        // Quoted in the source, or set by us (no tag) to text that would read back as a bool,
        // number or null: quote it so it stays a string for kubectl.
        if (tag == "!" || (tag.empty() && !scalarToJson(node).isString()))
            out << YAML::DoubleQuoted;
        out << node.Scalar();
        return;
    case YAML::NodeType::Sequence:
        if (explicitTag)
            out << YAML::VerbatimTag(tag);
        if (node.size() == 0) {
            out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
            return;
        }
        out << YAML::BeginSeq;
        for (const auto &item : node)
            emitNode(out, item, budget);
        out << YAML::EndSeq;
        return;
    case YAML::NodeType::Map:
        if (explicitTag)
            out << YAML::VerbatimTag(tag);
        if (node.size() == 0) {
            out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
            return;
        }
        out << YAML::BeginMap;
        for (const auto &kv : node) {
            out << YAML::Key;
            emitNode(out, kv.first, budget);
            out << YAML::Value;
            emitNode(out, kv.second, budget);
        }
        out << YAML::EndMap;
        return;
    }
}

bool isYamlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

//! \a text without the tags ("!t", "!!str", "!") and anchors ("&a") it starts with.
QByteArrayView withoutNodeProperties(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == '!' || text.front() == '&')) {
        qsizetype i = 1;
        while (i < text.size() && !isYamlSpace(text[i])
               && !QByteArrayView(",[]{}").contains(text[i]))
            ++i;
        while (i < text.size() && isYamlSpace(text[i]))
            ++i;
        text = text.sliced(i);
    }
    return text;
}

//! Whether a document's first line is a block mapping's "key: value" (or "key:").
bool startsBlockMapping(QByteArrayView node)
{
    if (node.isEmpty() || QByteArrayView("[{|>*").contains(node.front()))
        return false;
    if (node.front() == '-' && (node.size() == 1 || isYamlSpace(node[1])))
        return false; // a block sequence
    for (qsizetype i = node.indexOf(':'); i >= 0; i = node.indexOf(':', i + 1)) {
        if (i + 1 == node.size() || isYamlSpace(node[i + 1]))
            return true;
    }
    return false;
}

/*!
 * Where a "," starts a line (after any tag or anchor) of a document that is not a block mapping
 * (a sequence, a flow collection, a quoted scalar), or starts the document. yaml-cpp 0.7 loops
 * forever on those (fuzzing found " ,`", " !,;k;k", "\"abc\"\n,"); go-yaml refuses them ("did not
 * find expected node content"), and no such document is a kubeconfig, which is a map. In a
 * block mapping yaml-cpp reports the error itself. Returns the 1-based line.
 */
std::optional<qsizetype> flowEntryOutsideMapping(const QByteArray &yaml)
{
    bool documentStart = true; // none of this document's content seen yet
    bool notAMapping = false;
    qsizetype lineNumber = 0;
    for (qsizetype from = 0; from <= yaml.size(); ++lineNumber) {
        qsizetype end = yaml.indexOf('\n', from);
        if (end < 0)
            end = yaml.size();
        QByteArrayView line = QByteArrayView(yaml).sliced(from, end - from);
        from = end + 1;
        if ((line.startsWith("---") || line.startsWith("..."))
            && (line.size() == 3 || isYamlSpace(line[3]))) {
            documentStart = true;
            notAMapping = false;
            line = line.sliced(3); // "--- ," starts the document on the marker's line
        }
        qsizetype indent = 0;
        while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t'))
            ++indent;
        const QByteArrayView rest = line.sliced(indent);
        if (rest.isEmpty() || rest.front() == '#' || rest.front() == '\r')
            continue;
        if (documentStart && rest.front() == '%')
            continue; // a directive
        const QByteArrayView node = withoutNodeProperties(rest);
        if (node.isEmpty() || node.front() == '#')
            continue; // only a tag or an anchor: the node follows
        if (node.front() == ',' && (documentStart || notAMapping))
            return lineNumber + 1;
        if (documentStart)
            notAMapping = !startsBlockMapping(node);
        documentStart = false;
    }
    return std::nullopt;
}

} // namespace

kube::Result<YAML::Node> parseYaml(const QByteArray &yaml, const QString &fileName)
{
    if (yaml.size() > 32 * 1024 * 1024) {
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("%1: file is too large for a kubeconfig (%2 bytes)")
                               .arg(fileName)
                               .arg(yaml.size()));
    }
    // YAML allows no control characters but tab, LF and CR (go-yaml: "control characters are
    // not allowed"), and yaml-cpp 0.7 loops forever on some of them (fuzzing found "k\x1f"):
    // refuse them before it sees them.
    const auto isControl = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7f;
    };
    if (const auto it = std::find_if(yaml.cbegin(), yaml.cend(), isControl); it != yaml.cend()) {
        const qsizetype at = it - yaml.cbegin();
        const qsizetype line = yaml.left(at).count('\n') + 1;
        const qsizetype column = at - (yaml.lastIndexOf('\n', at) + 1) + 1;
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("%1:%2:%3: not a YAML file (control character 0x%4; "
                                          "control characters are not allowed)")
                               .arg(fileName)
                               .arg(line)
                               .arg(column)
                               .arg(int(static_cast<unsigned char>(*it)), 2, 16, QLatin1Char('0')));
    }
    if (const std::optional<qsizetype> line = flowEntryOutsideMapping(yaml)) {
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("%1:%2: did not find expected node content (\",\" "
                                          "outside a flow collection)")
                               .arg(fileName)
                               .arg(*line));
    }
    if (const int depth = estimateDepth(yaml); depth > maxYamlDepth) {
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("%1: YAML is nested too deeply (%2 levels; at most %3)")
                               .arg(fileName)
                               .arg(depth)
                               .arg(maxYamlDepth));
    }
    try {
        const std::vector<YAML::Node> docs = YAML::LoadAll(yaml.toStdString());
        if (docs.size() > 1) {
            return Error::make(Error::Kind::Decode,
                               QStringLiteral("%1: %2: more than one YAML document in a kubeconfig")
                                   .arg(markText(fileName, docs[1].Mark()))
                                   .arg(fileName));
        }
        if (docs.empty())
            return YAML::Node(YAML::NodeType::Null);
        return docs.front();
    } catch (const YAML::Exception &e) {
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("%1: %2").arg(markText(fileName, e.mark),
                                                        QString::fromStdString(e.msg)));
    } catch (const std::exception &e) {
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("%1: %2").arg(fileName, QString::fromUtf8(e.what())));
    }
}

QString yamlLocation(const QString &fileName, const YAML::Node &node)
{
    return markText(fileName, node.Mark());
}

QString yamlString(const YAML::Node &node)
{
    if (!yamlIsScalar(node))
        return {};
    const std::string &s = node.Scalar();
    if (node.Tag() == "?" && isNullPlain(s))
        return {};
    return QString::fromStdString(s);
}

bool yamlIsQuoted(const YAML::Node &node)
{
    return yamlIsScalar(node) && node.Tag() == "!";
}

QJsonValue yamlToJson(const YAML::Node &node, int depth)
{
    qsizetype budget = maxJsonNodes;
    return toJson(node, depth, budget);
}

std::string emitYaml(const YAML::Node &node)
{
    YAML::Emitter out;
    out.SetIndent(2);
    // kubectl writes sequences of maps unindented under their key ("- cluster:"); yaml-cpp's
    // default is the same block style.
    qsizetype budget = maxWalkedNodes;
    emitNode(out, node, budget);
    std::string text = out.c_str();
    if (!text.empty() && text.back() != '\n')
        text.push_back('\n');
    return text;
}

} // namespace kube::detail
