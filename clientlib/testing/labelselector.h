#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace kube::testing::detail {

/*!
 * A parsed label selector (k8s.io/apimachinery/pkg/labels): `a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x,y)`, `a`, `!a`, `a>1`, `a<1`, comma-separated (AND).
 */
class LabelSelector
{
public:
    //! Parses \a text; on a syntax error returns false and sets \a error (kube-apiserver's
    //! answer is then 400 BadRequest with that message).
    bool parse(const QString &text, QString *error);
    bool isEmpty() const { return m_requirements.isEmpty(); }
    bool matches(const QMap<QString, QString> &labels) const;

private:
    enum class Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist, GreaterThan, LessThan };
    struct Requirement
    {
        QString key;
        Op op = Op::Exists;
        QStringList values;
    };
    QList<Requirement> m_requirements;
};

} // namespace kube::testing::detail
