#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QTimer>

namespace kube::bench {

/*!
 * Measures how long the thread it lives on stays away from its event loop: a 5 ms timer whose
 * lateness is recorded on every tick. The longest lateness is the worst stall; quantiles tell
 * the thread's own work from a machine that did not schedule it.
 */
class StallProbe final
{
    Q_DISABLE_COPY_MOVE(StallProbe)

public:
    StallProbe();

    void start();
    void stop() { m_timer.stop(); }
    double longestMs() const { return double(m_longest) / 1e6; }
    //! The \a q quantile of the lateness (0.99: one tick in 100 was later than this).
    double quantileMs(double q) const;

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
    QList<qint64> m_lateness;
};

} // namespace kube::bench
