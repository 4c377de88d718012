#include "deduplicatingwarninghandler.h"

#include "restlogging.h"

#include <QMutexLocker>

namespace kube {

DeduplicatingWarningHandler::DeduplicatingWarningHandler(Sink sink)
    : m_sink(std::move(sink))
{ }

void DeduplicatingWarningHandler::handleWarning(const QString &message)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_seen.contains(message))
            return;
        m_seen.insert(message);
    }
    if (m_sink)
        m_sink(message);
    else
        qCWarning(lcRest).noquote() << "Warning:" << message;
}

std::shared_ptr<WarningHandler> DeduplicatingWarningHandler::processDefault()
{
    static const auto handler = std::make_shared<DeduplicatingWarningHandler>();
    return handler;
}

} // namespace kube
