#pragma once

#include "apistatus.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace kube::testing::detail {

//! Who sent a request, as the authenticator decided.
struct FakeUser
{
    enum class Role {
        Admin, //!< cluster-admin (system:masters): everything
        Viewer, //!< get, list and watch on every resource; self access reviews
    };
    QString name;
    QStringList groups;
    Role role = Role::Admin;
};

//! The attributes RBAC decides on (authorizer.Attributes).
struct FakeAttributes
{
    QString verb;
    QString group;
    QString resource;
    QString subresource;
    QString ns;
    QString name;
};

/*!
 * The fake cluster's RBAC: an admin bound to cluster-admin and an optional viewer that may only
 * read (get/list/watch) and ask what it may do. Evaluates every request and the access reviews
 * (SelfSubjectAccessReview, SelfSubjectRulesReview), so kubectl and kubrowser see the same
 * answers kube-apiserver would give for these two roles.
 */
class FakeAuthorizer
{
public:
    //! \a viewerToken empty = no viewer.
    explicit FakeAuthorizer(QString viewerToken = {});

    //! The user of a request that passed authentication (viewer by its token, else admin).
    FakeUser userFor(const QByteArray &authorizationHeader) const;
    bool isViewerToken(const QByteArray &authorizationHeader) const;

    bool allowed(const FakeUser &user, const FakeAttributes &attributes) const;
    //! RBAC's reason for an allowed request ("RBAC: allowed by ClusterRoleBinding ...").
    static QString allowedReason(const FakeUser &user);
    //! 403 as kube-apiserver words it, or nullopt when \a user may.
    std::optional<ApiStatus> check(const FakeUser &user, const FakeAttributes &attributes) const;

    //! The status of a SelfSubjectAccessReview / SubjectAccessReview spec.
    QJsonObject accessReviewStatus(const FakeUser &user, const QJsonObject &spec) const;
    //! The status of a SelfSubjectRulesReview.
    static QJsonObject rulesReviewStatus(const FakeUser &user);
    //! The userInfo of a SelfSubjectReview / TokenReview.
    static QJsonObject userInfo(const FakeUser &user);

    //! kube-apiserver's verb for an HTTP method (create, update, patch, delete, get, list ...).
    static QString verbFor(const QByteArray &method, bool hasName, bool watch);

private:
    QString m_viewerToken;
};

} // namespace kube::testing::detail
