#pragma once

#include "dynamic/dynamicclient.h"

#include <QDateTime>

#include <memory>

namespace kube {

/*!
 * The one-step changes kubectl makes to live objects, with the same requests (so the server's
 * managedFields, audit log and admission see what they see from kubectl):
 * - scale: PATCH of the scale subresource with a merge patch {"spec":{"replicas":N}}
 * - restart: strategic merge patch of spec.template.metadata.annotations
 *   ["kubectl.kubernetes.io/restartedAt"] = now (RFC 3339), as `kubectl rollout restart`
 * - cordon/uncordon: strategic merge patch of the Node's spec.unschedulable (true / null)
 * - evict: POST of a policy/v1 Eviction to pods/NAME/eviction
 * - a Job from a CronJob: the CronJob's jobTemplate with the annotation
 *   cronjob.kubernetes.io/instantiate=manual and the CronJob as controller owner
 * - suspend/resume a CronJob: merge patch of spec.suspend
 * Every option value (dryRun, fieldManager) is passed through, so each action has a dry run.
 *
 * A cheap value over a DynamicClient; every method returns a reply the caller owns (see
 * AsyncReply), on the client's thread.
 * \code
 * kube::ObjectActions actions(dynamic);
 * auto *r = actions.scale({"apps", "v1", "deployments"}, "default", "web", 3,
 *                         {.fieldManager = "kubrowser"});
 * \endcode
 */
class ObjectActions
{
public:
    explicit ObjectActions(std::shared_ptr<DynamicClient> client);

    ObjectReply *
    getScale(const GroupVersionResource &gvr, const QString &ns, const QString &name) const;
    ObjectReply *scale(const GroupVersionResource &gvr,
                       const QString &ns,
                       const QString &name,
                       qint64 replicas,
                       const PatchOptions &options = {}) const;
    ObjectReply *restart(const GroupVersionResource &gvr,
                         const QString &ns,
                         const QString &name,
                         const QDateTime &at,
                         const PatchOptions &options = {}) const;
    ObjectReply *setUnschedulable(const QString &node,
                                  bool unschedulable,
                                  const PatchOptions &options = {}) const;
    ObjectReply *
    evict(const QString &ns, const QString &pod, const DeleteOptions &options = {}) const;
    ObjectReply *createJobFromCronJob(const Unstructured &cronJob,
                                      const QString &jobName,
                                      const CreateOptions &options = {}) const;
    ObjectReply *setSuspended(const QString &ns,
                              const QString &cronJob,
                              bool suspended,
                              const PatchOptions &options = {}) const;

    // The request bodies, pure (tested on their own).
    static QByteArray scalePatch(qint64 replicas);
    static QByteArray restartPatch(const QDateTime &at);
    static QByteArray unschedulablePatch(bool unschedulable);
    static QByteArray suspendPatch(bool suspended);
    static QJsonObject
    eviction(const QString &ns, const QString &pod, const DeleteOptions &options);
    //! Go's time.RFC3339 in UTC: "2026-12-04T12:30:00Z".
    static QString rfc3339(const QDateTime &at);
    //! The Job `kubectl create job NAME --from=cronjob/CJ` creates.
    static Unstructured jobFromCronJob(const Unstructured &cronJob, const QString &jobName);
    //! Kinds whose pods `rollout restart` restarts.
    static bool canRestart(const QString &group, const QString &kind);
    //! Kinds with a scale subresource among the built-in ones.
    static bool canScale(const QString &group, const QString &kind);

private:
    std::shared_ptr<DynamicClient> m_client;
};

} // namespace kube
