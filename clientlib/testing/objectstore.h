#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <deque>
#include <functional>
#include <map>

namespace kube::testing::detail {

//! One stored object: its bytes, and what lists, selectors and tables need without parsing.
struct StoredObject
{
    QString ns;
    QString name;
    QString version; //!< the API version the object is stored in (its apiVersion's version)
    qint64 resourceVersion = 0;
    qint64 createdMs = 0; //!< creationTimestamp, ms since epoch (for Age columns)
    QByteArray json; //!< the whole object, compact JSON, in the storage apiVersion
    QByteArray metadataJson; //!< its metadata object (PartialObjectMetadata rows)
    QMap<QString, QString> labels;
    mutable QByteArray tableRow; //!< cached Table row (see TableConverter), empty = not built
};

//! One change, kept for watches that resume from a resourceVersion.
struct WatchEvent
{
    qint64 resourceVersion = 0;
    QString collection; //!< "group/resource"
    QByteArray type; //!< ADDED, MODIFIED, DELETED
    StoredObject object; //!< the object after the change (before it, for DELETED)
};

/*!
 * The server's objects, by collection ("group/resource": all versions of a resource share
 * it, as in etcd) and key "namespace/name" in etcd's key order, with one resourceVersion
 * counter for everything and a bounded event history for watches.
 */
class ObjectStore
{
public:
    using Collection = std::map<QString, StoredObject>;
    using Listener = std::function<void(const WatchEvent &)>;

    static QString key(const QString &ns, const QString &name) { return ns + u'/' + name; }

    qint64 currentResourceVersion() const { return m_rv; }
    qint64 nextResourceVersion() { return ++m_rv; }
    //! Oldest resourceVersion a watch may resume from; older ones are "too old" (410).
    qint64 oldestResumableVersion() const { return m_compactedRv; }
    //! Forgets the event history, like an etcd compaction.
    void compact();
    //! Whether history was recorded (loading a data set in bulk does not record events).
    void setRecordHistory(bool record) { m_record = record; }

    const Collection *collection(const QString &name) const;
    const StoredObject *
    find(const QString &collection, const QString &ns, const QString &name) const;
    //! Inserts or replaces; \a object.resourceVersion must already be set (nextResourceVersion).
    void put(const QString &collection, StoredObject object);
    //! Removes the object named like \a gone, recording \a gone (its state at deletion, with
    //! the deletion's resourceVersion) as the DELETED event.
    bool remove(const QString &collection, StoredObject gone);
    void clear();

    //! Events after \a resourceVersion for \a collection (empty list when none).
    QList<const WatchEvent *> eventsSince(const QString &collection, qint64 resourceVersion) const;

    void setListener(Listener listener) { m_listener = std::move(listener); }

private:
    void record(WatchEvent event);

    QHash<QString, Collection> m_collections;
    std::deque<WatchEvent> m_history;
    qint64 m_rv = 1000;
    qint64 m_compactedRv = 1000;
    bool m_record = true;
    Listener m_listener;
    static constexpr size_t MaxHistory = 20000;
};

} // namespace kube::testing::detail
