// kubrowser-cli: a kubectl-compatible command line on the kubeclient library. Its output is
// kubectl's, byte for byte, for the same server and flags (see tests/cli).

#include "apiresourcescommand.h"
#include "apiversionscommand.h"
#include "applycommand.h"
#include "authcanicommand.h"
#include "clicontext.h"
#include "commandline.h"
#include "console.h"
#include "cordoncommand.h"
#include "createjobcommand.h"
#include "deletecommand.h"
#include "discoverycommand.h"
#include "errortext.h"
#include "getcommand.h"
#include "requestlog.h"
#include "rolloutcommand.h"
#include "scalecommand.h"
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
      "  apply --server-side -f FILE|-         Server-side apply of manifests (YAML or JSON)\n"
      "  delete TYPE NAME...|-f FILE           Delete objects (--cascade, --grace-period)\n"
      "  scale TYPE/NAME --replicas=N          Set a workload's replicas\n"
      "  rollout restart TYPE/NAME             Restart a workload's pods\n"
      "  cordon NODE / uncordon NODE           Mark a node unschedulable / schedulable\n"
      "  create job NAME --from=cronjob/CJ     Run a CronJob now\n"
      "  auth can-i VERB RESOURCE [--list]     Ask the server what you may do\n"
      "Mutation flags: --dry-run=server, --field-manager, --force-conflicts\n"
      "\n"
      "Global flags: --kubeconfig, --context, -n/--namespace, -s/--server, --token,\n"
      "  --insecure-skip-tls-verify, --cache-dir, --request-timeout, --demo, -v N\n"
      "get flags: -A, -l, --field-selector, -o wide|name|json|yaml, --chunk-size, "
      "--no-headers, -w\n"
      "api-resources flags: --api-group, --namespaced, --cached, -o wide|name, --sort-by, "
      "--no-headers, --verbs, --categories\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kubrowser-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KUBROWSER_VERSION_STRING));

    QString parseError;
    const auto cmd = CommandLine::parse(app.arguments().mid(1), &parseError);
    if (!cmd) {
        // kubectl names the command in the hint: "See 'kubectl get --help' for usage."
        QString command;
        for (const QString &a : app.arguments().mid(1)) {
            if (!a.startsWith(u'-')) {
                command = a;
                break;
            }
        }
        const QByteArray name
            = command.isEmpty() ? QByteArray("kubrowser-cli") : "kubrowser-cli " + command.toUtf8();
        Console::err("Error: " + parseError.toUtf8() + "\nSee '" + name + " --help' for usage.\n");
        return 1;
    }
    RequestLog::install(cmd->verbosity);

    if (cmd->help || cmd->command.isEmpty()) {
        Console::out(usage);
        return cmd->help ? 0 : 1;
    }
    static const QStringList known {
        QStringLiteral("get"),     QStringLiteral("api-resources"), QStringLiteral("api-versions"),
        QStringLiteral("version"), QStringLiteral("discovery"),     QStringLiteral("apply"),
        QStringLiteral("delete"),  QStringLiteral("scale"),         QStringLiteral("rollout"),
        QStringLiteral("cordon"),  QStringLiteral("uncordon"),      QStringLiteral("create"),
        QStringLiteral("auth")
    };
    if (!known.contains(cmd->command)) {
        Console::err("error: unknown command \"" + cmd->command.toUtf8()
                     + "\" for \"kubrowser-cli\"\nRun 'kubrowser-cli --help' for usage.\n");
        return 1;
    }
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
