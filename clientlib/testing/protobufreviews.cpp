#include "protobufreviews.h"

#include <QList>
#include <QMap>

namespace kube::testing::detail {

namespace {

//! Length-delimited and varint fields of one message, by field number (repeats kept in order).
struct Fields
{
    QMap<int, QList<QByteArray>> bytes;
    bool ok = true;

    QString string(int field) const { return QString::fromUtf8(bytes.value(field).value(0)); }
};

bool readVarint(const QByteArray &data, qsizetype *pos, quint64 *out)
{
    quint64 v = 0;
    for (int shift = 0; shift < 64 && *pos < data.size(); shift += 7) {
        const auto b = quint8(data.at((*pos)++));
        v |= quint64(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return true;
        }
    }
    return false;
}

Fields parse(const QByteArray &data)
{
    Fields f;
    qsizetype pos = 0;
    while (pos < data.size()) {
        quint64 key = 0;
        if (!readVarint(data, &pos, &key)) {
            f.ok = false;
            return f;
        }
        const int field = int(key >> 3);
        switch (key & 7) {
        case 0: {
            quint64 v = 0;
            if (!readVarint(data, &pos, &v)) {
                f.ok = false;
                return f;
            }
            break;
        }
        case 1:
            pos += 8;
            break;
        case 5:
            pos += 4;
            break;
        case 2: {
            quint64 len = 0;
            if (!readVarint(data, &pos, &len) || len > quint64(data.size() - pos)) {
                f.ok = false;
                return f;
            }
            f.bytes[field].append(data.mid(pos, qsizetype(len)));
            pos += qsizetype(len);
            break;
        }
        default:
            f.ok = false;
            return f;
        }
    }
    return f;
}

void insertIfSet(QJsonObject *o, const char *key, const QString &value)
{
    if (!value.isEmpty())
        o->insert(QLatin1String(key), value);
}

} // namespace

bool ProtobufReviews::isProtobuf(const QByteArray &contentType)
{
    return contentType.split(';').first().trimmed() == "application/vnd.kubernetes.protobuf";
}

std::optional<QJsonObject> ProtobufReviews::decode(const QByteArray &body)
{
    if (!body.startsWith(QByteArray("k8s\0", 4)))
        return std::nullopt;
    const Fields unknown = parse(body.mid(4));
    if (!unknown.ok)
        return std::nullopt;
    const Fields typeMeta = parse(unknown.bytes.value(1).value(0));
    const QString apiVersion = typeMeta.string(1);
    const QString kind = typeMeta.string(2);
    const Fields object = parse(unknown.bytes.value(2).value(0));
    const Fields spec = parse(object.bytes.value(2).value(0));
    if (!typeMeta.ok || !object.ok || !spec.ok)
        return std::nullopt;
    QJsonObject specJson;
    if (kind == QLatin1String("SelfSubjectAccessReview")) {
        if (spec.bytes.contains(1)) {
            const Fields ra = parse(spec.bytes.value(1).value(0));
            QJsonObject attributes;
            insertIfSet(&attributes, "namespace", ra.string(1));
            insertIfSet(&attributes, "verb", ra.string(2));
            insertIfSet(&attributes, "group", ra.string(3));
            insertIfSet(&attributes, "version", ra.string(4));
            insertIfSet(&attributes, "resource", ra.string(5));
            insertIfSet(&attributes, "subresource", ra.string(6));
            insertIfSet(&attributes, "name", ra.string(7));
            specJson.insert(QLatin1String("resourceAttributes"), attributes);
        }
        if (spec.bytes.contains(2)) {
            const Fields nra = parse(spec.bytes.value(2).value(0));
            QJsonObject attributes;
            insertIfSet(&attributes, "path", nra.string(1));
            insertIfSet(&attributes, "verb", nra.string(2));
            specJson.insert(QLatin1String("nonResourceAttributes"), attributes);
        }
    } else if (kind == QLatin1String("SelfSubjectRulesReview")) {
        insertIfSet(&specJson, "namespace", spec.string(1));
    } else {
        return std::nullopt;
    }
    return QJsonObject { { QLatin1String("apiVersion"), apiVersion },
                         { QLatin1String("kind"), kind },
                         { QLatin1String("metadata"), QJsonObject {} },
                         { QLatin1String("spec"), specJson } };
}

} // namespace kube::testing::detail
