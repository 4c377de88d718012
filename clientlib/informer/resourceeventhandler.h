#pragma once

#include <QJsonObject>

#include <functional>

namespace kube {

/*!
 * client-go's ResourceEventHandlerFuncs: callbacks for single changes. Any may be empty.
 * Informer::addEventHandler() calls them on the thread of the context object given there.
 */
struct ResourceEventHandler
{
    std::function<void(const QJsonObject &object)> added;
    std::function<void(const QJsonObject &oldObject, const QJsonObject &newObject)> updated;
    //! finalStateUnknown: the object vanished during a relist; \a object is its last known
    //! state (client-go's DeletedFinalStateUnknown).
    std::function<void(const QJsonObject &object, bool finalStateUnknown)> deleted;
};

} // namespace kube
