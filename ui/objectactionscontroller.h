#pragma once

#include "objectrow.h"
#include "resourcetype.h"

#include "actions/actionrunner.h"

#include <QList>
#include <QMap>
#include <QObject>

#include <memory>

class QAction;
class QWidget;

namespace kube {
class AccessReviewer;
class DynamicClient;
} // namespace kube

namespace kube::ui {

/*!
 * The mutating actions on the selected objects, as QActions for the tool bar, the list's
 * context menu and the palette: Edit YAML, Create, Delete, Scale, Restart, Cordon, Uncordon,
 * Evict, Trigger/Suspend/Resume a CronJob. Each is shown only for kinds it applies to, and
 * enabled only when the server's access review says the user may: otherwise its tooltip names
 * the missing verb. Read-only mode (--read-only, or the per-context setting) hides them all.
 *
 * Confirms what needs confirming (delete names the objects and asks about dependents; scale
 * asks for the count), runs the action through kubeclient's ActionRunner and reports the
 * result (kubectl's wording) through reported().
 *
 * Lives on the GUI thread.
 */
class ObjectActionsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectActionsController)

public:
    explicit ObjectActionsController(QWidget *dialogParent, QObject *parent = nullptr);
    ~ObjectActionsController() override;

    //! A new cluster or user (context switch): forgets every permission answer.
    void setClient(std::shared_ptr<DynamicClient> client);
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    void setSelection(const ResourceType &type, const QList<ObjectRow> &rows);

    QList<QAction *> actions() const;
    QAction *action(ObjectAction action) const { return m_actions.value(action); }
    QAction *editAction() const { return m_edit; }
    QAction *createAction() const { return m_create; }
    AccessReviewer *accessReviewer() const { return m_reviewer; }
    ActionRunner *runner() const { return m_runner; }

    //! Runs \a action on the selection without dialogs (the dialogs call this).
    void run(ObjectAction action, const ActionParameters &parameters);

signals:
    void reported(const QString &text, bool ok);
    void editRequested(const kube::ObjectRef &ref);
    void createRequested(const kube::ObjectRef &ref);

private:
    void trigger(ObjectAction action);
    void refresh();
    QList<ObjectRef> selectedRefs() const;
    //! Enables \a a for \a check, or disables it with a tooltip naming the missing verb.
    void applyAccess(QAction *a, const AccessCheck &check, const QString &what);

    QWidget *m_dialogParent; // Not owned.
    AccessReviewer *m_reviewer; // Owned (QObject child).
    ActionRunner *m_runner; // Owned (QObject child).
    QMap<ObjectAction, QAction *> m_actions; // Owned (QObject children).
    QAction *m_edit; // Owned.
    QAction *m_create; // Owned.
    std::optional<ResourceType> m_type;
    QList<ObjectRow> m_rows;
    bool m_readOnly = false;
};

} // namespace kube::ui
