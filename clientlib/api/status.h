#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace kube {

/*!
 * meta/v1 Status: what the API server sends with every error (and for some successful
 * deletes). Decoded from a response body with fromJson(); turned into an Error with toError().
 * \code
 * if (auto st = kube::Status::fromJson(body))
 *     return st->toError(httpCode); // Error{Status, 404, "NotFound", "pods \"x\" not found"}
 * \endcode
 */
struct Status
{
    //! client-go caps the message it keeps from a server at this many bytes.
    static constexpr qsizetype MaxMessageBytes = 2048;

    QString status; //!< "Success" or "Failure"
    QString message; //!< capped at MaxMessageBytes of UTF-8
    QString reason; //!< NotFound, AlreadyExists, Conflict, Invalid, Expired, Gone ...
    QJsonObject details; //!< name, group, kind, uid, causes[], retryAfterSeconds
    int code = 0; //!< the HTTP code the server meant

    bool isFailure() const { return status == QLatin1String("Failure"); }

    //! A Status when \a body is a JSON object of kind "Status"; nullopt for anything else.
    static std::optional<Status> fromJson(const QByteArray &body);
    static std::optional<Status> fromJsonObject(const QJsonObject &object);
    QJsonObject toJson() const;

    /*!
     * The error this Status stands for. \a httpCode is the response's code (0 when the
     * Status came inside a watch event: then code is used).
     */
    Error toError(int httpCode = 0) const;

    //! Truncates \a message to at most \a maxBytes of UTF-8 without splitting a character.
    static QString capMessage(const QString &message, qsizetype maxBytes = MaxMessageBytes);
};

} // namespace kube
