#include "humanduration.h"

namespace kube::ui {

QString humanDuration(qint64 seconds)
{
    // Same thresholds as k8s.io/apimachinery/pkg/util/duration.HumanDuration, so ages read
    // exactly like kubectl's. Up to 2 s in the future counts as "now" (clock skew).
    if (seconds < -1)
        return QStringLiteral("<invalid>");
    if (seconds < 0)
        return QStringLiteral("0s");
    if (seconds < 60 * 2)
        return QStringLiteral("%1s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 10) {
        const qint64 s = seconds % 60;
        return s == 0 ? QStringLiteral("%1m").arg(minutes)
                      : QStringLiteral("%1m%2s").arg(minutes).arg(s);
    }
    if (minutes < 60 * 3)
        return QStringLiteral("%1m").arg(minutes);
    const qint64 hours = seconds / 3600;
    if (hours < 8) {
        const qint64 m = minutes % 60;
        return m == 0 ? QStringLiteral("%1h").arg(hours)
                      : QStringLiteral("%1h%2m").arg(hours).arg(m);
    }
    if (hours < 48)
        return QStringLiteral("%1h").arg(hours);
    if (hours < 24 * 8) {
        const qint64 h = hours % 24;
        return h == 0 ? QStringLiteral("%1d").arg(hours / 24)
                      : QStringLiteral("%1d%2h").arg(hours / 24).arg(h);
    }
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1d").arg(hours / 24);
    if (hours < 24 * 365 * 8) {
        const qint64 dy = (hours / 24) % 365;
        return dy == 0 ? QStringLiteral("%1y").arg(hours / 24 / 365)
                       : QStringLiteral("%1y%2d").arg(hours / 24 / 365).arg(dy);
    }
    return QStringLiteral("%1y").arg(hours / 24 / 365);
}

std::optional<qint64> parseHumanDuration(QStringView text)
{
    if (text.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        qint64 value = 0;
        const qsizetype start = i;
        while (i < text.size() && text[i].isDigit())
            value = value * 10 + text[i++].digitValue();
        if (i == start || i >= text.size())
            return std::nullopt;
        switch (text[i++].unicode()) {
        case 's':
            total += value;
            break;
        case 'm':
            total += value * 60;
            break;
        case 'h':
            total += value * 3600;
            break;
        case 'd':
            total += value * 86400;
            break;
        case 'y':
            total += value * 365 * 86400;
            break;
        default:
            return std::nullopt;
        }
    }
    return total;
}

std::optional<double> leadingNumber(QStringView text)
{
    qsizetype end = 0;
    if (end < text.size() && (text[end] == u'-' || text[end] == u'+'))
        ++end;
    const qsizetype digitsStart = end;
    while (end < text.size() && (text[end].isDigit() || text[end] == u'.'))
        ++end;
    if (end == digitsStart)
        return std::nullopt;
    bool ok = false;
    const double v = text.first(end).toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return v;
}

} // namespace kube::ui
