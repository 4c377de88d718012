#include "dynamicresource.h"

#include "rest/restclient.h"
#include "rest/watchstream.h"

namespace kube {

namespace {

QByteArray verbOf(DynamicResource::Operation op)
{
    using Op = DynamicResource::Operation;
    switch (op) {
    case Op::Create:
        return "POST";
    case Op::Update:
        return "PUT";
    case Op::Delete:
    case Op::DeleteCollection:
        return "DELETE";
    case Op::Patch:
        return "PATCH";
    case Op::Get:
    case Op::List:
    case Op::Watch:
        break;
    }
    return "GET";
}

bool needsName(DynamicResource::Operation op)
{
    using Op = DynamicResource::Operation;
    return op == Op::Update || op == Op::Get || op == Op::Delete || op == Op::Patch;
}

Error invalid(const QString &message)
{
    return Error::make(Error::Kind::InvalidRequest, message);
}

template<typename T> Result<Request> withBody(Result<Request> request, const T &body)
{
    if (request)
        request->body(body);
    return request;
}

} // namespace

DynamicResource::DynamicResource(std::shared_ptr<RestClient> client,
                                 GroupVersionResource gvr,
                                 ResourceScope scope)
    : m_client(std::move(client))
    , m_gvr(std::move(gvr))
    , m_scope(scope)
{ }

DynamicResource DynamicResource::inNamespace(const QString &ns) const
{
    DynamicResource r = *this;
    r.m_namespace = ns;
    return r;
}

QString DynamicResource::describe() const
{
    return m_gvr.group.isEmpty() ? m_gvr.resource : m_gvr.resource + u'.' + m_gvr.group;
}

std::optional<Error> DynamicResource::checkScope(Operation op) const
{
    if (m_scope == ResourceScope::Cluster && !m_namespace.isEmpty()) {
        return invalid(QStringLiteral("%1 is cluster-scoped: it cannot be used in namespace \"%2\"")
                           .arg(describe(), m_namespace));
    }
    if (m_scope == ResourceScope::Namespaced && m_namespace.isEmpty() && op != Operation::List
        && op != Operation::Watch) {
        return invalid(QStringLiteral("%1 is namespaced: a namespace is required").arg(describe()));
    }
    return std::nullopt;
}

Result<Request>
DynamicResource::prepare(Operation op, const QString &name, const QStringList &subresources) const
{
    if (!m_client)
        return invalid(QStringLiteral("dynamic resource without a client"));
    if (needsName(op) && name.isEmpty())
        return invalid(QStringLiteral("name is required"));
    if (std::optional<Error> e = checkScope(op))
        return *e;
    Request r(m_client, verbOf(op));
    if (m_gvr.group.isEmpty())
        r.absPath({ QStringLiteral("/api"), m_gvr.version });
    else
        r.absPath({ QStringLiteral("/apis"), m_gvr.group, m_gvr.version });
    if (!m_namespace.isEmpty())
        r.inNamespace(m_namespace);
    r.resource(m_gvr.resource);
    if (!name.isEmpty())
        r.name(name);
    if (!subresources.isEmpty())
        r.subresource(subresources);
    if (r.error())
        return *r.error();
    return r;
}

ObjectReply *DynamicResource::create(const Unstructured &object,
                                     const CreateOptions &options,
                                     const QStringList &subresources) const
{
    // client-go: creating through a subresource (pods/binding) posts to the object's name.
    QString name;
    if (!subresources.isEmpty()) {
        name = object.name();
        if (name.isEmpty())
            return ObjectReply::send(invalid(QStringLiteral("name is required")));
    }
    Result<Request> r = prepare(Operation::Create, name, subresources);
    if (r)
        r->versionedParams(options).body(object.object());
    return ObjectReply::send(r);
}

ObjectReply *DynamicResource::update(const Unstructured &object,
                                     const UpdateOptions &options,
                                     const QStringList &subresources) const
{
    Result<Request> r = prepare(Operation::Update, object.name(), subresources);
    if (r)
        r->versionedParams(options).body(object.object());
    return ObjectReply::send(r);
}

ObjectReply *DynamicResource::updateStatus(const Unstructured &object,
                                           const UpdateOptions &options) const
{
    return update(object, options, { QStringLiteral("status") });
}

DeleteReply *DynamicResource::deleteObject(const QString &name,
                                           const DeleteOptions &options,
                                           const QStringList &subresources) const
{
    return DeleteReply::send(
        withBody(prepare(Operation::Delete, name, subresources), options.toJson()));
}

DeleteReply *DynamicResource::deleteCollection(const DeleteOptions &options,
                                               const ListOptions &listOptions) const
{
    Result<Request> r = prepare(Operation::DeleteCollection);
    if (r)
        r->versionedParams(listOptions).body(options.toJson());
    return DeleteReply::send(r);
}

ObjectReply *DynamicResource::get(const QString &name,
                                  const GetOptions &options,
                                  const QStringList &subresources) const
{
    Result<Request> r = prepare(Operation::Get, name, subresources);
    if (r)
        r->versionedParams(options);
    return ObjectReply::send(r);
}

ListReply *DynamicResource::list(const ListOptions &options) const
{
    Result<Request> r = prepare(Operation::List);
    if (r)
        r->versionedParams(options);
    return ListReply::send(r, AsyncReply::DecodeOn::WorkerThread);
}

Result<WatchStream *> DynamicResource::watch(const ListOptions &options) const
{
    Result<Request> r = prepare(Operation::Watch);
    if (!r)
        return r.error();
    ListOptions o = options;
    o.watch = true;
    return r->versionedParams(o).watch();
}

ObjectReply *DynamicResource::patch(const QString &name,
                                    PatchType type,
                                    const QByteArray &data,
                                    const PatchOptions &options,
                                    const QStringList &subresources) const
{
    Result<Request> r = prepare(Operation::Patch, name, subresources);
    if (r)
        r->versionedParams(options).contentType(patchContentType(type)).body(data);
    return ObjectReply::send(r);
}

ObjectReply *DynamicResource::apply(const QString &name,
                                    const Unstructured &object,
                                    const ApplyOptions &options,
                                    const QStringList &subresources) const
{
    const QString objectName = name.isEmpty() ? object.name() : name;
    if (objectName.isEmpty())
        return ObjectReply::send(invalid(QStringLiteral("name is required")));
    // client-go refuses these: managedFields in an apply body would claim every field.
    if (!object.nestedField({ QStringLiteral("metadata"), QStringLiteral("managedFields") })
             .toArray()
             .isEmpty()) {
        return ObjectReply::send(
            invalid(QStringLiteral("cannot apply an object with managed fields already set; "
                                   "clear metadata.managedFields first")));
    }
    return patch(objectName, PatchType::Apply, object.toJsonBytes(), options.toPatchOptions(),
                 subresources);
}

ObjectReply *DynamicResource::applyStatus(const QString &name,
                                          const Unstructured &object,
                                          const ApplyOptions &options) const
{
    return apply(name, object, options, { QStringLiteral("status") });
}

} // namespace kube
