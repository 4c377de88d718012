#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace kube::ui {

//! Preferences: live lists, reopening the last context/namespace/resource, and forgetting
//! remembered column layouts. Stored with UiSettings when accepted.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    ~SettingsDialog() override;

    QCheckBox *watchListsBox() const { return m_watch; }
    QCheckBox *restoreSessionBox() const { return m_restore; }
    QLineEdit *terminalEdit() const { return m_terminal; }

    void accept() override;

private:
    QCheckBox *m_watch;
    QCheckBox *m_restore;
    QLineEdit *m_terminal;
    bool m_forgetColumns = false;
};

} // namespace kube::ui
