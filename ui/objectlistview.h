#pragma once

#include "errorhint.h"
#include "listlivestate.h"
#include "objectrow.h"
#include "resourcetype.h"
#include "rowbatch.h"

#include <QSet>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace kube::ui {

class ObjectFilterProxy;
class ObjectListModel;

/*!
 * The central object list: a title with the count, a text filter, a label-selector field
 * (server-side; Enter re-lists), a column chooser (wide columns hidden by default, as
 * `kubectl get` without -o wide), a progress bar with a cancel button while pages arrive,
 * and a virtualised QTableView. Errors replace the table with what happened and what to do.
 *
 * It shows data; MainWindow drives the loading (ClusterSession list jobs) through the
 * begin/append/finish calls.
 */
class ObjectListView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectListView)

public:
    explicit ObjectListView(QWidget *parent = nullptr);
    ~ObjectListView() override;

    ObjectListModel *model() const { return m_model; }
    ObjectFilterProxy *proxy() const { return m_proxy; }
    QTableView *tableView() const { return m_table; }
    //! Takes the header's shown/hidden columns (e.g. a restored layout) as the user's choice.
    void adoptHeaderVisibility();
    //! Fills \a menu with one checkable entry per column (the Columns button's menu).
    void populateColumnMenu(QMenu *menu);
    QLineEdit *filterEdit() const { return m_filter; }
    QLineEdit *labelSelectorEdit() const { return m_selector; }
    QProgressBar *progressBar() const { return m_progress; }
    QString labelSelector() const;

    //! Starts a new list of \a resource in \a ns ("" = all namespaces / cluster-scoped).
    void beginLoading(const ResourceType &resource, const QString &ns);
    void setColumns(const QList<TableColumn> &columns);
    void appendRows(QList<ObjectRow> rows);
    //! An informer batch applied in place: selection, scroll position, sort and filter stay.
    void applyBatch(const RowBatch &batch);
    //! Live / loading / reconnecting in N s — stale since HH:MM (why), beside the title.
    void setLiveState(const ListLiveState &state);
    const ListLiveState &liveState() const { return m_liveState; }
    QLabel *liveLabel() const { return m_liveLabel; }
    //! \a remaining: the server's remainingItemCount estimate, -1 when unknown.
    void setProgress(qint64 loaded, qint64 remaining);
    void finishLoading();
    void showError(const ErrorHint &hint);
    void showMessage(const QString &message);
    bool isLoading() const { return m_loading; }
    //! The selected object as (namespace, name), empty when none.
    std::optional<ObjectRow> currentRow() const;
    //! Selects the row whose object has \a uid; false when not in the (filtered) list.
    bool selectUid(const QString &uid);

signals:
    void currentObjectChanged(const kube::ui::ObjectRow &row);
    void labelSelectorChanged(const QString &selector);
    void cancelRequested();
    void reloadRequested();

private:
    void applyColumnVisibility();
    void fitColumns();
    void updateTitle();
    void showColumnMenu();
    void updateLiveLabel();

    ObjectListModel *m_model; // Owned (QObject child).
    ObjectFilterProxy *m_proxy; // Owned (QObject child).
    QLabel *m_title;
    QLineEdit *m_filter;
    QLineEdit *m_selector;
    QToolButton *m_columnsButton;
    QToolButton *m_reloadButton;
    QProgressBar *m_progress;
    QToolButton *m_cancelButton;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QLabel *m_message;
    QTimer *m_filterTimer;
    QTimer *m_ageTimer;
    QLabel *m_liveLabel;
    QTimer *m_liveTimer; // counts "reconnecting in N s" down
    ListLiveState m_liveState;
    ResourceType m_resource;
    QString m_namespace;
    QSet<QString> m_shownWideColumns; // wide (priority > 0) columns the user switched on
    QSet<QString> m_hiddenColumns; // normal columns the user switched off
    bool m_loading = false;
    bool m_columnsFitted = false;
};

} // namespace kube::ui
