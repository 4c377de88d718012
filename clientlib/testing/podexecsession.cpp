#include "podexecsession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace kube::testing {

namespace {

constexpr char stdinChannel = 0;
constexpr char stdoutChannel = 1;
constexpr char stderrChannel = 2;
constexpr char errorChannel = 3;
constexpr char resizeChannel = 4;
constexpr unsigned char closeChannel = 255;
// How long a container process takes to start (runc needs tens of milliseconds).
constexpr std::chrono::milliseconds processStartDelay { 30 };

} // namespace

PodExecSession::PodExecSession(QWebSocket *socket,
                               const QJsonObject &pod,
                               const QUrlQuery &query,
                               bool attach)
    : QObject(socket)
    , m_socket(socket)
    , m_pod(pod)
{
    const QJsonObject meta = pod.value(u"metadata"_s).toObject();
    m_podName = meta.value(u"name"_s).toString();
    const QJsonArray containers = pod.value(u"spec"_s).toObject().value(u"containers"_s).toArray();
    m_container = query.queryItemValue(u"container"_s);
    QJsonObject container = containers.first().toObject();
    for (const QJsonValue &c : containers) {
        if (c.toObject().value(u"name"_s).toString() == m_container)
            container = c.toObject();
    }
    m_container = container.value(u"name"_s).toString();
    auto flag = [&](const QString &k) {
        const QString v = query.queryItemValue(k).toLower();
        return v == u"true" || v == u"1";
    };
    m_v5 = socket->subprotocol() == u"v5.channel.k8s.io";
    m_tty = flag(u"tty"_s);
    m_stdin = flag(u"stdin"_s);
    m_stderr = flag(u"stderr"_s) && !m_tty; // a TTY merges stderr into stdout
    m_env << u"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"_s
          << u"HOSTNAME=%1"_s.arg(m_podName);
    for (const QJsonValue &e : container.value(u"env"_s).toArray()) {
        const QJsonObject o = e.toObject();
        m_env << o.value(u"name"_s).toString() + u'=' + o.value(u"value"_s).toString();
    }
    m_env << u"KUBERNETES_SERVICE_HOST=10.96.0.1"_s << u"KUBERNETES_SERVICE_PORT=443"_s
          << u"HOME=/root"_s;
    if (m_tty)
        m_env << u"TERM=xterm"_s;

    connect(socket, &QWebSocket::binaryMessageReceived, this, &PodExecSession::onMessage);
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);

    QStringList argv = query.allQueryItemValues(u"command"_s, QUrl::FullyDecoded);
    if (attach)
        argv = { u"sh"_s };
    // Now, not later: the handshake is answered, and stdin may follow at once. What the command
    // writes is held until the process "started" (start()).
    QTimer::singleShot(processStartDelay, this, &PodExecSession::start);
    m_mode = run(argv);
    if (m_mode == Mode::Done)
        QTimer::singleShot(0, this, [this] { finish(m_exitCode); });
}

PodExecSession::~PodExecSession() = default;

void PodExecSession::start()
{
    m_started = true;
    for (const QByteArray &frame : std::as_const(m_held))
        m_socket->sendBinaryMessage(frame);
    m_held.clear();
    if (m_closeWhenStarted)
        m_socket->close();
}

void PodExecSession::send(const QByteArray &frame)
{
    if (m_started)
        m_socket->sendBinaryMessage(frame);
    else
        m_held.append(frame);
}

void PodExecSession::closeSocket()
{
    if (m_started)
        m_socket->close();
    else
        m_closeWhenStarted = true;
}

void PodExecSession::out(const QByteArray &data)
{
    if (data.isEmpty() || m_finished)
        return;
    QByteArray d = data;
    if (m_tty) {
        d.replace("\r\n", "\n");
        d.replace('\n', "\r\n");
    }
    send(char(stdoutChannel) + d);
}

void PodExecSession::err(const QByteArray &data)
{
    if (data.isEmpty() || m_finished)
        return;
    if (!m_stderr) {
        out(data);
        return;
    }
    send(char(stderrChannel) + data);
}

void PodExecSession::finish(int exitCode)
{
    if (m_finished)
        return;
    QJsonObject status { { u"metadata"_s, QJsonObject {} } };
    if (exitCode == 0) {
        status.insert(u"status"_s, u"Success"_s);
    } else {
        status.insert(u"status"_s, u"Failure"_s);
        status.insert(
            u"message"_s,
            u"command terminated with non-zero exit code: error executing command, exit code %1"_s
                .arg(exitCode));
        status.insert(u"reason"_s, u"NonZeroExitCode"_s);
        status.insert(u"details"_s,
                      QJsonObject { { u"causes"_s,
                                      QJsonArray { QJsonObject {
                                          { u"reason"_s, u"ExitCode"_s },
                                          { u"message"_s, QString::number(exitCode) } } } } });
    }
    send(char(errorChannel) + QJsonDocument(status).toJson(QJsonDocument::Compact));
    m_finished = true;
    closeSocket();
}

void PodExecSession::failInternal(const QString &message)
{
    if (m_finished)
        return;
    const QJsonObject status { { u"metadata"_s, QJsonObject {} },
                               { u"status"_s, u"Failure"_s },
                               { u"message"_s, message },
                               { u"reason"_s, u"InternalError"_s },
                               { u"code"_s, 500 } };
    send(char(errorChannel) + QJsonDocument(status).toJson(QJsonDocument::Compact));
    m_finished = true;
    closeSocket();
}

void PodExecSession::onMessage(const QByteArray &message)
{
    if (message.isEmpty() || m_finished)
        return;
    const unsigned char channel = static_cast<unsigned char>(message.at(0));
    const QByteArray data = message.mid(1);
    if (channel == stdinChannel) {
        if (m_stdin)
            stdinData(data);
    } else if (channel == resizeChannel) {
        const QJsonObject size = QJsonDocument::fromJson(data).object();
        m_width = size.value(u"Width"_s).toInt(m_width);
        m_height = size.value(u"Height"_s).toInt(m_height);
        emit resized(m_width, m_height);
    } else if (channel == closeChannel && m_v5 && !data.isEmpty() && data.at(0) == stdinChannel) {
        stdinClosed();
    }
}

void PodExecSession::stdinData(const QByteArray &data)
{
    switch (m_mode) {
    case Mode::Cat:
        if (m_tty && data.contains('\x04')) {
            out(data.left(data.indexOf('\x04')));
            stdinClosed();
            return;
        }
        out(m_tty ? QByteArray(data).replace('\r', '\n') : data);
        return;
    case Mode::Shell:
        for (char c : data) {
            if (m_finished || m_shellExited)
                return;
            if (m_tty) {
                if (c == '\x04' && m_lineBuffer.isEmpty()) {
                    stdinClosed();
                    return;
                }
                if (c == '\x03') {
                    out("^C\n");
                    m_lineBuffer.clear();
                    prompt();
                    continue;
                }
                if (c == '\x7f' || c == '\b') {
                    if (!m_lineBuffer.isEmpty()) {
                        m_lineBuffer.chop(1);
                        send(QByteArray(1, stdoutChannel) + "\b \b");
                    }
                    continue;
                }
                if (c == '\r')
                    c = '\n';
                out(QByteArray(1, c)); // the terminal's echo
            }
            if (c == '\n') {
                const QString line = QString::fromUtf8(m_lineBuffer);
                m_lineBuffer.clear();
                runShellLine(line);
            } else {
                m_lineBuffer += c;
            }
        }
        return;
    case Mode::Done:
    case Mode::Sleep:
        return;
    }
}

void PodExecSession::stdinClosed()
{
    if (m_mode == Mode::Cat || m_mode == Mode::Shell) {
        if (m_mode == Mode::Shell && !m_lineBuffer.isEmpty()) {
            const QString line = QString::fromUtf8(m_lineBuffer);
            m_lineBuffer.clear();
            runShellLine(line);
        }
        if (!m_finished)
            finish(m_mode == Mode::Shell ? m_exitCode : 0);
    }
}

void PodExecSession::prompt()
{
    if (m_tty)
        out("/ # ");
}

void PodExecSession::runShellLine(const QString &line)
{
    ++m_scriptDepth;
    const bool goOn = runScript(line);
    --m_scriptDepth;
    if (!goOn) {
        m_shellExited = true;
        finish(m_exitCode);
        return;
    }
    prompt();
}

QStringList PodExecSession::tokenize(const QString &line) const
{
    QStringList tokens;
    QString cur;
    bool inToken = false;
    QChar quote;
    auto expand = [this](const QString &name) {
        if (name == u"?")
            return QString::number(m_exitCode);
        for (const QString &e : m_env) {
            if (e.startsWith(name + u'='))
                return e.mid(name.size() + 1);
        }
        return QString();
    };
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            } else if (c == u'$' && quote == u'"') {
                qsizetype j = i + 1;
                while (
                    j < line.size()
                    && (line.at(j).isLetterOrNumber() || line.at(j) == u'_' || line.at(j) == u'?'))
                    ++j;
                cur += expand(line.mid(i + 1, j - i - 1));
                i = j - 1;
            } else {
                cur += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inToken)
                tokens << cur;
            cur.clear();
            inToken = false;
            continue;
        }
        inToken = true;
        if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'$') {
            qsizetype j = i + 1;
            while (j < line.size()
                   && (line.at(j).isLetterOrNumber() || line.at(j) == u'_' || line.at(j) == u'?'))
                ++j;
            cur += expand(line.mid(i + 1, j - i - 1));
            i = j - 1;
        } else {
            cur += c;
        }
    }
    if (inToken)
        tokens << cur;
    return tokens;
}

bool PodExecSession::runScript(const QString &script)
{
    // Split on newlines and on ';' outside quotes.
    QStringList commands;
    QString cur;
    QChar quote;
    for (const QChar c : script) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            cur += c;
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            cur += c;
        } else if (c == u';' || c == u'\n') {
            commands << cur;
            cur.clear();
        } else {
            cur += c;
        }
    }
    commands << cur;
    for (const QString &command : std::as_const(commands)) {
        const QStringList argv = tokenize(command);
        if (argv.isEmpty())
            continue;
        if (argv.first() == u"exit") {
            m_exitCode = argv.size() > 1 ? argv.at(1).toInt() & 0xff : m_exitCode;
            return false;
        }
        if (run(argv) != Mode::Done) {
            // Only whole-session commands (cat from stdin, sh, sleep) are asynchronous; in a
            // script they have no stdin to read and end at once.
            m_mode = Mode::Shell;
            m_exitCode = 0;
        }
    }
    return true;
}

PodExecSession::Mode PodExecSession::run(const QStringList &argv)
{
    m_exitCode = 0;
    if (argv.isEmpty()) {
        failInternal(u"you must specify at least 1 command"_s);
        return Mode::Done;
    }
    const QString cmd = argv.first().section(u'/', -1);
    const QStringList args = argv.mid(1);
    if (cmd == u"echo") {
        QStringList words = args;
        const bool noNewline = !words.isEmpty() && words.first() == u"-n";
        if (noNewline)
            words.removeFirst();
        out(words.join(u' ').toUtf8() + (noNewline ? "" : "\n"));
    } else if (cmd == u"hostname") {
        out(m_podName.toUtf8() + '\n');
    } else if (cmd == u"env" || cmd == u"printenv") {
        if (cmd == u"printenv" && !args.isEmpty()) {
            bool found = false;
            for (const QString &e : std::as_const(m_env)) {
                if (e.startsWith(args.first() + u'=')) {
                    out(e.mid(args.first().size() + 1).toUtf8() + '\n');
                    found = true;
                }
            }
            m_exitCode = found ? 0 : 1;
        } else {
            out(m_env.join(u'\n').toUtf8() + '\n');
        }
    } else if (cmd == u"pwd") {
        out("/\n");
    } else if (cmd == u"id") {
        out("uid=0(root) gid=0(root) groups=0(root)\n");
    } else if (cmd == u"whoami") {
        out("root\n");
    } else if (cmd == u"true") {
    } else if (cmd == u"false") {
        m_exitCode = 1;
    } else if (cmd == u"stty" && args.value(0) == u"size") {
        if (!m_tty) {
            err("stty: standard input: Not a tty\n");
            m_exitCode = 1;
        } else {
            out(QByteArray::number(m_height) + ' ' + QByteArray::number(m_width) + '\n');
        }
    } else if (cmd == u"cat") {
        if (args.isEmpty()) {
            if (!m_stdin)
                return Mode::Done;
            return Mode::Cat;
        }
        for (const QString &file : args) {
            if (file == u"/etc/hostname") {
                out(m_podName.toUtf8() + '\n');
            } else {
                err("cat: can't open '" + file.toUtf8() + "': No such file or directory\n");
                m_exitCode = 1;
            }
        }
    } else if (cmd == u"sleep") {
        const double seconds = args.value(0).toDouble();
        if (m_scriptDepth > 0)
            return Mode::Done; // a script line: no session to keep open
        QTimer::singleShot(int(seconds * 1000), this, [this] { finish(0); });
        return Mode::Sleep;
    } else if (cmd == u"exit") {
        m_exitCode = args.value(0).toInt() & 0xff;
    } else if (cmd == u"sh" || cmd == u"bash" || cmd == u"ash") {
        if (args.value(0) == u"-c") {
            if (args.size() < 2) {
                err("sh: -c requires an argument\n");
                m_exitCode = 2;
            } else {
                ++m_scriptDepth;
                runScript(args.at(1));
                --m_scriptDepth;
            }
            return Mode::Done;
        }
        if (!m_stdin)
            return Mode::Done;
        prompt();
        return Mode::Shell;
    } else if (m_scriptDepth > 0 || m_mode == Mode::Shell) {
        // Inside a shell the shell reports it; as the exec'd process itself, the runtime does.
        err("sh: " + cmd.toUtf8() + ": not found\n");
        m_exitCode = 127;
    } else {
        failInternal(
            u"Internal error occurred: error executing command in container: failed to exec in "
            "container: failed to start exec: OCI runtime exec failed: exec failed: unable to "
            "start container process: exec: \"%1\": executable file not found in $PATH: unknown"_s
                .arg(argv.first()));
    }
    return Mode::Done;
}

} // namespace kube::testing
