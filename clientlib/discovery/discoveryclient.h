#pragma once

#include "discoveryinterface.h"

#include <memory>

namespace kube {

class RestClient;
struct RestConfig;

namespace detail {
class DiscoveryTransport;
}

/*!
 * Live discovery against an API server (client-go's DiscoveryClient), no caching.
 *
 * groupsAndMaybeResources() asks /api and /apis (both at once) with the aggregated Accept
 * header; when both answer aggregated (apidiscovery.k8s.io v2 or v2beta1) everything is known
 * from those two requests. Otherwise the composites fetch /api/v1 and every /apis/<g>/<v> in
 * parallel. 404 on /api is tolerated (aggregated API servers), and a 406 makes that endpoint
 * be asked again in the legacy format. Discovery requests bypass every rate limiter and fan
 * out over 8 connection pools of their own (48 HTTP/1.1 connections, 8 HTTP/2 ones), at most
 * 48 (HTTP/2: 128) requests in flight; the rest wait unsent, so each request's deadline starts
 * when it is sent. serverGroupsAndResources() and the preferred variants try twice when some
 * group-versions failed (client-go's withRetries(2)).
 *
 * \code
 * auto disc = kube::DiscoveryClient::create(restConfig);
 * auto *reply = (*disc)->serverGroupsAndResources();
 * \endcode
 */
class DiscoveryClient final : public DiscoveryInterface
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveryClient)

public:
    //! Accept header for discovery (order g, v, as, as the server expects).
    static const QByteArray AcceptAggregated;
    static const QByteArray AcceptLegacy;

    //! A client with discovery's own RestClients (connection pools of their own, no limiter).
    static Result<std::unique_ptr<DiscoveryClient>> create(const RestConfig &config,
                                                           QObject *parent = nullptr);
    //! Discovery with \a client's config and options (its rate limiter is not used).
    explicit DiscoveryClient(std::shared_ptr<RestClient> client, QObject *parent = nullptr);
    //! For tests and other transports.
    explicit DiscoveryClient(std::unique_ptr<detail::DiscoveryTransport> transport,
                             QObject *parent = nullptr);
    ~DiscoveryClient() override;

    //! Ask for the legacy format only (Accept: application/json), like client-go's WithLegacy().
    void setLegacyOnly(bool legacyOnly) { m_legacyOnly = legacyOnly; }
    bool legacyOnly() const { return m_legacyOnly; }
    //! The server URL as configured (names the disk cache folder).
    QString host() const;

    DiscoveryReply *groupsAndMaybeResources() override;
    DiscoveryReply *serverResourcesForGroupVersion(const GroupVersion &gv) override;
    ServerVersionReply *serverVersion() override;

protected:
    int partialFailureAttempts() const override { return 2; }

private:
    struct Part;
    void fetchRoot(const QString &path, bool legacyAccept, std::function<void(Part)> done);
    //! Moves group-versions with names longer than Kubernetes allows into part.failed.
    static void dropAbsurdNames(Part &part);

    std::unique_ptr<detail::DiscoveryTransport> m_transport;
    bool m_legacyOnly = false;
};

} // namespace kube
