#pragma once

#include "typed/generated/autoscaling_v1.h"
#include "typedclient.h"

namespace kube {

/*!
 * A typed client whose resource has the scale subresource (deployments, replicasets,
 * statefulsets, replicationcontrollers): getScale()/updateScale() with autoscaling/v1 Scale.
 * \code
 * auto deployments = clientset.appsV1().deployments("default");
 * auto *scale = deployments.getScale("web");
 * // later: s.spec.replicas = 5; deployments.updateScale("web", s);
 * \endcode
 */
template<typename T, typename TList> class ScalableClient : public TypedClient<T, TList>
{
public:
    using Scale = autoscaling::v1::Scale;
    using Operation = DynamicResource::Operation;

    explicit ScalableClient(DynamicResource resource)
        : TypedClient<T, TList>(std::move(resource))
    { }

    TypedReply<Scale> *getScale(const QString &name, const GetOptions &options = {}) const
    {
        Result<Request> r
            = this->m_resource.prepare(Operation::Get, name, { QStringLiteral("scale") });
        if (r)
            r->versionedParams(options);
        return TypedReply<Scale>::send(r);
    }

    TypedReply<Scale> *
    updateScale(const QString &name, const Scale &scale, const UpdateOptions &options = {}) const
    {
        Result<Request> r
            = this->m_resource.prepare(Operation::Update, name, { QStringLiteral("scale") });
        if (r)
            r->versionedParams(options).body(TypedClient<Scale, Scale>::toBody(scale));
        return TypedReply<Scale>::send(r);
    }
};

} // namespace kube
