#include "serverversionreply.h"

#include "rest/waitfor.h"

namespace kube {

ServerVersionReply::ServerVersionReply(QObject *parent)
    : QObject(parent)
{ }

ServerVersionReply::~ServerVersionReply() = default;

void ServerVersionReply::finish(Result<VersionInfo> result)
{
    if (m_finishing.exchange(true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this, result = std::move(result)]() mutable {
            m_result = std::move(result);
            m_finished = true;
            emit finished();
        },
        Qt::QueuedConnection);
}

bool ServerVersionReply::waitForFinished(std::chrono::milliseconds timeout)
{
    return waitFor(this, timeout);
}

} // namespace kube
