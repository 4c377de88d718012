#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace kube::ui {

/*!
 * Whether a list on screen is current: live (watched), loading, or reconnecting after an
 * error — then since when it may be stale, why, and when the next attempt is. Built from the
 * informer's ReflectorStatus by the session; shown next to the list.
 */
struct ListLiveState
{
    enum class State {
        Idle, //!< not watched (the resource cannot be watched, or the list was cancelled)
        Loading, //!< the first list is arriving
        Live, //!< synced and watching
        Reconnecting, //!< lost the watch (or the list failed); retrying with back-off
    };

    State state = State::Idle;
    QDateTime retryAt; //!< Reconnecting: the next attempt (UTC)
    QDateTime staleSince; //!< Reconnecting: the last moment the list was known current (UTC)
    QString reason; //!< Reconnecting: the error, one line

    //! "live", "reconnecting in 4 s — stale since 14:02 (connection refused)" ... at \a now.
    QString text(const QDateTime &now) const;
    //! The longer explanation for a tooltip.
    QString toolTip() const;

    friend bool operator==(const ListLiveState &, const ListLiveState &) = default;
};

} // namespace kube::ui

Q_DECLARE_METATYPE(kube::ui::ListLiveState)
