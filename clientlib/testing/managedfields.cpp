#include "managedfields.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

#include <algorithm>

namespace kube::testing::detail {

namespace {

const QChar Sep = u'\n';

//! The list-map keys of the built-in types' lists of objects; empty = an atomic list.
QStringList listKeys(const QString &name, const QJsonArray &items)
{
    if (items.isEmpty())
        return {};
    const auto allHave = [&](const QString &key) {
        return std::all_of(items.begin(), items.end(), [&](const QJsonValue &v) {
            return v.isObject() && v.toObject().contains(key);
        });
    };
    if (name == u"ports") {
        if (allHave(u"containerPort"_qs))
            return { u"containerPort"_qs, u"protocol"_qs };
        if (allHave(u"port"_qs))
            return { u"port"_qs, u"protocol"_qs };
    }
    if (name == u"volumeMounts" && allHave(u"mountPath"_qs))
        return { u"mountPath"_qs };
    if (name == u"volumeDevices" && allHave(u"devicePath"_qs))
        return { u"devicePath"_qs };
    if (name == u"hostAliases" && allHave(u"ip"_qs))
        return { u"ip"_qs };
    if (allHave(u"name"_qs))
        return { u"name"_qs };
    return {};
}

QString keyOf(const QJsonObject &item, const QStringList &keys)
{
    QJsonObject k;
    for (const QString &key : keys) {
        if (item.contains(key))
            k.insert(key, item.value(key));
    }
    return u"k:"_qs + QString::fromUtf8(QJsonDocument(k).toJson(QJsonDocument::Compact));
}

bool matchesKey(const QJsonObject &item, const QJsonObject &key)
{
    for (auto it = key.begin(); it != key.end(); ++it) {
        if (item.value(it.key()) != it.value())
            return false;
    }
    return true;
}

QJsonObject parseKey(const QString &segment)
{
    return QJsonDocument::fromJson(segment.mid(2).toUtf8()).object();
}

void collect(const QJsonObject &object, const QString &prefix, QSet<QString> *out);

void collectValue(const QString &name, const QJsonValue &v, const QString &path, QSet<QString> *out)
{
    if (v.isObject() && !v.toObject().isEmpty()) {
        collect(v.toObject(), path, out);
        return;
    }
    if (v.isArray()) {
        const QJsonArray items = v.toArray();
        const QStringList keys = listKeys(name, items);
        if (!keys.isEmpty()) {
            for (const QJsonValue &item : items) {
                const QString itemPath = path + Sep + keyOf(item.toObject(), keys);
                out->insert(itemPath + Sep + u'.');
                collect(item.toObject(), itemPath, out);
            }
            return;
        }
    }
    out->insert(path);
}

void collect(const QJsonObject &object, const QString &prefix, QSet<QString> *out)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString path
            = prefix.isEmpty() ? u"f:"_qs + it.key() : prefix + Sep + u"f:"_qs + it.key();
        collectValue(it.key(), it.value(), path, out);
    }
}

//! Removes the field at \a path (a list element when the path ends in ".").
QJsonValue removeAt(const QJsonValue &root, QStringList path)
{
    if (path.isEmpty())
        return root;
    if (path.last() == u".") {
        path.removeLast();
        if (path.isEmpty())
            return root;
    }
    const QString seg = path.first();
    if (seg.startsWith(u"f:") && root.isObject()) {
        QJsonObject o = root.toObject();
        const QString key = seg.mid(2);
        if (!o.contains(key))
            return root;
        if (path.size() == 1)
            o.remove(key);
        else
            o.insert(key, removeAt(o.value(key), path.mid(1)));
        return o;
    }
    if (seg.startsWith(u"k:") && root.isArray()) {
        const QJsonObject key = parseKey(seg);
        QJsonArray a = root.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isObject() || !matchesKey(a.at(i).toObject(), key))
                continue;
            if (path.size() == 1)
                a.removeAt(i);
            else
                a[i] = removeAt(a.at(i), path.mid(1));
            break;
        }
        return a;
    }
    return root;
}

QJsonValue merge(const QJsonValue &live, const QJsonValue &config, const QString &name)
{
    if (config.isObject() && live.isObject()) {
        QJsonObject result = live.toObject();
        const QJsonObject c = config.toObject();
        for (auto it = c.begin(); it != c.end(); ++it)
            result.insert(it.key(), merge(result.value(it.key()), it.value(), it.key()));
        return result;
    }
    if (config.isArray() && live.isArray()) {
        const QJsonArray c = config.toArray();
        const QStringList keys = listKeys(name, c);
        const QJsonArray l = live.toArray();
        if (keys.isEmpty()
            || !std::all_of(l.begin(), l.end(), [](const QJsonValue &v) { return v.isObject(); }))
            return config;
        QJsonArray result = l;
        for (const QJsonValue &item : c) {
            const QJsonObject key = parseKey(keyOf(item.toObject(), keys));
            bool merged = false;
            for (qsizetype i = 0; i < result.size(); ++i) {
                if (matchesKey(result.at(i).toObject(), key)) {
                    result[i] = merge(result.at(i), item, QString());
                    merged = true;
                    break;
                }
            }
            if (!merged)
                result.append(item);
        }
        return result;
    }
    return config;
}

QString printManager(const ManagedFields::Entry &e)
{
    QString s = u"\"%1\""_qs.arg(e.manager);
    if (!e.subresource.isEmpty())
        s += u" with subresource \"%1\""_qs.arg(e.subresource);
    if (e.operation == u"Update")
        s += u" using "_qs + e.apiVersion;
    return s;
}

QString nowTimestamp()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

//! Drops what the server owns from a configuration before its fields are counted.
QJsonObject ownedPart(QJsonObject object, bool withStatus)
{
    object.remove(u"apiVersion"_qs);
    object.remove(u"kind"_qs);
    if (withStatus) {
        const QJsonValue st = object.value(u"status"_qs);
        object = QJsonObject();
        if (!st.isUndefined())
            object.insert(u"status"_qs, st);
        return object;
    }
    object.remove(u"status"_qs);
    QJsonObject meta = object.value(u"metadata"_qs).toObject();
    for (const char *key :
         { "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
           "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink" })
        meta.remove(QString::fromLatin1(key));
    if (meta.isEmpty())
        object.remove(u"metadata"_qs);
    else
        object.insert(u"metadata"_qs, meta);
    return object;
}

void pruneEmpty(QList<ManagedFields::Entry> *entries)
{
    entries->removeIf([](const ManagedFields::Entry &e) { return e.fields.isEmpty(); });
}

} // namespace

QSet<QString> ManagedFields::fieldsOf(const QJsonObject &object, bool withStatus)
{
    QSet<QString> out;
    collect(ownedPart(object, withStatus), QString(), &out);
    return out;
}

QJsonValue ManagedFields::valueAt(const QJsonValue &root, const QStringList &path, bool *found)
{
    QJsonValue v = root;
    *found = true;
    for (const QString &seg : path) {
        if (seg == u".")
            continue;
        if (seg.startsWith(u"f:")) {
            const QJsonObject o = v.toObject();
            const QString key = seg.mid(2);
            if (!v.isObject() || !o.contains(key)) {
                *found = false;
                return {};
            }
            v = o.value(key);
            continue;
        }
        if (seg.startsWith(u"k:") && v.isArray()) {
            const QJsonObject key = parseKey(seg);
            bool hit = false;
            for (const QJsonValue &item : v.toArray()) {
                if (item.isObject() && matchesKey(item.toObject(), key)) {
                    v = item;
                    hit = true;
                    break;
                }
            }
            if (!hit) {
                *found = false;
                return {};
            }
            continue;
        }
        *found = false;
        return {};
    }
    return v;
}

QList<ManagedFields::Entry> ManagedFields::entries(const QJsonObject &object)
{
    QList<Entry> out;
    const QJsonArray a
        = object.value(u"metadata"_qs).toObject().value(u"managedFields"_qs).toArray();
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.manager = o.value(u"manager"_qs).toString();
        e.operation = o.value(u"operation"_qs).toString();
        e.apiVersion = o.value(u"apiVersion"_qs).toString();
        e.time = o.value(u"time"_qs).toString();
        e.subresource = o.value(u"subresource"_qs).toString();
        e.fields = fromFieldsV1(o.value(u"fieldsV1"_qs).toObject());
        out << e;
    }
    return out;
}

void ManagedFields::setEntries(QJsonObject *object, const QList<Entry> &entries)
{
    QJsonArray a;
    for (const Entry &e : entries) {
        QJsonObject o {
            { u"manager"_qs, e.manager },         { u"operation"_qs, e.operation },
            { u"apiVersion"_qs, e.apiVersion },   { u"time"_qs, e.time },
            { u"fieldsType"_qs, u"FieldsV1"_qs }, { u"fieldsV1"_qs, toFieldsV1(e.fields) }
        };
        if (!e.subresource.isEmpty())
            o.insert(u"subresource"_qs, e.subresource);
        a.append(o);
    }
    QJsonObject meta = object->value(u"metadata"_qs).toObject();
    if (a.isEmpty())
        meta.remove(u"managedFields"_qs);
    else
        meta.insert(u"managedFields"_qs, a);
    object->insert(u"metadata"_qs, meta);
}

namespace {
QJsonObject insertPath(QJsonObject tree, const QStringList &segs, qsizetype i)
{
    if (i >= segs.size())
        return tree;
    const QString &seg = segs.at(i);
    tree.insert(seg, insertPath(tree.value(seg).toObject(), segs, i + 1));
    return tree;
}

void walk(const QJsonObject &tree, const QString &prefix, QSet<QString> *out)
{
    for (auto it = tree.begin(); it != tree.end(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + Sep + it.key();
        const QJsonObject child = it.value().toObject();
        if (child.isEmpty())
            out->insert(path);
        else
            walk(child, path, out);
    }
}
} // namespace

QJsonObject ManagedFields::toFieldsV1(const QSet<QString> &fields)
{
    QJsonObject tree;
    for (const QString &f : fields)
        tree = insertPath(tree, f.split(Sep), 0);
    return tree;
}

QSet<QString> ManagedFields::fromFieldsV1(const QJsonObject &fieldsV1)
{
    QSet<QString> out;
    walk(fieldsV1, QString(), &out);
    return out;
}

QString ManagedFields::displayPath(const QString &field)
{
    QString s;
    for (const QString &seg : field.split(Sep)) {
        if (seg.startsWith(u"f:")) {
            s += u'.' + seg.mid(2);
        } else if (seg.startsWith(u"k:")) {
            const QJsonObject key = parseKey(seg);
            QStringList parts;
            for (auto it = key.begin(); it != key.end(); ++it) {
                QJsonArray wrap { it.value() };
                QByteArray v = QJsonDocument(wrap).toJson(QJsonDocument::Compact);
                parts << it.key() + u'=' + QString::fromUtf8(v.mid(1, v.size() - 2));
            }
            s += u'[' + parts.join(u',') + u']';
        } else if (seg.startsWith(u"i:")) {
            s += u'[' + seg.mid(2) + u']';
        } else if (seg.startsWith(u"v:")) {
            s += u"[="_qs + seg.mid(2) + u']';
        }
    }
    return s;
}

ManagedFields::ApplyResult ManagedFields::apply(const QJsonObject &live,
                                                QJsonObject config,
                                                const QString &manager,
                                                bool force,
                                                const QString &apiVersion,
                                                const QString &subresource)
{
    const bool withStatus = subresource == u"status";
    if (!withStatus)
        config.remove(u"status"_qs); // the main resource's strategy resets status
    const QSet<QString> configFields = fieldsOf(config, withStatus);
    QList<Entry> all = entries(live);
    const auto isOwn = [&](const Entry &e) {
        return e.manager == manager && e.operation == u"Apply" && e.subresource == subresource;
    };

    QStringList sorted(configFields.begin(), configFields.end());
    std::sort(sorted.begin(), sorted.end());
    ApplyResult result;
    QList<QPair<qsizetype, QString>> taken;
    for (const QString &f : std::as_const(sorted)) {
        if (f.endsWith(u"\n.")) // an element conflicts through its fields, not by itself
            continue;
        const QStringList path = f.split(Sep);
        bool inLive = false;
        bool inConfig = false;
        const QJsonValue lv = valueAt(live, path, &inLive);
        const QJsonValue cv = valueAt(config, path, &inConfig);
        if (inLive && lv == cv)
            continue; // the same value: co-owned, no conflict
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (isOwn(all.at(i)) || !all.at(i).fields.contains(f))
                continue;
            result.conflicts << Conflict { printManager(all.at(i)), displayPath(f) };
            taken << qMakePair(i, f);
        }
    }
    if (!result.conflicts.isEmpty() && !force)
        return result;
    result.conflicts.clear();
    for (const auto &[i, f] : std::as_const(taken))
        all[i].fields.remove(f);

    auto own = std::find_if(all.begin(), all.end(), isOwn);
    if (own == all.end()) {
        all.append(Entry { manager, u"Apply"_qs, apiVersion, {}, subresource, {} });
        own = all.end() - 1;
    }
    QSet<QString> others;
    for (const Entry &e : std::as_const(all)) {
        if (!isOwn(e))
            others.unite(e.fields);
    }
    QSet<QString> removed = own->fields;
    removed.subtract(configFields);
    removed.subtract(others);
    QStringList removeOrder(removed.begin(), removed.end());
    // Deepest first, so an element is emptied before it goes.
    std::sort(removeOrder.begin(), removeOrder.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    QJsonValue object = live;
    for (const QString &f : std::as_const(removeOrder))
        object = removeAt(object, f.split(Sep));
    object = merge(object, config, QString());

    own->fields = configFields;
    own->apiVersion = apiVersion;
    own->time = nowTimestamp();
    pruneEmpty(&all);
    result.object = object.toObject();
    setEntries(&result.object, all);
    return result;
}

void ManagedFields::recordUpdate(const QJsonObject &before,
                                 QJsonObject *after,
                                 const QString &manager,
                                 const QString &apiVersion,
                                 const QString &subresource)
{
    const bool withStatus = subresource == u"status";
    QSet<QString> changed;
    for (const QString &f : fieldsOf(*after, withStatus)) {
        bool inBefore = false;
        bool inAfter = false;
        const QStringList path = f.split(Sep);
        const QJsonValue b = valueAt(before, path, &inBefore);
        if (!inBefore || b != valueAt(*after, path, &inAfter))
            changed.insert(f);
    }
    QList<Entry> all = entries(before);
    for (Entry &e : all) {
        e.fields.subtract(changed);
        e.fields.removeIf([&](const QString &f) {
            bool found = false;
            valueAt(*after, f.split(Sep), &found);
            return !found;
        });
    }
    if (!changed.isEmpty()) {
        auto own = std::find_if(all.begin(), all.end(), [&](const Entry &e) {
            return e.manager == manager && e.operation == u"Update" && e.subresource == subresource;
        });
        if (own == all.end()) {
            all.append(Entry { manager, u"Update"_qs, apiVersion, {}, subresource, {} });
            own = all.end() - 1;
        }
        own->fields.unite(changed);
        own->apiVersion = apiVersion;
        own->time = nowTimestamp();
    }
    pruneEmpty(&all);
    setEntries(after, all);
}

ApiStatus ManagedFields::conflictStatus(const QList<Conflict> &conflicts)
{
    QJsonArray causes;
    for (const Conflict &c : conflicts)
        causes.append(QJsonObject { { u"reason"_qs, u"FieldManagerConflict"_qs },
                                    { u"message"_qs, u"conflict with "_qs + c.manager },
                                    { u"field"_qs, c.path } });
    QString message;
    if (conflicts.size() == 1) {
        message = u"Apply failed with 1 conflict: conflict with %1: %2"_qs.arg(
            conflicts.first().manager, conflicts.first().path);
    } else {
        QMap<QString, QStringList> byManager; // sorted by manager, as kube-apiserver prints
        for (const Conflict &c : conflicts)
            byManager[c.manager] << c.path;
        QStringList lines;
        for (auto it = byManager.begin(); it != byManager.end(); ++it) {
            lines << u"conflicts with %1:"_qs.arg(it.key());
            for (const QString &p : it.value())
                lines << u"- "_qs + p;
        }
        message
            = u"Apply failed with %1 conflicts: %2"_qs.arg(conflicts.size()).arg(lines.join(u'\n'));
    }
    return { 409, u"Conflict"_qs, message, QJsonObject { { u"causes"_qs, causes } } };
}

} // namespace kube::testing::detail
