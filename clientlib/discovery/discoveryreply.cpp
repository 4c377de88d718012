#include "discoveryreply.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

namespace kube {

DiscoveryReply::DiscoveryReply(QObject *parent)
    : QObject(parent)
{ }

DiscoveryReply::~DiscoveryReply() = default;

const Error &DiscoveryReply::error() const
{
    static const Error none;
    return m_error ? *m_error : none;
}

void DiscoveryReply::finish(DiscoveryData data, std::optional<Error> error)
{
    if (m_finishing.exchange(true))
        return;
    // Queued even on the reply's own thread: callers connect after the call returns.
    QMetaObject::invokeMethod(
        this,
        [this, data = std::move(data), error = std::move(error)]() mutable {
            m_data = std::move(data);
            m_error = std::move(error);
            m_finished = true;
            emit finished();
        },
        Qt::QueuedConnection);
}

void DiscoveryReply::finish(DiscoveryData data)
{
    std::optional<Error> error = data.failure();
    finish(std::move(data), std::move(error));
}

bool DiscoveryReply::waitForFinished(std::chrono::milliseconds timeout)
{
    if (m_finished)
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &DiscoveryReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeout);
    loop.exec();
    return m_finished;
}

} // namespace kube
