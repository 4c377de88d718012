#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace kube::ui {

/*!
 * Shows a running exec credential plugin to the user (ExecPluginMonitor): what it prints on
 * stderr, live (device-code logins print a URL and a code: the URL is a clickable link, the
 * code stands out), a Cancel that stops it, and "Sign in again" that reruns it. A plugin with
 * interactiveMode Always or IfAvailable gets an input line whose text goes to its stdin.
 *
 * Silent, quick plugins (most token helpers) never show it: it appears only once the plugin
 * prints something or still runs after a moment.
 */
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    explicit SignInDialog(QWidget *parent = nullptr);
    ~SignInDialog() override;

    QTextBrowser *output() const { return m_output; }
    QLineEdit *inputEdit() const { return m_input; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *signInAgainButton() const { return m_again; }
    //! The plugin run shown, 0 when none ran yet.
    quint64 currentRun() const { return m_run; }
    //! The plain text shown so far (what the plugin printed).
    QString transcript() const { return m_transcript; }

    //! Turns plugin output into HTML: links clickable, device codes emphasised.
    static QString toHtml(const QString &text);

signals:
    //! The user wants the plugin run again (the caller invalidates and reconnects).
    void signInAgainRequested();

private:
    void onStarted(quint64 run, const QString &user, const QString &command, bool acceptsInput);
    void onOutput(quint64 run, const QString &text);
    void onFinished(quint64 run, bool ok, const QString &message);
    void sendInput();

    QLabel *m_heading;
    QTextBrowser *m_output;
    QLineEdit *m_input;
    QPushButton *m_send;
    QPushButton *m_cancel;
    QPushButton *m_again;
    QPushButton *m_close;
    QTimer *m_showTimer;
    quint64 m_run = 0;
    QString m_transcript;
};

} // namespace kube::ui
