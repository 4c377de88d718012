#include "humanduration.h"

#include "api/goformat.h"

namespace kube::ui {

QString humanDuration(qint64 seconds)
{
    // kubectl's thresholds (duration.HumanDuration) live in one place: kube::GoFormat.
    return QString::fromLatin1(GoFormat::humanDuration(seconds * 1000));
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
