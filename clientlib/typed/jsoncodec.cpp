#include "jsoncodec.h"

#include <QList>

#include <limits>

namespace kube::detail {

namespace {

const char *jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "boolean";
    case QJsonValue::Double:
        return "number";
    case QJsonValue::String:
        return "string";
    case QJsonValue::Array:
        return "array";
    case QJsonValue::Object:
        return "object";
    case QJsonValue::Undefined:
        break;
    }
    return "nothing";
}

bool integral(const QJsonValue &v, qint64 min, qint64 max, qint64 &out)
{
    if (!v.isDouble())
        return false;
    constexpr qint64 sentinel = std::numeric_limits<qint64>::min();
    const qint64 i = v.toInteger(sentinel);
    if (i == sentinel || i < min || i > max)
        return false;
    out = i;
    return true;
}

} // namespace

QString JsonPath::toString() const
{
    QList<const JsonPath *> chain;
    for (const JsonPath *p = this; p; p = p->parent)
        chain.prepend(p);
    QString text;
    for (const JsonPath *p : std::as_const(chain)) {
        if (p->mapKey) {
            text += u'[' + *p->mapKey + u']';
        } else if (p->key.size() > 0) {
            if (!text.isEmpty())
                text += u'.';
            text += p->key;
        } else if (p->index >= 0) {
            text += u'[' + QString::number(p->index) + u']';
        }
    }
    return text.isEmpty() ? QStringLiteral("<root>") : text;
}

bool typeError(const JsonPath &path, const char *expected, const QJsonValue &got, Error &error)
{
    error = Error::make(
        Error::Kind::Decode,
        QStringLiteral("%1: expected %2, got %3")
            .arg(path.toString(), QLatin1String(expected), QLatin1String(jsonTypeName(got))));
    return false;
}

bool decodeValue(const QJsonValue &v, QString &out, const JsonPath &path, Error &error)
{
    if (!v.isString())
        return typeError(path, "string", v, error);
    out = v.toString();
    return true;
}

bool decodeValue(const QJsonValue &v, qint32 &out, const JsonPath &path, Error &error)
{
    qint64 i = 0;
    if (!integral(v, std::numeric_limits<qint32>::min(), std::numeric_limits<qint32>::max(), i))
        return typeError(path, "integer", v, error);
    out = static_cast<qint32>(i);
    return true;
}

bool decodeValue(const QJsonValue &v, qint64 &out, const JsonPath &path, Error &error)
{
    if (!integral(v, std::numeric_limits<qint64>::min() + 1, std::numeric_limits<qint64>::max(),
                  out))
        return typeError(path, "integer", v, error);
    return true;
}

bool decodeValue(const QJsonValue &v, double &out, const JsonPath &path, Error &error)
{
    if (!v.isDouble())
        return typeError(path, "number", v, error);
    out = v.toDouble();
    return true;
}

bool decodeValue(const QJsonValue &v, bool &out, const JsonPath &path, Error &error)
{
    if (!v.isBool())
        return typeError(path, "boolean", v, error);
    out = v.toBool();
    return true;
}

bool decodeValue(const QJsonValue &v, IntOrString &out, const JsonPath &path, Error &error)
{
    if (!IntOrString::fromJson(v, out))
        return typeError(path, "integer or string", v, error);
    return true;
}

bool decodeValue(const QJsonValue &v, QJsonValue &out, const JsonPath &, Error &)
{
    out = v;
    return true;
}

bool decodeValue(const QJsonValue &v, QJsonObject &out, const JsonPath &path, Error &error)
{
    if (!v.isObject())
        return typeError(path, "object", v, error);
    out = v.toObject();
    return true;
}

bool isEmptyJson(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return true;
    case QJsonValue::String:
        return v.toString().isEmpty();
    case QJsonValue::Array:
        return v.toArray().isEmpty();
    case QJsonValue::Object:
        return v.toObject().isEmpty();
    default:
        return false;
    }
}

void keepOrRemove(QJsonObject &object, QLatin1String key, bool sourceHadEmpty)
{
    if (!sourceHadEmpty)
        object.remove(key);
}

} // namespace kube::detail
