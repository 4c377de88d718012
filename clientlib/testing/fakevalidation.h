#pragma once

#include "apistatus.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace kube::testing::detail {

/*!
 * A few of kube-apiserver's validation rules, enough for clients to meet a 422 Invalid with
 * field causes as the real server words it: workload replicas must not be negative, every
 * container needs a name and an image.
 */
class FakeValidation
{
public:
    static std::optional<ApiStatus>
    validate(const QString &group, const QString &kind, const QJsonObject &object);
};

} // namespace kube::testing::detail
