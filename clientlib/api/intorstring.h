#pragma once

#include <QJsonValue>
#include <QString>

#include <variant>

namespace kube {

/*!
 * Kubernetes' IntOrString (intstr.IntOrString): a port, a percentage ("25%") or a named port.
 * Keeps which of the two JSON types it came as, so it is written back unchanged.
 */
class IntOrString
{
public:
    IntOrString() = default;
    IntOrString(qint32 value)
        : m_value(value)
    { }
    IntOrString(const QString &value)
        : m_value(value)
    { }

    bool isInt() const { return m_value.index() == 0; }
    bool isString() const { return m_value.index() == 1; }
    qint32 intValue() const { return isInt() ? std::get<0>(m_value) : 0; }
    QString stringValue() const { return isString() ? std::get<1>(m_value) : QString(); }
    //! "8080" or "25%": the value as text either way.
    QString toString() const;

    QJsonValue toJson() const;
    //! Nothing when \a value is neither an integer nor a string.
    static bool fromJson(const QJsonValue &value, IntOrString &out);

    friend bool operator==(const IntOrString &, const IntOrString &) = default;

private:
    std::variant<qint32, QString> m_value;
};

} // namespace kube
