#include "connectionmonitor.h"

#include <QLocale>
#include <QTimer>

#include <algorithm>

namespace kube::ui {

ConnectionMonitor::ConnectionMonitor(QObject *parent)
    : QObject(parent)
    , m_retry(new QTimer(this))
    , m_tick(new QTimer(this))
{
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, [this] {
        m_attempting = true;
        m_nextAt = {};
        emit statusChanged();
        emit retryNow();
    });
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &ConnectionMonitor::statusChanged);
}

ConnectionMonitor::~ConnectionMonitor() = default;

void ConnectionMonitor::reset()
{
    // Silent: a new session is not "back online"; the window redraws its labels itself.
    m_retry->stop();
    m_tick->stop();
    m_offline = false;
    m_attempting = false;
    m_backoff = 1;
    m_nextAt = {};
    m_reason.clear();
    emit statusChanged();
}

bool ConnectionMonitor::isUnreachable(const Error &error)
{
    return error.kind == Error::Kind::Network || error.kind == Error::Kind::Timeout;
}

void ConnectionMonitor::requestFailed(const Error &error)
{
    if (!isUnreachable(error))
        return;
    m_reason = error.message;
    if (!m_offline) {
        m_offline = true;
        m_since = QDateTime::currentDateTime();
        m_backoff = 1;
        m_tick->start();
        emit offlineChanged(true);
        schedule();
        return;
    }
    // Several requests fail per attempt; only the attempt's own answer moves the backoff on.
    if (m_attempting) {
        m_attempting = false;
        m_backoff = std::min(m_backoff * 2, maxBackoffSeconds);
        schedule();
    }
}

void ConnectionMonitor::reachable()
{
    m_attempting = false;
    m_backoff = 1;
    if (!m_offline)
        return;
    m_offline = false;
    m_retry->stop();
    m_tick->stop();
    emit offlineChanged(false);
}

void ConnectionMonitor::schedule()
{
    if (m_retry->isActive())
        return;
    m_nextAt = QDateTime::currentDateTime().addSecs(m_backoff);
    m_retry->start(std::chrono::seconds(m_backoff));
    emit statusChanged();
}

int ConnectionMonitor::secondsToRetry() const
{
    if (!m_nextAt.isValid())
        return 0;
    return int(std::max<qint64>(0, QDateTime::currentDateTime().secsTo(m_nextAt)));
}

QString ConnectionMonitor::statusText() const
{
    if (!m_offline)
        return {};
    const QString since = QLocale().toString(m_since.time(), QLocale::ShortFormat);
    const QString when
        = m_attempting ? tr("reconnecting now") : tr("reconnecting in %1 s").arg(secondsToRetry());
    return tr("Offline since %1 — %2 (%3)").arg(since, when, m_reason);
}

} // namespace kube::ui
