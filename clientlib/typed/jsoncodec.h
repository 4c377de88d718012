#pragma once

#include "api/error.h"
#include "api/intorstring.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

// Helpers the generated typed kinds (generated/*.cpp) decode and encode with. Plain overloaded
// functions plus a few small templates for lists, maps and optionals, so the generated code
// stays a flat list of calls that compiles fast.
namespace kube::detail {

/*!
 * Where a decoder is in the document, as a chain of stack frames: building the text
 * ("spec.containers[0].ports[1].containerPort") costs nothing unless decoding fails.
 */
struct JsonPath
{
    const JsonPath *parent = nullptr;
    QLatin1String key; //!< an object key, or empty for an array element
    qsizetype index = -1; //!< the array index when key is empty
    const QString *mapKey = nullptr; //!< a key of a map-valued field

    QString toString() const;
};

//! Fails \a error with "<path>: expected <what>, got <json type>". Always returns false.
bool typeError(const JsonPath &path, const char *expected, const QJsonValue &got, Error &error);

// Scalars ------------------------------------------------------------------------------------
bool decodeValue(const QJsonValue &v, QString &out, const JsonPath &path, Error &error);
bool decodeValue(const QJsonValue &v, qint32 &out, const JsonPath &path, Error &error);
bool decodeValue(const QJsonValue &v, qint64 &out, const JsonPath &path, Error &error);
bool decodeValue(const QJsonValue &v, double &out, const JsonPath &path, Error &error);
bool decodeValue(const QJsonValue &v, bool &out, const JsonPath &path, Error &error);
bool decodeValue(const QJsonValue &v, IntOrString &out, const JsonPath &path, Error &error);
bool decodeValue(const QJsonValue &v, QJsonValue &out, const JsonPath &path, Error &error);
bool decodeValue(const QJsonValue &v, QJsonObject &out, const JsonPath &path, Error &error);

inline QJsonValue encodeValue(const QString &v)
{
    return v;
}
inline QJsonValue encodeValue(qint32 v)
{
    return v;
}
inline QJsonValue encodeValue(qint64 v)
{
    return v;
}
inline QJsonValue encodeValue(double v)
{
    return v;
}
inline QJsonValue encodeValue(bool v)
{
    return v;
}
inline QJsonValue encodeValue(const IntOrString &v)
{
    return v.toJson();
}
inline QJsonValue encodeValue(const QJsonValue &v)
{
    return v;
}
inline QJsonValue encodeValue(const QJsonObject &v)
{
    return v;
}

// Containers ---------------------------------------------------------------------------------
template<typename T>
bool decodeValue(const QJsonValue &v, std::optional<T> &out, const JsonPath &path, Error &error)
{
    T value {};
    if (!decodeValue(v, value, path, error))
        return false;
    out = std::move(value);
    return true;
}

template<typename T>
bool decodeValue(const QJsonValue &v, QList<T> &out, const JsonPath &path, Error &error)
{
    if (!v.isArray())
        return typeError(path, "array", v, error);
    const QJsonArray array = v.toArray();
    out.clear();
    out.resize(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const JsonPath element { &path, {}, i };
        if (!decodeValue(array.at(i), out[i], element, error))
            return false;
    }
    return true;
}

template<typename T>
bool decodeValue(const QJsonValue &v, QMap<QString, T> &out, const JsonPath &path, Error &error)
{
    if (!v.isObject())
        return typeError(path, "object", v, error);
    const QJsonObject object = v.toObject();
    out.clear();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        const JsonPath element { &path, {}, -1, &key };
        T value {};
        if (!decodeValue(it.value(), value, element, error))
            return false;
        out.insert(key, std::move(value));
    }
    return true;
}

template<typename T> QJsonValue encodeValue(const QList<T> &list)
{
    QJsonArray array;
    for (const T &item : list)
        array.append(encodeValue(item));
    return array;
}

template<typename T> QJsonValue encodeValue(const QMap<QString, T> &map)
{
    QJsonObject object;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        object.insert(it.key(), encodeValue(it.value()));
    return object;
}

// Fields -------------------------------------------------------------------------------------
//! Decodes field \a key of \a object into \a out; absent and null leave \a out untouched.
template<typename T>
bool decodeField(
    const QJsonObject &object, QLatin1String key, T &out, const JsonPath &parent, Error &error)
{
    const auto it = object.constFind(key);
    if (it == object.constEnd())
        return true;
    const QJsonValue v = it.value();
    if (v.isNull())
        return true;
    const JsonPath path { &parent, key };
    return decodeValue(v, out, path, error);
}

// Encoding starts from the object the value was decoded from (so unknown fields survive) and
// then writes every known field. A field with no value is removed, except where the source had
// the same "nothing" (null, "", [] or {}): that is kept, so a round trip changes no byte of
// meaning.
void keepOrRemove(QJsonObject &object, QLatin1String key, bool sourceHadEmpty);
bool isEmptyJson(const QJsonValue &v);

inline void encodeField(QJsonObject &object, QLatin1String key, const QString &v)
{
    if (!v.isEmpty())
        object.insert(key, v);
    else
        keepOrRemove(object, key, isEmptyJson(object.value(key)));
}

template<typename T>
void encodeField(QJsonObject &object, QLatin1String key, const std::optional<T> &v)
{
    if (v)
        object.insert(key, encodeValue(*v));
    else
        keepOrRemove(object, key, object.value(key).isNull());
}

template<typename T> void encodeField(QJsonObject &object, QLatin1String key, const QList<T> &v)
{
    if (!v.isEmpty())
        object.insert(key, encodeValue(v));
    else
        keepOrRemove(object, key, isEmptyJson(object.value(key)));
}

template<typename T>
void encodeField(QJsonObject &object, QLatin1String key, const QMap<QString, T> &v)
{
    if (!v.isEmpty())
        object.insert(key, encodeValue(v));
    else
        keepOrRemove(object, key, isEmptyJson(object.value(key)));
}

inline void encodeField(QJsonObject &object, QLatin1String key, const QJsonValue &v)
{
    if (!v.isUndefined())
        object.insert(key, v);
    else
        object.remove(key);
}

inline void encodeField(QJsonObject &object, QLatin1String key, const QJsonObject &v)
{
    if (!v.isEmpty())
        object.insert(key, v);
    else
        keepOrRemove(object, key, isEmptyJson(object.value(key)));
}

//! A nested struct: written when it has content or the source had the field.
inline void encodeObjectField(QJsonObject &object, QLatin1String key, const QJsonObject &v)
{
    if (!v.isEmpty())
        object.insert(key, v);
    else
        keepOrRemove(object, key, isEmptyJson(object.value(key)));
}

} // namespace kube::detail
