#include "runcommandpanel.h"

#include "streams/remotecommand.h"
#include "themecolors.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QVBoxLayout>

namespace kube::ui {

namespace {

// Words as a POSIX shell splits them: 'single' and "double" quotes, backslash escapes. No
// expansion: the command runs in the container, where there may be no shell at all.
QStringList shellWords(const QString &command, bool *ok)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    *ok = true;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (quote == u'\'') {
            if (c == u'\'')
                quote = QChar();
            else
                word += c;
        } else if (quote == u'"') {
            if (c == u'"')
                quote = QChar();
            else if (c == u'\\' && i + 1 < command.size()
                     && QStringLiteral("\"\\$`").contains(command.at(i + 1)))
                word += command.at(++i);
            else
                word += c;
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            inWord = true;
        } else if (c == u'\\') {
            if (i + 1 < command.size())
                word += command.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (!quote.isNull())
        *ok = false;
    if (inWord)
        words << word;
    return words;
}

} // namespace

RunCommandPanel::RunCommandPanel(QWidget *parent)
    : QWidget(parent)
    , m_container(new QComboBox(this))
    , m_commandEdit(new QLineEdit(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_output(new QPlainTextEdit(this))
    , m_exit(new QLabel(this))
{
    setObjectName(QStringLiteral("runCommandPanel"));
    m_container->setObjectName(QStringLiteral("runContainer"));
    m_container->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_commandEdit->setObjectName(QStringLiteral("runCommandEdit"));
    m_commandEdit->setPlaceholderText(tr("A command, e.g. ls -l /  or  sh -c 'env | sort'"));
    m_commandEdit->setClearButtonEnabled(true);
    m_run->setObjectName(QStringLiteral("runCommandButton"));
    m_output->setObjectName(QStringLiteral("runOutput"));
    m_output->setReadOnly(true);
    m_output->setUndoRedoEnabled(false);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_exit->setObjectName(QStringLiteral("runExitCode"));
    m_exit->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exit->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_container);
    bar->addWidget(m_commandEdit, 1);
    bar->addWidget(m_run);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_output, 1);
    layout->addWidget(m_exit);

    const auto trigger = [this] {
        if (isRunning())
            cancel();
        else
            run(m_commandEdit->text());
    };
    connect(m_run, &QPushButton::clicked, this, trigger);
    connect(m_commandEdit, &QLineEdit::returnPressed, this, [this] {
        if (!isRunning())
            run(m_commandEdit->text());
    });
    clearTarget();
}

RunCommandPanel::~RunCommandPanel()
{
    if (m_command)
        m_command->disconnect(this);
}

void RunCommandPanel::setConfig(const RestConfig &config)
{
    cancel();
    m_config = config;
    m_haveConfig = true;
}

bool RunCommandPanel::setObject(const ObjectFacts &pod)
{
    if (pod.kind != QLatin1String("Pod")) {
        clearTarget();
        return false;
    }
    if (pod.ns == m_ns && pod.name == m_pod && m_container->count() == pod.containers.size())
        return true;
    cancel();
    m_ns = pod.ns;
    m_pod = pod.name;
    m_container->clear();
    for (const QString &c : pod.containers)
        m_container->addItem(c, c);
    m_container->setVisible(pod.containers.size() > 1);
    m_commandEdit->setEnabled(true);
    m_run->setEnabled(true);
    m_output->clear();
    m_exit->setText(tr("Runs in %1/%2 without a terminal; for an interactive shell use Open "
                       "shell.")
                        .arg(m_ns, m_pod));
    return true;
}

void RunCommandPanel::clearTarget()
{
    cancel();
    m_ns.clear();
    m_pod.clear();
    m_container->clear();
    m_commandEdit->setEnabled(false);
    m_run->setEnabled(false);
    m_exit->setText(tr("Select a pod to run a command in it."));
}

void RunCommandPanel::run(const QString &command)
{
    bool ok = true;
    const QStringList argv = shellWords(command, &ok);
    if (!ok) {
        m_exit->setText(tr("The command has an unterminated quote."));
        return;
    }
    if (argv.isEmpty() || m_pod.isEmpty() || !m_haveConfig)
        return;
    cancel();
    m_stdout.clear();
    m_stderr.clear();
    m_discarded = 0;
    m_exitCode = -1;
    m_output->clear();
    m_exit->setStyleSheet(QString());
    RemoteCommandOptions o;
    o.container = m_container->currentData().toString();
    o.command = argv;
    o.useStdin = false;
    m_command = RemoteCommand::exec(m_config, m_ns, m_pod, o, this);
    connect(m_command, &RemoteCommand::stdoutReceived, this,
            [this](const QByteArray &d) { append(d, false); });
    connect(m_command, &RemoteCommand::stderrReceived, this,
            [this](const QByteArray &d) { append(d, true); });
    connect(m_command, &RemoteCommand::finished, this, &RunCommandPanel::onFinished);
    m_run->setText(tr("Stop"));
    m_exit->setText(tr("Running %1…").arg(argv.join(u' ')));
}

void RunCommandPanel::cancel()
{
    if (!m_command)
        return;
    RemoteCommand *c = m_command;
    m_command = nullptr;
    c->disconnect(this);
    c->abort();
    c->deleteLater();
    m_run->setText(tr("Run"));
    m_exit->setText(tr("Stopped."));
}

void RunCommandPanel::append(const QByteArray &data, bool error)
{
    QByteArray &buffer = error ? m_stderr : m_stdout;
    const qsizetype room
        = std::max<qsizetype>(0, maxOutputBytes - m_stdout.size() - m_stderr.size());
    const QByteArray kept = data.left(room);
    m_discarded += data.size() - kept.size();
    if (kept.isEmpty())
        return;
    buffer += kept;
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    if (error)
        format.setForeground(ThemeColors::color(ThemeColors::Role::Error, palette()));
    cursor.insertText(QString::fromUtf8(kept), format);
}

void RunCommandPanel::onFinished()
{
    RemoteCommand *c = m_command;
    if (!c)
        return;
    m_command = nullptr;
    m_run->setText(tr("Run"));
    const Result<int> code = c->exitCode();
    c->deleteLater();
    QString note;
    if (m_discarded > 0)
        note = tr(" (%L1 bytes of output not shown)").arg(m_discarded);
    if (code) {
        m_exitCode = *code;
        m_exit->setText(tr("Exit code %1%2").arg(*code).arg(note));
        m_exit->setStyleSheet(ThemeColors::styleSheet(
            *code == 0 ? ThemeColors::Role::Ok : ThemeColors::Role::Error, palette()));
    } else {
        m_exitCode = -1;
        // A refused WebSocket upgrade carries no Status body: say what the code means here.
        const Error &e = code.error();
        QString why = e.message;
        if (e.httpCode == 404)
            why = tr("pod %1/%2 was not found (deleted or renamed?)").arg(m_ns, m_pod);
        else if (e.httpCode == 403)
            why = tr("you may not exec into pods in %1 (RBAC: create pods/exec); %2")
                      .arg(m_ns, e.message);
        m_exit->setText(tr("Could not run the command: %1").arg(why));
        m_exit->setStyleSheet(ThemeColors::styleSheet(ThemeColors::Role::Error, palette()));
    }
    emit commandFinished(m_exitCode);
}

} // namespace kube::ui
