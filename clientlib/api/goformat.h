#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace kube {

/*!
 * Value formatting the way Go's standard library does it, where kubectl's output depends on it:
 * fmt.Sprint of decoded JSON (table cells), strconv's shortest floats, encoding/json's floats
 * and k8s.io/apimachinery's duration.HumanDuration (ages such as "5d3h").
 */
class GoFormat
{
public:
    //! fmt.Sprint(v) of a value decoded from JSON: int64, float64, bool, string, nil, map, slice.
    static QByteArray sprint(const QJsonValue &value);
    //! strconv.FormatFloat(d, 'g', -1, 64), which is also what fmt's %v prints.
    static QByteArray formatFloatG(double d);
    //! How encoding/json writes a float64 ("1e-9", "0.25", "1e+21").
    static QByteArray formatJsonFloat(double d);
    //! duration.HumanDuration: "0s", "59s", "5m3s", "3h", "5d3h", "400d", "2y3d".
    static QByteArray humanDuration(qint64 milliseconds);
    //! True for JSON numbers that encoding/json would decode as int64 (no fraction/exponent).
    static bool isInteger(const QJsonValue &value);
};

} // namespace kube
