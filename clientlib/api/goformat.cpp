#include "goformat.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace kube {

namespace {

// Shortest round-trip decimal digits of |d| and the position of the decimal point, like the
// decimal representation strconv works from: d = 0.DIGITS * 10^dp.
struct Decimal
{
    QByteArray digits;
    int dp = 0;
};

Decimal shortestDecimal(double d)
{
    const QByteArray sci
        = QString::number(std::fabs(d), 'e', QLocale::FloatingPointShortest).toLatin1();
    Decimal result;
    const qsizetype e = sci.indexOf('e');
    const QByteArray mantissa = e < 0 ? sci : sci.left(e);
    const int exponent = e < 0 ? 0 : sci.mid(e + 1).toInt();
    for (char c : mantissa) {
        if (c >= '0' && c <= '9')
            result.digits.append(c);
    }
    while (result.digits.size() > 1 && result.digits.endsWith('0'))
        result.digits.chop(1);
    result.dp = exponent + 1;
    return result;
}

QByteArray formatE(const Decimal &dec, bool negative)
{
    QByteArray out = negative ? "-" : "";
    out.append(dec.digits.at(0));
    if (dec.digits.size() > 1) {
        out.append('.');
        out.append(dec.digits.mid(1));
    }
    int exp = dec.digits == "0" ? 0 : dec.dp - 1;
    out.append('e');
    out.append(exp < 0 ? '-' : '+');
    exp = std::abs(exp);
    if (exp < 10)
        out.append('0');
    out.append(QByteArray::number(exp));
    return out;
}

QByteArray formatF(const Decimal &dec, bool negative)
{
    QByteArray out = negative ? "-" : "";
    if (dec.dp <= 0) {
        out.append("0.");
        out.append(QByteArray(-dec.dp, '0'));
        out.append(dec.digits);
        return out;
    }
    if (dec.dp >= dec.digits.size()) {
        out.append(dec.digits);
        out.append(QByteArray(dec.dp - dec.digits.size(), '0'));
        return out;
    }
    out.append(dec.digits.left(dec.dp));
    out.append('.');
    out.append(dec.digits.mid(dec.dp));
    return out;
}

QByteArray specialFloat(double d)
{
    if (std::isnan(d))
        return "NaN";
    return d > 0 ? "+Inf" : "-Inf";
}

} // namespace

bool GoFormat::isInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    return value.toVariant().typeId() == QMetaType::LongLong;
}

QByteArray GoFormat::formatFloatG(double d)
{
    if (!std::isfinite(d))
        return specialFloat(d);
    if (d == 0)
        return std::signbit(d) ? "-0" : "0";
    const Decimal dec = shortestDecimal(d);
    const int exp = dec.dp - 1;
    // strconv: shortest formatting switches to %e when exp < -4 || exp >= 6 (eprec is 6).
    if (exp < -4 || exp >= 6)
        return formatE(dec, d < 0);
    return formatF(dec, d < 0);
}

QByteArray GoFormat::formatJsonFloat(double d)
{
    if (!std::isfinite(d))
        return specialFloat(d);
    if (d == 0)
        return std::signbit(d) ? "-0" : "0";
    const double a = std::fabs(d);
    const Decimal dec = shortestDecimal(d);
    if (a < 1e-6 || a >= 1e21) {
        QByteArray out = formatE(dec, d < 0);
        // encoding/json cleans up e-09 to e-9.
        const qsizetype n = out.size();
        if (n >= 4 && out.at(n - 4) == 'e' && out.at(n - 3) == '-' && out.at(n - 2) == '0')
            out.remove(n - 2, 1);
        return out;
    }
    return formatF(dec, d < 0);
}

QByteArray GoFormat::sprint(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return "<nil>";
    case QJsonValue::Bool:
        return value.toBool() ? "true" : "false";
    case QJsonValue::Double:
        if (isInteger(value))
            return QByteArray::number(value.toInteger());
        return formatFloatG(value.toDouble());
    case QJsonValue::String:
        return value.toString().toUtf8();
    case QJsonValue::Array: {
        QByteArray out = "[";
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out.append(' ');
            out.append(sprint(array.at(i)));
        }
        return out + ']';
    }
    case QJsonValue::Object: {
        // fmt prints maps with their keys sorted.
        const QJsonObject object = value.toObject();
        QList<QByteArray> keys;
        for (auto it = object.begin(); it != object.end(); ++it)
            keys.append(it.key().toUtf8());
        std::sort(keys.begin(), keys.end());
        QByteArray out = "map[";
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i > 0)
                out.append(' ');
            out.append(keys.at(i) + ':' + sprint(object.value(QString::fromUtf8(keys.at(i)))));
        }
        return out + ']';
    }
    }
    return {};
}

QByteArray GoFormat::humanDuration(qint64 milliseconds)
{
    const qint64 seconds = milliseconds / 1000;
    // Up to two seconds in the future counts as "now" (clock skew between machines).
    if (seconds < -1)
        return "<invalid>";
    if (seconds < 0)
        return "0s";
    if (seconds < 60 * 2)
        return QByteArray::number(seconds) + 's';
    const qint64 minutes = seconds / 60;
    if (minutes < 10) {
        const qint64 s = seconds % 60;
        if (s == 0)
            return QByteArray::number(minutes) + 'm';
        return QByteArray::number(minutes) + 'm' + QByteArray::number(s) + 's';
    }
    if (minutes < 60 * 3)
        return QByteArray::number(minutes) + 'm';
    const qint64 hours = minutes / 60;
    if (hours < 8) {
        const qint64 m = minutes % 60;
        if (m == 0)
            return QByteArray::number(hours) + 'h';
        return QByteArray::number(hours) + 'h' + QByteArray::number(m) + 'm';
    }
    if (hours < 48)
        return QByteArray::number(hours) + 'h';
    if (hours < 24 * 8) {
        const qint64 h = hours % 24;
        if (h == 0)
            return QByteArray::number(hours / 24) + 'd';
        return QByteArray::number(hours / 24) + 'd' + QByteArray::number(h) + 'h';
    }
    if (hours < 24 * 365 * 2)
        return QByteArray::number(hours / 24) + 'd';
    if (hours < 24 * 365 * 8) {
        const qint64 dy = (hours / 24) % 365;
        if (dy == 0)
            return QByteArray::number(hours / 24 / 365) + 'y';
        return QByteArray::number(hours / 24 / 365) + 'y' + QByteArray::number(dy) + 'd';
    }
    return QByteArray::number(hours / 24 / 365) + 'y';
}

} // namespace kube
