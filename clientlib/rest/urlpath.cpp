#include "urlpath.h"

#include <QUrl>

#include <algorithm>

namespace kube::detail {

QString goPathClean(const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral(".");
    const bool rooted = path.startsWith(QLatin1Char('/'));
    QStringList out;
    const QStringList parts = path.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part.isEmpty() || part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (!out.isEmpty() && out.last() != QLatin1String(".."))
                out.removeLast();
            else if (!rooted)
                out.append(part);
            continue;
        }
        out.append(part);
    }
    QString joined = out.join(QLatin1Char('/'));
    if (rooted)
        return QLatin1Char('/') + joined;
    return joined.isEmpty() ? QStringLiteral(".") : joined;
}

QString goPathJoin(const QStringList &elements)
{
    QStringList nonEmpty;
    for (const QString &e : elements) {
        if (!e.isEmpty())
            nonEmpty.append(e);
    }
    if (nonEmpty.isEmpty())
        return {};
    return goPathClean(nonEmpty.join(QLatin1Char('/')));
}

QByteArray goQueryEscape(const QString &value)
{
    QByteArray encoded = QUrl::toPercentEncoding(value);
    encoded.replace("%20", "+");
    return encoded;
}

QByteArray encodeQuery(const QueryParams &params)
{
    QueryParams sorted = params;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray out;
    for (const auto &[key, value] : sorted) {
        if (!out.isEmpty())
            out += '&';
        out += goQueryEscape(key);
        out += '=';
        out += goQueryEscape(value);
    }
    return out;
}

QStringList pathSegmentProblems(const QString &name)
{
    for (const char *illegal : { ".", ".." }) {
        if (name == QLatin1String(illegal))
            return { QStringLiteral("may not be '%1'").arg(QLatin1String(illegal)) };
    }
    QStringList problems;
    for (const char *illegal : { "/", "%" }) {
        if (name.contains(QLatin1String(illegal)))
            problems.append(QStringLiteral("may not contain '%1'").arg(QLatin1String(illegal)));
    }
    return problems;
}

} // namespace kube::detail
