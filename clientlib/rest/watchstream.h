#pragma once

#include "api/error.h"
#include "watchevent.h"
#include "watcheventsplitter.h"

#include <QByteArray>
#include <QObject>

#include <optional>

namespace kube {

class RestReply;
class Request;

/*!
 * A watch (client-go's watch.Interface over a StreamWatcher): reads the newline-delimited
 * JSON events of a `?watch=true` response incrementally and emits each one as it arrives.
 * Watches skip the rate limiter and are never retried.
 *
 * \code
 * kube::ListOptions opts{.watch = true, .allowWatchBookmarks = true, .resourceVersion = rv};
 * auto *w = rest->get().inNamespace("default").resource("pods").versionedParams(opts).watch();
 * connect(w, &kube::WatchStream::eventReceived, this, [](const kube::WatchEvent &e) { ... });
 * connect(w, &kube::WatchStream::finished, this, [this, w] {
 *     w->deleteLater();
 *     if (w->isGone()) relistAndRewatch();   // 410: resourceVersion too old
 *     else if (w->error()) showError(*w->error());
 *     else rewatchFrom(w->lastResourceVersion()); // server closed the stream normally
 * });
 * \endcode
 *
 * finished() is emitted exactly once: on a clean end of the stream (no error), on a network
 * or HTTP error, on an ERROR event (error() holds its Status; the event is emitted first), or
 * from stop(). An event larger than RestClientOptions::maxWatchEventBytes ends the watch with
 * Error::Kind::Decode (memory stays bounded whatever the server sends). The caller owns the stream
 * (deleteLater()); deleting it stops the watch. Lives on the thread of the Request's client.
 */
class WatchStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchStream)

public:
    //! Starts watching with \a request (normally built by Request::watch()).
    explicit WatchStream(const Request &request, QObject *parent = nullptr);
    ~WatchStream() override;

    bool isFinished() const { return m_finished; }
    //! The 2xx response arrived: the watch is established.
    bool isStarted() const { return m_started; }
    const std::optional<Error> &error() const { return m_error; }
    //! The server said 410 Gone/Expired (HTTP 410, or an ERROR event with code 410).
    bool isGone() const { return m_error && m_error->httpCode == 410; }
    //! resourceVersion of the last event (bookmarks included): where to resume.
    QString lastResourceVersion() const { return m_lastResourceVersion; }
    int eventCount() const { return m_eventCount; }
    //! The integer Retry-After of an error response (429, 503), nullopt when absent.
    std::optional<int> retryAfterSeconds() const { return m_retryAfterSeconds; }

    //! Ends the watch now: finished() with Error::Kind::Cancelled. No-op when finished.
    void stop();

signals:
    void started();
    void eventReceived(const kube::WatchEvent &event);
    //! Bytes arrived (an event, a bookmark, or part of one): the connection is alive.
    void dataReceived();
    void finished();

private:
    void onReadyRead();
    void onReplyFinished();
    void parseAvailable();
    void finish(std::optional<Error> error);

    RestReply *m_reply = nullptr; // Owned.
    WatchEventSplitter m_splitter;
    std::optional<Error> m_error;
    QString m_lastResourceVersion;
    int m_eventCount = 0;
    std::optional<int> m_retryAfterSeconds;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace kube
