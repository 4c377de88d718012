#include "serverversionreply.h"

#include <QEventLoop>
#include <QTimer>

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
    if (m_finished)
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &ServerVersionReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeout);
    loop.exec();
    return m_finished;
}

} // namespace kube
