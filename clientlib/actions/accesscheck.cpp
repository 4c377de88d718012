#include "accesscheck.h"

namespace kube {

QString AccessCheck::toString() const
{
    QString s = verb + u' ' + resource;
    if (!subresource.isEmpty())
        s += u'/' + subresource;
    if (!group.isEmpty())
        s += u'.' + group;
    if (!ns.isEmpty())
        s += QStringLiteral(" in namespace ") + ns;
    return s;
}

} // namespace kube
