#include "execcommand.h"

#include "clicontext.h"
#include "console.h"
#include "errortext.h"
#include "podlookup.h"
#include "rawterminal.h"

#include "streams/remotecommand.h"

#include <QEventLoop>
#include <QSize>
#include <QSocketNotifier>

#include <cstdio>
#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace kube::cli {

int ExecCommand::run(CliContext &context, const CommandLine &cl, const StreamFlags &flags)
{
    const QString ns = context.namespaceName();
    if (cl.args.isEmpty()) {
        Console::err("error: pod, type/name or --filename must be specified\n");
        return 1;
    }
    if (!flags.dash || flags.command.isEmpty()) {
        if (cl.args.size() > 1)
            Console::err("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- "
                         "[COMMAND] instead\n");
        else
            Console::err("error: you must specify at least one command for the container\n");
        return 1;
    }
    PodLookup lookup(context);
    QString note;
    const Result<QJsonObject> pod = lookup.resolve(ns, cl.args.first(), &note);
    if (!pod) {
        Console::err(ErrorText::line(pod.error(), context.restConfig().host));
        return 1;
    }
    const QString phase = pod->value(u"status"_s).toObject().value(u"phase"_s).toString();
    if (phase == u"Succeeded" || phase == u"Failed") {
        Console::err("error: cannot exec into a container in a completed pod; current phase is "
                     + phase.toUtf8() + '\n');
        return 1;
    }
    QString container = flags.container;
    if (container.isEmpty()) {
        QString defaulted;
        container = PodLookup::defaultContainer(*pod, &defaulted);
        if (!defaulted.isEmpty() && !flags.quiet)
            Console::err(defaulted.toUtf8() + '\n');
    }

    // kubectl's StreamOptions.SetupTTY: -t needs -i and a terminal on stdin.
    bool tty = flags.tty && flags.stdinFlag;
    if (tty && !RawTerminal::isTerminal(STDIN_FILENO)) {
        tty = false;
        if (!flags.quiet)
            Console::err(
                "Unable to use a TTY - input is not a terminal or the right kind of file\n");
    }

    RemoteCommandOptions options;
    options.container = container;
    options.command = flags.command;
    options.useStdin = flags.stdinFlag;
    options.tty = tty;
    std::unique_ptr<RemoteCommand> cmd(
        RemoteCommand::exec(context.restConfig(), ns, PodLookup::name(*pod), options));

    std::unique_ptr<RawTerminal> terminal;
    if (tty) {
        terminal = std::make_unique<RawTerminal>();
        terminal->makeRaw();
        const QSize size = RawTerminal::size();
        if (size.width() > 0)
            cmd->resize(size.width(), size.height());
        QObject::connect(terminal.get(), &RawTerminal::resized, cmd.get(), &RemoteCommand::resize);
    }
    std::unique_ptr<QSocketNotifier> input;
    if (flags.stdinFlag) {
        input = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
        QObject::connect(input.get(), &QSocketNotifier::activated, cmd.get(), [&] {
            char buf[65536];
            const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n > 0) {
                cmd->writeStdin(QByteArray(buf, n));
                return;
            }
            // End of input (or an error): tell the server (v5) and stop reading.
            input->setEnabled(false);
            cmd->closeStdin();
        });
    }
    QObject::connect(cmd.get(), &RemoteCommand::stdoutReceived,
                     [](const QByteArray &d) { Console::out(d); });
    QObject::connect(cmd.get(), &RemoteCommand::stderrReceived,
                     [](const QByteArray &d) { Console::err(d); });
    QEventLoop loop;
    QObject::connect(cmd.get(), &RemoteCommand::finished, &loop, &QEventLoop::quit);
    loop.exec();
    input.reset();
    terminal.reset(); // restores the terminal before any message

    const Result<int> code = cmd->exitCode();
    if (!code) {
        const Error &e = code.error();
        // A Status from the stream's error channel: kubectl prints its message as is.
        if (e.kind == Error::Kind::Status && cmd->isStarted())
            Console::err("error: " + e.message.toUtf8() + '\n');
        else
            Console::err(ErrorText::line(e, context.restConfig().host));
        return 1;
    }
    if (*code != 0)
        Console::err("command terminated with exit code " + QByteArray::number(*code) + '\n');
    return *code;
}

} // namespace kube::cli
