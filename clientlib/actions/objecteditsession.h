#pragma once

#include "objectref.h"
#include "textdiff.h"

#include "api/applyconflict.h"
#include "dynamic/dynamicclient.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace kube {

//! A server validation error placed on the YAML line it concerns.
struct LineError
{
    int line = 0; //!< 1-based
    QString field; //!< "spec.replicas"
    QString message;
};

/*!
 * Editing one object as YAML, the safe way: load() gives the object as an apply configuration
 * (status and server-owned metadata left out); review() asks the server for a dry run of the
 * server-side apply and diffs the live object against the result (managedFields hidden, which
 * only the server writes); apply() performs the server-side apply for field manager
 * "kubrowser", and apply(force) takes over fields other managers own. Conflicts come back as
 * ApplyConflict, validation errors (422) as LineError on the lines of the YAML, anything else
 * as a sentence. create() starts from a skeleton for a kind instead of a live object.
 *
 * The YAML parsing, JSON and HTTP live here so that widgets only pass text and show results.
 * Lives on its client's thread (the GUI thread: requests are asynchronous and bodies small).
 * \code
 * auto *edit = new kube::ObjectEditSession(dynamic, this);
 * connect(edit, &kube::ObjectEditSession::reviewed, view, &DiffView::show);
 * edit->load(ref);             // loaded(yaml)
 * edit->review(editor->toPlainText());
 * \endcode
 */
class ObjectEditSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectEditSession)

public:
    explicit ObjectEditSession(std::shared_ptr<DynamicClient> client, QObject *parent = nullptr);
    ~ObjectEditSession() override;

    void setClient(std::shared_ptr<DynamicClient> client);
    void setFieldManager(const QString &manager) { m_fieldManager = manager; }
    QString fieldManager() const { return m_fieldManager; }
    const ObjectRef &object() const { return m_ref; }
    bool isCreating() const { return m_creating; }
    bool isBusy() const { return m_reply != nullptr; }

    //! Fetches \a ref and emits loaded() with its editable YAML.
    void load(const ObjectRef &ref);
    //! Starts a new object of \a ref's kind (ref.name may be empty): loaded() with a skeleton.
    void create(const ObjectRef &ref);
    //! Server dry run of \a yaml; reviewed() with the diff against the live object.
    void review(const QString &yaml);
    //! Server-side apply of \a yaml; applied() with kubectl's one-line summary.
    void apply(const QString &yaml, bool force = false);

    //! The YAML a user edits for \a object: no status, no server-owned metadata.
    static QString editableYaml(const QJsonObject &object);
    //! YAML for showing an object in a diff: everything but managedFields.
    static QString displayYaml(const QJsonObject &object);
    //! A skeleton to create an object of \a ref's kind.
    static QString skeleton(const ObjectRef &ref);

signals:
    void loaded(const QString &yaml);
    void reviewed(const QList<kube::DiffLine> &diff, bool hasChanges);
    void applied(const QString &summary);
    void conflicted(const kube::ApplyConflict &conflict);
    void invalid(const QList<kube::LineError> &errors);
    void failed(const QString &message);

private:
    struct Parsed;
    std::optional<Parsed> parse(const QString &yaml);
    void send(const QString &yaml, bool dryRun, bool force);
    void finishApply(const Parsed &parsed, bool dryRun);
    void abortPending();

    std::shared_ptr<DynamicClient> m_client;
    ObjectRef m_ref;
    bool m_creating = false;
    QString m_fieldManager = QStringLiteral("kubrowser");
    QPointer<AsyncReply> m_reply; // Owned while in flight.
    QPointer<AsyncReply> m_liveReply; // Owned while in flight.
};

} // namespace kube

Q_DECLARE_METATYPE(kube::LineError)
Q_DECLARE_METATYPE(kube::ApplyConflict)
