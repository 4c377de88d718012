#include "apistatus.h"

#include <QJsonDocument>

namespace kube::testing::detail {

QJsonObject ApiStatus::toJson() const
{
    QJsonObject o { { u"kind"_qs, u"Status"_qs },       { u"apiVersion"_qs, u"v1"_qs },
                    { u"metadata"_qs, QJsonObject {} }, { u"status"_qs, u"Failure"_qs },
                    { u"message"_qs, message },         { u"code"_qs, code } };
    if (!reason.isEmpty())
        o.insert(u"reason"_qs, reason);
    if (!details.isEmpty())
        o.insert(u"details"_qs, details);
    return o;
}

QByteArray ApiStatus::toBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact) + '\n';
}

QString ApiStatus::qualified(const QString &group, const QString &resource)
{
    return group.isEmpty() ? resource : resource + u'.' + group;
}

QJsonObject
ApiStatus::nameDetails(const QString &group, const QString &resource, const QString &name)
{
    QJsonObject d;
    if (!name.isEmpty())
        d.insert(u"name"_qs, name);
    if (!group.isEmpty())
        d.insert(u"group"_qs, group);
    d.insert(u"kind"_qs, resource);
    return d;
}

ApiStatus ApiStatus::notFound(const QString &group, const QString &resource, const QString &name)
{
    return { 404, u"NotFound"_qs, u"%1 \"%2\" not found"_qs.arg(qualified(group, resource), name),
             nameDetails(group, resource, name) };
}

ApiStatus ApiStatus::resourceNotFound()
{
    return { 404, u"NotFound"_qs, u"the server could not find the requested resource"_qs, {} };
}

ApiStatus
ApiStatus::alreadyExists(const QString &group, const QString &resource, const QString &name)
{
    return { 409, u"AlreadyExists"_qs,
             u"%1 \"%2\" already exists"_qs.arg(qualified(group, resource), name),
             nameDetails(group, resource, name) };
}

ApiStatus ApiStatus::conflict(const QString &group,
                              const QString &resource,
                              const QString &name,
                              const QString &why)
{
    return { 409, u"Conflict"_qs,
             u"Operation cannot be fulfilled on %1 \"%2\": %3"_qs.arg(qualified(group, resource),
                                                                      name, why),
             nameDetails(group, resource, name) };
}

ApiStatus ApiStatus::invalid(const QString &group,
                             const QString &kind,
                             const QString &name,
                             const QJsonArray &causes)
{
    QStringList parts;
    for (const auto &c : causes) {
        const QJsonObject co = c.toObject();
        parts << co.value(u"field"_qs).toString() + u": "_qs + co.value(u"message"_qs).toString();
    }
    QString qualifiedKind = group.isEmpty() ? kind : kind + u'.' + group;
    QString message = u"%1 \"%2\" is invalid: "_qs.arg(qualifiedKind, name);
    message += parts.size() == 1 ? parts.first() : u'[' + parts.join(u", "_qs) + u']';
    QJsonObject d;
    if (!name.isEmpty())
        d.insert(u"name"_qs, name);
    if (!group.isEmpty())
        d.insert(u"group"_qs, group);
    d.insert(u"kind"_qs, kind);
    d.insert(u"causes"_qs, causes);
    return { 422, u"Invalid"_qs, message, d };
}

ApiStatus ApiStatus::badRequest(const QString &message)
{
    return { 400, u"BadRequest"_qs, message, {} };
}

ApiStatus ApiStatus::expired(const QString &message)
{
    return { 410, u"Expired"_qs, message, {} };
}

ApiStatus ApiStatus::gone(const QString &message)
{
    return { 410, u"Gone"_qs, message, {} };
}

ApiStatus ApiStatus::unauthorized()
{
    return { 401, u"Unauthorized"_qs, u"Unauthorized"_qs, {} };
}

ApiStatus ApiStatus::forbidden(const QString &group,
                               const QString &resource,
                               const QString &name,
                               const QString &verb,
                               const QString &ns)
{
    const QString who = u"User \"system:anonymous\""_qs;
    QString message = name.isEmpty()
        ? u"%1 is forbidden: "_qs.arg(qualified(group, resource))
        : u"%1 \"%2\" is forbidden: "_qs.arg(qualified(group, resource), name);
    message
        += u"%1 cannot %2 resource \"%3\" in API group \"%4\" "_qs.arg(who, verb, resource, group);
    message += ns.isEmpty() ? u"at the cluster scope"_qs : u"in the namespace \"%1\""_qs.arg(ns);
    return { 403, u"Forbidden"_qs, message, nameDetails(group, resource, name) };
}

ApiStatus ApiStatus::methodNotAllowed()
{
    return { 405,
             u"MethodNotAllowed"_qs,
             u"the server does not allow this method on the requested resource"_qs,
             {} };
}

ApiStatus ApiStatus::notAcceptable()
{
    return { 406,
             u"NotAcceptable"_qs,
             u"only the following media types are accepted: application/json, application/yaml, "
             "application/vnd.kubernetes.protobuf"_qs,
             {} };
}

ApiStatus ApiStatus::unsupportedMediaType()
{
    return { 415,
             u"UnsupportedMediaType"_qs,
             u"the body of the request was in an unknown format - accepted media types include: "
             "application/json, application/json-patch+json, application/merge-patch+json, "
             "application/strategic-merge-patch+json"_qs,
             {} };
}

ApiStatus ApiStatus::tooManyRequests(int retryAfterSeconds)
{
    QJsonObject d;
    if (retryAfterSeconds >= 0)
        d.insert(u"retryAfterSeconds"_qs, retryAfterSeconds);
    return { 429, u"TooManyRequests"_qs, u"Too many requests, please try again later."_qs, d };
}

ApiStatus ApiStatus::fromCode(int code, const QString &message)
{
    switch (code) {
    case 401:
        return unauthorized();
    case 403:
        return { 403, u"Forbidden"_qs, message.isEmpty() ? u"forbidden"_qs : message, {} };
    case 404:
        return resourceNotFound();
    case 406:
        return notAcceptable();
    case 409:
        return { 409, u"Conflict"_qs, message.isEmpty() ? u"conflict"_qs : message, {} };
    case 410:
        return expired(message.isEmpty() ? u"too old resource version"_qs : message);
    case 429:
        return tooManyRequests(-1);
    case 500:
        return {
            500, u"InternalError"_qs,
            u"Internal error occurred: "_qs + (message.isEmpty() ? u"injected fault"_qs : message),
            QJsonObject {
                { u"causes"_qs,
                  QJsonArray { QJsonObject {
                      { u"message"_qs, message.isEmpty() ? u"injected fault"_qs : message } } } } }
        };
    case 503:
        return { 503,
                 u"ServiceUnavailable"_qs,
                 message.isEmpty() ? u"the server is currently unable to handle the request"_qs
                                   : message,
                 {} };
    case 504:
        return { 504,
                 u"Timeout"_qs,
                 message.isEmpty()
                     ? u"the server was unable to return a response in the time allotted, but may "
                       "still be processing the request"_qs
                     : message,
                 {} };
    default:
        return { code, {}, message.isEmpty() ? u"error"_qs : message, {} };
    }
}

} // namespace kube::testing::detail
