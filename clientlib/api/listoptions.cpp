#include "listoptions.h"

namespace kube {

QueryParams ListOptions::toQuery() const
{
    // Field order as in the Go struct, so URLs look like kubectl's once sorted by key.
    QueryParams q;
    if (!labelSelector.isEmpty())
        q.append({ QStringLiteral("labelSelector"), labelSelector });
    if (!fieldSelector.isEmpty())
        q.append({ QStringLiteral("fieldSelector"), fieldSelector });
    if (watch)
        q.append({ QStringLiteral("watch"), QStringLiteral("true") });
    if (allowWatchBookmarks)
        q.append({ QStringLiteral("allowWatchBookmarks"), QStringLiteral("true") });
    if (!resourceVersion.isEmpty())
        q.append({ QStringLiteral("resourceVersion"), resourceVersion });
    if (!resourceVersionMatch.isEmpty())
        q.append({ QStringLiteral("resourceVersionMatch"), resourceVersionMatch });
    if (timeoutSeconds)
        q.append({ QStringLiteral("timeoutSeconds"), QString::number(*timeoutSeconds) });
    if (limit > 0)
        q.append({ QStringLiteral("limit"), QString::number(limit) });
    if (!continueToken.isEmpty())
        q.append({ QStringLiteral("continue"), continueToken });
    if (sendInitialEvents)
        q.append({ QStringLiteral("sendInitialEvents"),
                   *sendInitialEvents ? QStringLiteral("true") : QStringLiteral("false") });
    return q;
}

} // namespace kube
