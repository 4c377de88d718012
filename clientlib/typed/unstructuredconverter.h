#pragma once

#include "api/result.h"
#include "api/unstructured.h"
#include "api/unstructuredlist.h"

#include <QStringLiteral>

namespace kube {

/*!
 * Converts between Unstructured and the generated typed kinds (client-go's
 * DefaultUnstructuredConverter). Both sides are JSON underneath, so conversion costs one decode
 * and keeps every field the typed kind does not know (they travel in its `source`).
 *
 * A field of the wrong type is an error (Kind::Decode) that names it:
 * "spec.containers[0].ports[1].containerPort: expected integer, got string". Converting an
 * object of another kind (a Deployment into a Pod) is an error too.
 * \code
 * auto pod = kube::UnstructuredConverter::fromUnstructured<kube::core::v1::Pod>(u);
 * kube::Unstructured back = kube::UnstructuredConverter::toUnstructured(*pod);
 * \endcode
 */
class UnstructuredConverter
{
public:
    template<typename T> static Result<T> fromUnstructured(const Unstructured &object)
    {
        if constexpr (requires { T::staticKind; }) {
            const QString kind = object.kind();
            if (!kind.isEmpty() && kind != T::staticKind) {
                return Error::make(Error::Kind::Decode,
                                   QStringLiteral("cannot convert an object of kind %1 into %2")
                                       .arg(kind, T::staticKind));
            }
        }
        return T::fromJson(object.object());
    }

    //! Fills in apiVersion and kind when the typed object leaves them empty.
    template<typename T> static Unstructured toUnstructured(const T &value)
    {
        Unstructured u(value.toJson());
        if constexpr (requires { T::staticKind; }) {
            if (u.apiVersion().isEmpty())
                u.setApiVersion(T::staticApiVersion);
            if (u.kind().isEmpty())
                u.setKind(T::staticKind);
        }
        return u;
    }

    template<typename TList> static Result<TList> fromUnstructuredList(const UnstructuredList &list)
    {
        return fromUnstructured<TList>(Unstructured(list.toJson()));
    }

    template<typename TList> static Result<UnstructuredList> toUnstructuredList(const TList &list)
    {
        return UnstructuredList::fromJson(toUnstructured(list).object());
    }
};

} // namespace kube
