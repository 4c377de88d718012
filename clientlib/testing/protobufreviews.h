#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace kube::testing::detail {

/*!
 * The access reviews as Go's typed clients send them: Kubernetes protobuf ("k8s\0" + a
 * runtime.Unknown envelope around the object). kubectl auth can-i posts SelfSubjectAccessReview
 * and SelfSubjectRulesReview this way; this decodes just those two kinds (the fields the
 * authorizer reads) into their JSON form, so the fake server answers them as kube-apiserver.
 * Anything else gives nullopt (and the server its 415).
 */
class ProtobufReviews
{
public:
    static bool isProtobuf(const QByteArray &contentType);
    static std::optional<QJsonObject> decode(const QByteArray &body);
};

} // namespace kube::testing::detail
