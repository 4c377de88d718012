#include "objectstore.h"

namespace kube::testing::detail {

void ObjectStore::compact()
{
    m_history.clear();
    m_compactedRv = m_rv;
}

const ObjectStore::Collection *ObjectStore::collection(const QString &name) const
{
    auto it = m_collections.constFind(name);
    return it == m_collections.cend() ? nullptr : &*it;
}

const StoredObject *
ObjectStore::find(const QString &collectionName, const QString &ns, const QString &name) const
{
    const Collection *c = collection(collectionName);
    if (!c)
        return nullptr;
    auto it = c->find(key(ns, name));
    return it == c->end() ? nullptr : &it->second;
}

void ObjectStore::put(const QString &collectionName, StoredObject object)
{
    Collection &c = m_collections[collectionName];
    const QString k = key(object.ns, object.name);
    auto it = c.find(k);
    const QByteArray type = it == c.end() ? QByteArray("ADDED") : QByteArray("MODIFIED");
    if (it == c.end())
        it = c.emplace(k, object).first;
    else
        it->second = object;
    if (m_record || m_listener)
        record(WatchEvent { object.resourceVersion, collectionName, type, std::move(object) });
}

bool ObjectStore::remove(const QString &collectionName, StoredObject gone)
{
    auto cit = m_collections.find(collectionName);
    if (cit == m_collections.end())
        return false;
    auto it = cit->find(key(gone.ns, gone.name));
    if (it == cit->end())
        return false;
    cit->erase(it);
    const qint64 rv = gone.resourceVersion;
    record(WatchEvent { rv, collectionName, "DELETED", std::move(gone) });
    return true;
}

void ObjectStore::clear()
{
    m_collections.clear();
    compact();
}

void ObjectStore::record(WatchEvent event)
{
    if (m_listener)
        m_listener(event);
    if (!m_record) {
        m_compactedRv = m_rv;
        return;
    }
    m_history.push_back(std::move(event));
    while (m_history.size() > MaxHistory) {
        m_compactedRv = m_history.front().resourceVersion;
        m_history.pop_front();
    }
}

QList<const WatchEvent *> ObjectStore::eventsSince(const QString &collectionName,
                                                   qint64 resourceVersion) const
{
    QList<const WatchEvent *> out;
    for (const WatchEvent &e : m_history) {
        if (e.resourceVersion > resourceVersion && e.collection == collectionName)
            out << &e;
    }
    return out;
}

} // namespace kube::testing::detail
