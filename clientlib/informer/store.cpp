#include "store.h"

#include <QJsonValue>
#include <QReadLocker>
#include <QWriteLocker>

namespace kube {

namespace {

QString resourceVersionOf(const QJsonObject &object)
{
    return Store::metadataOf(object).value(QLatin1String("resourceVersion")).toString();
}

//! Whether a relist brings a new state of an object: by resourceVersion (what changes on
//! every write), by content when the object carries none (Table rows of odd servers).
bool differs(const QJsonObject &before, const QJsonObject &after)
{
    const QString a = resourceVersionOf(before);
    const QString b = resourceVersionOf(after);
    if (!a.isEmpty() || !b.isEmpty())
        return a != b;
    return before != after;
}

} // namespace

Store::Store()
{
    m_indexers.insert(QString::fromLatin1(NamespaceIndex), [](const QJsonObject &object) {
        return QStringList { metadataOf(object).value(QLatin1String("namespace")).toString() };
    });
}

QJsonObject Store::metadataOf(const QJsonObject &object)
{
    const auto meta = object.constFind(QLatin1String("metadata"));
    if (meta != object.constEnd() && meta->isObject())
        return meta->toObject();
    // A Table row: {"cells": [...], "object": {"metadata": ...}}.
    return object.value(QLatin1String("object"))
        .toObject()
        .value(QLatin1String("metadata"))
        .toObject();
}

QString Store::keyOf(const QJsonObject &object)
{
    const QJsonObject meta = metadataOf(object);
    const QString name = meta.value(QLatin1String("name")).toString();
    const QString ns = meta.value(QLatin1String("namespace")).toString();
    return ns.isEmpty() ? name : ns + u'/' + name;
}

void Store::splitKey(const QString &key, QString *ns, QString *name)
{
    const qsizetype slash = key.indexOf(u'/');
    if (ns)
        *ns = slash < 0 ? QString() : key.left(slash);
    if (name)
        *name = slash < 0 ? key : key.mid(slash + 1);
}

void Store::addIndexer(const QString &name, IndexFunc function)
{
    QWriteLocker lock(&m_lock);
    m_indexers.insert(name, std::move(function));
    m_indices.remove(name);
    QHash<QString, QSet<QString>> &index = m_indices[name];
    const IndexFunc &f = m_indexers.value(name);
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        for (const QString &value : f(it.value()))
            index[value].insert(it.key());
    }
}

void Store::indexLocked(const QString &key,
                        const QJsonObject *oldObject,
                        const QJsonObject *newObject)
{
    for (auto it = m_indexers.cbegin(); it != m_indexers.cend(); ++it) {
        QHash<QString, QSet<QString>> &index = m_indices[it.key()];
        const QStringList oldValues = oldObject ? it.value()(*oldObject) : QStringList();
        const QStringList newValues = newObject ? it.value()(*newObject) : QStringList();
        if (oldValues == newValues)
            continue;
        for (const QString &v : oldValues) {
            auto bucket = index.find(v);
            if (bucket == index.end())
                continue;
            bucket->remove(key);
            if (bucket->isEmpty())
                index.erase(bucket);
        }
        for (const QString &v : newValues)
            index[v].insert(key);
    }
}

StoreChange Store::upsert(const QJsonObject &object)
{
    StoreChange change;
    change.key = keyOf(object);
    change.object = object;
    QWriteLocker lock(&m_lock);
    auto it = m_items.find(change.key);
    if (it == m_items.end()) {
        change.type = StoreChange::Type::Added;
        indexLocked(change.key, nullptr, &object);
        m_items.insert(change.key, object);
    } else {
        change.type = StoreChange::Type::Updated;
        change.oldObject = it.value();
        indexLocked(change.key, &change.oldObject, &object);
        it.value() = object;
    }
    return change;
}

std::optional<StoreChange> Store::remove(const QJsonObject &object)
{
    const QString key = keyOf(object);
    QWriteLocker lock(&m_lock);
    auto it = m_items.find(key);
    if (it == m_items.end())
        return std::nullopt;
    StoreChange change;
    change.type = StoreChange::Type::Deleted;
    change.key = key;
    // The watch's DELETED object is the final state; keep it (it may be newer than ours).
    change.object = object;
    indexLocked(key, &it.value(), nullptr);
    m_items.erase(it);
    return change;
}

StoreChanges Store::replace(const QList<QJsonObject> &objects)
{
    StoreChanges changes;
    QHash<QString, QJsonObject> next;
    next.reserve(objects.size());
    for (const QJsonObject &o : objects)
        next.insert(keyOf(o), o);

    QWriteLocker lock(&m_lock);
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        if (!next.contains(it.key())) {
            StoreChange c;
            c.type = StoreChange::Type::Deleted;
            c.key = it.key();
            c.object = it.value();
            c.finalStateUnknown = true;
            changes.append(c);
        }
    }
    for (const StoreChange &c : std::as_const(changes)) {
        indexLocked(c.key, &c.object, nullptr);
        m_items.remove(c.key);
    }
    for (auto it = next.cbegin(); it != next.cend(); ++it) {
        auto existing = m_items.find(it.key());
        if (existing == m_items.end()) {
            StoreChange c;
            c.type = StoreChange::Type::Added;
            c.key = it.key();
            c.object = it.value();
            indexLocked(c.key, nullptr, &c.object);
            m_items.insert(c.key, c.object);
            changes.append(c);
        } else if (differs(existing.value(), it.value())) {
            StoreChange c;
            c.type = StoreChange::Type::Updated;
            c.key = it.key();
            c.object = it.value();
            c.oldObject = existing.value();
            indexLocked(c.key, &c.oldObject, &c.object);
            existing.value() = c.object;
            changes.append(c);
        }
    }
    return changes;
}

void Store::clear()
{
    QWriteLocker lock(&m_lock);
    m_items.clear();
    m_indices.clear();
}

std::optional<QJsonObject> Store::get(const QString &key) const
{
    QReadLocker lock(&m_lock);
    auto it = m_items.constFind(key);
    if (it == m_items.cend())
        return std::nullopt;
    return it.value();
}

bool Store::contains(const QString &key) const
{
    QReadLocker lock(&m_lock);
    return m_items.contains(key);
}

QList<QJsonObject> Store::list() const
{
    QReadLocker lock(&m_lock);
    return m_items.values();
}

QStringList Store::keys() const
{
    QReadLocker lock(&m_lock);
    return m_items.keys();
}

qsizetype Store::size() const
{
    QReadLocker lock(&m_lock);
    return m_items.size();
}

QList<QJsonObject> Store::byIndex(const QString &indexName, const QString &value) const
{
    QReadLocker lock(&m_lock);
    QList<QJsonObject> out;
    const QSet<QString> keys = m_indices.value(indexName).value(value);
    out.reserve(keys.size());
    for (const QString &k : keys)
        out.append(m_items.value(k));
    return out;
}

QStringList Store::indexKeys(const QString &indexName, const QString &value) const
{
    QReadLocker lock(&m_lock);
    const QSet<QString> keys = m_indices.value(indexName).value(value);
    return QStringList(keys.cbegin(), keys.cend());
}

} // namespace kube
