#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QString>

namespace kube::testing::detail {

//! The patch formats kube-apiserver accepts (PATCH with the matching Content-Type).
class JsonPatch
{
public:
    //! RFC 7386 JSON merge patch (application/merge-patch+json); also used for strategic merge
    //! patches, whose list-merge keys this server does not model.
    static QJsonValue mergePatch(const QJsonValue &target, const QJsonValue &patch);
    //! RFC 6902 JSON patch (application/json-patch+json). On failure returns false and sets
    //! \a error.
    static bool jsonPatch(QJsonValue &target, const QJsonArray &operations, QString *error);
};

} // namespace kube::testing::detail
