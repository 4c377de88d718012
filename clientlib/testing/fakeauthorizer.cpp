#include "fakeauthorizer.h"

#include <QJsonArray>

namespace kube::testing::detail {

namespace {

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject
resourceRule(const QStringList &verbs, const QStringList &groups, const QStringList &resources)
{
    return { { u"verbs"_qs, strings(verbs) },
             { u"apiGroups"_qs, strings(groups) },
             { u"resources"_qs, strings(resources) } };
}

QJsonObject nonResourceRule(const QStringList &verbs, const QStringList &urls)
{
    return { { u"verbs"_qs, strings(verbs) }, { u"nonResourceURLs"_qs, strings(urls) } };
}

//! What system:basic-user and system:discovery grant every authenticated user.
bool basicUserAllows(const FakeAttributes &a)
{
    if (a.verb != u"create")
        return false;
    if (a.group == u"authorization.k8s.io")
        return a.resource == u"selfsubjectaccessreviews"
            || a.resource == u"selfsubjectrulesreviews";
    return a.group == u"authentication.k8s.io" && a.resource == u"selfsubjectreviews";
}

} // namespace

FakeAuthorizer::FakeAuthorizer(QString viewerToken)
    : m_viewerToken(std::move(viewerToken))
{ }

bool FakeAuthorizer::isViewerToken(const QByteArray &authorizationHeader) const
{
    return !m_viewerToken.isEmpty() && authorizationHeader == "Bearer " + m_viewerToken.toUtf8();
}

FakeUser FakeAuthorizer::userFor(const QByteArray &authorizationHeader) const
{
    if (isViewerToken(authorizationHeader))
        return { u"viewer"_qs, { u"system:authenticated"_qs }, FakeUser::Role::Viewer };
    return { u"kubernetes-admin"_qs,
             { u"system:masters"_qs, u"system:authenticated"_qs },
             FakeUser::Role::Admin };
}

bool FakeAuthorizer::allowed(const FakeUser &user, const FakeAttributes &a) const
{
    if (user.role == FakeUser::Role::Admin)
        return true;
    if (basicUserAllows(a))
        return true;
    return a.verb == u"get" || a.verb == u"list" || a.verb == u"watch";
}

QString FakeAuthorizer::allowedReason(const FakeUser &user)
{
    if (user.role == FakeUser::Role::Admin)
        return u"RBAC: allowed by ClusterRoleBinding \"cluster-admin\" of ClusterRole "
               "\"cluster-admin\" to Group \"system:masters\""_qs;
    return u"RBAC: allowed by ClusterRoleBinding \"viewer\" of ClusterRole \"view\" to User "
           "\"viewer\""_qs;
}

std::optional<ApiStatus> FakeAuthorizer::check(const FakeUser &user, const FakeAttributes &a) const
{
    if (allowed(user, a))
        return std::nullopt;
    // RBAC names the resource with its subresource ("deployments/scale"); the Status names the
    // object by its group resource.
    ApiStatus s = ApiStatus::forbidden(a.group, a.resource, a.name, a.verb, a.ns);
    const QString rbacResource
        = a.subresource.isEmpty() ? a.resource : a.resource + u'/' + a.subresource;
    s.message.replace(
        u"User \"system:anonymous\" cannot %1 resource \"%2\""_qs.arg(a.verb, a.resource),
        u"User \"%1\" cannot %2 resource \"%3\""_qs.arg(user.name, a.verb, rbacResource));
    return s;
}

QJsonObject FakeAuthorizer::accessReviewStatus(const FakeUser &user, const QJsonObject &spec) const
{
    bool ok = true;
    if (spec.contains(u"resourceAttributes"_qs)) {
        const QJsonObject ra = spec.value(u"resourceAttributes"_qs).toObject();
        FakeAttributes a {
            ra.value(u"verb"_qs).toString(),      ra.value(u"group"_qs).toString(),
            ra.value(u"resource"_qs).toString(),  ra.value(u"subresource"_qs).toString(),
            ra.value(u"namespace"_qs).toString(), ra.value(u"name"_qs).toString()
        };
        ok = allowed(user, a);
    } else {
        const QString verb
            = spec.value(u"nonResourceAttributes"_qs).toObject().value(u"verb"_qs).toString();
        ok = user.role == FakeUser::Role::Admin || verb == u"get";
    }
    QJsonObject st { { u"allowed"_qs, ok } };
    if (ok)
        st.insert(u"reason"_qs, allowedReason(user));
    return st;
}

QJsonObject FakeAuthorizer::rulesReviewStatus(const FakeUser &user)
{
    QJsonArray resourceRules {
        resourceRule({ u"create"_qs }, { u"authorization.k8s.io"_qs },
                     { u"selfsubjectaccessreviews"_qs, u"selfsubjectrulesreviews"_qs }),
        resourceRule({ u"create"_qs }, { u"authentication.k8s.io"_qs },
                     { u"selfsubjectreviews"_qs }),
    };
    const QJsonObject discovery = nonResourceRule(
        { u"get"_qs },
        { u"/api"_qs, u"/api/*"_qs, u"/apis"_qs, u"/apis/*"_qs, u"/healthz"_qs, u"/livez"_qs,
          u"/openapi"_qs, u"/openapi/*"_qs, u"/readyz"_qs, u"/version"_qs, u"/version/"_qs });
    QJsonArray nonResourceRules { discovery };
    if (user.role == FakeUser::Role::Admin) {
        resourceRules.prepend(resourceRule({ u"*"_qs }, { u"*"_qs }, { u"*"_qs }));
        nonResourceRules.prepend(nonResourceRule({ u"*"_qs }, { u"*"_qs }));
    } else {
        resourceRules.append(
            resourceRule({ u"get"_qs, u"list"_qs, u"watch"_qs }, { u"*"_qs }, { u"*"_qs }));
    }
    return { { u"resourceRules"_qs, resourceRules },
             { u"nonResourceRules"_qs, nonResourceRules },
             { u"incomplete"_qs, false } };
}

QJsonObject FakeAuthorizer::userInfo(const FakeUser &user)
{
    return { { u"username"_qs, user.name }, { u"groups"_qs, strings(user.groups) } };
}

QString FakeAuthorizer::verbFor(const QByteArray &m, bool hasName, bool watch)
{
    if (m == "POST")
        return u"create"_qs;
    if (m == "PUT")
        return u"update"_qs;
    if (m == "PATCH")
        return u"patch"_qs;
    if (m == "DELETE")
        return hasName ? u"delete"_qs : u"deletecollection"_qs;
    if (watch)
        return u"watch"_qs;
    return hasName ? u"get"_qs : u"list"_qs;
}

} // namespace kube::testing::detail
