#include "jsonprinter.h"

#include "api/goformat.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace kube::cli {

namespace {

void indent(QByteArray &out, int depth)
{
    out.append('\n');
    out.append(QByteArray(depth * 4, ' '));
}

} // namespace

void JsonPrinter::writeString(QByteArray &out, const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.append('"');
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(utf8.at(i));
        switch (c) {
        case '"':
            out.append("\\\"");
            continue;
        case '\\':
            out.append("\\\\");
            continue;
        case '\n':
            out.append("\\n");
            continue;
        case '\r':
            out.append("\\r");
            continue;
        case '\t':
            out.append("\\t");
            continue;
        case '\b':
            out.append("\\b");
            continue;
        case '\f':
            out.append("\\f");
            continue;
        case '<':
        case '>':
        case '&':
            out.append("\\u00");
            out.append(hex[c >> 4]);
            out.append(hex[c & 0xF]);
            continue;
        default:
            break;
        }
        if (c < 0x20) {
            out.append("\\u00");
            out.append(hex[c >> 4]);
            out.append(hex[c & 0xF]);
            continue;
        }
        // U+2028 and U+2029 (E2 80 A8/A9) break JavaScript parsers; Go escapes them.
        if (c == 0xE2 && i + 2 < utf8.size() && static_cast<unsigned char>(utf8.at(i + 1)) == 0x80
            && (static_cast<unsigned char>(utf8.at(i + 2)) & 0xFE) == 0xA8) {
            out.append(static_cast<unsigned char>(utf8.at(i + 2)) == 0xA8 ? "\\u2028" : "\\u2029");
            i += 2;
            continue;
        }
        out.append(static_cast<char>(c));
    }
    out.append('"');
}

void JsonPrinter::write(QByteArray &out, const QJsonValue &value, int depth)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        return;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return;
    case QJsonValue::Double:
        if (GoFormat::isInteger(value))
            out.append(QByteArray::number(value.toInteger()));
        else
            out.append(GoFormat::formatJsonFloat(value.toDouble()));
        return;
    case QJsonValue::String:
        writeString(out, value.toString());
        return;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out.append(',');
            indent(out, depth + 1);
            write(out, array.at(i), depth + 1);
        }
        indent(out, depth);
        out.append(']');
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out.append("{}");
            return;
        }
        // Go sorts map keys by their UTF-8 bytes; QString compares UTF-16 code units, which
        // orders characters outside the BMP differently, so sort the encoded keys.
        QList<QPair<QByteArray, QString>> keys;
        keys.reserve(object.size());
        for (auto it = object.begin(); it != object.end(); ++it)
            keys.append({ it.key().toUtf8(), it.key() });
        std::sort(keys.begin(), keys.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        out.append('{');
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i > 0)
                out.append(',');
            indent(out, depth + 1);
            writeString(out, keys.at(i).second);
            out.append(": ");
            write(out, object.value(keys.at(i).second), depth + 1);
        }
        indent(out, depth);
        out.append('}');
        return;
    }
    }
}

QByteArray JsonPrinter::print(const QJsonValue &value)
{
    QByteArray out;
    write(out, value, 0);
    out.append('\n');
    return out;
}

} // namespace kube::cli
