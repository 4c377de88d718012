#include "settingsdialog.h"

#include "shelllauncher.h"
#include "uisettings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace kube::ui {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_watch(new QCheckBox(tr("Keep lists live (watch for changes)"), this))
    , m_restore(new QCheckBox(tr("Reopen the last context, namespace and resource on start"), this))
    , m_terminal(new QLineEdit(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_watch->setObjectName(QStringLiteral("watchListsBox"));
    m_restore->setObjectName(QStringLiteral("restoreSessionBox"));
    m_watch->setChecked(UiSettings::watchLists());
    m_restore->setChecked(UiSettings::restoreLastSession());
    m_terminal->setObjectName(QStringLiteral("terminalEdit"));
    m_terminal->setText(ShellLauncher::terminalSetting());
    m_terminal->setPlaceholderText(ShellLauncher::terminal());
    m_terminal->setToolTip(tr("The terminal Open shell starts, with arguments if needed (for "
                              "example konsole, gnome-terminal, xterm). Empty: $TERMINAL, else "
                              "x-terminal-emulator."));
    auto *forget = new QPushButton(tr("Forget column layouts"), this);
    forget->setObjectName(QStringLiteral("forgetColumnsButton"));
    auto *note = new QLabel(tr("Live lists apply to lists opened from now on."), this);
    note->setEnabled(false);
    connect(forget, &QPushButton::clicked, this, [this, forget] {
        m_forgetColumns = true;
        forget->setEnabled(false);
        forget->setText(tr("Column layouts will be forgotten"));
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_watch);
    layout->addWidget(note);
    layout->addWidget(m_restore);
    layout->addWidget(forget);
    auto *terminalForm = new QFormLayout;
    terminalForm->addRow(tr("Terminal for shells:"), m_terminal);
    layout->addLayout(terminalForm);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::accept()
{
    UiSettings::setWatchLists(m_watch->isChecked());
    UiSettings::setRestoreLastSession(m_restore->isChecked());
    ShellLauncher::setTerminalSetting(m_terminal->text());
    if (m_forgetColumns)
        QSettings().remove(QStringLiteral("columns"));
    QDialog::accept();
}

} // namespace kube::ui
