#pragma once

#include "objectfacts.h"
#include "rest/restconfig.h"

#include <QObject>

class QAction;
class QDialog;
class QWidget;

namespace kube::ui {

class LogsPanel;
class ObjectDetailsView;
class PortForwardManager;
class PortForwardsPanel;
class RunCommandPanel;

/*!
 * Logs, shell, run command and port-forward for the main window: adds the Logs and Run
 * command tabs to the details pane (shown for the kinds they apply to), the actions Open
 * shell, Forward port… and Port forwards, and owns the PortForwardManager, so forwards outlive
 * whatever the window shows (another object, namespace or context).
 */
class StreamsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamsController)

public:
    StreamsController(ObjectDetailsView *details, QWidget *window);
    ~StreamsController() override;

    //! A new cluster session: what the next streams connect to, and what Open shell passes
    //! to kubrowser-cli (the kubeconfig path, empty for the default, and the context).
    void setSession(const RestConfig &config, const QString &kubeconfig, const QString &context);
    //! The object in the details pane (again on every update of it).
    void setObject(const ObjectFacts &object);
    void clearObject();
    //! Workload logs of any label selector in \a ns (the Logs tab opens on them).
    void showSelectorLogs(const QString &ns, const QString &selector);

    QList<QAction *> actions() const;
    QAction *shellAction() const { return m_shell; }
    QAction *forwardAction() const { return m_forward; }
    QAction *forwardsAction() const { return m_forwards; }

    LogsPanel *logs() const { return m_logs; }
    RunCommandPanel *runCommand() const { return m_run; }
    PortForwardManager *portForwards() const { return m_manager; }
    PortForwardsPanel *portForwardsPanel() const { return m_forwardsPanel; }
    QDialog *portForwardsDialog() const { return m_forwardsDialog; }

    //! Opens the terminal for the current pod; false with the reason in message().
    bool openShell();

signals:
    //! For the status bar.
    void message(const QString &text);

private:
    void updateTabs();

    ObjectDetailsView *m_details; // Not owned.
    QWidget *m_window; // Not owned.
    RestConfig m_config;
    QString m_kubeconfig;
    QString m_context;
    ObjectFacts m_object;
    bool m_selectorLogs = false; // the Logs tab shows showSelectorLogs(), not m_object
    LogsPanel *m_logs; // Owned by the details tabs.
    RunCommandPanel *m_run; // Owned by the details tabs.
    PortForwardManager *m_manager; // Owned (child).
    QDialog *m_forwardsDialog; // Owned (child of the window).
    PortForwardsPanel *m_forwardsPanel; // Owned (child of the dialog).
    QAction *m_shell;
    QAction *m_forward;
    QAction *m_forwards;
};

} // namespace kube::ui
