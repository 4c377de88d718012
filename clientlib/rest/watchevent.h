#pragma once

#include "api/result.h"
#include "api/status.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace kube {

//! One event of a watch stream (meta/v1 WatchEvent): {"type": "ADDED", "object": {...}}.
struct WatchEvent
{
    enum class Type { Added, Modified, Deleted, Bookmark, Error };

    Type type = Type::Added;
    QJsonObject object; //!< the object; for Error events a Status

    //! "ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR".
    QString typeName() const;
    //! metadata.resourceVersion of the object (a bookmark's is where to resume).
    QString resourceVersion() const;
    //! For Error events: the Status the server sent (code 410 = resourceVersion too old).
    std::optional<Status> status() const;

    //! Decodes one event; Error::Kind::Decode for an unknown type or a missing object.
    static Result<WatchEvent> fromJson(const QJsonObject &event);
    static Result<WatchEvent> fromJson(const QByteArray &json);
};

} // namespace kube
