#pragma once

#include "informerbatch.h"
#include "lister.h"
#include "reflectoroptions.h"
#include "reflectorstatus.h"
#include "resourceeventhandler.h"
#include "storechange.h"

#include "api/tablecolumndefinition.h"
#include "dynamic/dynamicresource.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>

class QTimer;

namespace kube {

class Reflector;
class Store;

/*!
 * A Reflector, its Store and the fan-out to consumers (client-go's SharedIndexInformer):
 * event handlers for single changes, and, for user interfaces, coalesced batches every
 * batchInterval (default 100 ms), so 2,000 changes a second cost ten model updates.
 *
 * \code
 * auto *pods = new kube::Informer(dynamic->resource({"", "v1", "pods"}).inNamespace("team-a"),
 *                                 {.mode = kube::InformerMode::Table}, this);
 * pods->addEventHandler(view, {.added = [](const QJsonObject &o) { ... }});
 * connect(pods, &kube::Informer::batchReady, model, &Model::applyBatch);
 * pods->start();
 * \endcode
 *
 * Threads: the informer lives (and its reflector runs) on the thread of the resource's
 * RestClient — the GUI thread or a worker. Its signals may be connected from any thread and
 * arrive queued on the receiver's thread; addEventHandler() delivers on \a context's thread.
 * The Store behind lister() is safe to read from any thread. Usually obtained, shared, from a
 * SharedInformerFactory; owned by its parent or the factory's handles otherwise.
 */
class Informer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Informer)

public:
    Informer(const DynamicResource &resource,
             const ReflectorOptions &options = {},
             QObject *parent = nullptr);
    ~Informer() override;

    void start();
    void stop();
    bool isRunning() const;
    //! The first complete list is in the store (client-go's HasSynced).
    bool hasSynced() const;

    Lister lister() const;
    std::shared_ptr<const Store> store() const;
    //! Adds a custom index to the store (before or after start()).
    Reflector *reflector() const { return m_reflector; }
    ReflectorStatus status() const;
    QList<TableColumnDefinition> columns() const;

    //! The coalescing interval of batchReady() (default 100 ms; 0 = one batch per change set).
    void setBatchInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds batchInterval() const { return m_batchInterval; }

    /*!
     * Calls \a handler's functions on \a context's thread for every change until \a context
     * is destroyed or removeEventHandler() is called. Like client-go, objects already in the
     * store are replayed as added first. Returns an id for removeEventHandler().
     */
    int addEventHandler(QObject *context, const ResourceEventHandler &handler);
    void removeEventHandler(int id);

signals:
    void added(const QString &key, const QJsonObject &object);
    void updated(const QString &key, const QJsonObject &oldObject, const QJsonObject &newObject);
    void deleted(const QString &key, const QJsonObject &object, bool finalStateUnknown);
    //! Coalesced changes of the last interval (never emitted empty, except to carry synced).
    void batchReady(const kube::InformerBatch &batch);
    void synced();
    void statusChanged(const kube::ReflectorStatus &status);
    void columnsChanged(const QList<kube::TableColumnDefinition> &columns);
    void listProgress(qint64 loaded, qint64 remaining);
    void warning(const QString &message);

private:
    void onChanged(const StoreChanges &changes);
    void flushBatch();
    void coalesce(const StoreChange &change);

    Reflector *m_reflector; // Owned (child).
    QTimer *m_batchTimer; // Owned (child).
    std::chrono::milliseconds m_batchInterval { 100 };
    InformerBatch m_pending;
    // pending net effect per key
    enum class Net { Added, Updated, Removed };
    QHash<QString, Net> m_net;
    struct Handler
    {
        QPointer<QObject> context;
        QList<QMetaObject::Connection> connections;
    };
    QHash<int, Handler> m_handlers;
    int m_nextHandlerId = 1;
};

} // namespace kube
