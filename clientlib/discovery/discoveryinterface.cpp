#include "discoveryinterface.h"

#include <QPointer>
#include <QScopeGuard>

#include <memory>

namespace kube {

DiscoveryInterface::DiscoveryInterface(QObject *parent)
    : QObject(parent)
{ }

DiscoveryInterface::~DiscoveryInterface() = default;

DiscoveryReply *DiscoveryInterface::serverGroups()
{
    auto *reply = new DiscoveryReply;
    QPointer<DiscoveryReply> guard(reply);
    DiscoveryReply *first = groupsAndMaybeResources()->consumedBy(this);
    connect(first, &DiscoveryReply::finished, this, [first, guard] {
        const auto release = qScopeGuard([first] { first->deleteLater(); });
        if (!guard)
            return;
        if (first->hasError() && !first->isPartial()) {
            guard->finish({}, first->error());
            return;
        }
        DiscoveryData d;
        d.groups = first->data().groups;
        guard->finish(std::move(d), std::nullopt);
    });
    return reply;
}

DiscoveryReply *DiscoveryInterface::serverGroupsAndResources()
{
    return groupsAndResources(Filter::All);
}

DiscoveryReply *DiscoveryInterface::serverPreferredResources()
{
    return groupsAndResources(Filter::Preferred);
}

DiscoveryReply *DiscoveryInterface::serverPreferredNamespacedResources()
{
    return groupsAndResources(Filter::PreferredNamespaced);
}

DiscoveryReply *DiscoveryInterface::groupsAndResources(Filter filter, int attempt)
{
    auto *reply = new DiscoveryReply;
    QPointer<DiscoveryReply> guard(reply);
    auto complete = [this, guard, filter, attempt](DiscoveryData d) {
        if (!guard)
            return;
        d.hasResources = true;
        d.sortResourcesByGroups();
        std::optional<Error> error = d.failure();
        if (error && attempt < partialFailureAttempts()) {
            // Some group-versions failed (ErrGroupDiscoveryFailed): ask everything again,
            // as client-go's withRetries does; other errors end at once.
            DiscoveryReply *again = groupsAndResources(filter, attempt + 1)->consumedBy(this);
            connect(again, &DiscoveryReply::finished, this, [again, guard] {
                const auto release = qScopeGuard([again] { again->deleteLater(); });
                if (guard)
                    guard->finish(again->data(),
                                  again->hasError() ? std::optional<Error>(again->error())
                                                    : std::nullopt);
            });
            return;
        }
        if (filter != Filter::All) {
            d.resources = d.preferredResources();
            if (filter == Filter::PreferredNamespaced) {
                for (APIResourceList &l : d.resources)
                    l.resources.removeIf([](const APIResource &r) { return !r.namespaced; });
            }
        }
        guard->finish(std::move(d), std::move(error));
    };

    DiscoveryReply *first = groupsAndMaybeResources()->consumedBy(this);
    // Each reply is released after its last read: a reply made on a caller's thread lives
    // there, and a deleteLater() posted first could run there while this slot still reads it.
    connect(first, &DiscoveryReply::finished, this, [this, first, guard, complete] {
        const auto release = qScopeGuard([first] { first->deleteLater(); });
        if (!guard)
            return;
        if (first->hasError() && !first->isPartial()) {
            guard->finish({}, first->error());
            return;
        }
        DiscoveryData d = first->data();
        if (d.hasResources) {
            complete(std::move(d));
            return;
        }
        DiscoveryReply *second = resourcesForGroupVersions(d.groupVersions())->consumedBy(this);
        connect(second, &DiscoveryReply::finished, this, [second, d, complete]() mutable {
            const auto release = qScopeGuard([second] { second->deleteLater(); });
            d.resources = second->data().resources;
            d.failed += second->data().failed;
            complete(std::move(d));
        });
    });
    return reply;
}

DiscoveryReply *DiscoveryInterface::resourcesForGroupVersions(const QList<GroupVersion> &gvs)
{
    auto *reply = new DiscoveryReply;
    if (gvs.isEmpty()) {
        reply->finish({}, std::nullopt);
        return reply;
    }
    struct State
    {
        DiscoveryData data;
        qsizetype pending = 0;
    };
    auto state = std::make_shared<State>();
    state->pending = gvs.size();
    QPointer<DiscoveryReply> guard(reply);
    // Everything is issued now; the transport keeps all its connections busy.
    for (const GroupVersion &gv : gvs) {
        DiscoveryReply *one = serverResourcesForGroupVersion(gv)->consumedBy(this);
        connect(one, &DiscoveryReply::finished, this, [one, gv, state, guard] {
            const auto release = qScopeGuard([one] { one->deleteLater(); });
            if (one->hasError() && !one->isPartial())
                state->data.failed.append({ gv, one->error() });
            else
                state->data.resources += one->data().resources;
            if (--state->pending == 0 && guard)
                guard->finish(std::move(state->data), std::nullopt);
        });
    }
    return reply;
}

} // namespace kube
