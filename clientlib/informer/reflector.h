#pragma once

#include "backoff.h"
#include "reflectoroptions.h"
#include "reflectorstatus.h"
#include "storechange.h"

#include "api/tablecolumndefinition.h"
#include "dynamic/dynamicresource.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

class QTimer;

namespace kube {

class ListPager;
class Store;
class WatchStream;
struct ListPage;
struct WatchEvent;

/*!
 * Keeps a Store equal to the server's collection (client-go's tools/cache Reflector):
 * lists (in pages of 500) and then watches from the list's resourceVersion, forever, until
 * stopped or deleted.
 *
 * - A watch the server ends normally (kube-apiserver does every 5–10 minutes, and at its
 *   timeoutSeconds) is resumed from the last resourceVersion seen, bookmarks included. It is
 *   not a failure and costs no list.
 * - 410 Gone / reason Expired / "too old resource version", a malformed event or an ERROR
 *   event that is not a Status: relist. The relist replaces the store (Store::replace): only
 *   the differences come out as changes, never duplicates.
 * - Any other error (connection refused or cut, 5xx, 429, a watch with no bytes for
 *   idleTimeout): wait with client-go's backoff (800 ms doubling to 30 s, jitter, reset after
 *   2 min of health; at least the server's Retry-After), then resume the watch (or retry the
 *   list when no list has completed).
 * - useWatchList: the initial state comes over one watch (sendInitialEvents); when the server
 *   refuses, the reflector falls back to list + watch for good.
 *
 * \code
 * auto store = std::make_shared<kube::Store>();
 * auto pods = dynamic->resource({"", "v1", "pods"}).inNamespace("team-a");
 * auto *reflector = new kube::Reflector(pods, store, {.mode = kube::InformerMode::Table}, this);
 * connect(reflector, &kube::Reflector::changed, this, [](const kube::StoreChanges &c) { ... });
 * connect(reflector, &kube::Reflector::synced, this, [] { ... });
 * reflector->start();
 * \endcode
 *
 * Lives on the thread of \a resource's RestClient (it sends the requests there). Owned by its
 * parent or the caller; deleting it stops it. The Store is shared: any thread may read it.
 */
class Reflector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Reflector)

public:
    Reflector(const DynamicResource &resource,
              std::shared_ptr<Store> store,
              const ReflectorOptions &options = {},
              QObject *parent = nullptr);
    ~Reflector() override;

    //! Starts listing and watching. Call once (again after stop()).
    void start();
    //! Stops everything in flight; status() goes Idle. The store keeps its objects.
    void stop();
    bool isRunning() const { return m_running; }

    //! A list (or the watch-list's initial state) has completed at least once.
    bool hasSynced() const { return m_status.synced; }
    const ReflectorStatus &status() const { return m_status; }
    std::shared_ptr<Store> store() const { return m_store; }
    const DynamicResource &resource() const { return m_resource; }
    const ReflectorOptions &options() const { return m_options; }
    //! Table mode: the server's columns (from the first page that carried them).
    QList<TableColumnDefinition> columns() const { return m_columns; }
    //! Where the next watch resumes (the last resourceVersion seen).
    QString lastSyncResourceVersion() const { return m_lastResourceVersion; }

    // Counters (tests and diagnostics) -------------------------------------------------------
    int listCount() const { return m_listCount; } //!< lists started (pages not counted)
    int watchCount() const { return m_watchCount; } //!< watch requests sent
    int relistCount() const { return m_relistCount; } //!< lists after the first
    bool usingWatchList() const { return m_watchListActive; }

signals:
    //! Differences just applied to the store (an event, a page of the first list, a relist).
    void changed(const kube::StoreChanges &changes);
    //! The first complete list (or watch-list initial state) is in the store.
    void synced();
    //! A relist finished: the store now equals that list.
    void relisted();
    void statusChanged(const kube::ReflectorStatus &status);
    //! Table mode: the server's columns arrived or changed.
    void columnsChanged(const QList<kube::TableColumnDefinition> &columns);
    //! Items listed so far in the current list, and the server's remainingItemCount (-1).
    void listProgress(qint64 loaded, qint64 remaining);
    //! Something the user may want to know (a bad stream, a fallback), also logged.
    void warning(const QString &message);

private:
    enum class Next { List, Watch };

    void run(Next next);
    void startList();
    void onPage(const ListPage &page);
    void onListFinished();
    void startWatch(bool watchList);
    void onWatchEvent(const WatchEvent &event);
    void onWatchFinished();
    void onIdle();
    void fail(const Error &error, Next next, std::optional<std::chrono::milliseconds> atLeast = {});
    void completeInitialState(const QHash<QString, QJsonObject> &items);
    QJsonObject prepare(QJsonObject object) const;
    QList<QJsonObject> objectsOf(const QJsonObject &eventObject);
    void takeColumns(const QJsonObject &table);
    Request baseRequest(bool forWatch) const;
    void setState(ReflectorStatus::State state);
    void markHealthy();
    void clearInFlight();

    DynamicResource m_resource;
    std::shared_ptr<Store> m_store;
    ReflectorOptions m_options;
    Backoff m_backoff;
    ReflectorStatus m_status;
    QList<TableColumnDefinition> m_columns;

    QPointer<ListPager> m_pager; // Owned.
    QPointer<WatchStream> m_watch; // Owned.
    QTimer *m_retryTimer; // Owned (child).
    QTimer *m_idleTimer; // Owned (child).
    Next m_retryNext = Next::List;

    QHash<QString, QJsonObject> m_listed; // the current list (or watch-list initial state)
    QString m_lastResourceVersion;
    QElapsedTimer m_watchStarted;
    int m_watchEvents = 0;
    bool m_watchListActive = false; // the current watch streams the initial state
    bool m_watchListUnsupported = false;
    bool m_running = false;
    int m_listCount = 0;
    int m_watchCount = 0;
    int m_relistCount = 0;
};

} // namespace kube
