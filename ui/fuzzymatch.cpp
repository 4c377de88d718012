#include "fuzzymatch.h"

namespace kube::ui {

int fuzzyScore(const QString &pattern, const QString &text)
{
    if (pattern.isEmpty())
        return 0;
    if (text.compare(pattern, Qt::CaseInsensitive) == 0)
        return 10000;
    if (text.startsWith(pattern, Qt::CaseInsensitive))
        return 8000 - int(text.size());
    if (const qsizetype at = text.indexOf(pattern, 0, Qt::CaseInsensitive); at >= 0)
        return 6000 - int(at) * 10 - int(text.size());
    int score = 0;
    qsizetype ti = 0;
    qsizetype previous = -2;
    for (const QChar pc : pattern) {
        const QChar want = pc.toLower();
        while (ti < text.size() && text.at(ti).toLower() != want)
            ++ti;
        if (ti == text.size())
            return -1;
        score += 10;
        if (ti == previous + 1)
            score += 15; // consecutive
        if (ti == 0 || !text.at(ti - 1).isLetterOrNumber())
            score += 20; // start of a word: "cr" in "cluster-role"
        previous = ti;
        ++ti;
    }
    return score - int(text.size());
}

} // namespace kube::ui
