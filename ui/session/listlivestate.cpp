#include "listlivestate.h"

#include <QCoreApplication>

namespace kube::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("kube::ui::ListLiveState", text);
}
} // namespace

QString ListLiveState::text(const QDateTime &now) const
{
    switch (state) {
    case State::Idle:
        return tr("not watched");
    case State::Loading:
        return tr("loading");
    case State::Live:
        return tr("live");
    case State::Reconnecting:
        break;
    }
    QString s;
    const qint64 secs = retryAt.isValid() ? (now.msecsTo(retryAt) + 999) / 1000 : 0;
    s = secs > 0 ? tr("reconnecting in %1 s").arg(secs) : tr("reconnecting");
    if (staleSince.isValid())
        s += tr(" — stale since %1")
                 .arg(staleSince.toLocalTime().toString(QStringLiteral("HH:mm")));
    if (!reason.isEmpty())
        s += QStringLiteral(" (%1)").arg(reason);
    return s;
}

QString ListLiveState::toolTip() const
{
    switch (state) {
    case State::Idle:
        return tr("This list is not kept up to date (the resource cannot be watched).");
    case State::Loading:
        return tr("The list is loading; changes are followed once it is complete.");
    case State::Live:
        return tr("The list follows every change on the server (a watch is open).");
    case State::Reconnecting:
        return tr("The connection to the server was lost; the rows shown may be out of date. "
                  "Kubrowser reconnects by itself and then shows only what changed.");
    }
    return {};
}

} // namespace kube::ui
