#pragma once

#include "errorhint.h"
#include "objectfacts.h"
#include "objectrow.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QPlainTextEdit;
class QTabWidget;
class QTableView;

namespace kube::ui {

class ObjectListModel;
class YamlHighlighter;

/*!
 * The selected object: key facts (name, namespace, age, labels, owner) above tabs with its
 * full YAML (monospace, syntax-coloured, read-only, selectable and copyable) and its events.
 */
class ObjectDetailsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectDetailsView)

public:
    explicit ObjectDetailsView(QWidget *parent = nullptr);
    ~ObjectDetailsView() override;

    void clear();
    void showLoading(const QString &kind, const QString &ns, const QString &name);
    //! Shows the object; called again when it changes (the reading position is kept).
    void setObject(const ObjectFacts &facts, const QString &yaml);
    //! The object was deleted on the server: says so above its last known state.
    void showDeleted();
    void showError(const ErrorHint &hint);
    void setEvents(const QList<TableColumn> &columns, QList<ObjectRow> rows);
    void showEventsError(const ErrorHint &hint);

    QString yamlText() const;
    QPlainTextEdit *yamlEdit() const { return m_yaml; }
    ObjectListModel *eventsModel() const { return m_eventsModel; }
    QTabWidget *tabs() const { return m_tabs; }
    QString factsText() const;
    //! "Reveal data" of a Secret (hidden when the object has nothing masked).
    QPushButton *revealButton() const { return m_reveal; }
    //! YAML larger than this is shown without colours (highlighting it would stall the GUI).
    static constexpr qsizetype maxHighlightedYaml = 1024 * 1024;
    bool isHighlighted() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void showYaml();

    QLabel *m_facts;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_yaml;
    YamlHighlighter *m_highlighter; // Owned (QObject child of the document).
    QTableView *m_events;
    ObjectListModel *m_eventsModel; // Owned (QObject child).
    QLabel *m_eventsMessage;
    QString m_shownUid;
    QLabel *m_yamlNote;
    QPushButton *m_reveal;
    QString m_rawYaml;
    bool m_isSecret = false;
    bool m_revealed = false;
};

} // namespace kube::ui
