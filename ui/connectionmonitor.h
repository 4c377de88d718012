#pragma once

#include "api/error.h"

#include <QDateTime>
#include <QObject>

class QTimer;

namespace kube::ui {

/*!
 * Whether the window's cluster answers. A request that never got an answer (connection
 * refused, reset, DNS, timeout) while the window shows data from the disk cache makes it
 * offline: it then asks retryNow() with backoff (1 s, 2 s, 4 s … capped at 30 s) until the
 * server answers again (reachable()), and says so.
 */
class ConnectionMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionMonitor)

public:
    static constexpr int maxBackoffSeconds = 30;

    explicit ConnectionMonitor(QObject *parent = nullptr);
    ~ConnectionMonitor() override;

    //! A new session: online until shown otherwise, backoff reset (no offlineChanged).
    void reset();
    //! Whether \a error means the server did not answer at all (not: it answered with an error).
    static bool isUnreachable(const Error &error);
    //! A request failed; goes offline when the server did not answer.
    void requestFailed(const Error &error);
    //! The server answered.
    void reachable();

    bool isOffline() const { return m_offline; }
    QDateTime offlineSince() const { return m_since; }
    //! Seconds until the next attempt (0 when none is scheduled).
    int secondsToRetry() const;
    QString reason() const { return m_reason; }
    //! "Offline since 12:03 — reconnecting in 4 s (connection refused)".
    QString statusText() const;

signals:
    void offlineChanged(bool offline);
    //! Try the server again now (reload discovery, then lists).
    void retryNow();
    //! The countdown changed (for a "reconnecting in N s" label).
    void statusChanged();

private:
    void schedule();

    QTimer *m_retry;
    QTimer *m_tick;
    bool m_offline = false;
    bool m_attempting = false;
    int m_backoff = 1;
    QDateTime m_since;
    QDateTime m_nextAt;
    QString m_reason;
};

} // namespace kube::ui
