#include "apigroup.h"

namespace kube {

QList<GroupVersion> APIGroup::groupVersions() const
{
    QList<GroupVersion> result;
    result.reserve(versions.size());
    for (const QString &v : versions)
        result.append({ name, v });
    return result;
}

const APIGroup *APIGroupList::find(const QString &name) const
{
    for (const APIGroup &g : groups) {
        if (g.name == name)
            return &g;
    }
    return nullptr;
}

} // namespace kube
