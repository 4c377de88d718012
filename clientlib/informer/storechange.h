#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace kube {

/*!
 * One difference applied to a Store: what an event handler sees (client-go's
 * OnAdd/OnUpdate/OnDelete). A relist (Store::replace) yields only the differences between
 * the store and the new list: an object the store had but the list lacks is Deleted with
 * finalStateUnknown set (client-go's DeletedFinalStateUnknown: it was deleted while the watch
 * was down, and \c object is the last state the store saw, which may be stale).
 */
struct StoreChange
{
    enum class Type { Added, Updated, Deleted };

    Type type = Type::Added;
    QString key; //!< "namespace/name", or "name" for cluster-scoped objects
    QJsonObject object; //!< the new state (Deleted: the last known state)
    QJsonObject oldObject; //!< Updated: the state before
    bool finalStateUnknown = false; //!< Deleted by a relist, not by a watch event
};

using StoreChanges = QList<StoreChange>;

} // namespace kube

Q_DECLARE_METATYPE(kube::StoreChange)
