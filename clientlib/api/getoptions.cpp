#include "getoptions.h"

namespace kube {

QueryParams GetOptions::toQuery() const
{
    QueryParams q;
    if (!resourceVersion.isEmpty())
        q.append({ QStringLiteral("resourceVersion"), resourceVersion });
    return q;
}

} // namespace kube
