#pragma once

#include "rest/request.h"
#include "rest/restresult.h"

#include <QObject>

#include <any>
#include <functional>

namespace kube {

class RestReply;

/*!
 * The untyped half of the dynamic and typed clients' replies (see ValueReply<T>): sends one
 * Request, then decodes the body once, into whatever the subclass asks for.
 *
 * Contract: the request starts by itself from the event loop; finished() is emitted exactly
 * once, also when the request was invalid before sending (then asynchronously, from the event
 * loop) or was aborted. Large bodies (lists) are decoded on a worker thread, so a 50,000-pod
 * list does not stall the thread the reply lives on.
 *
 * Ownership: the caller owns the reply and deletes it (deleteLater() after finished()).
 * Deleting an unfinished reply cancels it without emitting finished(). It lives on the thread
 * that created it, which must be its RestClient's thread.
 */
class AsyncReply : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsyncReply)

public:
    //! Turns the HTTP result into a Result<T> (held in a std::any). Must be thread-safe: pure.
    using Decoder = std::function<std::any(const RestResult &)>;
    enum class DecodeOn {
        ReplyThread, //!< small bodies (one object)
        WorkerThread, //!< bodies that may be large (lists); small ones are still decoded inline
    };

    ~AsyncReply() override;

    bool isFinished() const { return m_finished; }
    //! Status code, headers, warnings and the raw body; complete once finished.
    const RestResult &restResult() const { return m_rest; }
    //! The server's Warning headers for this request.
    QStringList warnings() const { return m_rest.warnings; }
    //! Finishes now (finished() is emitted from this call) with Error::Kind::Cancelled.
    void abort();

signals:
    //! Exactly once.
    void finished();

protected:
    AsyncReply(const Request &request, Decoder decoder, DecodeOn decodeOn, QObject *parent);
    //! A reply that fails with \a error without sending anything.
    AsyncReply(const Error &error, Decoder decoder, QObject *parent);

    //! The decoded Result<T>; empty before finished().
    const std::any &decoded() const { return m_decoded; }

private:
    void onRestFinished();
    void finish(std::any decoded);

    Decoder m_decoder;
    DecodeOn m_decodeOn = DecodeOn::ReplyThread;
    RestReply *m_reply = nullptr; // Owned.
    QObject *m_watcher = nullptr; // Owned: the QFutureWatcher of a worker-thread decode.
    RestResult m_rest;
    std::any m_decoded;
    bool m_finished = false;
};

} // namespace kube
