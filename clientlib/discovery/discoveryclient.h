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
 * be asked again in the legacy format. Discovery requests bypass the client's write-sized rate
 * limiter (create() gives discovery its own RestClient with kubectl's 50 QPS / 300 burst).
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

    //! A client with discovery's own RestClient (QPS 50, burst 300, as kubectl's).
    static Result<std::unique_ptr<DiscoveryClient>> create(const RestConfig &config,
                                                           QObject *parent = nullptr);
    //! Uses \a client as is (its rate limiter is bypassed for discovery GETs).
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

private:
    struct Part;
    void fetchRoot(const QString &path, bool legacyAccept, std::function<void(Part)> done);
    //! Moves group-versions with names longer than Kubernetes allows into part.failed.
    static void dropAbsurdNames(Part &part);

    std::unique_ptr<detail::DiscoveryTransport> m_transport;
    bool m_legacyOnly = false;
};

} // namespace kube
