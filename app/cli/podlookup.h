#pragma once

#include "api/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace kube::cli {

class CliContext;

/*!
 * What logs, exec and port-forward need to find their pod as kubectl does: a pod by name,
 * the pods of a selector, and the pod behind TYPE/NAME (deployment, statefulset, daemonset,
 * replicaset, job, service): the first by kubectl's logging order (running, ready, newest).
 */
class PodLookup
{
public:
    explicit PodLookup(CliContext &context);

    Result<QJsonObject> pod(const QString &ns, const QString &name);
    Result<QList<QJsonObject>> pods(const QString &ns, const QString &selector);
    //! NAME, pod/NAME or TYPE/NAME; \a note gets "Found 3 pods, using pod/web-x" when several.
    Result<QJsonObject> resolve(const QString &ns, const QString &target, QString *note);
    //! The selector of a workload or service as a label selector string ("" = none).
    Result<QString> selectorFor(const QString &ns, const QString &target);

    //! Containers, init containers ("NAME (init)") for messages.
    static QStringList containerNames(const QJsonObject &pod);
    static QStringList allContainerNames(const QJsonObject &pod, bool withInit);
    /*!
     * The container kubectl uses without -c: the only one, the default-container annotation,
     * else the first with \a note = "Defaulted container \"a\" out of: a, b".
     */
    static QString defaultContainer(const QJsonObject &pod, QString *note);
    static QString name(const QJsonObject &object);

private:
    Result<QJsonObject> get(const QString &group,
                            const QString &version,
                            const QString &resource,
                            const QString &ns,
                            const QString &name);

    CliContext &m_context;
};

} // namespace kube::cli
