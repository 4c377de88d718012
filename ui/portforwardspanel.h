#pragma once

#include "objectfacts.h"
#include "rest/restconfig.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace kube::ui {

class PortForwardManager;

/*!
 * The port-forward manager's face: a form to forward a port of the selected pod, Service or
 * workload (remote port from its declared ports or typed, local port chosen or automatic),
 * and the table of forwards with Stop, Open in browser (for HTTP ports) and Clear finished.
 * The forwards themselves belong to the PortForwardManager, not to this widget.
 */
class PortForwardsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortForwardsPanel)

public:
    explicit PortForwardsPanel(PortForwardManager *manager, QWidget *parent = nullptr);
    ~PortForwardsPanel() override;

    void setConfig(const RestConfig &config);
    //! The object whose ports the form offers (Pod, Service, workloads); others disable it.
    void setObject(const ObjectFacts &object);
    static bool canForward(const ObjectFacts &object);

    //! Starts forwarding \a remotePort (the object's port) from \a localPort (0 = automatic).
    int startForward(int remotePort, quint16 localPort);

    QComboBox *portBox() const { return m_port; }
    QSpinBox *localPortBox() const { return m_local; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *stopButton() const { return m_stop; }
    QPushButton *browserButton() const { return m_browser; }
    QTableView *table() const { return m_table; }

signals:
    void message(const QString &text);

private:
    int currentId() const;
    void updateButtons();

    PortForwardManager *m_manager; // Not owned.
    RestConfig m_config;
    bool m_haveConfig = false;
    ObjectFacts m_object;
    QLabel *m_target;
    QComboBox *m_port;
    QSpinBox *m_local;
    QPushButton *m_start;
    QTableView *m_table;
    QPushButton *m_stop;
    QPushButton *m_browser;
    QPushButton *m_clear;
};

} // namespace kube::ui
