#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

namespace kube::ui {

//! How healthy a cell says its object is; the list colours cells by it.
enum class Severity { None, Ok, Warning, Error, Muted };

/*!
 * Judges one cell of a resource's Table, the way an operator reads `kubectl get`: a pod's
 * STATUS "CrashLoopBackOff" is an error, READY "1/2" a warning, a node "NotReady" an error,
 * an event of TYPE "Warning" a warning. \a columns and \a cells are the whole row, because
 * some judgements need a neighbour (READY only matters when the pod is Running).
 */
Severity cellSeverity(const QString &resource,
                      const QString &column,
                      const QString &text,
                      const QStringList &columns,
                      const QStringList &cells);

//! Text colour for \a severity that reads on both light and dark palettes.
QColor severityColor(Severity severity, bool darkBackground);

} // namespace kube::ui
