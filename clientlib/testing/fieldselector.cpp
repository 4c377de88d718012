#include "fieldselector.h"

#include "objectstore.h"

#include <QJsonDocument>

namespace kube::testing::detail {

bool FieldSelector::parse(const QString &text, const QStringList &extraFields, QString *error)
{
    m_terms.clear();
    if (text.trimmed().isEmpty())
        return true;
    for (const QString &raw : text.split(u',')) {
        const QString part = raw.trimmed();
        Term t;
        qsizetype i = part.indexOf(u"!=");
        if (i >= 0) {
            t.negate = true;
            t.field = part.left(i);
            t.value = part.mid(i + 2);
        } else if ((i = part.indexOf(u"==")) >= 0) {
            t.field = part.left(i);
            t.value = part.mid(i + 2);
        } else if ((i = part.indexOf(u'=')) >= 0) {
            t.field = part.left(i);
            t.value = part.mid(i + 1);
        } else {
            *error = u"invalid selector: '%1'; can't understand '%2'"_qs.arg(text, part);
            return false;
        }
        t.field = t.field.trimmed();
        if (t.field != u"metadata.name" && t.field != u"metadata.namespace"
            && !extraFields.contains(t.field)) {
            *error = u"field label not supported: %1"_qs.arg(t.field);
            return false;
        }
        m_terms << t;
    }
    return true;
}

bool FieldSelector::matches(const StoredObject &object) const
{
    QJsonObject parsed;
    bool isParsed = false;
    for (const Term &t : m_terms) {
        QString actual;
        if (t.field == u"metadata.name") {
            actual = object.name;
        } else if (t.field == u"metadata.namespace") {
            actual = object.ns;
        } else {
            if (!isParsed) {
                parsed = QJsonDocument::fromJson(object.json).object();
                isParsed = true;
            }
            QJsonValue v = parsed;
            for (const QString &p : t.field.split(u'.'))
                v = v.toObject().value(p);
            actual = v.isBool() ? (v.toBool() ? u"true"_qs : u"false"_qs)
                : v.isDouble()  ? QString::number(v.toInteger())
                                : v.toString();
        }
        if ((actual == t.value) == t.negate)
            return false;
    }
    return true;
}

} // namespace kube::testing::detail
