#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace kube {

//! One line of a line diff.
struct DiffLine
{
    enum class Kind { Same, Added, Removed };
    Kind kind = Kind::Same;
    QString text;
    friend bool operator==(const DiffLine &, const DiffLine &) = default;
};

/*!
 * A line diff (longest common subsequence), for showing what an edit will change: the live
 * object's YAML against the server's dry-run result. Pure; objects are a few hundred lines,
 * and beyond maxLines the texts are shown as replaced wholesale instead of compared.
 */
class TextDiff
{
public:
    static constexpr qsizetype maxLines = 4000;
    static QList<DiffLine> lines(const QString &before, const QString &after);
    static bool hasChanges(const QList<DiffLine> &diff);
};

} // namespace kube

Q_DECLARE_METATYPE(kube::DiffLine)
