#include "podclient.h"

#include "rest/restreply.h"
#include "typed/generated/policy_v1.h"

namespace kube {

PodClient::PodClient(DynamicResource resource)
    : TypedClient(std::move(resource))
{ }

Result<Request> PodClient::logRequest(const QString &name, const PodLogOptions &options) const
{
    Result<Request> r = m_resource.prepare(Operation::Get, name, { QStringLiteral("log") });
    if (r)
        r->params(options.toQuery()).accept("*/*");
    return r;
}

ValueReply<QByteArray> *PodClient::getLog(const QString &name, const PodLogOptions &options) const
{
    return ValueReply<QByteArray>::send(logRequest(name, options));
}

Result<RestReply *> PodClient::streamLog(const QString &name, const PodLogOptions &options) const
{
    const Result<Request> r = logRequest(name, options);
    if (!r)
        return r.error();
    return r->stream();
}

DeleteReply *PodClient::evict(const QString &name, const DeleteOptions &options) const
{
    policy::v1::Eviction eviction;
    eviction.metadata.name = name;
    eviction.metadata.namespace_ = m_resource.namespaceName();
    QJsonObject body = TypedClient<policy::v1::Eviction, policy::v1::Eviction>::toBody(eviction);
    QJsonObject deleteOptions = options.toJson();
    if (deleteOptions.size() > 2) // more than kind and apiVersion
        body.insert(QStringLiteral("deleteOptions"), deleteOptions);
    // Create through a subresource: POST pods/<name>/eviction.
    Result<Request> r = m_resource.prepare(Operation::Create, name, { QStringLiteral("eviction") });
    if (r)
        r->body(body);
    return DeleteReply::send(r);
}

} // namespace kube
