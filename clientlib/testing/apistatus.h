#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace kube::testing::detail {

/*!
 * Kubernetes `Status` bodies exactly as kube-apiserver writes them (apimachinery's
 * k8s.io/apimachinery/pkg/api/errors): kind Status, apiVersion v1, empty metadata, status
 * Failure, message, reason, details, code.
 */
class ApiStatus
{
public:
    int code = 500;
    QString reason;
    QString message;
    QJsonObject details;

    QJsonObject toJson() const;
    QByteArray toBytes() const;

    //! "pods" or "deployments.apps": the qualified resource as messages spell it.
    static QString qualified(const QString &group, const QString &resource);
    static QJsonObject
    nameDetails(const QString &group, const QString &resource, const QString &name);

    static ApiStatus notFound(const QString &group, const QString &resource, const QString &name);
    static ApiStatus resourceNotFound(); //!< "the server could not find the requested resource"
    static ApiStatus
    alreadyExists(const QString &group, const QString &resource, const QString &name);
    static ApiStatus conflict(const QString &group,
                              const QString &resource,
                              const QString &name,
                              const QString &why);
    static ApiStatus invalid(const QString &group,
                             const QString &kind,
                             const QString &name,
                             const QJsonArray &causes);
    static ApiStatus badRequest(const QString &message);
    static ApiStatus expired(const QString &message);
    static ApiStatus gone(const QString &message);
    static ApiStatus unauthorized();
    static ApiStatus forbidden(const QString &group,
                               const QString &resource,
                               const QString &name,
                               const QString &verb,
                               const QString &ns);
    static ApiStatus methodNotAllowed();
    static ApiStatus notAcceptable();
    static ApiStatus unsupportedMediaType();
    static ApiStatus tooManyRequests(int retryAfterSeconds);
    static ApiStatus fromCode(int code, const QString &message = {});
};

} // namespace kube::testing::detail
