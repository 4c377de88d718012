#pragma once

#include <QMutex>

#include <chrono>
#include <functional>
#include <memory>

namespace kube {

/*!
 * Token bucket rate limiter (client-go's flowcontrol.NewTokenBucketRateLimiter, golang.org/x/
 * time/rate semantics): the bucket starts full with \c burst tokens and refills at \c qps tokens
 * per second; each request takes one token, and a request that finds the bucket empty waits
 * until its token has accrued. qps <= 0 disables limiting.
 *
 * Shared (std::shared_ptr) between all clients that should be throttled together; thread-safe.
 * Every RestClient has one (RestClient::Options::rateLimiter, else RestConfig::rateLimiter,
 * else a new bucket from RestConfig::qps/burst). Discovery passes its own (kubectl uses 50/300)
 * or RateLimiter::unlimited() so that a bucket sized for writes never gates it.
 *
 * \code
 * auto limiter = kube::RateLimiter::create(5, 10);
 * std::chrono::milliseconds wait = limiter->reserve(); // 0 for the first 10 calls
 * \endcode
 */
class RateLimiter
{
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    //! \a clock defaults to std::chrono::steady_clock::now; tests inject a fake one.
    static std::shared_ptr<RateLimiter> create(double qps, int burst, Clock clock = {});
    //! A limiter that never waits.
    static std::shared_ptr<RateLimiter> unlimited();

    RateLimiter(double qps, int burst, Clock clock = {});

    bool isEnabled() const { return m_qps > 0; }
    double qps() const { return m_qps; }
    int burst() const { return m_burst; }

    /*!
     * Takes one token now and returns how long the caller must wait before using it (zero when
     * a token was available). Tokens may go negative: later callers queue behind earlier ones.
     */
    std::chrono::milliseconds reserve();
    //! Gives back a token reserved by reserve() that was not used (the request was cancelled).
    void cancelReservation();
    //! Tokens available now (may be negative while callers are queued).
    double tokens() const;

    //! Statistics: how many reservations had to wait, and for how long in total.
    int throttledCount() const;
    std::chrono::milliseconds totalThrottled() const;

private:
    void advance(std::chrono::steady_clock::time_point now);

    mutable QMutex m_mutex;
    const double m_qps;
    const int m_burst;
    Clock m_clock;
    double m_tokens = 0;
    std::chrono::steady_clock::time_point m_last;
    int m_throttledCount = 0;
    std::chrono::milliseconds m_totalThrottled { 0 };
};

} // namespace kube
