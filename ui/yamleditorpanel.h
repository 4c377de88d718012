#pragma once

#include "actions/objecteditsession.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace kube::ui {

class YamlHighlighter;

/*!
 * Edit an object as YAML in the details pane: a syntax-coloured editor, Review (the server's
 * dry run of the apply, shown as a diff against the live object), Apply (server-side apply as
 * field manager "kubrowser"). A conflict lists the other managers and their fields and offers
 * "Force apply" as an explicit choice; validation errors are listed with their line and the
 * lines are marked in the editor. Also used to create an object from a skeleton.
 *
 * Widgets only: parsing, JSON and HTTP happen in kube::ObjectEditSession.
 */
class YamlEditorPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(YamlEditorPanel)

public:
    explicit YamlEditorPanel(QWidget *parent = nullptr);
    ~YamlEditorPanel() override;

    //! Not owned; must outlive the panel or be replaced first.
    void setSession(ObjectEditSession *session);
    ObjectEditSession *session() const { return m_session; }
    void edit(const ObjectRef &ref);
    void create(const ObjectRef &ref);

    QPlainTextEdit *editor() const { return m_editor; }
    QPlainTextEdit *diffView() const { return m_diff; }
    QListWidget *errorList() const { return m_errors; }
    QPushButton *reviewButton() const { return m_review; }
    QPushButton *applyButton() const { return m_apply; }
    QLabel *statusLabel() const { return m_status; }
    //! Lines (1-based) marked as invalid in the editor.
    QList<int> markedLines() const { return m_markedLines; }

signals:
    void applied(const QString &summary);
    //! A conflict dialog is about to be shown (for tests and screenshots).
    void conflictShown();

private:
    void showDiff(const QList<kube::DiffLine> &diff, bool hasChanges);
    void showConflict(const kube::ApplyConflict &conflict);
    void showInvalid(const QList<kube::LineError> &errors);
    void setStatus(const QString &text, bool error);
    void setBusy(bool busy);
    void markLines(const QList<int> &lines);

    ObjectEditSession *m_session = nullptr; // Not owned.
    QPlainTextEdit *m_editor;
    YamlHighlighter *m_highlighter; // Owned (child of the document).
    QPlainTextEdit *m_diff;
    QListWidget *m_errors;
    QPushButton *m_review;
    QPushButton *m_apply;
    QPushButton *m_revert;
    QLabel *m_status;
    QList<int> m_markedLines;
    QString m_loadedText;
};

} // namespace kube::ui
