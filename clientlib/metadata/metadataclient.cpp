#include "metadataclient.h"

#include "rest/restclient.h"

namespace kube {

std::shared_ptr<MetadataClient> MetadataClient::create(const RestConfig &config,
                                                       const RestClientOptions &options)
{
    return std::make_shared<MetadataClient>(RestClient::createUnversioned(config, options));
}

MetadataClient::MetadataClient(std::shared_ptr<RestClient> restClient)
    : m_restClient(std::move(restClient))
{ }

MetadataResource MetadataClient::resource(const GroupVersionResource &gvr,
                                          ResourceScope scope) const
{
    return MetadataResource(DynamicResource(m_restClient, gvr, scope));
}

} // namespace kube
