#pragma once

#include "dynamicresource.h"

#include "rest/restclientoptions.h"
#include "rest/restconfig.h"

#include <memory>

namespace kube {

/*!
 * client-go's dynamic client: any resource of any group-version (CRDs included) as
 * Unstructured JSON, over one RestClient (one rate limiter, one connection pool).
 *
 * \code
 * auto dyn = kube::DynamicClient::create(config);
 * auto *list = dyn->resource({"", "v1", "pods"}).inNamespace("default").list({});
 * connect(list, &kube::AsyncReply::finished, this, [list] {
 *     list->deleteLater();
 *     if (list->hasValue())
 *         for (const kube::Unstructured &pod : list->value().items()) qDebug() << pod.name();
 * });
 * \endcode
 *
 * Lives on the thread that created it (its RestClient's); resources and replies too.
 */
class DynamicClient
{
public:
    //! A client for \a config. Configuration problems surface as the replies' errors.
    static std::shared_ptr<DynamicClient> create(const RestConfig &config,
                                                 const RestClientOptions &options = {});
    //! Over an existing client made with RestClient::createUnversioned().
    explicit DynamicClient(std::shared_ptr<RestClient> restClient);

    //! \a scope, when known (from discovery), lets namespace mistakes fail before any request.
    DynamicResource resource(const GroupVersionResource &gvr,
                             ResourceScope scope = ResourceScope::Unknown) const;

    const std::shared_ptr<RestClient> &restClient() const { return m_restClient; }

private:
    std::shared_ptr<RestClient> m_restClient;
};

} // namespace kube
