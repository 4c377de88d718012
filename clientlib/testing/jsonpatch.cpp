#include "jsonpatch.h"

#include <QJsonObject>

namespace kube::testing::detail {

QJsonValue JsonPatch::mergePatch(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject result = target.isObject() ? target.toObject() : QJsonObject {};
    const QJsonObject p = patch.toObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (it.value().isNull())
            result.remove(it.key());
        else
            result.insert(it.key(), mergePatch(result.value(it.key()), it.value()));
    }
    return result;
}

namespace {

QStringList pointerTokens(const QString &pointer, bool *ok)
{
    *ok = true;
    if (pointer.isEmpty())
        return {};
    if (!pointer.startsWith(u'/')) {
        *ok = false;
        return {};
    }
    QStringList tokens = pointer.mid(1).split(u'/');
    for (QString &t : tokens)
        t.replace(u"~1"_qs, u"/"_qs).replace(u"~0"_qs, u"~"_qs);
    return tokens;
}

// Applies \a op at the path given by tokens, recursing into containers by value.
bool apply(QJsonValue &node,
           const QStringList &tokens,
           qsizetype depth,
           const QString &op,
           const QJsonValue &value,
           QJsonValue *removed,
           QString *error)
{
    const QString &token = tokens.at(depth);
    const bool last = depth == tokens.size() - 1;
    if (node.isObject()) {
        QJsonObject o = node.toObject();
        if (last) {
            if (op == u"add") {
                o.insert(token, value);
            } else if (op == u"replace") {
                if (!o.contains(token)) {
                    *error = u"replace operation does not apply: doc is missing key: /%1"_qs.arg(
                        tokens.join(u'/'));
                    return false;
                }
                o.insert(token, value);
            } else if (op == u"remove") {
                if (!o.contains(token)) {
                    *error = u"remove operation does not apply: doc is missing key: /%1"_qs.arg(
                        tokens.join(u'/'));
                    return false;
                }
                if (removed)
                    *removed = o.value(token);
                o.remove(token);
            }
            node = o;
            return true;
        }
        if (!o.contains(token)) {
            *error = u"doc is missing path: /%1"_qs.arg(tokens.join(u'/'));
            return false;
        }
        QJsonValue child = o.value(token);
        if (!apply(child, tokens, depth + 1, op, value, removed, error))
            return false;
        o.insert(token, child);
        node = o;
        return true;
    }
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        qsizetype index = token == u"-" ? a.size() : -1;
        if (index < 0) {
            bool ok = false;
            index = token.toLongLong(&ok);
            if (!ok || index < 0) {
                *error = u"invalid array index: %1"_qs.arg(token);
                return false;
            }
        }
        if (last) {
            if (op == u"add") {
                if (index > a.size()) {
                    *error = u"add operation does not apply: index out of bounds"_qs;
                    return false;
                }
                a.insert(index, value);
            } else {
                if (index >= a.size()) {
                    *error = u"%1 operation does not apply: index out of bounds"_qs.arg(op);
                    return false;
                }
                if (op == u"replace") {
                    a.replace(index, value);
                } else {
                    if (removed)
                        *removed = a.at(index);
                    a.removeAt(index);
                }
            }
            node = a;
            return true;
        }
        if (index >= a.size()) {
            *error = u"index out of bounds"_qs;
            return false;
        }
        QJsonValue child = a.at(index);
        if (!apply(child, tokens, depth + 1, op, value, removed, error))
            return false;
        a.replace(index, child);
        node = a;
        return true;
    }
    *error = u"doc is missing path: /%1"_qs.arg(tokens.join(u'/'));
    return false;
}

bool getValue(const QJsonValue &root, const QStringList &tokens, QJsonValue *out)
{
    QJsonValue v = root;
    for (const QString &t : tokens) {
        if (v.isObject()) {
            if (!v.toObject().contains(t))
                return false;
            v = v.toObject().value(t);
        } else if (v.isArray()) {
            bool ok = false;
            const qsizetype i = t.toLongLong(&ok);
            if (!ok || i < 0 || i >= v.toArray().size())
                return false;
            v = v.toArray().at(i);
        } else {
            return false;
        }
    }
    *out = v;
    return true;
}

} // namespace

bool JsonPatch::jsonPatch(QJsonValue &target, const QJsonArray &operations, QString *error)
{
    for (const auto &opValue : operations) {
        const QJsonObject op = opValue.toObject();
        const QString name = op.value(u"op"_qs).toString();
        bool ok = true;
        const QStringList path = pointerTokens(op.value(u"path"_qs).toString(), &ok);
        if (!ok) {
            *error = u"invalid JSON pointer: %1"_qs.arg(op.value(u"path"_qs).toString());
            return false;
        }
        if (name == u"test") {
            QJsonValue actual;
            if (!getValue(target, path, &actual) || actual != op.value(u"value"_qs)) {
                *error = u"testing value %1 failed: test failed"_qs.arg(
                    op.value(u"path"_qs).toString());
                return false;
            }
            continue;
        }
        if (path.isEmpty()) {
            if (name == u"add" || name == u"replace") {
                target = op.value(u"value"_qs);
                continue;
            }
            *error = u"unable to %1 the document root"_qs.arg(name);
            return false;
        }
        if (name == u"add" || name == u"replace" || name == u"remove") {
            if (!apply(target, path, 0, name, op.value(u"value"_qs), nullptr, error))
                return false;
        } else if (name == u"move" || name == u"copy") {
            const QStringList from = pointerTokens(op.value(u"from"_qs).toString(), &ok);
            QJsonValue v;
            if (!ok || !getValue(target, from, &v)) {
                *error = u"%1 operation does not apply: doc is missing from path: %2"_qs.arg(
                    name, op.value(u"from"_qs).toString());
                return false;
            }
            if (name == u"move" && !apply(target, from, 0, u"remove"_qs, {}, nullptr, error))
                return false;
            if (!apply(target, path, 0, u"add"_qs, v, nullptr, error))
                return false;
        } else {
            *error = u"Unexpected kind: %1"_qs.arg(name);
            return false;
        }
    }
    return true;
}

} // namespace kube::testing::detail
