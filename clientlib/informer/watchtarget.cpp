#include "watchtarget.h"

namespace kube {

QString WatchTarget::toString() const
{
    QString s = resource.resource;
    if (!resource.version.isEmpty())
        s += u'.' + resource.version;
    if (!resource.group.isEmpty())
        s += u'.' + resource.group;
    s += ns.isEmpty() ? QStringLiteral(" in all namespaces") : QStringLiteral(" in ") + ns;
    if (!labelSelector.isEmpty())
        s += QStringLiteral(" [%1]").arg(labelSelector);
    if (!fieldSelector.isEmpty())
        s += QStringLiteral(" [%1]").arg(fieldSelector);
    switch (mode) {
    case InformerMode::Full:
        break;
    case InformerMode::Table:
        s += QStringLiteral(" (Table)");
        break;
    case InformerMode::Metadata:
        s += QStringLiteral(" (metadata)");
        break;
    }
    return s;
}

} // namespace kube
