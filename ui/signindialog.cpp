#include "signindialog.h"

#include "config/execpluginmonitor.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace kube::ui {

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
    , m_heading(new QLabel(this))
    , m_output(new QTextBrowser(this))
    , m_input(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_cancel(new QPushButton(tr("Cancel sign-in"), this))
    , m_again(new QPushButton(tr("Sign in again"), this))
    , m_close(new QPushButton(tr("Close"), this))
    , m_showTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Signing in"));
    setModal(false);
    m_heading->setWordWrap(true);
    m_output->setObjectName(QStringLiteral("signInOutput"));
    m_output->setOpenExternalLinks(true);
    m_output->setMinimumSize(520, 180);
    m_input->setObjectName(QStringLiteral("signInInput"));
    m_input->setPlaceholderText(tr("Type what the sign-in asks for, then Enter"));
    m_input->setVisible(false);
    m_send->setVisible(false);
    m_cancel->setObjectName(QStringLiteral("signInCancel"));
    m_again->setObjectName(QStringLiteral("signInAgain"));

    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_send);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_again);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_output, 1);
    layout->addLayout(inputRow);
    layout->addLayout(buttons);

    m_showTimer->setSingleShot(true);
    m_showTimer->setInterval(700); // quick silent helpers never flash a window
    connect(m_showTimer, &QTimer::timeout, this, [this] {
        if (ExecPluginMonitor::instance()->isRunning(m_run))
            show();
    });
    connect(m_input, &QLineEdit::returnPressed, this, &SignInDialog::sendInput);
    connect(m_send, &QPushButton::clicked, this, &SignInDialog::sendInput);
    connect(m_cancel, &QPushButton::clicked, this,
            [this] { ExecPluginMonitor::instance()->cancel(m_run); });
    connect(m_again, &QPushButton::clicked, this, &SignInDialog::signInAgainRequested);
    connect(m_close, &QPushButton::clicked, this, &QDialog::hide);

    auto *monitor = ExecPluginMonitor::instance();
    connect(monitor, &ExecPluginMonitor::started, this, &SignInDialog::onStarted);
    connect(monitor, &ExecPluginMonitor::output, this, &SignInDialog::onOutput);
    connect(monitor, &ExecPluginMonitor::finished, this, &SignInDialog::onFinished);
}

SignInDialog::~SignInDialog() = default;

QString SignInDialog::toHtml(const QString &text)
{
    QString html = text.toHtmlEscaped();
    static const QRegularExpression url(QStringLiteral(R"((https?://[^\s<>"']+[^\s<>"'.,;:!?)]))"));
    html.replace(url, QStringLiteral(R"(<a href="\1">\1</a>)"));
    // Device codes: "enter the code ABCD-EFGH", "code: XYZ123".
    static const QRegularExpression code(
        QStringLiteral(R"(((?:code|Code|CODE)[:\s]+)([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*))"));
    html.replace(code, QStringLiteral(R"(\1<b><big>\2</big></b>)"));
    html.replace(u'\n', QStringLiteral("<br>"));
    return html;
}

void SignInDialog::onStarted(quint64 run,
                             const QString &user,
                             const QString &command,
                             bool acceptsInput)
{
    m_run = run;
    m_transcript.clear();
    m_output->clear();
    m_heading->setText(tr("Getting credentials for <b>%1</b> with <code>%2</code>…")
                           .arg(user.toHtmlEscaped(), command.toHtmlEscaped()));
    m_input->setVisible(acceptsInput);
    m_send->setVisible(acceptsInput);
    m_input->setEnabled(true);
    m_cancel->setEnabled(true);
    m_again->setEnabled(false);
    if (acceptsInput) {
        show();
        m_input->setFocus();
    } else {
        m_showTimer->start();
    }
}

void SignInDialog::onOutput(quint64 run, const QString &text)
{
    if (run != m_run)
        return;
    m_transcript += text;
    m_output->setHtml(toHtml(m_transcript));
    show();
}

void SignInDialog::onFinished(quint64 run, bool ok, const QString &message)
{
    if (run != m_run)
        return;
    m_showTimer->stop();
    m_cancel->setEnabled(false);
    m_again->setEnabled(true);
    m_input->setEnabled(false);
    if (ok) {
        m_heading->setText(tr("Signed in."));
        hide();
        return;
    }
    m_heading->setText(tr("Sign-in failed: %1").arg(message.section(u'\n', 0, 0).toHtmlEscaped()));
    m_output->setHtml(toHtml(m_transcript.isEmpty() ? message : m_transcript));
    if (isVisible() || !m_transcript.isEmpty())
        show();
}

void SignInDialog::sendInput()
{
    ExecPluginMonitor::instance()->writeInput(m_run, m_input->text().toUtf8() + '\n');
    m_transcript += m_input->echoMode() == QLineEdit::Normal ? m_input->text() + u'\n'
                                                             : QStringLiteral("\n");
    m_output->setHtml(toHtml(m_transcript));
    m_input->clear();
}

} // namespace kube::ui
