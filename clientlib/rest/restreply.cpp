#include "restreply.h"

#include "api/status.h"
#include "authprovider.h"
#include "goduration.h"
#include "ratelimiter.h"
#include "responseerror.h"
#include "restclient.h"
#include "restlogging.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace kube {

using namespace std::chrono;

class RestReply::Private
{
public:
    Private(RestReply *q, const Request &request, Mode mode)
        : q(q)
        , request(request)
        , client(request.client())
        , mode(mode)
    { }

    void start();
    void beginAttempt();
    void obtainCredentials();
    void sendNetwork(const Credentials &credentials);
    void onMetaData();
    void onReadyRead();
    void onNetworkFinished();
    void scheduleRetry(milliseconds delay, const QString &reason);
    void finish(std::optional<Error> error);
    void dropNetworkReply();
    void captureResponseHead();
    bool exceedsBodyLimit();
    bool canRetryBody() const { return !request.hasStreamedBody(); }
    int maxRetries() const
    {
        return request.maxRetriesOverride().value_or(client ? client->options().maxRetries : 0);
    }
    Result<Credentials> staticCredentials() const;

    RestReply *q;
    Request request;
    std::shared_ptr<RestClient> client;
    Mode mode;
    QUrl url;
    QNetworkReply *net = nullptr; // Owned (deleted when the attempt ends).
    QTimer waitTimer; // rate limiter and Retry-After waits
    QTimer deadline; // the request's timeout, over all attempts
    QElapsedTimer total;
    QElapsedTimer attemptTimer;
    RestResult result;
    QList<QSslError> sslErrors;
    quint64 generation = 0; // invalidates callbacks of earlier attempts
    bool authRetried = false;
    bool responseStarted = false;
    bool freshTlsConnection = false; // this attempt's own TLS handshake completed
    bool freshTlsCloseSeen = false; // an earlier attempt's new TLS connection closed unanswered
    bool finished = false;
    bool tokenReserved = false;
    bool waitingForToken = false;
};

RestReply::RestReply(const Request &request, Mode mode)
    : d(std::make_unique<Private>(this, request, mode))
{
    d->url = request.url();
    d->waitTimer.setSingleShot(true);
    d->deadline.setSingleShot(true);
}

RestReply::~RestReply()
{
    d->finished = true; // no signals from here on
    d->dropNetworkReply();
    if (d->waitingForToken && d->client)
        d->client->rateLimiter()->cancelReservation();
}

void RestReply::start()
{
    // Start from the event loop, so callers connect to finished() before anything happens,
    // even for requests that fail at once.
    QMetaObject::invokeMethod(
        this, [this] { d->start(); }, Qt::QueuedConnection);
    d->total.start();
}

bool RestReply::isFinished() const
{
    return d->finished;
}

bool RestReply::isStreaming() const
{
    return d->mode == Mode::Streaming;
}

bool RestReply::isResponseStarted() const
{
    return d->responseStarted;
}

const RestResult &RestReply::result() const
{
    return d->result;
}

const Request &RestReply::request() const
{
    return d->request;
}

QUrl RestReply::url() const
{
    return d->url;
}

QByteArray RestReply::readAll()
{
    if (d->mode != Mode::Streaming || !d->responseStarted || !d->net)
        return {};
    return d->net->readAll();
}

qint64 RestReply::bytesAvailable() const
{
    if (d->mode != Mode::Streaming || !d->responseStarted || !d->net)
        return 0;
    return d->net->bytesAvailable();
}

void RestReply::abort()
{
    if (d->finished)
        return;
    d->finish(Error::make(Error::Kind::Cancelled, QStringLiteral("the request was cancelled")));
}

void RestReply::Private::start()
{
    if (finished)
        return;
    if (request.error())
        return finish(*request.error());
    if (!client)
        return finish(
            Error::make(Error::Kind::InvalidRequest, QStringLiteral("the request has no client")));
    if (client->configError())
        return finish(*client->configError());

    // The request's own timeout bounds everything; the config's applies to buffered requests
    // only (as http.Client.Timeout would kill every watch).
    milliseconds timeout = request.requestTimeout().value_or(milliseconds(0));
    if (timeout.count() == 0 && mode == Mode::Buffered)
        timeout = client->config().timeout;
    if (timeout.count() > 0) {
        QObject::connect(&deadline, &QTimer::timeout, q, [this, timeout] {
            Error e = Error::make(Error::Kind::Timeout,
                                  QStringLiteral("the request did not finish within %1 (%2 %3)")
                                      .arg(formatGoDuration(timeout),
                                           QString::fromLatin1(request.verb()), url.toString()));
            finish(e);
        });
        deadline.start(timeout);
    }
    beginAttempt();
}

void RestReply::Private::beginAttempt()
{
    if (finished)
        return;
    ++generation;
    milliseconds wait { 0 };
    if (request.isRateLimited())
        wait = client->rateLimiter()->reserve();
    if (wait.count() > 0) {
        result.throttled += wait;
        qCDebug(lcRest).noquote() << "Waited for" << wait.count()
                                  << "ms due to client-side throttling, not priority and fairness,"
                                  << "request:" << request.verb() << url.toString();
        emit q->throttled(wait);
        emit client->throttled(wait, url);
        waitingForToken = true;
        waitTimer.disconnect();
        QObject::connect(&waitTimer, &QTimer::timeout, q, [this] {
            waitingForToken = false;
            obtainCredentials();
        });
        waitTimer.start(wait);
        return;
    }
    obtainCredentials();
}

Result<Credentials> RestReply::Private::staticCredentials() const
{
    const RestConfig &cfg = client->config();
    Credentials c;
    if (!cfg.bearerToken.isEmpty()) {
        c.authorizationHeader = "Bearer " + cfg.bearerToken.toUtf8();
    } else if (!cfg.bearerTokenFile.isEmpty()) {
        // Re-read every time (the file is rotated by whoever wrote it); cheap next to a request.
        QFile f(cfg.bearerTokenFile);
        if (!f.open(QIODevice::ReadOnly))
            return Error::make(Error::Kind::Auth,
                               QStringLiteral("could not read the token file \"%1\": %2")
                                   .arg(cfg.bearerTokenFile, f.errorString()));
        const QByteArray token = f.readAll().trimmed();
        if (token.isEmpty())
            return Error::make(
                Error::Kind::Auth,
                QStringLiteral("the token file \"%1\" is empty").arg(cfg.bearerTokenFile));
        c.authorizationHeader = "Bearer " + token;
    } else if (!cfg.username.isEmpty() || !cfg.password.isEmpty()) {
        c.authorizationHeader = "Basic " + (cfg.username + u':' + cfg.password).toUtf8().toBase64();
    }
    return c;
}

void RestReply::Private::obtainCredentials()
{
    if (finished)
        return;
    const std::shared_ptr<AuthProvider> provider = client->config().authProvider;
    if (!provider) {
        Result<Credentials> c = staticCredentials();
        if (!c)
            return finish(c.error());
        return sendNetwork(*c);
    }
    QPointer<RestReply> guard(q);
    const quint64 gen = generation;
    provider->credentials([this, guard, gen](Result<Credentials> c) {
        if (!guard || finished || gen != generation)
            return;
        if (!c)
            return finish(c.error());
        sendNetwork(*c);
    });
}

void RestReply::Private::sendNetwork(const Credentials &credentials)
{
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // Qt 6.4's own gzip-bomb check (10 MiB, ratio 40) leaves the reply unfinished when it fires
    // ("QNetworkReplyImplPrivate::error: Internal problem"), which hangs a request without a
    // timeout. Our limits (maxResponseBytes, maxWatchEventBytes) count decompressed bytes and
    // do the job instead.
    req.setDecompressedSafetyCheckThreshold(-1);
    req.setRawHeader("User-Agent", client->userAgent());
    req.setRawHeader("Accept", request.acceptHeader());
    if (request.hasBody())
        req.setRawHeader("Content-Type", request.contentTypeHeader());
    if (!client->config().impersonateUser.isEmpty())
        req.setRawHeader("Impersonate-User", client->config().impersonateUser.toUtf8());
    if (!credentials.authorizationHeader.isEmpty())
        req.setRawHeader("Authorization", credentials.authorizationHeader);
    for (const auto &[name, value] : request.headers())
        req.setRawHeader(name, value);

    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = client->sslConfiguration();
        if (!credentials.clientCertificate.isNull() && !credentials.clientKey.isNull()) {
            ssl.setLocalCertificate(credentials.clientCertificate);
            ssl.setPrivateKey(credentials.clientKey);
        }
        req.setSslConfiguration(ssl);
        if (!client->config().tls.serverName.isEmpty())
            req.setPeerVerifyName(client->config().tls.serverName);
    }

    sslErrors.clear();
    freshTlsConnection = false;
    attemptTimer.start();
    QNetworkAccessManager *nam = client->networkAccessManager(mode == Mode::Streaming);
    if (request.hasStreamedBody()) {
        QIODevice *device = request.bodyDevice();
        if (!device)
            return finish(Error::make(Error::Kind::InvalidRequest,
                                      QStringLiteral("the request body device was deleted")));
        net = nam->sendCustomRequest(req, request.verb(), device);
    } else if (request.hasBody()) {
        net = nam->sendCustomRequest(req, request.verb(), request.bodyData());
    } else {
        net = nam->sendCustomRequest(req, request.verb());
    }

    QObject::connect(net, &QNetworkReply::sslErrors, q, [this](const QList<QSslError> &errors) {
        sslErrors = errors;
        if (client->config().tls.insecure && net)
            net->ignoreSslErrors();
    });
    // Emitted only for a reply whose request opened (and handshook) a new connection, never
    // for one sent on a pooled connection.
    QObject::connect(net, &QNetworkReply::encrypted, q, [this] { freshTlsConnection = true; });
    QObject::connect(net, &QNetworkReply::finished, q, [this] { onNetworkFinished(); });
    if (mode == Mode::Streaming) {
        QObject::connect(net, &QNetworkReply::metaDataChanged, q, [this] { onMetaData(); });
        QObject::connect(net, &QNetworkReply::readyRead, q, [this] { onReadyRead(); });
    } else {
        // QNetworkReply buffers the whole body: stop as soon as it is known to be too big, and
        // let Qt's network thread stop reading past the limit, so that a fast server cannot
        // fill memory while this thread is busy.
        if (client->options().maxResponseBytes > 0)
            net->setReadBufferSize(client->options().maxResponseBytes + 1);
        QObject::connect(net, &QNetworkReply::metaDataChanged, q, [this] { exceedsBodyLimit(); });
        QObject::connect(net, &QNetworkReply::readyRead, q, [this] { exceedsBodyLimit(); });
    }
}

bool RestReply::Private::exceedsBodyLimit()
{
    if (finished || !net || !client)
        return false;
    const qint64 limit = client->options().maxResponseBytes;
    if (limit <= 0)
        return false;
    // Content-Length counts the bytes on the wire (compressed, when gzip is used), so it can
    // only reject early; the decompressed size is checked as the body arrives.
    const QVariant declared = net->header(QNetworkRequest::ContentLengthHeader);
    const bool compressed = !net->rawHeader("Content-Encoding").isEmpty();
    const qint64 length = declared.isValid() && !compressed ? declared.toLongLong() : -1;
    const qint64 received = net->bytesAvailable();
    if (length <= limit && received <= limit)
        return false;
    const int code = net->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    Error e = Error::make(
        Error::Kind::Decode,
        QStringLiteral("the response to %1 %2 is larger than the client's limit of %3 MiB "
                       "(%4 bytes%5): ask for less (a label or field selector, smaller list "
                       "chunks) or raise RestClientOptions::maxResponseBytes")
            .arg(QString::fromLatin1(request.verb()), url.toString())
            .arg(limit / (1024 * 1024))
            .arg(length > limit ? length : received)
            .arg(length > limit ? QStringLiteral(" announced")
                                : QStringLiteral(" received so far")));
    e.httpCode = code;
    qCWarning(lcRest).noquote() << e.message;
    finish(e);
    return true;
}

void RestReply::Private::captureResponseHead()
{
    result.statusCode = net->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.reasonPhrase = net->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    result.headers = net->rawHeaderPairs();
    result.contentType = net->rawHeader("Content-Type");
    result.http2 = net->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    QList<QByteArray> warningValues;
    for (const auto &h : std::as_const(result.headers)) {
        if (h.first.compare("Warning", Qt::CaseInsensitive) == 0)
            warningValues.append(h.second);
    }
    result.warnings = detail::parseWarningHeaders(warningValues);
}

void RestReply::Private::onMetaData()
{
    if (finished || !net || responseStarted)
        return;
    const QVariant status = net->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    const int code = status.toInt();
    if (code < 200 || code > 299)
        return; // decoded as an error when the reply finishes
    captureResponseHead();
    responseStarted = true;
    qCDebug(lcRest).noquote() << request.verb() << url.toString() << code << result.reasonPhrase
                              << "in" << attemptTimer.elapsed() << "milliseconds";
    if (!result.warnings.isEmpty())
        client->handleWarnings(result.warnings);
    emit q->responseStarted();
}

void RestReply::Private::onReadyRead()
{
    if (finished)
        return;
    if (!responseStarted) {
        // The error body of a stream is buffered until the reply ends, like send()'s.
        exceedsBodyLimit();
        return;
    }
    emit q->readyRead();
}

void RestReply::Private::onNetworkFinished()
{
    if (finished || !net)
        return;
    QNetworkReply *reply = net;
    const QNetworkReply::NetworkError netError = reply->error();
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const bool hasStatus = statusAttr.isValid() && statusAttr.toInt() > 0;

    // A stream that started: it ends here, cleanly or not; never retried.
    if (responseStarted) {
        // Let the consumer read what is left before the end is reported.
        if (reply->bytesAvailable() > 0)
            emit q->readyRead();
        if (finished)
            return;
        if (netError == QNetworkReply::NoError)
            return finish(std::nullopt);
        return finish(detail::errorFromNetwork(netError, reply->errorString(), url, sslErrors,
                                               client->config().tls.serverName));
    }

    if (!hasStatus) {
        Error e = detail::errorFromNetwork(netError, reply->errorString(), url, sslErrors,
                                           client->config().tls.serverName);
        qCDebug(lcRest).noquote() << request.verb() << url.toString() << "failed in"
                                  << attemptTimer.elapsed() << "milliseconds:" << e.message;
        // A server refuses an expired (or not yet valid) client certificate with a bare TLS
        // alert, and refuses it on every new connection: name the certificate and its dates
        // and fail now rather than retry a handshake that cannot succeed.
        if (url.scheme() == QLatin1String("https")) {
            const TlsConfig &tls = client->config().tls;
            const QString source = !tls.certFile.isEmpty() ? tls.certFile
                : !tls.certData.isEmpty() ? QStringLiteral("client-certificate-data")
                                          : QStringLiteral("from the credential plugin");
            const QString problem = detail::clientCertificateValidityProblem(
                reply->request().sslConfiguration().localCertificate(),
                QDateTime::currentDateTimeUtc(), source);
            if (!problem.isEmpty()) {
                e.kind = Error::Kind::Tls;
                e.message += QStringLiteral(" - ") + problem;
                return finish(e);
            }
        }
        // A TLS server that wants a client certificate closes the connection after the
        // handshake (TLS 1.3 alert), which Qt reports as a plain close: say what it may mean.
        const bool mayWantClientCert = netError == QNetworkReply::RemoteHostClosedError
            && url.scheme() == QLatin1String("https")
            && !client->config().tls.hasClientCertificate() && !client->config().authProvider;
        if (mayWantClientCert) {
            e.message += QStringLiteral(" - if the server requires a client certificate, set "
                                        "client-certificate and client-key");
            // A brand-new connection closed right after its handshake, before any response
            // byte, is how a server rejects a missing client certificate (TLS 1.3
            // "certificate required" alert), and every new connection ends the same way.
            // Check once at once on another new connection (a one-off drop then succeeds);
            // if that closes the same way, fail now as kubectl does rather than after ten
            // one-second retries. Drops on established (pooled) connections retry as usual.
            if (freshTlsConnection) {
                if (!freshTlsCloseSeen && request.verb() == "GET" && canRetryBody()
                    && result.retries < maxRetries()) {
                    freshTlsCloseSeen = true;
                    return scheduleRetry(milliseconds(0),
                                         QStringLiteral("a new TLS connection was closed before "
                                                        "the response (%1)")
                                             .arg(reply->errorString()));
                }
                qCDebug(lcRest).noquote()
                    << "the server closed a new TLS connection before answering; not retrying";
                return finish(e);
            }
        }
        // client-go retries a GET whose connection died (reset, EOF) as if Retry-After: 1.
        if (request.verb() == "GET" && detail::isConnectionDropped(netError) && canRetryBody()
            && result.retries < maxRetries()) {
            return scheduleRetry(
                client->options().retryAfterUnit,
                QStringLiteral("connection closed (%1)").arg(reply->errorString()));
        }
        return finish(e);
    }

    if (exceedsBodyLimit())
        return;
    captureResponseHead();
    result.body = reply->readAll();
    const int code = result.statusCode;
    qCDebug(lcRest).noquote() << request.verb() << url.toString() << code << result.reasonPhrase
                              << "in" << attemptTimer.elapsed() << "milliseconds";
    if (!result.warnings.isEmpty())
        client->handleWarnings(result.warnings);

    const bool success = code >= 200 && code <= 299;
    // The headers came but the body was cut short: a broken response, not a server error.
    if (success && netError != QNetworkReply::NoError) {
        Error e = detail::errorFromNetwork(netError, reply->errorString(), url, sslErrors,
                                           client->config().tls.serverName);
        e.httpCode = code;
        e.message = QStringLiteral("the connection to %1 was closed in the middle of the response "
                                   "body (%2 bytes received): %3")
                        .arg(url.host() + u':'
                             + QString::number(
                                 url.port(url.scheme() == QLatin1String("https") ? 443 : 80)))
                        .arg(result.body.size())
                        .arg(reply->errorString());
        return finish(e);
    }

    if (code == 401 && client->config().authProvider && !authRetried && canRetryBody()) {
        // The credentials were rejected: forget them and try once more with fresh ones.
        authRetried = true;
        client->config().authProvider->invalidate();
        qCInfo(lcRest).noquote() << "Got 401 for" << url.toString()
                                 << "- refreshing credentials and retrying once";
        return scheduleRetry(milliseconds(0), QStringLiteral("401 Unauthorized"));
    }

    if (code == 429 || code >= 500) {
        const std::optional<int> retryAfter = detail::parseRetryAfter(result.header("Retry-After"));
        if (retryAfter && canRetryBody() && result.retries < maxRetries()) {
            qCInfo(lcRest).noquote() << QStringLiteral("Got a Retry-After %1s response for attempt "
                                                       "%2 to %3")
                                            .arg(*retryAfter)
                                            .arg(result.retries + 1)
                                            .arg(url.toString());
            return scheduleRetry(
                client->options().retryAfterUnit * *retryAfter,
                QStringLiteral("HTTP %1 with Retry-After %2s").arg(code).arg(*retryAfter));
        }
    }

    if (!success) {
        return finish(detail::errorFromResponse(code, result.body, result.contentType,
                                                request.verb(), request.resourceName(),
                                                request.objectName()));
    }
    // A 2xx carrying a failed Status (some proxies and older servers do this).
    if (result.contentType.contains("json") && result.body.contains("\"Status\"")) {
        if (std::optional<Status> st = Status::fromJson(result.body); st && st->isFailure())
            return finish(st->toError(st->code != 0 ? st->code : code));
    }
    finish(std::nullopt);
}

void RestReply::Private::scheduleRetry(milliseconds delay, const QString &reason)
{
    dropNetworkReply();
    ++result.retries;
    const int attempt = result.retries;
    if (delay.count() > 0)
        qCInfo(lcRest).noquote() << QStringLiteral("Retrying %1 %2 in %3 ms (retry %4: %5)")
                                        .arg(QString::fromLatin1(request.verb()), url.toString())
                                        .arg(delay.count())
                                        .arg(attempt)
                                        .arg(reason);
    emit q->retrying(attempt, delay, reason);
    if (finished)
        return;
    waitTimer.disconnect();
    QObject::connect(&waitTimer, &QTimer::timeout, q, [this] { beginAttempt(); });
    waitTimer.start(delay);
}

void RestReply::Private::dropNetworkReply()
{
    if (!net)
        return;
    QNetworkReply *reply = net;
    net = nullptr;
    QObject::disconnect(reply, nullptr, q, nullptr);
    if (!reply->isFinished())
        reply->abort();
    reply->deleteLater();
}

void RestReply::Private::finish(std::optional<Error> error)
{
    if (finished)
        return;
    finished = true;
    waitTimer.stop();
    deadline.stop();
    if (waitingForToken) {
        waitingForToken = false;
        client->rateLimiter()->cancelReservation();
    }
    ++generation;
    dropNetworkReply();
    result.error = std::move(error);
    result.elapsed = milliseconds(total.isValid() ? total.elapsed() : 0);
    if (result.error && result.error->kind != Error::Kind::Status)
        qCDebug(lcRest).noquote() << request.verb() << url.toString()
                                  << "failed:" << result.error->message;
    emit q->finished();
}

} // namespace kube
