#pragma once

#include <QElapsedTimer>

#include <chrono>

namespace kube {

/*!
 * client-go's reflector backoff (wait.NewExponentialBackoffManager(800ms, 30s, 2min, 2.0,
 * 1.0)): each failure waits twice as long as the last, capped, plus up to 100% random jitter;
 * after \c resetAfter without a failure the next wait starts from \c initial again.
 *
 * \code
 * kube::Backoff backoff;          // 800 ms .. 30 s (+ jitter), reset after 2 min
 * QTimer::singleShot(backoff.next(), this, &X::retry);
 * \endcode
 */
class Backoff
{
public:
    struct Policy
    {
        std::chrono::milliseconds initial { 800 };
        std::chrono::milliseconds cap { 30'000 };
        double factor = 2.0;
        double jitter = 1.0; //!< wait = d + random(0..jitter) * d
        std::chrono::milliseconds resetAfter { 120'000 };
    };

    Backoff();
    explicit Backoff(const Policy &policy);

    //! The wait before the next attempt after a failure now.
    std::chrono::milliseconds next();
    //! Forget past failures (the next failure waits \c initial).
    void reset();
    int failures() const { return m_failures; }
    const Policy &policy() const { return m_policy; }

private:
    Policy m_policy;
    std::chrono::milliseconds m_current { 0 };
    int m_failures = 0;
    QElapsedTimer m_lastFailure;
};

} // namespace kube
