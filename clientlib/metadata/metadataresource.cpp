#include "metadataresource.h"

#include "rest/watchstream.h"

namespace kube {

MetadataResource::MetadataResource(const DynamicResource &resource)
    : m_resource(resource)
{ }

MetadataResource MetadataResource::inNamespace(const QString &ns) const
{
    return MetadataResource(m_resource.inNamespace(ns));
}

MetadataReply *MetadataResource::get(const QString &name,
                                     const GetOptions &options,
                                     const QStringList &subresources) const
{
    Result<Request> r = m_resource.prepare(DynamicResource::Operation::Get, name, subresources);
    if (r)
        r->versionedParams(options).accept(ObjectAccept);
    return MetadataReply::send(r);
}

MetadataReply *MetadataResource::list(const ListOptions &options) const
{
    Result<Request> r = m_resource.prepare(DynamicResource::Operation::List);
    if (r)
        r->versionedParams(options).accept(ListAccept);
    // Lists can be large: decode them off the reply's thread.
    return MetadataReply::send(r, AsyncReply::DecodeOn::WorkerThread);
}

Result<WatchStream *> MetadataResource::watch(const ListOptions &options) const
{
    Result<Request> r = m_resource.prepare(DynamicResource::Operation::Watch);
    if (!r)
        return r.error();
    ListOptions o = options;
    o.watch = true;
    return r->versionedParams(o).accept(ObjectAccept).watch();
}

DeleteReply *MetadataResource::deleteObject(const QString &name, const DeleteOptions &options) const
{
    // A delete answers with a Status or the object; asking for metadata keeps it small.
    Result<Request> r = m_resource.prepare(DynamicResource::Operation::Delete, name);
    if (r)
        r->versionedParams(options).accept(ObjectAccept);
    return DeleteReply::send(r);
}

} // namespace kube
