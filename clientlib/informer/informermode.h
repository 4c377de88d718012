#pragma once

#include <QMetaType>

namespace kube {

//! What an informer asks the server for, and so what its Store holds.
enum class InformerMode {
    Full, //!< whole objects (application/json), as Unstructured JSON
    Table, //!< server-side Table rows with includeObject=Metadata: what a list view shows
    Metadata, //!< PartialObjectMetadata only (client-go's metadata informers): cheapest
};

} // namespace kube

Q_DECLARE_METATYPE(kube::InformerMode)
