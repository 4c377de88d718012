#pragma once

#include "discovery/discoverydata.h"

#include <QStringList>

namespace fixtures {

//! One line per group, version and resource with what every discovery mode must agree on
//! (legacy lists carry storageVersionHash and empty subresource singulars, aggregated ones the
//! response kind's group/version: those differ by design and are left out).
inline QStringList normalized(const kube::DiscoveryData &d)
{
    QStringList out;
    for (const kube::APIGroup &g : d.groups)
        out.append(QStringLiteral("group %1 [%2] preferred %3")
                       .arg(g.name, g.versions.join(u','), g.preferredVersion));
    for (const kube::APIResourceList &l : d.resources) {
        for (const kube::APIResource &r : l.resources) {
            out.append(
                QStringLiteral("%1 %2 %3 %4 ns=%5 verbs=%6 short=%7 cat=%8")
                    .arg(l.groupVersion, r.name, r.isSubresource() ? QString() : r.singularName,
                         r.kind)
                    .arg(r.namespaced)
                    .arg(r.verbs.join(u','), r.shortNames.join(u','), r.categories.join(u',')));
        }
    }
    return out;
}

} // namespace fixtures
