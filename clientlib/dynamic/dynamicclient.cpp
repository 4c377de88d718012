#include "dynamicclient.h"

#include "rest/restclient.h"

namespace kube {

std::shared_ptr<DynamicClient> DynamicClient::create(const RestConfig &config,
                                                     const RestClientOptions &options)
{
    return std::make_shared<DynamicClient>(RestClient::createUnversioned(config, options));
}

DynamicClient::DynamicClient(std::shared_ptr<RestClient> restClient)
    : m_restClient(std::move(restClient))
{ }

DynamicResource DynamicClient::resource(const GroupVersionResource &gvr, ResourceScope scope) const
{
    return DynamicResource(m_restClient, gvr, scope);
}

} // namespace kube
