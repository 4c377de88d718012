#pragma once

#include "valuereply.h"

#include "api/applyoptions.h"
#include "api/createoptions.h"
#include "api/deleteoptions.h"
#include "api/getoptions.h"
#include "api/groupversion.h"
#include "api/listoptions.h"
#include "api/patchoptions.h"
#include "api/unstructured.h"
#include "api/unstructuredlist.h"
#include "api/updateoptions.h"
#include "rest/request.h"

#include <QJsonObject>
#include <QStringList>

#include <memory>

namespace kube {

class RestClient;
class WatchStream;

//! Whether a resource lives in namespaces, when the caller knows (discovery's "namespaced").
enum class ResourceScope {
    Unknown, //!< as client-go's dynamic client: only path segments are checked
    Namespaced,
    Cluster,
};

using ObjectReply = ValueReply<Unstructured>;
using ListReply = ValueReply<UnstructuredList>;
//! A delete answers with a Status, or with the object when finalizers keep it for a while.
using DeleteReply = ValueReply<QJsonObject>;

/*!
 * One resource of the dynamic client (client-go's NamespaceableResourceInterface and, after
 * inNamespace(), ResourceInterface): every operation on any GroupVersionResource, CRDs
 * included, with objects as Unstructured. A cheap value; copies share the client.
 *
 * Validation happens before any request, as in client-go: the namespace, names and
 * subresources must be valid path segments, operations on one object need a name ("name is
 * required"), apply refuses objects with managedFields. When the scope is known (the typed
 * clients know it; discovery tells it for others) a namespaced resource without a namespace
 * (except list and watch across all namespaces) and a cluster-scoped one with a namespace are
 * errors too. Such errors come back through the reply (Error::Kind::InvalidRequest).
 *
 * \code
 * auto pods = dynamic->resource({"", "v1", "pods"}, kube::ResourceScope::Namespaced);
 * auto *list = pods.inNamespace("default").list({.labelSelector = "app=web"});
 * auto *patched = pods.inNamespace("default").patch("web-0", kube::PatchType::Merge,
 *                                                   R"({"metadata":{"labels":{"a":"b"}}})");
 * \endcode
 * Every method returns a new reply owned by the caller (see AsyncReply).
 */
class DynamicResource
{
public:
    enum class Operation { Create, Update, Get, Delete, DeleteCollection, List, Watch, Patch };

    DynamicResource(std::shared_ptr<RestClient> client,
                    GroupVersionResource gvr,
                    ResourceScope scope = ResourceScope::Unknown);

    //! The same resource in namespace \a ns ("" = all namespaces / cluster scope).
    DynamicResource inNamespace(const QString &ns) const;

    const GroupVersionResource &groupVersionResource() const { return m_gvr; }
    QString namespaceName() const { return m_namespace; }
    ResourceScope scope() const { return m_scope; }
    const std::shared_ptr<RestClient> &restClient() const { return m_client; }

    ObjectReply *create(const Unstructured &object,
                        const CreateOptions &options = {},
                        const QStringList &subresources = {}) const;
    ObjectReply *update(const Unstructured &object,
                        const UpdateOptions &options = {},
                        const QStringList &subresources = {}) const;
    ObjectReply *updateStatus(const Unstructured &object, const UpdateOptions &options = {}) const;
    DeleteReply *deleteObject(const QString &name,
                              const DeleteOptions &options = {},
                              const QStringList &subresources = {}) const;
    DeleteReply *deleteCollection(const DeleteOptions &options = {},
                                  const ListOptions &listOptions = {}) const;
    ObjectReply *get(const QString &name,
                     const GetOptions &options = {},
                     const QStringList &subresources = {}) const;
    //! One request (use ListPager for chunked lists); decoded on a worker thread.
    ListReply *list(const ListOptions &options = {}) const;
    /*!
     * A watch from options.resourceVersion; the caller owns the stream. As client-go's Watch,
     * an invalid call is an error right away instead of a stream.
     */
    Result<WatchStream *> watch(const ListOptions &options = {}) const;
    ObjectReply *patch(const QString &name,
                       PatchType type,
                       const QByteArray &data,
                       const PatchOptions &options = {},
                       const QStringList &subresources = {}) const;
    //! Server-side apply of \a object (its metadata.name is used when \a name is empty).
    ObjectReply *apply(const QString &name,
                       const Unstructured &object,
                       const ApplyOptions &options,
                       const QStringList &subresources = {}) const;
    ObjectReply *
    applyStatus(const QString &name, const Unstructured &object, const ApplyOptions &options) const;

    /*!
     * The validated request an operation sends (path, verb, no body or options yet): for
     * subresources that do not answer with an object (pods/log) and for the typed clients.
     */
    Result<Request> prepare(Operation operation,
                            const QString &name = {},
                            const QStringList &subresources = {}) const;

private:
    std::optional<Error> checkScope(Operation operation) const;
    QString describe() const;

    std::shared_ptr<RestClient> m_client;
    GroupVersionResource m_gvr;
    QString m_namespace;
    ResourceScope m_scope = ResourceScope::Unknown;
};

} // namespace kube
