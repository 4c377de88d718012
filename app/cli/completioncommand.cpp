#include "completioncommand.h"

#include "console.h"

#include <QFile>

namespace kube::cli {

int CompletionCommand::run(const CommandLine &cmd)
{
    // kubectl's wording for a missing or unknown shell.
    if (cmd.args.size() != 1) {
        Console::err(cmd.args.isEmpty()
                         ? QByteArray("error: Shell not specified.\nSee 'kubrowser-cli completion "
                                      "--help' for usage.\n")
                         : QByteArray("error: Too many arguments. Expected only the shell "
                                      "type.\nSee 'kubrowser-cli completion --help' for usage.\n"));
        return 1;
    }
    const QString shell = cmd.args.first();
    if (shell != QLatin1String("bash") && shell != QLatin1String("zsh")) {
        Console::err("error: Unsupported shell type \"" + shell.toUtf8()
                     + "\".\nSee 'kubrowser-cli completion --help' for usage.\n");
        return 1;
    }
    QFile script(QStringLiteral(":/completion/kubrowser-cli.") + shell);
    if (!script.open(QIODevice::ReadOnly)) {
        Console::err("error: the " + shell.toUtf8()
                     + " completion script is missing from this build\n");
        return 1;
    }
    Console::out(script.readAll());
    return 0;
}

} // namespace kube::cli
