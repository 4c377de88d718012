#pragma once

#include "asyncreply.h"

#include "api/result.h"

namespace kube {

/*!
 * A reply that finishes once with a value of type T or an Error: the objects of the dynamic
 * client (ValueReply<Unstructured>, ValueReply<UnstructuredList>) and of the typed clients
 * (ValueReply<core::v1::Pod>, ...). T is anything RestResult::into<T>() decodes.
 *
 * \code
 * auto *reply = dynamic->resource({"", "v1", "pods"}).inNamespace("default").get("web-0");
 * connect(reply, &kube::AsyncReply::finished, this, [reply] {
 *     reply->deleteLater();
 *     if (!reply->hasValue()) return report(reply->error());  // code, reason, message
 *     use(reply->value());
 * });
 * \endcode
 * Ownership and threads as AsyncReply.
 */
template<typename T> class ValueReply final : public AsyncReply
{
public:
    //! Sends \a request, or fails with its error (finished() still comes, asynchronously).
    static ValueReply *send(const Result<Request> &request,
                            DecodeOn decodeOn = DecodeOn::ReplyThread,
                            QObject *parent = nullptr)
    {
        if (!request)
            return new ValueReply(request.error(), parent);
        return new ValueReply(*request, decodeOn, parent);
    }

    //! The value or the error; an InvalidRequest error while not finished.
    const Result<T> &result() const
    {
        if (const auto *r = std::any_cast<Result<T>>(&decoded()))
            return *r;
        static const Result<T> pending(
            Error::make(Error::Kind::InvalidRequest, QStringLiteral("the reply has not finished")));
        return pending;
    }
    bool hasValue() const { return result().hasValue(); }
    const T &value() const { return result().value(); }
    const Error &error() const { return result().error(); }

private:
    static std::any decode(const RestResult &rest) { return std::any(rest.template into<T>()); }

    ValueReply(const Request &request, DecodeOn decodeOn, QObject *parent)
        : AsyncReply(request, &ValueReply::decode, decodeOn, parent)
    { }
    ValueReply(const Error &error, QObject *parent)
        : AsyncReply(error, &ValueReply::decode, parent)
    { }
};

} // namespace kube
