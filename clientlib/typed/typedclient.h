#pragma once

#include "dynamic/dynamicresource.h"

#include <QJsonArray>

namespace kube {

//! A reply of the typed clients: finishes once with a T (Pod, PodList ...) or an Error.
template<typename T> using TypedReply = ValueReply<T>;

/*!
 * The typed client of one resource (client-go's typed PodInterface, DeploymentInterface ...):
 * the dynamic client's operations with generated kinds instead of Unstructured. The
 * Clientset's getters return these; they are cheap values sharing the client.
 *
 * \code
 * auto pods = clientset.coreV1().pods("default");
 * auto *reply = pods.get("web-0");                      // TypedReply<core::v1::Pod>*
 * connect(reply, &kube::AsyncReply::finished, this, [reply] {
 *     reply->deleteLater();
 *     if (reply->hasValue()) qDebug() << reply->value().status.phase;
 *     else qDebug() << reply->error().toString();     // Status errors: code, reason, message
 * });
 * \endcode
 * Objects keep the fields this release does not know: get → change → update loses nothing.
 * Every method returns a new reply owned by the caller (see AsyncReply).
 */
template<typename T, typename TList> class TypedClient
{
public:
    using Object = T;
    using List = TList;
    using Operation = DynamicResource::Operation;

    explicit TypedClient(DynamicResource resource)
        : m_resource(std::move(resource))
    { }

    const DynamicResource &resource() const { return m_resource; }

    TypedReply<T> *create(const T &object, const CreateOptions &options = {}) const
    {
        Result<Request> r = m_resource.prepare(Operation::Create);
        if (r)
            r->versionedParams(options).body(toBody(object));
        return TypedReply<T>::send(r);
    }
    TypedReply<T> *update(const T &object, const UpdateOptions &options = {}) const
    {
        return put(object, options, {});
    }
    TypedReply<T> *updateStatus(const T &object, const UpdateOptions &options = {}) const
    {
        return put(object, options, { QStringLiteral("status") });
    }
    DeleteReply *deleteObject(const QString &name, const DeleteOptions &options = {}) const
    {
        return m_resource.deleteObject(name, options);
    }
    DeleteReply *deleteCollection(const DeleteOptions &options = {},
                                  const ListOptions &listOptions = {}) const
    {
        return m_resource.deleteCollection(options, listOptions);
    }
    TypedReply<T> *get(const QString &name, const GetOptions &options = {}) const
    {
        Result<Request> r = m_resource.prepare(Operation::Get, name);
        if (r)
            r->versionedParams(options);
        return TypedReply<T>::send(r);
    }
    //! Decoded on a worker thread.
    TypedReply<TList> *list(const ListOptions &options = {}) const
    {
        Result<Request> r = m_resource.prepare(Operation::List);
        if (r)
            r->versionedParams(options);
        return TypedReply<TList>::send(r, AsyncReply::DecodeOn::WorkerThread);
    }
    //! Events carry JSON objects; decode them with T::fromJson(event.object).
    Result<WatchStream *> watch(const ListOptions &options = {}) const
    {
        return m_resource.watch(options);
    }
    TypedReply<T> *patch(const QString &name,
                         PatchType type,
                         const QByteArray &data,
                         const PatchOptions &options = {},
                         const QStringList &subresources = {}) const
    {
        Result<Request> r = m_resource.prepare(Operation::Patch, name, subresources);
        if (r)
            r->versionedParams(options).contentType(patchContentType(type)).body(data);
        return TypedReply<T>::send(r);
    }
    //! Server-side apply of \a object (named by its metadata.name).
    TypedReply<T> *apply(const T &object, const ApplyOptions &options) const
    {
        return applyTo(object, options, {});
    }
    TypedReply<T> *applyStatus(const T &object, const ApplyOptions &options) const
    {
        return applyTo(object, options, { QStringLiteral("status") });
    }

    //! The JSON sent for \a object: apiVersion and kind filled in when empty.
    static QJsonObject toBody(const T &object)
    {
        QJsonObject o = object.toJson();
        if constexpr (requires { T::staticKind; }) {
            if (o.value(QLatin1String("apiVersion")).toString().isEmpty())
                o.insert(QStringLiteral("apiVersion"), QString(T::staticApiVersion));
            if (o.value(QLatin1String("kind")).toString().isEmpty())
                o.insert(QStringLiteral("kind"), QString(T::staticKind));
        }
        return o;
    }

protected:
    TypedReply<T> *put(const T &object, const UpdateOptions &options, const QStringList &sub) const
    {
        Result<Request> r = m_resource.prepare(Operation::Update, object.metadata.name, sub);
        if (r)
            r->versionedParams(options).body(toBody(object));
        return TypedReply<T>::send(r);
    }
    TypedReply<T> *
    applyTo(const T &object, const ApplyOptions &options, const QStringList &sub) const
    {
        if (!object.metadata.managedFields.isEmpty()) {
            return TypedReply<T>::send(Error::make(
                Error::Kind::InvalidRequest,
                QStringLiteral("cannot apply an object with managed fields already set; "
                               "clear metadata.managedFields first")));
        }
        Result<Request> r = m_resource.prepare(Operation::Patch, object.metadata.name, sub);
        if (r) {
            r->versionedParams(options.toPatchOptions())
                .contentType(patchContentType(PatchType::Apply))
                .body(toBody(object));
        }
        return TypedReply<T>::send(r);
    }

    DynamicResource m_resource;
};

} // namespace kube
