#include "objectactionscontroller.h"

#include "deleteconfirmdialog.h"

#include "actions/accessreviewer.h"

#include <QAction>
#include <QInputDialog>
#include <QMessageBox>
#include <QWidget>

namespace kube::ui {

namespace {

const QList<ObjectAction> allActions { ObjectAction::Delete,         ObjectAction::Scale,
                                       ObjectAction::Restart,        ObjectAction::Cordon,
                                       ObjectAction::Uncordon,       ObjectAction::Evict,
                                       ObjectAction::TriggerCronJob, ObjectAction::SuspendCronJob,
                                       ObjectAction::ResumeCronJob };

ObjectRef refOf(const ResourceType &type, const ObjectRow &row)
{
    return {
        { type.group, type.version, type.resource }, type.kind, type.namespaced, row.ns, row.name
    };
}

} // namespace

ObjectActionsController::ObjectActionsController(QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_dialogParent(dialogParent)
    , m_reviewer(new AccessReviewer(nullptr, this))
    , m_runner(new ActionRunner(nullptr, this))
    , m_edit(new QAction(QIcon::fromTheme(QStringLiteral("document-edit")), tr("Edit YAML"), this))
    , m_create(new QAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("Create…"), this))
{
    m_edit->setObjectName(QStringLiteral("actionEdit"));
    m_create->setObjectName(QStringLiteral("actionCreate"));
    for (ObjectAction a : allActions) {
        auto *qa = new QAction(ActionRunner::title(a), this);
        qa->setObjectName(QStringLiteral("action") + ActionRunner::title(a).remove(u' '));
        connect(qa, &QAction::triggered, this, [this, a] { trigger(a); });
        m_actions.insert(a, qa);
    }
    m_actions.value(ObjectAction::Delete)->setShortcut(QKeySequence::Delete);
    connect(m_edit, &QAction::triggered, this, [this] {
        const QList<ObjectRef> refs = selectedRefs();
        if (!refs.isEmpty())
            emit editRequested(refs.first());
    });
    connect(m_create, &QAction::triggered, this, [this] {
        if (!m_type)
            return;
        ObjectRef ref { { m_type->group, m_type->version, m_type->resource },
                        m_type->kind,
                        m_type->namespaced,
                        m_rows.isEmpty() ? QString() : m_rows.first().ns,
                        {} };
        emit createRequested(ref);
    });
    connect(m_reviewer, &AccessReviewer::answered, this, &ObjectActionsController::refresh);
    connect(m_runner, &ActionRunner::finished, this,
            [this](const QStringList &lines, bool ok) { emit reported(lines.join(u'\n'), ok); });
    refresh();
}

ObjectActionsController::~ObjectActionsController() = default;

void ObjectActionsController::setClient(std::shared_ptr<DynamicClient> client)
{
    m_reviewer->setClient(client);
    m_runner->setClient(std::move(client));
    m_type.reset();
    m_rows.clear();
    refresh();
}

void ObjectActionsController::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    refresh();
}

void ObjectActionsController::setSelection(const ResourceType &type, const QList<ObjectRow> &rows)
{
    m_type = type;
    m_rows = rows;
    refresh();
}

QList<QAction *> ObjectActionsController::actions() const
{
    QList<QAction *> out { m_edit, m_create };
    for (ObjectAction a : allActions)
        out << m_actions.value(a);
    return out;
}

QList<ObjectRef> ObjectActionsController::selectedRefs() const
{
    QList<ObjectRef> out;
    if (!m_type)
        return out;
    for (const ObjectRow &row : m_rows)
        out << refOf(*m_type, row);
    return out;
}

void ObjectActionsController::applyAccess(QAction *a, const AccessCheck &check, const QString &what)
{
    const std::optional<bool> may = m_reviewer->allowed(check);
    if (!may) {
        a->setEnabled(false);
        a->setToolTip(tr("%1 — checking your permissions…").arg(what));
        return;
    }
    a->setEnabled(*may);
    a->setToolTip(*may ? what
                       : tr("%1 — not allowed: you lack the verb \"%2\" on %3")
                             .arg(what, check.verb, check.toString().section(u' ', 1)));
}

void ObjectActionsController::refresh()
{
    const QList<ObjectRef> refs = selectedRefs();
    const bool haveType = m_type.has_value();
    m_create->setVisible(!m_readOnly && haveType);
    if (haveType && !m_readOnly) {
        const AccessCheck create { QStringLiteral("create"),
                                   m_type->group,
                                   m_type->resource,
                                   {},
                                   m_rows.isEmpty() ? QString() : m_rows.first().ns };
        applyAccess(m_create, create, tr("Create a %1 from YAML").arg(m_type->kind));
    }
    m_edit->setVisible(!m_readOnly && refs.size() == 1);
    if (!m_readOnly && refs.size() == 1)
        applyAccess(m_edit,
                    AccessCheck { QStringLiteral("patch"),
                                  refs.first().gvr.group,
                                  refs.first().gvr.resource,
                                  {},
                                  refs.first().ns },
                    tr("Edit %1 as YAML, review the server's dry run, apply")
                        .arg(refs.first().displayName()));
    for (ObjectAction a : allActions) {
        QAction *qa = m_actions.value(a);
        const bool applies = !m_readOnly && !refs.isEmpty()
            && ActionRunner::appliesTo(a, m_type->group, m_type->kind);
        qa->setVisible(applies);
        if (!applies) {
            qa->setEnabled(false);
            continue;
        }
        const QString what = refs.size() == 1
            ? tr("%1 %2").arg(ActionRunner::title(a), refs.first().displayName())
            : tr("%1 %n objects", nullptr, int(refs.size())).arg(ActionRunner::title(a));
        // One check covers the selection: RBAC here is per resource and namespace.
        applyAccess(qa, ActionRunner::accessFor(a, refs.first()), what);
    }
}

void ObjectActionsController::trigger(ObjectAction action)
{
    const QList<ObjectRef> refs = selectedRefs();
    if (refs.isEmpty() || m_readOnly)
        return;
    ActionParameters p;
    if (action == ObjectAction::Delete) {
        QStringList names;
        for (const ObjectRef &r : refs)
            names << (r.ns.isEmpty() ? r.displayName() : r.ns + u'/' + r.displayName());
        DeleteConfirmDialog dialog(names, m_dialogParent);
        dialog.setObjectName(QStringLiteral("deleteConfirmDialog"));
        if (dialog.exec() != QDialog::Accepted)
            return;
        p.propagationPolicy = dialog.propagationPolicy();
    } else if (action == ObjectAction::Scale) {
        bool ok = false;
        const int replicas = QInputDialog::getInt(
            m_dialogParent, tr("Scale"),
            tr("Replicas for %1:")
                .arg(refs.size() == 1 ? refs.first().displayName()
                                      : tr("%n objects", nullptr, int(refs.size()))),
            1, 0, 100000, 1, &ok);
        if (!ok)
            return;
        p.replicas = replicas;
    } else if (action == ObjectAction::Evict || action == ObjectAction::Cordon) {
        QStringList names;
        for (const ObjectRef &r : refs)
            names << r.displayName();
        if (QMessageBox::question(m_dialogParent, ActionRunner::title(action),
                                  tr("%1 %2?").arg(ActionRunner::title(action), names.join(u", ")))
            != QMessageBox::Yes)
            return;
    }
    run(action, p);
}

void ObjectActionsController::run(ObjectAction action, const ActionParameters &parameters)
{
    m_runner->run(action, selectedRefs(), parameters);
}

} // namespace kube::ui
