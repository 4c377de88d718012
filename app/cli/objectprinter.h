#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace kube::cli {

/*!
 * `kubectl get -o json|yaml|name` over whole objects: one object as it is when a single named
 * object was asked for, otherwise a `List` (apiVersion v1, metadata.resourceVersion "") of all
 * items; `-o name` prints "kind[.group]/name" per object.
 */
class ObjectPrinter
{
public:
    enum class Format { Json, Yaml, Name };

    static QByteArray
    print(Format format, const QList<QJsonObject> &objects, bool singleItemImplied);
    //! "pod/web-1", "deployment.apps/web" for an object with apiVersion, kind and metadata.name.
    static QByteArray nameOf(const QJsonObject &object);
    //! The items of a list response with apiVersion/kind filled in from the list, as client-go's
    //! unstructured decoding does (servers leave them out of list items).
    static QList<QJsonObject> itemsOf(const QJsonObject &list);
};

} // namespace kube::cli
