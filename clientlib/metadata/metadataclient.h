#pragma once

#include "metadataresource.h"

#include "rest/restclientoptions.h"
#include "rest/restconfig.h"

#include <memory>

namespace kube {

class RestClient;

/*!
 * client-go's metadata client: get, list, watch and delete any resource, receiving only
 * object metadata (PartialObjectMetadata / PartialObjectMetadataList through the Accept
 * header `application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,...`). What
 * metadata-only informers (InformerMode::Metadata) stand on.
 *
 * \code
 * auto md = kube::MetadataClient::create(config);
 * auto *reply = md->resource({"apps", "v1", "deployments"}).inNamespace("prod").list({});
 * connect(reply, &kube::AsyncReply::finished, this, [reply] {
 *     reply->deleteLater();
 *     if (reply->hasValue()) for (auto item : reply->value()["items"].toArray()) ...
 * });
 * \endcode
 * Lives on the thread that created it (its RestClient's); replies too.
 */
class MetadataClient
{
public:
    static std::shared_ptr<MetadataClient> create(const RestConfig &config,
                                                  const RestClientOptions &options = {});
    //! Over an existing client made with RestClient::createUnversioned().
    explicit MetadataClient(std::shared_ptr<RestClient> restClient);

    MetadataResource resource(const GroupVersionResource &gvr,
                              ResourceScope scope = ResourceScope::Unknown) const;
    const std::shared_ptr<RestClient> &restClient() const { return m_restClient; }

private:
    std::shared_ptr<RestClient> m_restClient;
};

} // namespace kube
