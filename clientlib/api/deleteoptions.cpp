#include "deleteoptions.h"

#include <QJsonArray>

namespace kube {

QueryParams DeleteOptions::toQuery() const
{
    QueryParams q;
    if (gracePeriodSeconds)
        q.append({ QStringLiteral("gracePeriodSeconds"), QString::number(*gracePeriodSeconds) });
    if (!propagationPolicy.isEmpty())
        q.append({ QStringLiteral("propagationPolicy"), propagationPolicy });
    for (const QString &d : dryRun)
        q.append({ QStringLiteral("dryRun"), d });
    return q;
}

QJsonObject DeleteOptions::toJson() const
{
    QJsonObject o { { QStringLiteral("kind"), QStringLiteral("DeleteOptions") },
                    { QStringLiteral("apiVersion"), QStringLiteral("v1") } };
    if (gracePeriodSeconds)
        o.insert(QStringLiteral("gracePeriodSeconds"), *gracePeriodSeconds);
    if (!propagationPolicy.isEmpty())
        o.insert(QStringLiteral("propagationPolicy"), propagationPolicy);
    if (!dryRun.isEmpty())
        o.insert(QStringLiteral("dryRun"), QJsonArray::fromStringList(dryRun));
    if (!preconditionUid.isEmpty() || !preconditionResourceVersion.isEmpty()) {
        QJsonObject p;
        if (!preconditionUid.isEmpty())
            p.insert(QStringLiteral("uid"), preconditionUid);
        if (!preconditionResourceVersion.isEmpty())
            p.insert(QStringLiteral("resourceVersion"), preconditionResourceVersion);
        o.insert(QStringLiteral("preconditions"), p);
    }
    return o;
}

} // namespace kube
