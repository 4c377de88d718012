#include "watchevent.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace kube {

QString WatchEvent::typeName() const
{
    switch (type) {
    case Type::Added:
        return QStringLiteral("ADDED");
    case Type::Modified:
        return QStringLiteral("MODIFIED");
    case Type::Deleted:
        return QStringLiteral("DELETED");
    case Type::Bookmark:
        return QStringLiteral("BOOKMARK");
    case Type::Error:
        return QStringLiteral("ERROR");
    }
    return {};
}

QString WatchEvent::resourceVersion() const
{
    return object.value(QLatin1String("metadata"))
        .toObject()
        .value(QLatin1String("resourceVersion"))
        .toString();
}

std::optional<Status> WatchEvent::status() const
{
    if (type != Type::Error)
        return std::nullopt;
    return Status::fromJsonObject(object);
}

Result<WatchEvent> WatchEvent::fromJson(const QJsonObject &event)
{
    const QString type = event.value(QLatin1String("type")).toString();
    WatchEvent e;
    if (type == QLatin1String("ADDED"))
        e.type = Type::Added;
    else if (type == QLatin1String("MODIFIED"))
        e.type = Type::Modified;
    else if (type == QLatin1String("DELETED"))
        e.type = Type::Deleted;
    else if (type == QLatin1String("BOOKMARK"))
        e.type = Type::Bookmark;
    else if (type == QLatin1String("ERROR"))
        e.type = Type::Error;
    else
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("got invalid watch event type: \"%1\"").arg(type));
    const QJsonValue object = event.value(QLatin1String("object"));
    if (!object.isObject())
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("watch event %1 has no object").arg(type));
    e.object = object.toObject();
    return e;
}

Result<WatchEvent> WatchEvent::fromJson(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("invalid watch event JSON: %1")
                               .arg(err.error != QJsonParseError::NoError
                                        ? err.errorString()
                                        : QStringLiteral("not an object")));
    return fromJson(doc.object());
}

} // namespace kube
