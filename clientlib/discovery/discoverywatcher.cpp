#include "discoverywatcher.h"

#include "discoverylogging.h"
#include "dynamic/dynamicresource.h"
#include "informer/reflector.h"
#include "informer/store.h"
#include "rest/restclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace kube {

namespace {

const GroupVersionResource CrdResource { QStringLiteral("apiextensions.k8s.io"),
                                         QStringLiteral("v1"),
                                         QStringLiteral("customresourcedefinitions") };

//! What of a CRD matters to discovery; the schemas (often most of its bytes) are dropped.
QJsonObject crdEssentials(QJsonObject crd)
{
    QJsonObject meta = crd.value(QLatin1String("metadata")).toObject();
    meta.remove(QLatin1String("managedFields"));
    meta.remove(QLatin1String("annotations"));
    QJsonObject spec = crd.value(QLatin1String("spec")).toObject();
    QJsonArray versions;
    for (const QJsonValue &v : spec.value(QLatin1String("versions")).toArray()) {
        const QJsonObject o = v.toObject();
        versions.append(
            QJsonObject { { QStringLiteral("name"), o.value(QLatin1String("name")) },
                          { QStringLiteral("served"), o.value(QLatin1String("served")) } });
    }
    spec.insert(QStringLiteral("versions"), versions);
    spec.remove(QLatin1String("conversion"));
    QJsonObject status;
    const QJsonObject fullStatus = crd.value(QLatin1String("status")).toObject();
    for (const QJsonValue &c : fullStatus.value(QLatin1String("conditions")).toArray()) {
        const QJsonObject o = c.toObject();
        if (o.value(QLatin1String("type")).toString() == QLatin1String("Established"))
            status.insert(QStringLiteral("established"), o.value(QLatin1String("status")));
    }
    return QJsonObject { { QStringLiteral("metadata"), meta },
                         { QStringLiteral("spec"), spec },
                         { QStringLiteral("status"), status } };
}

/*!
 * Whether a CRD update can change discovery: its spec (generation moves) or whether it is
 * Established (a new CRD's resources are served from then on). Status-only churn — stored
 * versions, conditions' timestamps — does not.
 */
bool affectsDiscovery(const StoreChange &change)
{
    if (change.type != StoreChange::Type::Updated)
        return true;
    const auto generation = [](const QJsonObject &o) {
        return o.value(QLatin1String("metadata")).toObject().value(QLatin1String("generation"));
    };
    const auto established = [](const QJsonObject &o) {
        return o.value(QLatin1String("status")).toObject().value(QLatin1String("established"));
    };
    return generation(change.oldObject) != generation(change.object)
        || established(change.oldObject) != established(change.object)
        || change.oldObject.value(QLatin1String("spec"))
        != change.object.value(QLatin1String("spec"));
}

bool lessGvr(const GroupVersionResource &a, const GroupVersionResource &b)
{
    return std::tie(a.group, a.version, a.resource) < std::tie(b.group, b.version, b.resource);
}

} // namespace

DiscoveryWatcher::DiscoveryWatcher(DiscoveryInterface *discovery, QObject *parent)
    : QObject(parent)
    , m_discovery(discovery)
{
    connect(&m_pollTimer, &QTimer::timeout, this, &DiscoveryWatcher::refresh);
    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, &DiscoveryWatcher::refresh);
}

DiscoveryWatcher::~DiscoveryWatcher()
{
    stopWatching();
}

void DiscoveryWatcher::setBaseline(const DiscoveryData &data)
{
    m_current = data;
}

void DiscoveryWatcher::setPollInterval(std::chrono::milliseconds interval)
{
    if (interval.count() <= 0)
        m_pollTimer.stop();
    else
        m_pollTimer.start(interval);
}

void DiscoveryWatcher::refresh()
{
    if (m_inFlight) {
        m_pending = true;
        return;
    }
    m_inFlight = true;
    m_discovery->invalidate();
    DiscoveryReply *reply = m_discovery->serverGroupsAndResources();
    reply->setParent(this);
    connect(reply, &DiscoveryReply::finished, this, [this, reply] { finishRefresh(reply); });
}

void DiscoveryWatcher::finishRefresh(DiscoveryReply *reply)
{
    reply->deleteLater();
    m_inFlight = false;
    const bool totalFailure = reply->hasError() && !reply->isPartial();
    if (totalFailure) {
        qCInfo(lcDiscovery) << "discovery refresh failed:" << reply->error().toString();
    } else {
        DiscoveryData next = reply->data();
        if (m_current) {
            // Keep what we knew of group-versions that failed this time.
            for (const FailedGroupVersion &f : next.failed) {
                if (const APIResourceList *old = m_current->resourcesFor(f.groupVersion)) {
                    if (!next.resourcesFor(f.groupVersion))
                        next.resources.append(*old);
                }
            }
            const DiscoveryChange change = diff(*m_current, next);
            m_current = next;
            if (!change.isEmpty()) {
                qCInfo(lcDiscovery) << "discovery changed:" << change.added.size() << "added,"
                                    << change.removed.size() << "removed";
                emit changed(change);
            }
        } else {
            m_current = std::move(next);
        }
    }
    emit refreshed(totalFailure);
    if (m_pending) {
        m_pending = false;
        refresh();
    }
}

DiscoveryChange DiscoveryWatcher::diff(const DiscoveryData &before, const DiscoveryData &after)
{
    const QSet<GroupVersionResource> a = before.resourceSet();
    const QSet<GroupVersionResource> b = after.resourceSet();
    DiscoveryChange change;
    for (const GroupVersionResource &r : b) {
        if (!a.contains(r))
            change.added.append(r);
    }
    for (const GroupVersionResource &r : a) {
        if (!b.contains(r))
            change.removed.append(r);
    }
    std::sort(change.added.begin(), change.added.end(), lessGvr);
    std::sort(change.removed.begin(), change.removed.end(), lessGvr);
    change.data = after;
    return change;
}

void DiscoveryWatcher::watchCustomResourceDefinitions(const RestConfig &config,
                                                      std::chrono::milliseconds debounce)
{
    stopWatching();
    m_debounce.setInterval(debounce);
    // A reflector keeps the CRDs: list, then watch, resumed after server-ended watches,
    // relisted after 410, retried with back-off after errors, forever. Only changes after the
    // first complete list (and a relist's differences) can mean new or removed resources.
    ReflectorOptions options;
    options.transform = crdEssentials;
    m_crdReflector = new Reflector(
        DynamicResource(RestClient::createUnversioned(config), CrdResource, ResourceScope::Cluster),
        std::make_shared<Store>(), options, this);
    connect(m_crdReflector, &Reflector::changed, this, [this](const StoreChanges &changes) {
        if (!m_crdReflector->hasSynced())
            return;
        for (const StoreChange &c : changes) {
            if (affectsDiscovery(c)) {
                m_debounce.start(); // restarts: one refresh per burst
                return;
            }
        }
    });
    m_crdReflector->start();
}

void DiscoveryWatcher::stopWatching()
{
    delete m_crdReflector;
    m_crdReflector = nullptr;
}

int DiscoveryWatcher::crdWatchRestarts() const
{
    return m_crdReflector ? m_crdReflector->watchCount() : 0;
}

} // namespace kube
