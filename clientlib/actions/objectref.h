#pragma once

#include "api/groupversion.h"

#include <QMetaType>
#include <QString>

namespace kube {

//! One object on the server, as the UI refers to it: resource, kind, namespace and name.
struct ObjectRef
{
    GroupVersionResource gvr;
    QString kind;
    bool namespaced = true;
    QString ns; //!< empty for cluster-scoped objects
    QString name;

    //! "deployment.apps/web" (kubectl's name form)
    QString displayName() const;
};

} // namespace kube

Q_DECLARE_METATYPE(kube::ObjectRef)
