#include "error.h"

namespace kube {

QString Error::toString() const
{
    if (kind == Kind::Status && !reason.isEmpty())
        return QStringLiteral("%1 (%2): %3").arg(reason).arg(httpCode).arg(message);
    if (kind == Kind::Status && httpCode != 0)
        return QStringLiteral("HTTP %1: %2").arg(httpCode).arg(message);
    return message;
}

} // namespace kube
