#pragma once

#include "backoff.h"
#include "informermode.h"

#include <QJsonObject>
#include <QString>

#include <chrono>
#include <functional>

namespace kube {

/*!
 * How a Reflector lists and watches. The defaults are client-go's; tests shorten the times
 * to simulate hours of a server's behaviour in seconds.
 */
struct ReflectorOptions
{
    //! Applied to every object before it is stored (e.g. drop managedFields); may return the
    //! object unchanged. Runs on the reflector's thread.
    using Transform = std::function<QJsonObject(QJsonObject object)>;

    InformerMode mode = InformerMode::Full;
    QString labelSelector;
    QString fieldSelector;
    qint64 pageSize = 500; //!< list chunk size
    //! false: list once and stop (resources without the watch verb). hasSynced() as usual.
    bool watch = true;
    /*!
     * Stream the initial state with a watch (sendInitialEvents=true,
     * resourceVersionMatch=NotOlderThan) instead of listing. Falls back to list + watch when
     * the server refuses it (400/403/422) or ends the stream before the initial-events-end
     * bookmark. Ignored in Table mode, where pages show rows sooner.
     */
    bool useWatchList = false;
    //! Watch timeoutSeconds is drawn from [min, 2*min) for each watch (client-go: 5 min).
    std::chrono::seconds minWatchTimeout { 300 };
    /*!
     * A watch that delivers no bytes at all (no event, no bookmark) for this long is treated
     * as a dead connection and reopened. kube-apiserver sends a bookmark about every minute
     * to watches that allow them, so a healthy quiet watch never trips it.
     */
    std::chrono::milliseconds idleTimeout { 150'000 };
    /*!
     * A watch that ends sooner than this without any event or bookmark counts as a failure
     * (client-go's "very short watch", 1 s), so a server that closes every watch at once is
     * not hammered.
     */
    std::chrono::milliseconds shortWatchThreshold { 1000 };
    Backoff::Policy backoff;
    //! The length of one Retry-After second (tests shrink it).
    std::chrono::milliseconds retryAfterUnit { 1000 };
    Transform transform;
};

} // namespace kube
