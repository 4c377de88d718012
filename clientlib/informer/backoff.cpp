#include "backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace kube {

Backoff::Backoff()
    : Backoff(Policy {})
{ }

Backoff::Backoff(const Policy &policy)
    : m_policy(policy)
{ }

std::chrono::milliseconds Backoff::next()
{
    using namespace std::chrono;
    // client-go's backoff manager: a quiet spell longer than resetAfter starts over.
    if (m_lastFailure.isValid() && m_lastFailure.elapsed() > m_policy.resetAfter.count())
        reset();
    m_lastFailure.start();
    ++m_failures;
    if (m_current.count() == 0)
        m_current = m_policy.initial;
    else
        m_current = std::min(m_policy.cap,
                             milliseconds(qint64(double(m_current.count()) * m_policy.factor)));
    const double jitter = m_policy.jitter > 0
        ? QRandomGenerator::global()->generateDouble() * m_policy.jitter
        : 0.0;
    return milliseconds(qint64(double(m_current.count()) * (1.0 + jitter)));
}

void Backoff::reset()
{
    m_current = std::chrono::milliseconds(0);
    m_failures = 0;
}

} // namespace kube
