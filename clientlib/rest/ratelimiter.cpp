#include "ratelimiter.h"

#include <QMutexLocker>

#include <cmath>

namespace kube {

using namespace std::chrono;

std::shared_ptr<RateLimiter> RateLimiter::create(double qps, int burst, Clock clock)
{
    return std::make_shared<RateLimiter>(qps, burst, std::move(clock));
}

std::shared_ptr<RateLimiter> RateLimiter::unlimited()
{
    return std::make_shared<RateLimiter>(0.0, 0);
}

RateLimiter::RateLimiter(double qps, int burst, Clock clock)
    : m_qps(qps)
    , m_burst(burst < 1 ? 1 : burst)
    , m_clock(clock ? std::move(clock) : Clock([] { return steady_clock::now(); }))
    , m_tokens(m_burst)
    , m_last(m_clock())
{ }

void RateLimiter::advance(steady_clock::time_point now)
{
    if (now <= m_last)
        return;
    const double elapsed = duration<double>(now - m_last).count();
    m_tokens = std::min<double>(m_burst, m_tokens + elapsed * m_qps);
    m_last = now;
}

milliseconds RateLimiter::reserve()
{
    if (!isEnabled())
        return milliseconds(0);
    QMutexLocker lock(&m_mutex);
    advance(m_clock());
    m_tokens -= 1.0;
    if (m_tokens >= 0)
        return milliseconds(0);
    // Round up: waking a little late is harmless, waking early would overdraw the bucket.
    const auto wait = milliseconds(static_cast<qint64>(std::ceil(-m_tokens / m_qps * 1000.0)));
    ++m_throttledCount;
    m_totalThrottled += wait;
    return wait;
}

void RateLimiter::cancelReservation()
{
    if (!isEnabled())
        return;
    QMutexLocker lock(&m_mutex);
    advance(m_clock());
    m_tokens = std::min<double>(m_burst, m_tokens + 1.0);
}

double RateLimiter::tokens() const
{
    QMutexLocker lock(&m_mutex);
    auto *self = const_cast<RateLimiter *>(this);
    self->advance(m_clock());
    return m_tokens;
}

int RateLimiter::throttledCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_throttledCount;
}

milliseconds RateLimiter::totalThrottled() const
{
    QMutexLocker lock(&m_mutex);
    return m_totalThrottled;
}

} // namespace kube
