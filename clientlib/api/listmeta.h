#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace kube {

//! meta/v1 ListMeta: the metadata of a list (or Table) response.
struct ListMeta
{
    QString resourceVersion;
    QString continueToken; //!< "continue": empty on the last page
    std::optional<qint64> remainingItemCount;

    static ListMeta fromJson(const QJsonObject &metadata);
    QJsonObject toJson() const;
};

} // namespace kube
