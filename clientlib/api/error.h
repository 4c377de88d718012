#pragma once

#include <QJsonObject>
#include <QString>

namespace kube {

/*!
 * An error as a value: what went wrong, in terms a program can branch on (kind, HTTP code,
 * Kubernetes reason) and a sentence a user can act on (message).
 *
 * Errors never cross signal/slot boundaries as exceptions; every asynchronous reply and every
 * parser hands one of these back instead.
 */
struct Error
{
    enum class Kind {
        Status, //!< The server answered with a non-2xx code (see httpCode, reason).
        Network, //!< Connection refused, reset, DNS, proxy ...
        Tls, //!< Certificate verification or handshake failed.
        Timeout, //!< The request's timeout elapsed.
        Cancelled, //!< The caller aborted the request.
        Decode, //!< A body or file could not be parsed.
        InvalidRequest, //!< The request was malformed before it was sent.
        Config, //!< kubeconfig or other configuration problem.
        Auth, //!< Credentials could not be obtained (exec plugin, keychain ...).
        Io, //!< Local file system.
        NotFound, //!< Something looked up locally does not exist (resource type, context).
        //! Aggregated discovery marked a group-version Stale: its backend (an aggregated API
        //! server) could not be asked. client-go's StaleGroupVersionError; not an HTTP answer.
        StaleDiscovery,
    };

    Kind kind = Kind::Network;
    int httpCode = 0; //!< HTTP status code, 0 when the request never got an answer.
    QString reason; //!< Kubernetes Status reason (NotFound, AlreadyExists, Expired ...).
    QString message; //!< Human-readable message; for Status errors the server's message.
    QJsonObject details; //!< Kubernetes Status details (name, group, kind, causes), if any.

    static Error make(Kind kind, const QString &message)
    {
        Error e;
        e.kind = kind;
        e.message = message;
        return e;
    }

    bool isStatus(int code) const { return kind == Kind::Status && httpCode == code; }
    bool isNotFound() const { return isStatus(404); }
    bool isGone() const { return isStatus(410); }

    //! One line for logs and status bars: the message, prefixed by the reason when known.
    QString toString() const;
};

} // namespace kube
