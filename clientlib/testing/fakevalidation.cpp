#include "fakevalidation.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kube::testing::detail {

namespace {

QJsonObject cause(const QString &reason, const QString &message, const QString &field)
{
    return { { u"reason"_qs, reason }, { u"message"_qs, message }, { u"field"_qs, field } };
}

void checkPodSpec(const QJsonObject &spec, const QString &prefix, QJsonArray *causes)
{
    const QJsonArray containers = spec.value(u"containers"_qs).toArray();
    for (qsizetype i = 0; i < containers.size(); ++i) {
        const QJsonObject c = containers.at(i).toObject();
        const QString at = u"%1.containers[%2]"_qs.arg(prefix).arg(i);
        if (c.value(u"name"_qs).toString().isEmpty())
            causes->append(cause(u"FieldValueRequired"_qs, u"Required value"_qs, at + u".name"_qs));
        if (c.value(u"image"_qs).toString().isEmpty())
            causes->append(
                cause(u"FieldValueRequired"_qs, u"Required value"_qs, at + u".image"_qs));
    }
}

} // namespace

std::optional<ApiStatus>
FakeValidation::validate(const QString &group, const QString &kind, const QJsonObject &object)
{
    QJsonArray causes;
    const QJsonObject spec = object.value(u"spec"_qs).toObject();
    const bool workload = group == u"apps"
        && (kind == u"Deployment" || kind == u"StatefulSet" || kind == u"ReplicaSet");
    if (workload && spec.contains(u"replicas"_qs)) {
        const QJsonValue r = spec.value(u"replicas"_qs);
        if (r.isDouble() && r.toDouble() < 0)
            causes.append(cause(
                u"FieldValueInvalid"_qs,
                u"Invalid value: %1: must be greater than or equal to 0"_qs.arg(r.toInteger()),
                u"spec.replicas"_qs));
    }
    if (group.isEmpty() && kind == u"Pod")
        checkPodSpec(spec, u"spec"_qs, &causes);
    if (workload || (group == u"apps" && kind == u"DaemonSet")
        || (group == u"batch" && kind == u"Job"))
        checkPodSpec(spec.value(u"template"_qs).toObject().value(u"spec"_qs).toObject(),
                     u"spec.template.spec"_qs, &causes);
    if (causes.isEmpty())
        return std::nullopt;
    const QString name = object.value(u"metadata"_qs).toObject().value(u"name"_qs).toString();
    return ApiStatus::invalid(group, kind, name, causes);
}

} // namespace kube::testing::detail
