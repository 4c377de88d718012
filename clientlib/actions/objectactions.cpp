#include "objectactions.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kube {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

ObjectActions::ObjectActions(std::shared_ptr<DynamicClient> client)
    : m_client(std::move(client))
{ }

ObjectReply *ObjectActions::getScale(const GroupVersionResource &gvr,
                                     const QString &ns,
                                     const QString &name) const
{
    return m_client->resource(gvr).inNamespace(ns).get(name, {}, { QStringLiteral("scale") });
}

ObjectReply *ObjectActions::scale(const GroupVersionResource &gvr,
                                  const QString &ns,
                                  const QString &name,
                                  qint64 replicas,
                                  const PatchOptions &options) const
{
    return m_client->resource(gvr).inNamespace(ns).patch(
        name, PatchType::Merge, scalePatch(replicas), options, { QStringLiteral("scale") });
}

ObjectReply *ObjectActions::restart(const GroupVersionResource &gvr,
                                    const QString &ns,
                                    const QString &name,
                                    const QDateTime &at,
                                    const PatchOptions &options) const
{
    return m_client->resource(gvr).inNamespace(ns).patch(name, PatchType::StrategicMerge,
                                                         restartPatch(at), options);
}

ObjectReply *ObjectActions::setUnschedulable(const QString &node,
                                             bool unschedulable,
                                             const PatchOptions &options) const
{
    return m_client
        ->resource({ QString(), QStringLiteral("v1"), QStringLiteral("nodes") },
                   ResourceScope::Cluster)
        .patch(node, PatchType::StrategicMerge, unschedulablePatch(unschedulable), options);
}

ObjectReply *
ObjectActions::evict(const QString &ns, const QString &pod, const DeleteOptions &options) const
{
    Unstructured e(eviction(ns, pod, options));
    return m_client
        ->resource({ QString(), QStringLiteral("v1"), QStringLiteral("pods") },
                   ResourceScope::Namespaced)
        .inNamespace(ns)
        .create(e, {}, { QStringLiteral("eviction") });
}

ObjectReply *ObjectActions::createJobFromCronJob(const Unstructured &cronJob,
                                                 const QString &jobName,
                                                 const CreateOptions &options) const
{
    return m_client
        ->resource({ QStringLiteral("batch"), QStringLiteral("v1"), QStringLiteral("jobs") },
                   ResourceScope::Namespaced)
        .inNamespace(cronJob.namespaceName())
        .create(jobFromCronJob(cronJob, jobName), options);
}

ObjectReply *ObjectActions::setSuspended(const QString &ns,
                                         const QString &cronJob,
                                         bool suspended,
                                         const PatchOptions &options) const
{
    return m_client
        ->resource({ QStringLiteral("batch"), QStringLiteral("v1"), QStringLiteral("cronjobs") },
                   ResourceScope::Namespaced)
        .inNamespace(ns)
        .patch(cronJob, PatchType::Merge, suspendPatch(suspended), options);
}

QByteArray ObjectActions::scalePatch(qint64 replicas)
{
    return compact(
        { { QStringLiteral("spec"), QJsonObject { { QStringLiteral("replicas"), replicas } } } });
}

QString ObjectActions::rfc3339(const QDateTime &at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'Z';
}

QByteArray ObjectActions::restartPatch(const QDateTime &at)
{
    const QJsonObject annotations { { QStringLiteral("kubectl.kubernetes.io/restartedAt"),
                                      rfc3339(at) } };
    return compact(
        { { QStringLiteral("spec"),
            QJsonObject { { QStringLiteral("template"),
                            QJsonObject { { QStringLiteral("metadata"),
                                            QJsonObject { { QStringLiteral("annotations"),
                                                            annotations } } } } } } } });
}

QByteArray ObjectActions::unschedulablePatch(bool unschedulable)
{
    // kubectl uncordon removes the field (null) rather than writing false.
    return compact({ { QStringLiteral("spec"),
                       QJsonObject { { QStringLiteral("unschedulable"),
                                       unschedulable ? QJsonValue(true)
                                                     : QJsonValue(QJsonValue::Null) } } } });
}

QByteArray ObjectActions::suspendPatch(bool suspended)
{
    return compact(
        { { QStringLiteral("spec"), QJsonObject { { QStringLiteral("suspend"), suspended } } } });
}

QJsonObject
ObjectActions::eviction(const QString &ns, const QString &pod, const DeleteOptions &options)
{
    QJsonObject e { { QStringLiteral("apiVersion"), QStringLiteral("policy/v1") },
                    { QStringLiteral("kind"), QStringLiteral("Eviction") },
                    { QStringLiteral("metadata"),
                      QJsonObject { { QStringLiteral("name"), pod },
                                    { QStringLiteral("namespace"), ns } } } };
    QJsonObject opts = options.toJson();
    opts.remove(QStringLiteral("kind"));
    opts.remove(QStringLiteral("apiVersion"));
    if (!opts.isEmpty())
        e.insert(QStringLiteral("deleteOptions"), opts);
    return e;
}

Unstructured ObjectActions::jobFromCronJob(const Unstructured &cronJob, const QString &jobName)
{
    const QJsonObject jobTemplate
        = cronJob.nestedObject({ QStringLiteral("spec"), QStringLiteral("jobTemplate") })
              .value_or(QJsonObject());
    const QJsonObject templateMeta = jobTemplate.value(QStringLiteral("metadata")).toObject();
    QJsonObject annotations = templateMeta.value(QStringLiteral("annotations")).toObject();
    annotations.insert(QStringLiteral("cronjob.kubernetes.io/instantiate"),
                       QStringLiteral("manual"));
    QJsonObject meta { { QStringLiteral("name"), jobName },
                       { QStringLiteral("namespace"), cronJob.namespaceName() },
                       { QStringLiteral("annotations"), annotations } };
    if (templateMeta.contains(QStringLiteral("labels")))
        meta.insert(QStringLiteral("labels"), templateMeta.value(QStringLiteral("labels")));
    meta.insert(
        QStringLiteral("ownerReferences"),
        QJsonArray { QJsonObject { { QStringLiteral("apiVersion"), QStringLiteral("batch/v1") },
                                   { QStringLiteral("kind"), QStringLiteral("CronJob") },
                                   { QStringLiteral("name"), cronJob.name() },
                                   { QStringLiteral("uid"), cronJob.uid() },
                                   { QStringLiteral("controller"), true } } });
    QJsonObject job { { QStringLiteral("apiVersion"), QStringLiteral("batch/v1") },
                      { QStringLiteral("kind"), QStringLiteral("Job") },
                      { QStringLiteral("metadata"), meta },
                      { QStringLiteral("spec"), jobTemplate.value(QStringLiteral("spec")) } };
    return Unstructured(job);
}

bool ObjectActions::canRestart(const QString &group, const QString &kind)
{
    return group == QLatin1String("apps")
        && (kind == QLatin1String("Deployment") || kind == QLatin1String("StatefulSet")
            || kind == QLatin1String("DaemonSet"));
}

bool ObjectActions::canScale(const QString &group, const QString &kind)
{
    return group == QLatin1String("apps")
        && (kind == QLatin1String("Deployment") || kind == QLatin1String("StatefulSet")
            || kind == QLatin1String("ReplicaSet"));
}

} // namespace kube
