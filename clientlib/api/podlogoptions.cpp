#include "podlogoptions.h"

namespace kube {

QueryParams PodLogOptions::toQuery() const
{
    QueryParams q;
    const QString yes = QStringLiteral("true");
    if (!container.isEmpty())
        q.append({ QStringLiteral("container"), container });
    if (follow)
        q.append({ QStringLiteral("follow"), yes });
    if (previous)
        q.append({ QStringLiteral("previous"), yes });
    if (sinceSeconds)
        q.append({ QStringLiteral("sinceSeconds"), QString::number(*sinceSeconds) });
    if (!sinceTime.isEmpty())
        q.append({ QStringLiteral("sinceTime"), sinceTime });
    if (timestamps)
        q.append({ QStringLiteral("timestamps"), yes });
    if (tailLines)
        q.append({ QStringLiteral("tailLines"), QString::number(*tailLines) });
    if (limitBytes)
        q.append({ QStringLiteral("limitBytes"), QString::number(*limitBytes) });
    if (insecureSkipTLSVerifyBackend)
        q.append({ QStringLiteral("insecureSkipTLSVerifyBackend"), yes });
    if (!stream.isEmpty())
        q.append({ QStringLiteral("stream"), stream });
    return q;
}

} // namespace kube
