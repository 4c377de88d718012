#pragma once

#include <QString>

namespace kube::ui {

/*!
 * How well \a text matches what a user typed (\a pattern), for the command palette: -1 when
 * it does not match, else a score where higher is better. Case-insensitive; an exact match
 * beats a prefix, a prefix beats a substring, and a substring beats a subsequence ("dpl"
 * matches "deployments"), where adjacent and word-start characters count more.
 */
int fuzzyScore(const QString &pattern, const QString &text);

} // namespace kube::ui
