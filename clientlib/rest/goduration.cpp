#include "goduration.h"

namespace kube {

namespace {
// Seconds with up to three decimals, trailing zeros dropped: 1.5, 0.25, 7.
QString secondsText(qint64 ms)
{
    QString s = QString::number(ms / 1000);
    const qint64 frac = ms % 1000;
    if (frac != 0) {
        QString f = QStringLiteral("%1").arg(frac, 3, 10, QLatin1Char('0'));
        while (f.endsWith(QLatin1Char('0')))
            f.chop(1);
        s += QLatin1Char('.') + f;
    }
    return s;
}
} // namespace

QString formatGoDuration(std::chrono::milliseconds duration)
{
    qint64 ms = duration.count();
    if (ms == 0)
        return QStringLiteral("0s");
    QString sign;
    if (ms < 0) {
        sign = QStringLiteral("-");
        ms = -ms;
    }
    if (ms < 1000)
        return sign + QString::number(ms) + QStringLiteral("ms");
    const qint64 hours = ms / 3'600'000;
    const qint64 minutes = (ms / 60'000) % 60;
    const qint64 restMs = ms % 60'000;
    QString out = sign;
    if (hours > 0)
        out += QString::number(hours) + QLatin1Char('h');
    if (hours > 0 || minutes > 0)
        out += QString::number(minutes) + QLatin1Char('m');
    return out + secondsText(restMs) + QLatin1Char('s');
}

} // namespace kube
