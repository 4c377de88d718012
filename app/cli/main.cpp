// kubrowser-cli: a kubectl-compatible command line on the kubeclient library. Its output is
// kubectl's, byte for byte, for the same server and flags (see tests/cli).

#include "apiresourcescommand.h"
#include "apiversionscommand.h"
#include "applycommand.h"
#include "authcanicommand.h"
#include "clicontext.h"
#include "commandline.h"
#include "completioncommand.h"
#include "console.h"
#include "cordoncommand.h"
#include "createjobcommand.h"
#include "deletecommand.h"
#include "discoverycommand.h"
#include "errortext.h"
#include "execcommand.h"
#include "getcommand.h"
#include "logscommand.h"
#include "portforwardcommand.h"
#include "requestlog.h"
#include "rolloutcommand.h"
#include "scalecommand.h"
#include "streamflags.h"
#include "versioncommand.h"

#include <kubeclient_version.h>

#include <QCoreApplication>

using namespace kube::cli;

namespace {

const char usage[]
    = "kubrowser-cli: a kubectl-compatible command line for Kubernetes\n"
      "\n"
      "Commands:\n"
      "  get RESOURCE[,RESOURCE...] [NAME...]  Display one or many resources\n"
      "  api-resources                         Print the supported API resources\n"
      "  api-versions                          Print the supported API versions\n"
      "  version                               Print the client and server versions\n"
      "  discovery [refresh]                   Print every group/version/resource and "
      "where it came from\n"
      "  logs (POD | TYPE/NAME | -l SELECTOR)  Print the logs of a container\n"
      "  exec [-i] [-t] POD -- COMMAND...      Run a command in a container\n"
      "  port-forward TYPE/NAME [LOCAL:]REMOTE...  Forward local ports to a pod\n"
      "  apply --server-side -f FILE|-         Server-side apply of manifests (YAML or JSON)\n"
      "  delete TYPE NAME...|-f FILE           Delete objects (--cascade, --grace-period)\n"
      "  scale TYPE/NAME --replicas=N          Set a workload's replicas\n"
      "  rollout restart TYPE/NAME             Restart a workload's pods\n"
      "  cordon NODE / uncordon NODE           Mark a node unschedulable / schedulable\n"
      "  create job NAME --from=cronjob/CJ     Run a CronJob now\n"
      "  auth can-i VERB RESOURCE [--list]     Ask the server what you may do\n"
      "Mutation flags: --dry-run=server, --field-manager, --force-conflicts\n"
      "  completion bash|zsh                   Print the shell completion script\n"
      "\n"
      "Global flags: --kubeconfig, --context, -n/--namespace, -s/--server, --token,\n"
      "  --insecure-skip-tls-verify, --cache-dir, --request-timeout, --demo, -v N,\n"
      "  -h/--help, --version\n"
      "get flags: -A, -l, --field-selector, -o wide|name|json|yaml, --chunk-size, "
      "--no-headers, -w\n"
      "api-resources flags: --api-group, --namespaced, --cached, -o wide|name, --sort-by, "
      "--no-headers, --verbs, --categories\n";

//! logs, exec or port-forward when that is the command (the first operand), else empty.
QString streamCommandIn(const QStringList &arguments)
{
    // Global flags that take a separate value, so that value is not taken for the command.
    static const QStringList withValue { QStringLiteral("-n"),
                                         QStringLiteral("--namespace"),
                                         QStringLiteral("--context"),
                                         QStringLiteral("--kubeconfig"),
                                         QStringLiteral("-s"),
                                         QStringLiteral("--server"),
                                         QStringLiteral("--token"),
                                         QStringLiteral("--cache-dir"),
                                         QStringLiteral("--request-timeout"),
                                         QStringLiteral("-v"),
                                         QStringLiteral("--v"),
                                         QStringLiteral("-l"),
                                         QStringLiteral("--selector") };
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--"))
            return {};
        if (withValue.contains(a)) {
            ++i;
            continue;
        }
        if (a.startsWith(u'-'))
            continue;
        if (a == QLatin1String("logs") || a == QLatin1String("exec")
            || a == QLatin1String("port-forward"))
            return a;
        return {};
    }
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kubrowser-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KUBROWSER_VERSION_STRING));

    QString parseError;
    QStringList arguments = app.arguments().mid(1);
    // logs, exec and port-forward take their own flags out first (see StreamFlags).
    const QString streamCommand = streamCommandIn(arguments);
    std::optional<StreamFlags> streamFlags;
    if (!streamCommand.isEmpty()) {
        streamFlags = StreamFlags::extract(streamCommand, &arguments, &parseError);
        if (!streamFlags) {
            Console::err("error: " + parseError.toUtf8() + "\nSee 'kubrowser-cli "
                         + streamCommand.toUtf8() + " --help' for usage.\n");
            return 1;
        }
    }
    const auto cmd = CommandLine::parse(arguments, &parseError);
    if (!cmd) {
        // kubectl names the command in the hint: "See 'kubectl get --help' for usage."
        const QString command = CommandLine::commandName(app.arguments().mid(1));
        const QByteArray name
            = command.isEmpty() ? QByteArray("kubrowser-cli") : "kubrowser-cli " + command.toUtf8();
        Console::err("Error: " + parseError.toUtf8() + "\nSee '" + name + " --help' for usage.\n");
        return 1;
    }
    RequestLog::install(cmd->verbosity);

    if (cmd->showVersion && !cmd->help) {
        Console::out("kubrowser-cli " KUBROWSER_VERSION_STRING "\n");
        return 0;
    }
    if (cmd->help || cmd->command.isEmpty()) {
        Console::out(usage);
        return cmd->help ? 0 : 1;
    }
    static const QStringList known {
        QStringLiteral("get"),     QStringLiteral("api-resources"), QStringLiteral("api-versions"),
        QStringLiteral("version"), QStringLiteral("discovery"),     QStringLiteral("logs"),
        QStringLiteral("exec"),    QStringLiteral("port-forward"),  QStringLiteral("apply"),
        QStringLiteral("delete"),  QStringLiteral("scale"),         QStringLiteral("rollout"),
        QStringLiteral("cordon"),  QStringLiteral("uncordon"),      QStringLiteral("create"),
        QStringLiteral("auth"),    QStringLiteral("completion")
    };
    if (!known.contains(cmd->command)) {
        Console::err("error: unknown command \"" + cmd->command.toUtf8()
                     + "\" for \"kubrowser-cli\"\nRun 'kubrowser-cli --help' for usage.\n");
        return 1;
    }
    if (cmd->command == QLatin1String("completion"))
        return CompletionCommand::run(*cmd);
    if (cmd->command == QLatin1String("version") && cmd->clientOnly)
        return VersionCommand::run(nullptr, *cmd);

    auto context = CliContext::create(*cmd);
    if (!context) {
        Console::err(ErrorText::line(context.error()));
        return 1;
    }
    CliContext &ctx = **context;
    if (cmd->command == QLatin1String("get"))
        return GetCommand(ctx, *cmd).run();
    if (cmd->command == QLatin1String("logs"))
        return LogsCommand::run(ctx, *cmd, streamFlags.value_or(StreamFlags()));
    if (cmd->command == QLatin1String("exec"))
        return ExecCommand::run(ctx, *cmd, streamFlags.value_or(StreamFlags()));
    if (cmd->command == QLatin1String("port-forward"))
        return PortForwardCommand::run(ctx, *cmd, streamFlags.value_or(StreamFlags()));
    if (cmd->command == QLatin1String("api-resources"))
        return ApiResourcesCommand::run(ctx, *cmd);
    if (cmd->command == QLatin1String("api-versions"))
        return ApiVersionsCommand::run(ctx, *cmd);
    if (cmd->command == QLatin1String("version"))
        return VersionCommand::run(&ctx, *cmd);
    if (cmd->command == QLatin1String("apply"))
        return ApplyCommand::run(ctx, *cmd);
    if (cmd->command == QLatin1String("delete"))
        return DeleteCommand::run(ctx, *cmd);
    if (cmd->command == QLatin1String("scale"))
        return ScaleCommand::run(ctx, *cmd);
    if (cmd->command == QLatin1String("rollout"))
        return RolloutCommand::run(ctx, *cmd);
    if (cmd->command == QLatin1String("cordon") || cmd->command == QLatin1String("uncordon"))
        return CordonCommand::run(ctx, *cmd, cmd->command == QLatin1String("cordon"));
    if (cmd->command == QLatin1String("create"))
        return CreateJobCommand::run(ctx, *cmd);
    if (cmd->command == QLatin1String("auth"))
        return AuthCanICommand::run(ctx, *cmd);
    return DiscoveryCommand::run(ctx, *cmd);
}
