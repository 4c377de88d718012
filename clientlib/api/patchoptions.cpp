#include "patchoptions.h"

namespace kube {

QueryParams PatchOptions::toQuery() const
{
    QueryParams q;
    for (const QString &d : dryRun)
        q.append({ QStringLiteral("dryRun"), d });
    if (force)
        q.append(
            { QStringLiteral("force"), *force ? QStringLiteral("true") : QStringLiteral("false") });
    if (!fieldManager.isEmpty())
        q.append({ QStringLiteral("fieldManager"), fieldManager });
    if (!fieldValidation.isEmpty())
        q.append({ QStringLiteral("fieldValidation"), fieldValidation });
    return q;
}

} // namespace kube
