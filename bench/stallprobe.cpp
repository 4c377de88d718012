#include "stallprobe.h"

#include <algorithm>

namespace kube::bench {

namespace {
constexpr int tickMs = 5;
}

StallProbe::StallProbe()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(tickMs);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        if (m_last > 0) {
            const qint64 late = std::max<qint64>(0, now - m_last - qint64(tickMs) * 1'000'000);
            m_longest = std::max(m_longest, late);
            m_lateness.append(late);
        }
        m_last = now;
    });
}

void StallProbe::start()
{
    m_clock.start();
    m_last = 0;
    m_longest = 0;
    m_lateness.clear();
    m_timer.start();
}

double StallProbe::quantileMs(double q) const
{
    if (m_lateness.isEmpty())
        return 0;
    QList<qint64> sorted = m_lateness;
    std::sort(sorted.begin(), sorted.end());
    return double(sorted.at(qsizetype(q * double(sorted.size() - 1)))) / 1e6;
}

} // namespace kube::bench
