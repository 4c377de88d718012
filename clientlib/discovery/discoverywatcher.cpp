#include "discoverywatcher.h"

#include "api/listoptions.h"
#include "discoverylogging.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/watchstream.h"

#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace kube {

namespace {

const GroupVersion CrdGroupVersion { QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1") };
const QString CrdResource = QStringLiteral("customresourcedefinitions");
constexpr std::chrono::milliseconds MaxBackoff(30000);

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
    m_rewatch.setSingleShot(true);
    connect(&m_rewatch, &QTimer::timeout, this, [this] { startCrdWatch({}); });
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
    m_crdClient = RestClient::create(config, CrdGroupVersion);
    m_backoff = std::chrono::milliseconds(0);
    startCrdWatch({});
}

void DiscoveryWatcher::stopWatching()
{
    m_rewatch.stop();
    if (m_crdWatch) {
        WatchStream *w = m_crdWatch;
        m_crdWatch = nullptr;
        w->disconnect(this);
        w->stop();
        w->deleteLater();
    }
    m_crdClient.reset();
}

void DiscoveryWatcher::startCrdWatch(const QString &resourceVersion)
{
    if (!m_crdClient)
        return;
    if (resourceVersion.isEmpty()) {
        // List first (one item is enough) so the watch starts after what exists now and does not
        // replay every CRD as ADDED.
        ListOptions list;
        list.limit = 1;
        RestReply *reply = m_crdClient->get().resource(CrdResource).versionedParams(list).send();
        reply->setParent(this);
        connect(reply, &RestReply::finished, this, [this, reply] {
            reply->deleteLater();
            auto body = reply->result().json();
            const QString rv = body ? body->value(QLatin1String("metadata"))
                                          .toObject()
                                          .value(QLatin1String("resourceVersion"))
                                          .toString()
                                    : QString();
            if (!body || rv.isEmpty()) {
                qCInfo(lcDiscovery) << "cannot list CustomResourceDefinitions; retrying later";
                scheduleCrdRewatch();
                return;
            }
            startCrdWatch(rv);
        });
        return;
    }
    ListOptions options;
    options.watch = true;
    options.allowWatchBookmarks = true;
    options.resourceVersion = resourceVersion;
    m_crdWatch = m_crdClient->get().resource(CrdResource).versionedParams(options).watch();
    m_crdWatch->setParent(this);
    connect(m_crdWatch, &WatchStream::started, this,
            [this] { m_backoff = std::chrono::milliseconds(0); });
    connect(m_crdWatch, &WatchStream::eventReceived, this, [this](const WatchEvent &e) {
        if (e.type == WatchEvent::Type::Added || e.type == WatchEvent::Type::Modified
            || e.type == WatchEvent::Type::Deleted)
            m_debounce.start(); // restarts: one refresh per burst
    });
    connect(m_crdWatch, &WatchStream::finished, this, [this] {
        WatchStream *w = m_crdWatch;
        m_crdWatch = nullptr;
        w->deleteLater();
        if (!w->error()) { // the server ended the watch normally: resume where it stopped
            startCrdWatch(w->lastResourceVersion());
            return;
        }
        if (!w->isGone())
            qCInfo(lcDiscovery) << "CRD watch ended:" << w->error()->toString();
        scheduleCrdRewatch(); // relist: a 410 means our resourceVersion is too old
    });
}

void DiscoveryWatcher::scheduleCrdRewatch()
{
    m_backoff = m_backoff.count() == 0 ? std::chrono::milliseconds(1000)
                                       : std::min(m_backoff * 2, MaxBackoff);
    m_rewatch.start(m_backoff);
}

} // namespace kube
