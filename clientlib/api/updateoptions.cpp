#include "updateoptions.h"

namespace kube {

QueryParams UpdateOptions::toQuery() const
{
    QueryParams q;
    for (const QString &d : dryRun)
        q.append({ QStringLiteral("dryRun"), d });
    if (!fieldManager.isEmpty())
        q.append({ QStringLiteral("fieldManager"), fieldManager });
    if (!fieldValidation.isEmpty())
        q.append({ QStringLiteral("fieldValidation"), fieldValidation });
    return q;
}

} // namespace kube
