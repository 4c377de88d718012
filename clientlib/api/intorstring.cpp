#include "intorstring.h"

#include <limits>

namespace kube {

QString IntOrString::toString() const
{
    return isInt() ? QString::number(intValue()) : stringValue();
}

QJsonValue IntOrString::toJson() const
{
    if (isInt())
        return intValue();
    return stringValue();
}

bool IntOrString::fromJson(const QJsonValue &value, IntOrString &out)
{
    if (value.isString()) {
        out = IntOrString(value.toString());
        return true;
    }
    if (value.isDouble()) {
        constexpr qint64 sentinel = std::numeric_limits<qint64>::min();
        const qint64 i = value.toInteger(sentinel);
        if (i == sentinel || i < std::numeric_limits<qint32>::min()
            || i > std::numeric_limits<qint32>::max())
            return false;
        out = IntOrString(static_cast<qint32>(i));
        return true;
    }
    return false;
}

} // namespace kube
