#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace kube::testing::detail {

struct StoredObject;

/*!
 * A parsed field selector: `field=value`, `field==value`, `field!=value`, comma-separated.
 * metadata.name and metadata.namespace work for every resource, as in kube-apiserver; the
 * extra fields the real server supports for a resource are passed to parse().
 */
class FieldSelector
{
public:
    bool parse(const QString &text, const QStringList &extraFields, QString *error);
    bool isEmpty() const { return m_terms.isEmpty(); }
    bool matches(const StoredObject &object) const;

private:
    struct Term
    {
        QString field;
        QString value;
        bool negate = false;
    };
    QList<Term> m_terms;
};

} // namespace kube::testing::detail
