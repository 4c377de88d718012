#include "accessreviewer.h"

namespace kube {

namespace {
const GroupVersionResource selfSubjectAccessReviews { QStringLiteral("authorization.k8s.io"),
                                                      QStringLiteral("v1"),
                                                      QStringLiteral("selfsubjectaccessreviews") };
const GroupVersionResource selfSubjectRulesReviews { QStringLiteral("authorization.k8s.io"),
                                                     QStringLiteral("v1"),
                                                     QStringLiteral("selfsubjectrulesreviews") };
} // namespace

AccessReviewer::AccessReviewer(std::shared_ptr<DynamicClient> client, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
{ }

AccessReviewer::~AccessReviewer()
{
    invalidate();
}

void AccessReviewer::setClient(std::shared_ptr<DynamicClient> client)
{
    invalidate();
    m_client = std::move(client);
}

void AccessReviewer::invalidate()
{
    m_cache.clear();
    const auto inFlight = std::exchange(m_inFlight, {});
    for (ObjectReply *r : inFlight)
        delete r; // deleting an unfinished reply cancels it without finished()
}

std::optional<bool> AccessReviewer::allowed(const AccessCheck &check)
{
    const auto it = m_cache.constFind(check);
    if (it != m_cache.cend())
        return it->allowed;
    if (!m_client || m_inFlight.contains(check))
        return std::nullopt;
    ObjectReply *reply = review(*m_client, check);
    ++m_requests;
    m_inFlight.insert(check, reply);
    connect(reply, &AsyncReply::finished, this, [this, reply, check] {
        m_inFlight.remove(check);
        reply->deleteLater();
        Answer a;
        if (reply->hasValue()) {
            a.allowed = reply->value()
                            .nestedBool({ QStringLiteral("status"), QStringLiteral("allowed") })
                            .value_or(false);
            a.reason = reply->value()
                           .nestedString({ QStringLiteral("status"), QStringLiteral("reason") })
                           .value_or(QString());
        } else {
            a.reason = reply->error().toString();
        }
        m_cache.insert(check, a);
        emit answered(check, a.allowed);
    });
    return std::nullopt;
}

QString AccessReviewer::reason(const AccessCheck &check) const
{
    return m_cache.value(check).reason;
}

QJsonObject AccessReviewer::accessReview(const AccessCheck &check, const QString &name)
{
    QJsonObject attributes { { QStringLiteral("verb"), check.verb },
                             { QStringLiteral("resource"), check.resource } };
    if (!check.ns.isEmpty())
        attributes.insert(QStringLiteral("namespace"), check.ns);
    if (!check.group.isEmpty())
        attributes.insert(QStringLiteral("group"), check.group);
    if (!check.subresource.isEmpty())
        attributes.insert(QStringLiteral("subresource"), check.subresource);
    if (!name.isEmpty())
        attributes.insert(QStringLiteral("name"), name);
    return { { QStringLiteral("apiVersion"), QStringLiteral("authorization.k8s.io/v1") },
             { QStringLiteral("kind"), QStringLiteral("SelfSubjectAccessReview") },
             { QStringLiteral("metadata"),
               QJsonObject { { QStringLiteral("creationTimestamp"), QJsonValue::Null } } },
             { QStringLiteral("spec"),
               QJsonObject { { QStringLiteral("resourceAttributes"), attributes } } },
             { QStringLiteral("status"), QJsonObject { { QStringLiteral("allowed"), false } } } };
}

QJsonObject AccessReviewer::rulesReview(const QString &ns)
{
    QJsonObject spec;
    if (!ns.isEmpty())
        spec.insert(QStringLiteral("namespace"), ns);
    return { { QStringLiteral("apiVersion"), QStringLiteral("authorization.k8s.io/v1") },
             { QStringLiteral("kind"), QStringLiteral("SelfSubjectRulesReview") },
             { QStringLiteral("metadata"),
               QJsonObject { { QStringLiteral("creationTimestamp"), QJsonValue::Null } } },
             { QStringLiteral("spec"), spec },
             { QStringLiteral("status"),
               QJsonObject { { QStringLiteral("resourceRules"), QJsonValue::Null },
                             { QStringLiteral("nonResourceRules"), QJsonValue::Null },
                             { QStringLiteral("incomplete"), false } } } };
}

ObjectReply *
AccessReviewer::review(DynamicClient &client, const AccessCheck &check, const QString &name)
{
    return client.resource(selfSubjectAccessReviews, ResourceScope::Cluster)
        .create(Unstructured(accessReview(check, name)));
}

ObjectReply *AccessReviewer::reviewRules(DynamicClient &client, const QString &ns)
{
    return client.resource(selfSubjectRulesReviews, ResourceScope::Cluster)
        .create(Unstructured(rulesReview(ns)));
}

} // namespace kube
