#include "responseerror.h"

#include "api/status.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QSslCertificate>

namespace kube::detail {

namespace {
constexpr qsizetype MaxUnstructuredBytes = 2048; // client-go's maxUnstructuredResponseTextBytes

QString hostPort(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    return url.host() + QLatin1Char(':') + QString::number(url.port(defaultPort));
}

QString sslErrorText(const QSslError &e, const QString &host)
{
    switch (e.error()) {
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return QStringLiteral("x509: certificate signed by unknown authority");
    case QSslError::CertificateExpired:
    case QSslError::CertificateNotYetValid:
        return QStringLiteral("x509: certificate has expired or is not yet valid");
    case QSslError::HostNameMismatch: {
        // Go's x509.HostnameError: an IP is checked against the IP SANs only, a name against
        // the DNS SANs only; \a host is the name verified (tls-server-name when set).
        const QHostAddress ip(host);
        const QSsl::AlternativeNameEntryType wanted
            = ip.isNull() ? QSsl::DnsEntry : QSsl::IpAddressEntry;
        const QStringList names = e.certificate().subjectAlternativeNames().values(wanted);
        QStringList ordered(names.crbegin(), names.crend()); // QMultiMap: newest first
        if (names.isEmpty() && !ip.isNull())
            return QStringLiteral("x509: cannot validate certificate for %1 because it doesn't "
                                  "contain any IP SANs")
                .arg(host);
        if (names.isEmpty())
            return QStringLiteral("x509: certificate is not valid for any names, but wanted to "
                                  "match %1")
                .arg(host);
        return QStringLiteral("x509: certificate is valid for %1, not %2")
            .arg(ordered.join(QStringLiteral(", ")), host);
    }
    default:
        return QStringLiteral("x509: ") + e.errorString();
    }
}
} // namespace

Error errorFromResponse(int httpCode,
                        const QByteArray &body,
                        const QByteArray &contentType,
                        const QByteArray &verb,
                        const QString &resource,
                        const QString &name)
{
    if (std::optional<Status> status = Status::fromJson(body)) {
        Error e = status->toError(httpCode);
        return e;
    }

    // errors.NewGenericServerResponse: a fixed sentence per code; the server's text where
    // client-go keeps it (403, 406, 415, 5xx).
    const QByteArray capped = body.left(MaxUnstructuredBytes);
    const bool isText = contentType.trimmed().toLower().startsWith("text/");
    QString serverMessage
        = isText ? QString::fromUtf8(capped).trimmed() : QStringLiteral("unknown");

    Error e;
    e.kind = Error::Kind::Status;
    e.httpCode = httpCode;
    e.reason = QStringLiteral("Unknown");
    e.message
        = QStringLiteral("the server responded with the status code %1 but did not return more "
                         "information")
              .arg(httpCode);
    switch (httpCode) {
    case 409:
        e.reason = verb == "POST" ? QStringLiteral("AlreadyExists") : QStringLiteral("Conflict");
        e.message = QStringLiteral("the server reported a conflict");
        break;
    case 404:
        e.reason = QStringLiteral("NotFound");
        e.message = QStringLiteral("the server could not find the requested resource");
        break;
    case 400:
        e.reason = QStringLiteral("BadRequest");
        e.message = QStringLiteral("the server rejected our request for an unknown reason");
        break;
    case 401:
        e.reason = QStringLiteral("Unauthorized");
        e.message = QStringLiteral("the server has asked for the client to provide credentials");
        break;
    case 403:
        e.reason = QStringLiteral("Forbidden");
        e.message = serverMessage;
        break;
    case 405:
        e.reason = QStringLiteral("MethodNotAllowed");
        e.message
            = QStringLiteral("the server does not allow this method on the requested resource");
        break;
    case 406:
        e.reason = QStringLiteral("NotAcceptable");
        e.message = serverMessage.isEmpty() || serverMessage == QLatin1String("unknown")
            ? QStringLiteral("the server was unable to respond with a content type that the client "
                             "supports")
            : serverMessage;
        break;
    case 415:
        e.reason = QStringLiteral("UnsupportedMediaType");
        e.message = serverMessage;
        break;
    case 422:
        e.reason = QStringLiteral("Invalid");
        e.message
            = QStringLiteral("the server rejected our request due to an error in our request");
        break;
    case 429:
        e.reason = QStringLiteral("TooManyRequests");
        e.message = QStringLiteral(
            "the server has received too many requests and has asked us to try again later");
        break;
    case 503:
        e.reason = QStringLiteral("ServiceUnavailable");
        e.message = QStringLiteral("the server is currently unable to handle the request");
        break;
    case 504:
        e.reason = QStringLiteral("Timeout");
        e.message = QStringLiteral("the server was unable to return a response in the time "
                                   "allotted, but may still be processing the request");
        break;
    default:
        if (httpCode >= 500) {
            e.reason = QStringLiteral("InternalError");
            e.message = QStringLiteral("an error on the server (\"%1\") has prevented the request "
                                       "from succeeding")
                            .arg(serverMessage);
        }
        break;
    }
    // client-go appends "(get pods foo)" to unexpected responses so the user knows which call.
    if (!resource.isEmpty()) {
        QString what = QString::fromLatin1(verb).toLower() + QLatin1Char(' ') + resource;
        if (!name.isEmpty())
            what += QLatin1Char(' ') + name;
        e.message += QStringLiteral(" (%1)").arg(what);
    }

    // Keep the raw excerpt for whoever wants to show more (kubectl -v=8 prints the body).
    const QString excerpt = QString::fromUtf8(capped).trimmed();
    QJsonObject details;
    if (!resource.isEmpty())
        details.insert(QStringLiteral("kind"), resource);
    if (!name.isEmpty())
        details.insert(QStringLiteral("name"), name);
    details.insert(QStringLiteral("causes"),
                   QJsonArray { QJsonObject {
                       { QStringLiteral("reason"), QStringLiteral("UnexpectedServerResponse") },
                       { QStringLiteral("message"), excerpt } } });
    e.details = details;
    return e;
}

Error errorFromNetwork(QNetworkReply::NetworkError code,
                       const QString &qtMessage,
                       const QUrl &url,
                       const QList<QSslError> &sslErrors,
                       const QString &verifyName)
{
    using NE = QNetworkReply::NetworkError;
    Error e;
    e.kind = Error::Kind::Network;
    switch (code) {
    case NE::ConnectionRefusedError:
        e.message = QStringLiteral(
                        "The connection to the server %1 was refused - did you specify the right "
                        "host or port?")
                        .arg(hostPort(url));
        break;
    case NE::HostNotFoundError:
        e.message = QStringLiteral("Unable to connect to the server: dial tcp: lookup %1: no such "
                                   "host")
                        .arg(url.host());
        break;
    case NE::RemoteHostClosedError:
        e.message = QStringLiteral("Unable to connect to the server %1: the connection was closed "
                                   "before the response was complete (EOF)")
                        .arg(hostPort(url));
        break;
    case NE::TimeoutError:
        e.kind = Error::Kind::Timeout;
        e.message = QStringLiteral("Unable to connect to the server %1: the connection timed out")
                        .arg(hostPort(url));
        break;
    case NE::SslHandshakeFailedError:
    case NE::InsecureRedirectError: {
        e.kind = Error::Kind::Tls;
        QStringList texts;
        for (const QSslError &s : sslErrors) {
            const QString t = sslErrorText(s, verifyName.isEmpty() ? url.host() : verifyName);
            if (!texts.contains(t))
                texts.append(t);
        }
        if (texts.isEmpty())
            texts.append(qtMessage);
        e.message = QStringLiteral("Unable to connect to the server: tls: failed to verify "
                                   "certificate: %1")
                        .arg(texts.join(QStringLiteral("; ")));
        if (sslErrors.isEmpty())
            e.message = QStringLiteral("Unable to connect to the server: tls: %1").arg(qtMessage);
        break;
    }
    case NE::ProxyConnectionRefusedError:
    case NE::ProxyConnectionClosedError:
    case NE::ProxyNotFoundError:
    case NE::ProxyTimeoutError:
    case NE::ProxyAuthenticationRequiredError:
        e.message = QStringLiteral("Unable to connect to the server through the proxy: %1")
                        .arg(qtMessage);
        break;
    case NE::OperationCanceledError:
        e.kind = Error::Kind::Cancelled;
        e.message = QStringLiteral("the request was cancelled");
        break;
    default:
        e.message = QStringLiteral("Unable to connect to the server: %1").arg(qtMessage);
        break;
    }
    return e;
}

QStringList parseWarningHeaders(const QList<QByteArray> &values)
{
    QStringList out;
    for (const QByteArray &raw : values) {
        const QString v = QString::fromUtf8(raw);
        qsizetype i = 0;
        const qsizetype n = v.size();
        auto skipSpace = [&] {
            while (i < n && (v[i] == QLatin1Char(' ') || v[i] == QLatin1Char('\t')))
                ++i;
        };
        while (i < n) {
            skipSpace();
            // warn-code
            const qsizetype codeStart = i;
            while (i < n && v[i].isDigit())
                ++i;
            bool ok = false;
            const int code = v.mid(codeStart, i - codeStart).toInt(&ok);
            if (!ok || i >= n || v[i] != QLatin1Char(' '))
                break; // malformed: ignore the rest, as client-go does
            ++i;
            // warn-agent
            while (i < n && v[i] != QLatin1Char(' '))
                ++i;
            skipSpace();
            if (i >= n || v[i] != QLatin1Char('"'))
                break;
            ++i;
            QString text;
            bool closed = false;
            while (i < n) {
                const QChar c = v[i++];
                if (c == QLatin1Char('\\') && i < n) {
                    text += v[i++];
                } else if (c == QLatin1Char('"')) {
                    closed = true;
                    break;
                } else {
                    text += c;
                }
            }
            if (!closed)
                break;
            if (code == 299 && !text.isEmpty())
                out.append(text);
            // optional warn-date, then ',' before the next warning
            skipSpace();
            if (i < n && v[i] == QLatin1Char('"')) {
                ++i;
                while (i < n && v[i] != QLatin1Char('"'))
                    ++i;
                ++i;
            }
            skipSpace();
            if (i < n && v[i] == QLatin1Char(','))
                ++i;
            else
                break;
        }
    }
    return out;
}

std::optional<int> parseRetryAfter(const QByteArray &value)
{
    bool ok = false;
    const int seconds = value.trimmed().toInt(&ok);
    if (!ok || seconds < 0)
        return std::nullopt;
    return seconds;
}

bool isConnectionDropped(QNetworkReply::NetworkError code)
{
    return code == QNetworkReply::RemoteHostClosedError
        || code == QNetworkReply::UnknownNetworkError;
}

QString clientCertificateValidityProblem(const QSslCertificate &cert,
                                         const QDateTime &now,
                                         const QString &source)
{
    if (cert.isNull())
        return {};
    const QDateTime notAfter = cert.expiryDate();
    const QDateTime notBefore = cert.effectiveDate();
    const bool expired = notAfter.isValid() && now > notAfter;
    const bool early = notBefore.isValid() && now < notBefore;
    if (!expired && !early)
        return {};
    QString subject = cert.subjectDisplayName();
    if (subject.isEmpty())
        subject = cert.subjectInfo(QSslCertificate::CommonName).value(0);
    const QString who
        = QStringLiteral("the client certificate %1(%2)")
              .arg(subject.isEmpty() ? QString() : QStringLiteral("CN=%1 ").arg(subject), source);
    if (expired)
        return QStringLiteral("%1 expired at %2: the server refuses it; renew it or use another "
                              "context")
            .arg(who, notAfter.toUTC().toString(Qt::ISODate));
    return QStringLiteral("%1 is not valid before %2: the server refuses it; check the clock or "
                          "the certificate")
        .arg(who, notBefore.toUTC().toString(Qt::ISODate));
}

} // namespace kube::detail
