#pragma once

#include "api/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslError>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace kube::detail {

/*!
 * The Error for a non-2xx response, as client-go builds it: the body's Status when it is one,
 * else errors.NewGenericServerResponse's message for the code, with an excerpt of a text body.
 */
Error errorFromResponse(int httpCode,
                        const QByteArray &body,
                        const QByteArray &contentType,
                        const QByteArray &verb,
                        const QString &resource,
                        const QString &name);

//! A sentence for a failed connection (kubectl's wording where it has one).
Error errorFromNetwork(QNetworkReply::NetworkError code,
                       const QString &qtMessage,
                       const QUrl &url,
                       const QList<QSslError> &sslErrors,
                       const QString &verifyName = {});

//! The texts of code-299 warnings in Warning header values (RFC 7234 5.5 syntax).
QStringList parseWarningHeaders(const QList<QByteArray> &values);

//! An integer Retry-After in seconds, nullopt when absent or not an integer.
std::optional<int> parseRetryAfter(const QByteArray &value);

//! Errors that mean the connection died before a response (EOF, reset): GETs retry them.
bool isConnectionDropped(QNetworkReply::NetworkError code);

/*!
 * A sentence when the client certificate \a cert is outside its validity period at \a now
 * ("the client certificate CN=alice (client-certificate-data) expired at …"), else empty.
 * Servers refuse such a certificate in the handshake with a bare alert, so the failed
 * connection alone does not say why.
 */
QString clientCertificateValidityProblem(const QSslCertificate &cert,
                                         const QDateTime &now,
                                         const QString &source);

} // namespace kube::detail
