#include "labelselector.h"

#include <QRegularExpression>

namespace kube::testing::detail {

namespace {

bool validKey(const QString &key)
{
    // Qualified name with an optional DNS prefix, as validation.IsQualifiedName checks.
    static const QRegularExpression re(
        uR"(^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$)"_qs);
    return re.match(key).hasMatch();
}

bool validValue(const QString &value)
{
    static const QRegularExpression re(uR"(^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$)"_qs);
    return value.size() <= 63 && re.match(value).hasMatch();
}

} // namespace

bool LabelSelector::parse(const QString &text, QString *error)
{
    m_requirements.clear();
    // Split at commas outside parentheses.
    QStringList parts;
    QString current;
    int depth = 0;
    for (QChar c : text) {
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        if (c == u',' && depth == 0) {
            parts << current;
            current.clear();
        } else {
            current += c;
        }
    }
    parts << current;
    if (parts.size() == 1 && parts.first().trimmed().isEmpty())
        return true;

    static const QRegularExpression setRe(uR"(^(\S+)\s+(in|notin)\s*\((.*)\)$)"_qs);
    for (QString part : std::as_const(parts)) {
        part = part.trimmed();
        Requirement r;
        if (part.isEmpty()) {
            *error = u"found '', expected: !, identifier, or 'end of string'"_qs;
            return false;
        }
        if (const auto m = setRe.match(part); m.hasMatch()) {
            r.key = m.captured(1);
            r.op = m.captured(2) == u"in" ? Op::In : Op::NotIn;
            for (const QString &v : m.captured(3).split(u','))
                r.values << v.trimmed();
        } else if (part.startsWith(u'!')) {
            r.key = part.mid(1).trimmed();
            r.op = Op::DoesNotExist;
        } else if (qsizetype i = part.indexOf(u"!="); i >= 0) {
            r.key = part.left(i).trimmed();
            r.op = Op::NotEquals;
            r.values << part.mid(i + 2).trimmed();
        } else if (qsizetype j = part.indexOf(u"=="); j >= 0) {
            r.key = part.left(j).trimmed();
            r.op = Op::Equals;
            r.values << part.mid(j + 2).trimmed();
        } else if (qsizetype k = part.indexOf(u'='); k >= 0) {
            r.key = part.left(k).trimmed();
            r.op = Op::Equals;
            r.values << part.mid(k + 1).trimmed();
        } else if (qsizetype g = part.indexOf(u'>'); g >= 0) {
            r.key = part.left(g).trimmed();
            r.op = Op::GreaterThan;
            r.values << part.mid(g + 1).trimmed();
        } else if (qsizetype l = part.indexOf(u'<'); l >= 0) {
            r.key = part.left(l).trimmed();
            r.op = Op::LessThan;
            r.values << part.mid(l + 1).trimmed();
        } else {
            r.key = part;
            r.op = Op::Exists;
        }
        if (!validKey(r.key)) {
            *error = u"unable to parse requirement: invalid label key \"%1\": name part must "
                     "consist of alphanumeric characters, '-', '_' or '.', and must start and "
                     "end with an alphanumeric character"_qs.arg(r.key);
            return false;
        }
        for (const QString &v : std::as_const(r.values)) {
            bool ok = validValue(v);
            if ((r.op == Op::GreaterThan || r.op == Op::LessThan)) {
                v.toLongLong(&ok);
            }
            if (!ok) {
                *error = u"unable to parse requirement: invalid label value: \"%1\": a valid "
                         "label must be an empty string or consist of alphanumeric characters, "
                         "'-', '_' or '.', and must start and end with an alphanumeric "
                         "character"_qs.arg(v);
                return false;
            }
        }
        m_requirements << r;
    }
    return true;
}

bool LabelSelector::matches(const QMap<QString, QString> &labels) const
{
    for (const Requirement &r : m_requirements) {
        const auto it = labels.constFind(r.key);
        const bool has = it != labels.cend();
        switch (r.op) {
        case Op::Equals:
        case Op::In:
            if (!has || !r.values.contains(*it))
                return false;
            break;
        case Op::NotEquals:
        case Op::NotIn:
            if (has && r.values.contains(*it))
                return false;
            break;
        case Op::Exists:
            if (!has)
                return false;
            break;
        case Op::DoesNotExist:
            if (has)
                return false;
            break;
        case Op::GreaterThan:
        case Op::LessThan: {
            bool ok = false;
            const qint64 v = has ? it->toLongLong(&ok) : 0;
            if (!ok)
                return false;
            const qint64 bound = r.values.value(0).toLongLong();
            if (r.op == Op::GreaterThan ? !(v > bound) : !(v < bound))
                return false;
            break;
        }
        }
    }
    return true;
}

} // namespace kube::testing::detail
