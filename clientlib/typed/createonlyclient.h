#pragma once

#include "typedclient.h"

namespace kube {

/*!
 * The typed client of a resource the server only creates: reviews (SelfSubjectAccessReview,
 * TokenReview ...) and pods' Binding. The answer is in the returned object's status.
 * \code
 * authorization::v1::SelfSubjectAccessReview review;
 * review.spec.resourceAttributes.verb = "list";
 * review.spec.resourceAttributes.resource = "pods";
 * auto *reply = clientset.authorizationV1().selfSubjectAccessReviews().create(review);
 * // reply->value().status.allowed
 * \endcode
 */
template<typename T> class CreateOnlyClient
{
public:
    explicit CreateOnlyClient(DynamicResource resource)
        : m_resource(std::move(resource))
    { }

    const DynamicResource &resource() const { return m_resource; }

    TypedReply<T> *create(const T &object, const CreateOptions &options = {}) const
    {
        Result<Request> r = m_resource.prepare(DynamicResource::Operation::Create);
        if (r)
            r->versionedParams(options).body(TypedClient<T, T>::toBody(object));
        return TypedReply<T>::send(r);
    }

private:
    DynamicResource m_resource;
};

} // namespace kube
