#pragma once

#include "discoverydata.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <optional>

namespace kube {

/*!
 * The answer to one discovery call. Emits finished() exactly once, always asynchronously (never
 * from inside the call that returned it), then holds the data and possibly an error.
 *
 * Two kinds of error: a total failure (hasError() and data() empty, e.g. /apis unreachable), and
 * a partial result (isPartial(): data() is usable, data().failed names the group-versions that
 * did not answer or are Stale; error() is the combined "unable to retrieve the complete list of
 * server APIs: ..." error).
 *
 * Ownership: the caller owns the reply and deletes it (deleteLater()) after finished(). It lives
 * on the thread that called the discovery method. Deleting it early abandons the result.
 *
 * \code
 * auto *reply = disc->serverGroupsAndResources();
 * connect(reply, &kube::DiscoveryReply::finished, this, [reply] {
 *     if (reply->hasError()) qWarning() << reply->error().toString();
 *     for (const kube::APIResourceList &l : reply->data().resources) { ... }
 *     reply->deleteLater();
 * });
 * \endcode
 */
class DiscoveryReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveryReply)

public:
    explicit DiscoveryReply(QObject *parent = nullptr);
    ~DiscoveryReply() override;

    bool isFinished() const { return m_finished; }
    const DiscoveryData &data() const { return m_data; }
    bool hasError() const { return m_error.has_value(); }
    //! The error; only meaningful when hasError().
    const Error &error() const;
    //! Some group-versions failed but the rest of the data is there.
    bool isPartial() const { return m_error.has_value() && !m_data.failed.isEmpty(); }

    /*!
     * Delivers the result: queued to the reply's thread, so it is safe from any thread; only
     * the first call counts. For implementations of DiscoveryInterface.
     */
    void finish(DiscoveryData data, std::optional<Error> error);
    //! finish() with data.failure() as the error (partial results).
    void finish(DiscoveryData data);

    /*!
     * Hands the reply to \a consumer, the object whose slot handles finished(); call it on the
     * thread that made the reply, before it finishes. A reply made on another thread moves to
     * the consumer's (the thread that made it may end before the consumer's deleteLater() would
     * run there); one on the consumer's thread becomes its child, so a reply still running when
     * the consumer is destroyed goes with it instead of finishing to no one. Returns this reply.
     */
    DiscoveryReply *consumedBy(QObject *consumer);

    //! Blocks in a local event loop until finished (CLI and tests only; never the GUI thread).
    bool waitForFinished(std::chrono::milliseconds timeout = std::chrono::seconds(60));

signals:
    void finished();

private:
    DiscoveryData m_data;
    std::optional<Error> m_error;
    bool m_finished = false;
    std::atomic_bool m_finishing { false };
};

} // namespace kube
