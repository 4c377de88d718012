#include "statusseverity.h"

#include "themecolors.h"

#include <QSet>

namespace kube::ui {

namespace {

bool isColumn(const QString &column, QLatin1String name)
{
    return column.compare(name, Qt::CaseInsensitive) == 0;
}

QString neighbour(const QStringList &columns, const QStringList &cells, QLatin1String name)
{
    for (qsizetype i = 0; i < columns.size() && i < cells.size(); ++i) {
        if (isColumn(columns[i], name))
            return cells[i];
    }
    return {};
}

// "1/2" style counts: warning when not all are ready.
Severity readyRatio(const QString &text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash <= 0)
        return Severity::None;
    bool okA = false, okB = false;
    const int a = text.left(slash).toInt(&okA);
    const int b = text.mid(slash + 1).toInt(&okB);
    if (!okA || !okB)
        return Severity::None;
    if (b == 0)
        return Severity::Muted;
    return a == b ? Severity::Ok : Severity::Warning;
}

Severity podStatus(const QString &status)
{
    static const QSet<QString> ok
        = { QStringLiteral("Running"), QStringLiteral("Completed"), QStringLiteral("Succeeded") };
    static const QSet<QString> warning
        = { QStringLiteral("Pending"), QStringLiteral("ContainerCreating"),
            QStringLiteral("PodInitializing"), QStringLiteral("NotReady") };
    static const QSet<QString> muted = { QStringLiteral("Terminating"), QStringLiteral("Unknown"),
                                         QStringLiteral("SchedulingGated") };
    if (ok.contains(status))
        return Severity::Ok;
    const bool initWaiting = status.startsWith(QLatin1String("Init:"))
        && !status.contains(QLatin1String("Error")) && !status.contains(QLatin1String("BackOff"));
    if (warning.contains(status) || initWaiting)
        return Severity::Warning;
    if (muted.contains(status))
        return Severity::Muted;
    // CrashLoopBackOff, Error, ImagePullBackOff, ErrImagePull, OOMKilled, Evicted,
    // CreateContainerConfigError, Init:CrashLoopBackOff ...
    return status.isEmpty() ? Severity::None : Severity::Error;
}

} // namespace

Severity cellSeverity(const QString &resource,
                      const QString &column,
                      const QString &text,
                      const QStringList &columns,
                      const QStringList &cells)
{
    if (resource == QLatin1String("pods")) {
        if (isColumn(column, QLatin1String("Status")))
            return podStatus(text);
        if (isColumn(column, QLatin1String("Ready"))) {
            const QString status = neighbour(columns, cells, QLatin1String("Status"));
            if (status == QLatin1String("Completed") || status == QLatin1String("Succeeded"))
                return Severity::Muted;
            return readyRatio(text);
        }
        if (isColumn(column, QLatin1String("Restarts"))) {
            bool ok = false;
            const int n = text.section(u' ', 0, 0).toInt(&ok);
            return ok && n > 0 ? Severity::Warning : Severity::None;
        }
        return Severity::None;
    }
    if (resource == QLatin1String("nodes") && isColumn(column, QLatin1String("Status"))) {
        if (text.startsWith(QLatin1String("Ready")))
            return text.contains(QLatin1String("SchedulingDisabled")) ? Severity::Warning
                                                                      : Severity::Ok;
        return Severity::Error;
    }
    if (resource == QLatin1String("namespaces") && isColumn(column, QLatin1String("Status")))
        return text == QLatin1String("Active") ? Severity::Ok : Severity::Muted;
    if ((resource == QLatin1String("deployments") || resource == QLatin1String("statefulsets")
         || resource == QLatin1String("replicasets") || resource == QLatin1String("jobs"))
        && (isColumn(column, QLatin1String("Ready"))
            || isColumn(column, QLatin1String("Completions"))))
        return readyRatio(text);
    if (resource == QLatin1String("daemonsets") && isColumn(column, QLatin1String("Ready"))) {
        const QString desired = neighbour(columns, cells, QLatin1String("Desired"));
        return text == desired ? Severity::Ok : Severity::Warning;
    }
    if (resource == QLatin1String("events")) {
        if (isColumn(column, QLatin1String("Type")))
            return text == QLatin1String("Warning") ? Severity::Warning : Severity::None;
        return Severity::None;
    }
    if (resource == QLatin1String("services") && isColumn(column, QLatin1String("External-IP")))
        return text == QLatin1String("<pending>") ? Severity::Warning : Severity::None;
    if ((resource == QLatin1String("persistentvolumeclaims")
         || resource == QLatin1String("persistentvolumes"))
        && isColumn(column, QLatin1String("Status"))) {
        if (text == QLatin1String("Bound") || text == QLatin1String("Available"))
            return Severity::Ok;
        if (text == QLatin1String("Pending") || text == QLatin1String("Released"))
            return Severity::Warning;
        return Severity::Error;
    }
    return Severity::None;
}

QColor severityColor(Severity severity, bool darkBackground)
{
    // The current palette decides (it may have changed since the caller looked).
    Q_UNUSED(darkBackground)
    switch (severity) {
    case Severity::Ok:
        return ThemeColors::color(ThemeColors::Role::Ok);
    case Severity::Warning:
        return ThemeColors::color(ThemeColors::Role::Warning);
    case Severity::Error:
        return ThemeColors::color(ThemeColors::Role::Error);
    case Severity::Muted:
        return ThemeColors::color(ThemeColors::Role::Muted);
    case Severity::None:
        break;
    }
    return {};
}

} // namespace kube::ui
