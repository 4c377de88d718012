#pragma once

#include "api/error.h"
#include "api/result.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QStringList>

#include <chrono>
#include <concepts>
#include <optional>
#include <type_traits>

namespace kube {

namespace detail {
Result<QJsonDocument> parseJsonDocument(const QByteArray &body);

template<typename T> Result<T> wrapDecoded(Result<T> r)
{
    return r;
}
template<typename T> Result<T> wrapDecoded(T value)
{
    return Result<T>(std::move(value));
}
} // namespace detail

/*!
 * What a request came back with (client-go's rest.Result): HTTP code, raw body, content type,
 * the server's warnings, and an Error when it failed (non-2xx, network, TLS, timeout, cancel,
 * invalid request). A plain value, cheap to copy (the body is implicitly shared).
 */
struct RestResult
{
    int statusCode = 0; //!< 0 when no response arrived
    QByteArray reasonPhrase; //!< "OK", "Not Found" ...
    QByteArray body; //!< whole body (buffered requests); for streams only the error body
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    QStringList warnings; //!< texts of Warning headers (code 299) of this response
    std::optional<Error> error;
    bool http2 = false; //!< the response came over HTTP/2 (negotiated with TLS ALPN)

    int retries = 0; //!< how many times the request was re-sent (Retry-After, EOF, 401)
    std::chrono::milliseconds throttled { 0 }; //!< time spent waiting for the rate limiter
    std::chrono::milliseconds elapsed { 0 }; //!< from send() to finished()

    bool ok() const { return !error.has_value(); }
    //! The value of response header \a name (case-insensitive), empty when absent.
    QByteArray header(QByteArrayView name) const;

    //! The body as a JSON object, or the error (the request's or a Decode error).
    Result<QJsonObject> json() const;

    /*!
     * Decodes the body into \a T: QByteArray, QJsonDocument, QJsonObject, or any type with a
     * static `fromJson(const QByteArray &)` or `fromJson(const QJsonObject &)` returning T or
     * Result<T> (Table, Status, the typed kinds). A failed request returns its error.
     */
    template<typename T> Result<T> into() const
    {
        if (error)
            return *error;
        if constexpr (std::is_same_v<T, QByteArray>) {
            return body;
        } else if constexpr (std::is_same_v<T, QJsonDocument>) {
            return detail::parseJsonDocument(body);
        } else if constexpr (std::is_same_v<T, QJsonObject>) {
            return json();
        } else if constexpr (requires(const QByteArray &b) { T::fromJson(b); }) {
            return detail::wrapDecoded<T>(T::fromJson(body));
        } else {
            static_assert(
                requires(const QJsonObject &o) { T::fromJson(o); },
                "into<T>() needs T::fromJson(const QByteArray &) or "
                "T::fromJson(const QJsonObject &)");
            Result<QJsonObject> object = json();
            if (!object)
                return object.error();
            return detail::wrapDecoded<T>(T::fromJson(*object));
        }
    }
};

} // namespace kube
