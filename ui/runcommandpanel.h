#pragma once

#include "objectfacts.h"
#include "rest/restconfig.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace kube {
class RemoteCommand;
}

namespace kube::ui {

/*!
 * "Run command" for a pod: runs one non-interactive command in a container (exec without a
 * terminal, over kubeclient's RemoteCommand) and shows its stdout, its stderr (in the error
 * colour) and its exit code. For an interactive shell, use "Open shell" (a real terminal).
 */
class RunCommandPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunCommandPanel)

public:
    explicit RunCommandPanel(QWidget *parent = nullptr);
    ~RunCommandPanel() override;

    void setConfig(const RestConfig &config);
    //! A Pod: its containers become choices. False (and disabled) for other kinds.
    bool setObject(const ObjectFacts &pod);
    void clearTarget();

    //! Splits \a command into words like a shell would (quotes, escapes) and runs it.
    void run(const QString &command);
    void cancel();
    bool isRunning() const { return !m_command.isNull(); }

    QLineEdit *commandEdit() const { return m_commandEdit; }
    QComboBox *containerBox() const { return m_container; }
    QPushButton *runButton() const { return m_run; }
    QPlainTextEdit *output() const { return m_output; }
    QLabel *exitLabel() const { return m_exit; }
    QString stdoutText() const { return QString::fromUtf8(m_stdout); }
    QString stderrText() const { return QString::fromUtf8(m_stderr); }
    //! The last command's exit code; -1 while running or when it could not run.
    int exitCode() const { return m_exitCode; }

    //! Output kept per command (the rest is counted, not shown).
    static constexpr qsizetype maxOutputBytes = 4 * 1024 * 1024;

signals:
    void commandFinished(int exitCode);

private:
    void append(const QByteArray &data, bool error);
    void onFinished();

    RestConfig m_config;
    bool m_haveConfig = false;
    QString m_ns;
    QString m_pod;
    QPointer<RemoteCommand> m_command; // Owned (child) while it runs.
    QByteArray m_stdout;
    QByteArray m_stderr;
    qint64 m_discarded = 0;
    int m_exitCode = -1;

    QComboBox *m_container;
    QLineEdit *m_commandEdit;
    QPushButton *m_run;
    QPlainTextEdit *m_output;
    QLabel *m_exit;
};

} // namespace kube::ui
