#include "discoveryreply.h"

#include "rest/waitfor.h"

#include <QPointer>
#include <QThread>

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

DiscoveryReply *DiscoveryReply::consumedBy(QObject *consumer)
{
    if (!consumer || parent() || thread() != QThread::currentThread())
        return this;
    if (consumer->thread() == thread())
        setParent(consumer);
    else
        moveToThread(consumer->thread()); // a parent on another thread's object is not allowed
    return this;
}

bool DiscoveryReply::waitForFinished(std::chrono::milliseconds timeout)
{
    return waitFor(this, timeout);
}

} // namespace kube
