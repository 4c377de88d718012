#include "rest/ratelimiter.h"

#include <QTest>

using namespace kube;
using namespace std::chrono;
using namespace std::chrono_literals;

// A clock the test moves by hand: timing bounds become exact, with no sleeping.
struct FakeClock
{
    steady_clock::time_point now { steady_clock::time_point() + 1h };
    RateLimiter::Clock fn()
    {
        return [this] { return now; };
    }
};

class tst_RateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void burstThenSteadyRate_data();
    void burstThenSteadyRate();
    void refillsOverTime();
    void neverExceedsBurst();
    void disabled();
    void cancelReturnsToken();
    void statistics();
    void defaultsFromConfig();
};

void tst_RateLimiter::burstThenSteadyRate_data()
{
    QTest::addColumn<double>("qps");
    QTest::addColumn<int>("burst");
    QTest::addColumn<int>("requests");
    QTest::addColumn<qint64>("lastWaitMs");
    // kubectl's defaults: 10 at once, then one every 200 ms; the 15th waits 5 * 200 ms.
    QTest::newRow("5/10") << 5.0 << 10 << 15 << qint64(1000);
    QTest::newRow("50/300 discovery") << 50.0 << 300 << 310 << qint64(200);
    QTest::newRow("1/1") << 1.0 << 1 << 4 << qint64(3000);
    QTest::newRow("fractional qps") << 0.5 << 1 << 2 << qint64(2000);
}

void tst_RateLimiter::burstThenSteadyRate()
{
    QFETCH(double, qps);
    QFETCH(int, burst);
    QFETCH(int, requests);
    QFETCH(qint64, lastWaitMs);
    FakeClock clock;
    RateLimiter limiter(qps, burst, clock.fn());
    for (int i = 0; i < burst; ++i)
        QCOMPARE(limiter.reserve(), 0ms);
    milliseconds last { 0 };
    milliseconds previous { 0 };
    for (int i = burst; i < requests; ++i) {
        last = limiter.reserve();
        QVERIFY(last > previous); // queued callers wait longer and longer
        previous = last;
    }
    QCOMPARE(last.count(), lastWaitMs);
}

void tst_RateLimiter::refillsOverTime()
{
    FakeClock clock;
    RateLimiter limiter(5, 10, clock.fn());
    for (int i = 0; i < 10; ++i)
        QCOMPARE(limiter.reserve(), 0ms);
    QCOMPARE(limiter.reserve(), 200ms);
    // 1 s later 5 tokens accrued, one of them already promised to the waiting caller.
    clock.now += 1s;
    QCOMPARE(qRound(limiter.tokens()), 4);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(limiter.reserve(), 0ms);
    QCOMPARE(limiter.reserve(), 200ms);
}

void tst_RateLimiter::neverExceedsBurst()
{
    FakeClock clock;
    RateLimiter limiter(100, 3, clock.fn());
    clock.now += 1h;
    QCOMPARE(limiter.tokens(), 3.0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(limiter.reserve(), 0ms);
    QCOMPARE(limiter.reserve(), 10ms);
}

void tst_RateLimiter::disabled()
{
    FakeClock clock;
    RateLimiter zero(0, 10, clock.fn());
    QVERIFY(!zero.isEnabled());
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(zero.reserve(), 0ms);
    auto unlimited = RateLimiter::unlimited();
    QVERIFY(!unlimited->isEnabled());
    QCOMPARE(unlimited->reserve(), 0ms);
}

void tst_RateLimiter::cancelReturnsToken()
{
    FakeClock clock;
    RateLimiter limiter(1, 1, clock.fn());
    QCOMPARE(limiter.reserve(), 0ms);
    QCOMPARE(limiter.reserve(), 1000ms);
    limiter.cancelReservation(); // that caller gave up
    QCOMPARE(limiter.reserve(), 1000ms); // the next one waits no longer than it would have
}

void tst_RateLimiter::statistics()
{
    FakeClock clock;
    RateLimiter limiter(10, 2, clock.fn());
    limiter.reserve();
    limiter.reserve();
    limiter.reserve(); // 100 ms
    limiter.reserve(); // 200 ms
    QCOMPARE(limiter.throttledCount(), 2);
    QCOMPARE(limiter.totalThrottled(), 300ms);
}

void tst_RateLimiter::defaultsFromConfig()
{
    auto limiter = RateLimiter::create(5, 10);
    QCOMPARE(limiter->qps(), 5.0);
    QCOMPARE(limiter->burst(), 10);
}

QTEST_GUILESS_MAIN(tst_RateLimiter)
#include "tst_ratelimiter.moc"
