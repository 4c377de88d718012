#pragma once

#include "api/deleteoptions.h"
#include "api/getoptions.h"
#include "api/listoptions.h"
#include "dynamic/dynamicresource.h"
#include "dynamic/valuereply.h"

#include <QJsonObject>

namespace kube {

class WatchStream;

//! A PartialObjectMetadata (or ...List) document: apiVersion meta.k8s.io/v1, kind, metadata.
using MetadataReply = ValueReply<QJsonObject>;

/*!
 * One resource of the MetadataClient (client-go's metadata.ResourceInterface): the same
 * paths as the dynamic client, but the server answers with object metadata only
 * (PartialObjectMetadata), which is all a list of names, labels, owners or ages needs, at a
 * fraction of the bytes. A cheap value.
 *
 * \code
 * auto pods = metadata->resource({"", "v1", "pods"}).inNamespace("team-a");
 * auto *list = pods.list({.labelSelector = "app=web"});  // PartialObjectMetadataList
 * \endcode
 * Every method returns a new reply owned by the caller (see AsyncReply).
 */
class MetadataResource
{
public:
    //! The Accept header of lists (client-go: PartialObjectMetadataList, v1 then v1beta1).
    static constexpr const char ListAccept[]
        = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,"
          "application/json;as=PartialObjectMetadataList;v=v1beta1;g=meta.k8s.io,"
          "application/json";
    //! The Accept header of single objects and of watches (each event is one object).
    static constexpr const char ObjectAccept[]
        = "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,"
          "application/json;as=PartialObjectMetadata;v=v1beta1;g=meta.k8s.io,"
          "application/json";

    explicit MetadataResource(const DynamicResource &resource);

    MetadataResource inNamespace(const QString &ns) const;
    const DynamicResource &resource() const { return m_resource; }

    MetadataReply *get(const QString &name,
                       const GetOptions &options = {},
                       const QStringList &subresources = {}) const;
    MetadataReply *list(const ListOptions &options = {}) const;
    //! A watch whose events carry PartialObjectMetadata; the caller owns the stream.
    Result<WatchStream *> watch(const ListOptions &options = {}) const;
    DeleteReply *deleteObject(const QString &name, const DeleteOptions &options = {}) const;

private:
    DynamicResource m_resource;
};

} // namespace kube
