#include "status.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace kube {

std::optional<Status> Status::fromJson(const QByteArray &body)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return fromJsonObject(doc.object());
}

std::optional<Status> Status::fromJsonObject(const QJsonObject &object)
{
    if (object.value(QLatin1String("kind")).toString() != QLatin1String("Status"))
        return std::nullopt;
    Status s;
    s.status = object.value(QLatin1String("status")).toString();
    s.message = capMessage(object.value(QLatin1String("message")).toString());
    s.reason = object.value(QLatin1String("reason")).toString();
    s.details = object.value(QLatin1String("details")).toObject();
    s.code = object.value(QLatin1String("code")).toInt();
    return s;
}

QJsonObject Status::toJson() const
{
    QJsonObject o { { QStringLiteral("kind"), QStringLiteral("Status") },
                    { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                    { QStringLiteral("metadata"), QJsonObject() } };
    if (!status.isEmpty())
        o.insert(QStringLiteral("status"), status);
    if (!message.isEmpty())
        o.insert(QStringLiteral("message"), message);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (!details.isEmpty())
        o.insert(QStringLiteral("details"), details);
    if (code != 0)
        o.insert(QStringLiteral("code"), code);
    return o;
}

Error Status::toError(int httpCode) const
{
    Error e;
    e.kind = Error::Kind::Status;
    e.httpCode = httpCode != 0 ? httpCode : code;
    e.reason = reason;
    e.message = message;
    e.details = details;
    if (e.message.isEmpty()) {
        // The server said nothing useful: say what kind of failure it was (client-go does the
        // same in NewGenericServerResponse).
        e.message = reason.isEmpty()
            ? QStringLiteral("the server responded with the status code %1 but did not return "
                             "more information")
                  .arg(e.httpCode)
            : reason;
    }
    return e;
}

QString Status::capMessage(const QString &message, qsizetype maxBytes)
{
    QByteArray utf8 = message.toUtf8();
    if (utf8.size() <= maxBytes)
        return message;
    qsizetype cut = maxBytes;
    // Step back over UTF-8 continuation bytes so no character is split.
    while (cut > 0 && (static_cast<unsigned char>(utf8.at(cut)) & 0xC0) == 0x80)
        --cut;
    utf8.truncate(cut);
    return QString::fromUtf8(utf8);
}

} // namespace kube
