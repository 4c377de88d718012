#pragma once

#include "accesscheck.h"
#include "objectref.h"

#include "dynamic/dynamicclient.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace kube {

//! The one-click changes a UI offers on selected objects.
enum class ObjectAction {
    Delete,
    Scale,
    Restart,
    Cordon,
    Uncordon,
    Evict,
    TriggerCronJob,
    SuspendCronJob,
    ResumeCronJob,
};

//! What an action needs besides the objects.
struct ActionParameters
{
    qint64 replicas = -1; //!< Scale
    QString propagationPolicy
        = QStringLiteral("Background"); //!< Delete: Background, Foreground, Orphan
    bool dryRun = false;
};

/*!
 * Runs an ObjectAction on one or more objects with kubectl's requests (ObjectActions), and
 * knows what each action needs: which kinds it applies to and which RBAC verb (the
 * AccessCheck) the user must hold. finished() comes once per run() with one line per object,
 * worded as kubectl reports it ("deployment.apps/web scaled", "pod \"x\" deleted", or the
 * server's error).
 *
 * Lives on its client's thread; a new run() while one is in flight queues behind it.
 * \code
 * auto *runner = new kube::ActionRunner(dynamic, this);
 * connect(runner, &kube::ActionRunner::finished, bar, &StatusBar::showMessage);
 * runner->run(kube::ObjectAction::Delete, selected, {});
 * \endcode
 */
class ActionRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionRunner)

public:
    explicit ActionRunner(std::shared_ptr<DynamicClient> client, QObject *parent = nullptr);
    ~ActionRunner() override;

    void setClient(std::shared_ptr<DynamicClient> client);
    void
    run(ObjectAction action, const QList<ObjectRef> &objects, const ActionParameters &parameters);
    bool isBusy() const { return m_pending > 0; }

    //! Whether \a action makes sense for objects of \a kind in \a group.
    static bool appliesTo(ObjectAction action, const QString &group, const QString &kind);
    //! The permission \a action needs on \a ref's resource.
    static AccessCheck accessFor(ObjectAction action, const ObjectRef &ref);
    static QString title(ObjectAction action);

signals:
    //! \a lines: one per object, in order; \a ok: every object succeeded.
    void finished(const QStringList &lines, bool ok);

private:
    AsyncReply *start(ObjectAction action, const ObjectRef &ref, const ActionParameters &p);
    static QString successLine(ObjectAction action, const ObjectRef &ref, bool dryRun);

    std::shared_ptr<DynamicClient> m_client;
    QList<AsyncReply *> m_replies; // Owned.
    int m_pending = 0;
};

} // namespace kube

Q_DECLARE_METATYPE(kube::ObjectAction)
