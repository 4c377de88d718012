#pragma once

#include "storechange.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QReadWriteLock>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace kube {

/*!
 * A thread-safe object cache keyed "namespace/name" with indexes (client-go's
 * cache.Indexer over a ThreadSafeStore). The Reflector writes it; any thread may read it
 * (Lister). Objects are QJsonObjects (implicitly shared: reads hand out cheap copies).
 *
 * What an object is depends on the informer's mode: a full object or PartialObjectMetadata
 * (keyed by its metadata), or a server-side Table row {"cells": [...], "object": {...}}
 * (keyed by the row object's metadata). keyOf() handles all three.
 *
 * \code
 * auto store = std::make_shared<kube::Store>();
 * store->addIndexer("byNode", [](const QJsonObject &pod) {
 *     return QStringList{pod["spec"].toObject()["nodeName"].toString()};
 * });
 * const QList<QJsonObject> onNode = store->byIndex("byNode", "node-1");
 * \endcode
 *
 * Writes (upsert(), remove(), replace()) return the differences they made, so consumers see
 * an add, update or delete for each real change and never a duplicate.
 */
class Store
{
public:
    //! Index values of an object ("" entries are ignored).
    using IndexFunc = std::function<QStringList(const QJsonObject &object)>;
    //! The built-in index: objects by metadata.namespace.
    static constexpr const char NamespaceIndex[] = "namespace";

    Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    //! client-go's MetaNamespaceKeyFunc, for objects and for Table rows.
    static QString keyOf(const QJsonObject &object);
    //! The object's metadata (or a Table row's object's metadata).
    static QJsonObject metadataOf(const QJsonObject &object);
    //! Splits "ns/name" (or "name") into its parts.
    static void splitKey(const QString &key, QString *ns, QString *name);

    //! Adds a custom index; existing objects are indexed at once.
    void addIndexer(const QString &name, IndexFunc function);

    //! Adds or replaces the object under its key. Returns the change (Added or Updated).
    StoreChange upsert(const QJsonObject &object);
    //! Removes the object with \a object's key; nullopt when the store did not have it.
    std::optional<StoreChange> remove(const QJsonObject &object);
    /*!
     * Makes the store hold exactly \a objects (a relist) and returns the differences: Added
     * for new keys, Updated for keys whose resourceVersion (or content, when it has none)
     * changed, Deleted (finalStateUnknown) for keys the list no longer has.
     */
    StoreChanges replace(const QList<QJsonObject> &objects);
    void clear();

    // Reads (any thread) ---------------------------------------------------------------------
    std::optional<QJsonObject> get(const QString &key) const;
    bool contains(const QString &key) const;
    QList<QJsonObject> list() const;
    QStringList keys() const;
    qsizetype size() const;
    QList<QJsonObject> byIndex(const QString &indexName, const QString &value) const;
    QStringList indexKeys(const QString &indexName, const QString &value) const;

private:
    void
    indexLocked(const QString &key, const QJsonObject *oldObject, const QJsonObject *newObject);

    mutable QReadWriteLock m_lock;
    QHash<QString, QJsonObject> m_items;
    QHash<QString, IndexFunc> m_indexers;
    // index name -> index value -> keys
    QHash<QString, QHash<QString, QSet<QString>>> m_indices;
};

} // namespace kube
