#pragma once

#include "restmapper.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <optional>

namespace kube {

class DiscoveryInterface;

/*!
 * Resolves what a user typed ("pods", "deploy,svc", "all", a CRD short name) against a
 * discovery client, the way kubectl's DeferredDiscoveryRESTMapper does: from the (possibly
 * cached) discovery data first; when a name is not found and the data is not fresh (it came
 * from an older disk cache), the cache is invalidated and the name tried again once. So a CRD
 * installed after the cache was written is found without waiting for the 6 h TTL.
 *
 * \code
 * auto *r = kube::RestMappingReply::resolve(disc, "ct,deploy");
 * connect(r, &kube::RestMappingReply::finished, this, [r] {
 *     if (r->result()) for (const kube::RestMapping &m : *r->result()) { ... }
 *     r->deleteLater();
 * });
 * \endcode
 *
 * finished() is emitted exactly once, asynchronously. The caller owns the reply; it lives on
 * the calling thread. \a discovery is not owned and must outlive the reply.
 */
class RestMappingReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestMappingReply)

public:
    static RestMappingReply *resolve(DiscoveryInterface *discovery, const QString &arguments);
    ~RestMappingReply() override;

    bool isFinished() const { return m_finished; }
    //! The mappings in argument order (categories expanded), or why not.
    const Result<QList<RestMapping>> &result() const { return m_result; }
    //! The mapper the answer came from (empty when discovery failed altogether).
    const RestMapper &mapper() const { return m_mapper; }
    //! Whether the discovery cache was invalidated and asked again.
    bool retried() const { return m_retried; }
    //! Discovery's partial-failure error, if any (the mapping may still have succeeded).
    const std::optional<Error> &discoveryError() const { return m_discoveryError; }

    //! Blocks in a local event loop (CLI and tests only).
    bool waitForFinished(std::chrono::milliseconds timeout = std::chrono::seconds(60));

signals:
    void finished();

private:
    RestMappingReply(DiscoveryInterface *discovery, const QString &arguments);
    void attempt();
    void done(Result<QList<RestMapping>> result);

    DiscoveryInterface *m_discovery; // Not owned.
    QString m_arguments;
    RestMapper m_mapper;
    Result<QList<RestMapping>> m_result { Error::make(Error::Kind::Cancelled,
                                                      QStringLiteral("not finished")) };
    std::optional<Error> m_discoveryError;
    bool m_retried = false;
    bool m_finished = false;
};

} // namespace kube
