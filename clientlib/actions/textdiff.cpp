#include "textdiff.h"

#include <QStringList>

#include <vector>

namespace kube {

QList<DiffLine> TextDiff::lines(const QString &before, const QString &after)
{
    QStringList a = before.split(u'\n');
    QStringList b = after.split(u'\n');
    if (!a.isEmpty() && a.last().isEmpty())
        a.removeLast();
    if (!b.isEmpty() && b.last().isEmpty())
        b.removeLast();
    QList<DiffLine> out;
    if (a.size() > maxLines || b.size() > maxLines) {
        for (const QString &l : std::as_const(a))
            out.append({ DiffLine::Kind::Removed, l });
        for (const QString &l : std::as_const(b))
            out.append({ DiffLine::Kind::Added, l });
        return out;
    }
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    // lcs[i][j]: common lines of a[i..] and b[j..]
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[size_t(i)][size_t(j)] = a.at(i) == b.at(j)
                ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                : std::max(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n && j < m) {
        if (a.at(i) == b.at(j)) {
            out.append({ DiffLine::Kind::Same, a.at(i) });
            ++i;
            ++j;
        } else if (lcs[size_t(i + 1)][size_t(j)] >= lcs[size_t(i)][size_t(j + 1)]) {
            out.append({ DiffLine::Kind::Removed, a.at(i++) });
        } else {
            out.append({ DiffLine::Kind::Added, b.at(j++) });
        }
    }
    while (i < n)
        out.append({ DiffLine::Kind::Removed, a.at(i++) });
    while (j < m)
        out.append({ DiffLine::Kind::Added, b.at(j++) });
    return out;
}

bool TextDiff::hasChanges(const QList<DiffLine> &diff)
{
    for (const DiffLine &l : diff) {
        if (l.kind != DiffLine::Kind::Same)
            return true;
    }
    return false;
}

} // namespace kube
