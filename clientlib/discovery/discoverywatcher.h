#pragma once

#include "discoveryinterface.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

namespace kube {

class Reflector;
struct RestConfig;

//! What changed between two discovery snapshots (top-level resources only).
struct DiscoveryChange
{
    QList<GroupVersionResource> added; //!< sorted
    QList<GroupVersionResource> removed; //!< sorted
    DiscoveryData data; //!< the new snapshot (groups and all resources)

    bool isEmpty() const { return added.isEmpty() && removed.isEmpty(); }
};

/*!
 * Tells the GUI when the set of resources a server offers changes (a CRD installed, an
 * aggregated API gone), so it can update its tree without a reconnect.
 *
 * refresh() invalidates the discovery chain and fetches again in the background (with
 * aggregated discovery: two requests); when the set of top-level resources differs from the
 * last one seen, changed() is emitted with what was added and removed. Group-versions that
 * failed in the new fetch keep their previous resources (a flaky aggregated API does not make
 * its resources blink away). Refreshes asked for while one runs are merged into one more.
 * Optionally refreshes on a timer, and on every change to CustomResourceDefinitions (a
 * Reflector on apiextensions.k8s.io/v1 customresourcedefinitions, restarted like any watch;
 * debounced; updates that touch only a CRD's status, other than becoming Established, are
 * ignored).
 *
 * \code
 * auto *watcher = new kube::DiscoveryWatcher(disc.get(), this);   // disc: not owned
 * watcher->setBaseline(initialReply->data());
 * watcher->watchCustomResourceDefinitions(restConfig);
 * connect(watcher, &kube::DiscoveryWatcher::changed, tree, &Tree::apply);
 * \endcode
 *
 * Lives on the thread of \a discovery; not thread-safe itself.
 */
class DiscoveryWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveryWatcher)

public:
    explicit DiscoveryWatcher(DiscoveryInterface *discovery, QObject *parent = nullptr);
    ~DiscoveryWatcher() override;

    //! What the caller already shows; without it the first refresh only sets the baseline.
    void setBaseline(const DiscoveryData &data);
    //! The last snapshot (baseline or refreshed), if any.
    const std::optional<DiscoveryData> &current() const { return m_current; }

    //! Refetch now (or right after the refresh under way).
    void refresh();
    bool isRefreshing() const { return m_inFlight; }
    //! Refresh every \a interval; 0 turns polling off (the default).
    void setPollInterval(std::chrono::milliseconds interval);
    //! Refresh when CustomResourceDefinitions change; \a debounce merges bursts of events.
    void watchCustomResourceDefinitions(const RestConfig &config,
                                        std::chrono::milliseconds debounce
                                        = std::chrono::milliseconds(500));
    void stopWatching();
    //! Watch requests the CRD reflector has made (diagnostics and tests).
    int crdWatchRestarts() const;

    //! The difference between two snapshots (pure; used by refresh()).
    static DiscoveryChange diff(const DiscoveryData &before, const DiscoveryData &after);

signals:
    //! The set of resources changed; emitted after the refresh that noticed it.
    void changed(const kube::DiscoveryChange &change);
    //! A refresh finished (changed or not); hasError with a total failure.
    void refreshed(bool hasError);

private:
    void finishRefresh(DiscoveryReply *reply);

    DiscoveryInterface *m_discovery; // Not owned.
    std::optional<DiscoveryData> m_current;
    bool m_inFlight = false;
    bool m_pending = false;
    QTimer m_pollTimer;
    QTimer m_debounce;
    Reflector *m_crdReflector = nullptr; // Owned (child).
};

} // namespace kube

Q_DECLARE_METATYPE(kube::DiscoveryChange)
