#include "groupversion.h"

namespace kube {

GroupVersion GroupVersion::fromApiVersion(const QString &apiVersion)
{
    const qsizetype slash = apiVersion.indexOf(u'/');
    if (slash < 0)
        return { QString(), apiVersion };
    return { apiVersion.left(slash), apiVersion.mid(slash + 1) };
}

QString GroupVersionResource::toString() const
{
    if (group.isEmpty())
        return resource;
    return resource + u'.' + version + u'.' + group;
}

} // namespace kube
