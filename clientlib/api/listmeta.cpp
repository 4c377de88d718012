#include "listmeta.h"

namespace kube {

ListMeta ListMeta::fromJson(const QJsonObject &metadata)
{
    ListMeta m;
    m.resourceVersion = metadata.value(QLatin1String("resourceVersion")).toString();
    m.continueToken = metadata.value(QLatin1String("continue")).toString();
    const QJsonValue remaining = metadata.value(QLatin1String("remainingItemCount"));
    if (remaining.isDouble())
        m.remainingItemCount = remaining.toInteger();
    return m;
}

QJsonObject ListMeta::toJson() const
{
    QJsonObject o;
    if (!resourceVersion.isEmpty())
        o.insert(QStringLiteral("resourceVersion"), resourceVersion);
    if (!continueToken.isEmpty())
        o.insert(QStringLiteral("continue"), continueToken);
    if (remainingItemCount)
        o.insert(QStringLiteral("remainingItemCount"), *remainingItemCount);
    return o;
}

} // namespace kube
