#pragma once

#include "api/error.h"

#include <QDateTime>
#include <QMetaType>

#include <optional>

namespace kube {

//! Where a Reflector is, for a live-state indicator ("live", "reconnecting in 3 s", "stale").
struct ReflectorStatus
{
    enum class State {
        Idle, //!< not started, or stopped
        Listing, //!< the initial list (or a relist) is running
        Live, //!< synced, and a watch is open
        Reconnecting, //!< waiting (backoff) before the next attempt; see retryAt, lastError
    };

    State state = State::Idle;
    bool synced = false; //!< a list completed at least once (hasSynced)
    std::optional<Error> lastError; //!< why it is reconnecting
    QDateTime retryAt; //!< Reconnecting: when the next attempt starts
    /*!
     * Since when the cache may miss changes (the last moment the watch was known good);
     * invalid while live.
     */
    QDateTime staleSince;
    int consecutiveFailures = 0;
};

} // namespace kube

Q_DECLARE_METATYPE(kube::ReflectorStatus)
