#include "restmappingreply.h"

#include "rest/waitfor.h"

#include "discoveryinterface.h"
#include "discoverylogging.h"

#include <QPointer>
#include <QScopeGuard>

namespace kube {

RestMappingReply::RestMappingReply(DiscoveryInterface *discovery, const QString &arguments)
    : m_discovery(discovery)
    , m_arguments(arguments)
{ }

RestMappingReply::~RestMappingReply() = default;

RestMappingReply *RestMappingReply::resolve(DiscoveryInterface *discovery, const QString &arguments)
{
    auto *reply = new RestMappingReply(discovery, arguments);
    reply->attempt();
    return reply;
}

void RestMappingReply::attempt()
{
    DiscoveryReply *d = m_discovery->serverGroupsAndResources();
    d->setParent(this);
    connect(d, &DiscoveryReply::finished, this, [this, d] {
        const auto release = qScopeGuard([d] { d->deleteLater(); });
        if (d->hasError() && !d->isPartial()) {
            done(d->error());
            return;
        }
        m_discoveryError = d->hasError() ? std::optional<Error>(d->error()) : std::nullopt;
        m_mapper = RestMapper(d->data());
        Result<QList<RestMapping>> r = m_mapper.mappingsFor(m_arguments);
        if (!r && r.error().kind == Error::Kind::NotFound && !m_retried && !m_discovery->fresh()) {
            qCDebug(lcDiscovery) << "no match for" << m_arguments
                                 << "in cached discovery; asking the server";
            m_retried = true;
            m_discovery->invalidate();
            attempt();
            return;
        }
        done(std::move(r));
    });
}

void RestMappingReply::done(Result<QList<RestMapping>> result)
{
    m_result = std::move(result);
    m_finished = true;
    emit finished();
}

bool RestMappingReply::waitForFinished(std::chrono::milliseconds timeout)
{
    return waitFor(this, timeout);
}

} // namespace kube
