#include "objectref.h"

namespace kube {

QString ObjectRef::displayName() const
{
    QString k = kind.toLower();
    if (!gvr.group.isEmpty())
        k += u'.' + gvr.group;
    return k + u'/' + name;
}

} // namespace kube
