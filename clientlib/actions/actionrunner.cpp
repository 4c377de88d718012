#include "actionrunner.h"

#include "objectactions.h"

#include <QDateTime>

#include <memory>

namespace kube {

ActionRunner::ActionRunner(std::shared_ptr<DynamicClient> client, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
{ }

ActionRunner::~ActionRunner()
{
    qDeleteAll(m_replies);
}

void ActionRunner::setClient(std::shared_ptr<DynamicClient> client)
{
    qDeleteAll(std::exchange(m_replies, {}));
    m_pending = 0;
    m_client = std::move(client);
}

bool ActionRunner::appliesTo(ObjectAction action, const QString &group, const QString &kind)
{
    switch (action) {
    case ObjectAction::Delete:
        return true;
    case ObjectAction::Scale:
        return ObjectActions::canScale(group, kind);
    case ObjectAction::Restart:
        return ObjectActions::canRestart(group, kind);
    case ObjectAction::Cordon:
    case ObjectAction::Uncordon:
        return group.isEmpty() && kind == QLatin1String("Node");
    case ObjectAction::Evict:
        return group.isEmpty() && kind == QLatin1String("Pod");
    case ObjectAction::TriggerCronJob:
    case ObjectAction::SuspendCronJob:
    case ObjectAction::ResumeCronJob:
        return group == QLatin1String("batch") && kind == QLatin1String("CronJob");
    }
    return false;
}

AccessCheck ActionRunner::accessFor(ObjectAction action, const ObjectRef &ref)
{
    AccessCheck c { QStringLiteral("patch"), ref.gvr.group, ref.gvr.resource, {}, ref.ns };
    switch (action) {
    case ObjectAction::Delete:
        c.verb = QStringLiteral("delete");
        break;
    case ObjectAction::Scale:
        c.subresource = QStringLiteral("scale");
        break;
    case ObjectAction::Evict:
        c.verb = QStringLiteral("create");
        c.subresource = QStringLiteral("eviction");
        break;
    case ObjectAction::TriggerCronJob:
        c = {
            QStringLiteral("create"), QStringLiteral("batch"), QStringLiteral("jobs"), {}, ref.ns
        };
        break;
    default:
        break;
    }
    return c;
}

QString ActionRunner::title(ObjectAction action)
{
    switch (action) {
    case ObjectAction::Delete:
        return tr("Delete");
    case ObjectAction::Scale:
        return tr("Scale");
    case ObjectAction::Restart:
        return tr("Restart");
    case ObjectAction::Cordon:
        return tr("Cordon");
    case ObjectAction::Uncordon:
        return tr("Uncordon");
    case ObjectAction::Evict:
        return tr("Evict");
    case ObjectAction::TriggerCronJob:
        return tr("Trigger now");
    case ObjectAction::SuspendCronJob:
        return tr("Suspend");
    case ObjectAction::ResumeCronJob:
        return tr("Resume");
    }
    return {};
}

QString ActionRunner::successLine(ObjectAction action, const ObjectRef &ref, bool dryRun)
{
    QString kind = ref.kind.toLower();
    if (!ref.gvr.group.isEmpty())
        kind += u'.' + ref.gvr.group;
    const QString suffix = dryRun ? QStringLiteral(" (server dry run)") : QString();
    switch (action) {
    case ObjectAction::Delete:
        return QStringLiteral("%1 \"%2\" deleted%3").arg(kind, ref.name, suffix);
    case ObjectAction::Scale:
        return ref.displayName() + QStringLiteral(" scaled") + suffix;
    case ObjectAction::Restart:
        return ref.displayName() + QStringLiteral(" restarted") + suffix;
    case ObjectAction::Cordon:
        return ref.displayName() + QStringLiteral(" cordoned") + suffix;
    case ObjectAction::Uncordon:
        return ref.displayName() + QStringLiteral(" uncordoned") + suffix;
    case ObjectAction::Evict:
        return QStringLiteral("evicting pod %1/%2").arg(ref.ns, ref.name) + suffix;
    case ObjectAction::TriggerCronJob:
        return QStringLiteral("job.batch created from %1").arg(ref.displayName()) + suffix;
    case ObjectAction::SuspendCronJob:
        return ref.displayName() + QStringLiteral(" suspended") + suffix;
    case ObjectAction::ResumeCronJob:
        return ref.displayName() + QStringLiteral(" resumed") + suffix;
    }
    return {};
}

AsyncReply *
ActionRunner::start(ObjectAction action, const ObjectRef &ref, const ActionParameters &p)
{
    ObjectActions actions(m_client);
    PatchOptions patch;
    patch.fieldManager = QStringLiteral("kubrowser");
    if (p.dryRun)
        patch.dryRun = { QStringLiteral("All") };
    switch (action) {
    case ObjectAction::Delete: {
        DeleteOptions d;
        d.propagationPolicy = p.propagationPolicy;
        d.dryRun = patch.dryRun;
        return m_client->resource(ref.gvr).inNamespace(ref.ns).deleteObject(ref.name, d);
    }
    case ObjectAction::Scale:
        return actions.scale(ref.gvr, ref.ns, ref.name, p.replicas, patch);
    case ObjectAction::Restart:
        return actions.restart(ref.gvr, ref.ns, ref.name, QDateTime::currentDateTimeUtc(), patch);
    case ObjectAction::Cordon:
    case ObjectAction::Uncordon:
        return actions.setUnschedulable(ref.name, action == ObjectAction::Cordon, patch);
    case ObjectAction::Evict: {
        DeleteOptions d;
        d.dryRun = patch.dryRun;
        return actions.evict(ref.ns, ref.name, d);
    }
    case ObjectAction::SuspendCronJob:
    case ObjectAction::ResumeCronJob:
        return actions.setSuspended(ref.ns, ref.name, action == ObjectAction::SuspendCronJob,
                                    patch);
    case ObjectAction::TriggerCronJob:
        break;
    }
    return nullptr;
}

void ActionRunner::run(ObjectAction action,
                       const QList<ObjectRef> &objects,
                       const ActionParameters &parameters)
{
    if (objects.isEmpty()) {
        emit finished({}, true);
        return;
    }
    struct Batch
    {
        QStringList lines;
        int left = 0;
        bool ok = true;
    };
    auto batch = std::make_shared<Batch>();
    batch->lines.resize(objects.size());
    batch->left = int(objects.size());
    ++m_pending;
    const auto done = [this, batch](qsizetype i, const QString &line, bool ok) {
        batch->lines[i] = line;
        batch->ok = batch->ok && ok;
        if (--batch->left == 0) {
            --m_pending;
            emit finished(batch->lines, batch->ok);
        }
    };
    for (qsizetype i = 0; i < objects.size(); ++i) {
        const ObjectRef ref = objects.at(i);
        if (action == ObjectAction::TriggerCronJob) {
            // Fetch the CronJob, then create the Job from its template (as kubectl create job).
            ObjectReply *get = m_client->resource(ref.gvr).inNamespace(ref.ns).get(ref.name);
            m_replies.append(get);
            connect(get, &AsyncReply::finished, this, [this, get, ref, i, done, parameters] {
                m_replies.removeOne(get);
                get->deleteLater();
                if (!get->hasValue()) {
                    done(i, get->error().toString(), false);
                    return;
                }
                const QString jobName = ref.name + QStringLiteral("-manual-")
                    + QString::number(QDateTime::currentSecsSinceEpoch() % 100000);
                CreateOptions c;
                c.fieldManager = QStringLiteral("kubrowser");
                if (parameters.dryRun)
                    c.dryRun = { QStringLiteral("All") };
                ObjectReply *create
                    = ObjectActions(m_client).createJobFromCronJob(get->value(), jobName, c);
                m_replies.append(create);
                connect(create, &AsyncReply::finished, this,
                        [this, create, jobName, i, done, parameters] {
                            m_replies.removeOne(create);
                            create->deleteLater();
                            if (create->hasValue())
                                done(i,
                                     QStringLiteral("job.batch/%1 created").arg(jobName)
                                         + (parameters.dryRun ? QStringLiteral(" (server dry run)")
                                                              : QString()),
                                     true);
                            else
                                done(i, create->error().toString(), false);
                        });
            });
            continue;
        }
        AsyncReply *reply = start(action, ref, parameters);
        m_replies.append(reply);
        connect(reply, &AsyncReply::finished, this,
                [this, reply, action, ref, i, done, parameters] {
                    m_replies.removeOne(reply);
                    reply->deleteLater();
                    // Every reply type here is a ValueReply; only the error is read generically.
                    const RestResult &rest = reply->restResult();
                    const bool ok = rest.statusCode >= 200 && rest.statusCode < 300;
                    if (ok) {
                        done(i, successLine(action, ref, parameters.dryRun), true);
                        return;
                    }
                    QString message;
                    if (auto *o = dynamic_cast<ObjectReply *>(reply))
                        message = o->error().toString();
                    else if (auto *d = dynamic_cast<DeleteReply *>(reply))
                        message = d->error().toString();
                    done(i, message, false);
                });
    }
}

} // namespace kube
