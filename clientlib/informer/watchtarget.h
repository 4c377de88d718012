#pragma once

#include "informermode.h"

#include "api/groupversion.h"

#include <QHashFunctions>
#include <QString>

namespace kube {

//! What one shared informer watches: a resource, a namespace ("" = all), selectors, a mode.
struct WatchTarget
{
    GroupVersionResource resource;
    QString ns;
    QString labelSelector;
    QString fieldSelector;
    InformerMode mode = InformerMode::Full;

    friend bool operator==(const WatchTarget &, const WatchTarget &) = default;
    //! "pods.v1 in team-a [app=web] (Table)": for logs.
    QString toString() const;
};

inline size_t qHash(const WatchTarget &t, size_t seed = 0)
{
    return qHashMulti(seed, t.resource.group, t.resource.version, t.resource.resource, t.ns,
                      t.labelSelector, t.fieldSelector, int(t.mode));
}

} // namespace kube
