#pragma once

#include "accesscheck.h"

#include "api/error.h"
#include "dynamic/dynamicclient.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <optional>

namespace kube {

/*!
 * What the current user may do, asked of the server with SelfSubjectAccessReview (one
 * question) and SelfSubjectRulesReview (everything in a namespace), with a small cache per
 * (verb, group, resource, subresource, namespace) so a UI can ask for every row and toolbar
 * button without flooding the server. setClient() (a context switch) empties the cache: the
 * answers belong to one user on one cluster.
 *
 * Lives on its client's thread. Usage from a UI:
 * \code
 * auto *reviewer = new kube::AccessReviewer(dynamic, this);
 * connect(reviewer, &kube::AccessReviewer::answered, this, &Toolbar::refreshActions);
 * std::optional<bool> may = reviewer->allowed({"delete", "", "pods", {}, "default"});
 * // nullopt: asked the server; answered() follows.
 * \endcode
 */
class AccessReviewer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessReviewer)

public:
    explicit AccessReviewer(std::shared_ptr<DynamicClient> client, QObject *parent = nullptr);
    ~AccessReviewer() override;

    //! A new cluster or user: forgets every answer and aborts the questions in flight.
    void setClient(std::shared_ptr<DynamicClient> client);
    void invalidate();

    /*!
     * The cached answer; nullopt when unknown, in which case the question is sent (once, however
     * often it is asked) and answered() comes when the server replied. A failed review counts
     * as "allowed": the server still decides when the action is performed, and a UI must not
     * lock a user out because the review endpoint is unreachable.
     */
    std::optional<bool> allowed(const AccessCheck &check);
    //! The server's reason for the cached answer ("RBAC: allowed by ..."), if any.
    QString reason(const AccessCheck &check) const;
    int cacheSize() const { return int(m_cache.size()); }
    //! Requests sent since construction (for tests: the cache saves requests).
    int requestCount() const { return m_requests; }

    //! The SelfSubjectAccessReview body for \a check (pure).
    static QJsonObject accessReview(const AccessCheck &check, const QString &name = {});
    //! The SelfSubjectRulesReview body for \a ns (pure).
    static QJsonObject rulesReview(const QString &ns);
    //! Sends one SelfSubjectAccessReview (no cache); the reply's object has status.allowed.
    static ObjectReply *
    review(DynamicClient &client, const AccessCheck &check, const QString &name = {});
    //! Sends one SelfSubjectRulesReview for \a ns.
    static ObjectReply *reviewRules(DynamicClient &client, const QString &ns);

signals:
    //! An answer arrived for \a check (and is cached).
    void answered(const kube::AccessCheck &check, bool allowed);

private:
    struct Answer
    {
        bool allowed = true;
        QString reason;
    };
    std::shared_ptr<DynamicClient> m_client;
    QHash<AccessCheck, Answer> m_cache;
    QHash<AccessCheck, ObjectReply *> m_inFlight; // Owned.
    int m_requests = 0;
};

} // namespace kube
