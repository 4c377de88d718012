#pragma once

#include "request.h"
#include "restresult.h"

#include <QObject>

#include <chrono>
#include <memory>

namespace kube {

/*!
 * The answer to one Request (send() or stream()), possibly after retries.
 *
 * Contract (as KJob's): the request starts by itself from the event loop after send()
 * returns; finished() is emitted exactly once, after which result() holds the status, body,
 * warnings and, on failure, the Error. Nothing is emitted after finished().
 *
 * Ownership: the caller owns the reply and deletes it (deleteLater() from a slot is fine).
 * Deleting an unfinished reply aborts it silently (no finished()). The reply keeps its
 * RestClient alive. It lives on the thread that sent it.
 *
 * \code
 * auto *r = rest->get().resource("namespaces").send();
 * connect(r, &kube::RestReply::finished, this, [r] {
 *     r->deleteLater();
 *     if (!r->result().ok()) return show(r->result().error->toString());
 *     auto list = r->into<QJsonObject>();
 * });
 * \endcode
 * CLI and tests may block with kube::waitFor(r) (rest/waitfor.h).
 */
class RestReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestReply)

public:
    enum class Mode {
        Buffered, //!< send(): the whole body is kept in result().body
        Streaming, //!< stream(): a 2xx body is read with read()/readAll() as it arrives
    };

    ~RestReply() override;

    bool isFinished() const;
    bool isStreaming() const;
    //! Streaming: a 2xx response has started (headers received) and readyRead() may follow.
    bool isResponseStarted() const;

    //! Complete once finished() was emitted; status/headers available earlier when streaming.
    const RestResult &result() const;
    const std::optional<Error> &error() const { return result().error; }
    //! Decodes the body (see RestResult::into()).
    template<typename T> Result<T> into() const { return result().into<T>(); }

    const Request &request() const;
    QUrl url() const;

    //! Streaming mode: body bytes received so far and not yet read.
    QByteArray readAll();
    qint64 bytesAvailable() const;

    /*!
     * Cancels the request: it finishes now (finished() is emitted from this call) with
     * Error::Kind::Cancelled. No-op when already finished.
     */
    void abort();

signals:
    //! Exactly once.
    void finished();
    //! Streaming mode: a 2xx response started.
    void responseStarted();
    //! Streaming mode: more body is available for readAll().
    void readyRead();
    //! The request will be sent again after \a delay (attempt is 1 for the first retry).
    void retrying(int attempt, std::chrono::milliseconds delay, const QString &reason);
    //! The request waits \a wait for the rate limiter before (re)sending.
    void throttled(std::chrono::milliseconds wait);

private:
    friend class Request;
    RestReply(const Request &request, Mode mode);
    void start();

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace kube
