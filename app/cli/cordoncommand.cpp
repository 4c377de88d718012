#include "cordoncommand.h"

#include "clicontext.h"
#include "cliresources.h"
#include "commandline.h"
#include "console.h"

#include "actions/objectactions.h"
#include "rest/waitfor.h"

#include <memory>

namespace kube::cli {

int CordonCommand::run(CliContext &context, const CommandLine &cmd, bool cordon)
{
    const QUrl server = context.restConfig().host;
    if (cmd.args.isEmpty()) {
        Console::err("error: USAGE: " + QByteArray(cordon ? "cordon" : "uncordon")
                     + " NODE [flags]\nSee 'kubrowser-cli "
                     + QByteArray(cordon ? "cordon" : "uncordon") + " -h' for help and examples\n");
        return 1;
    }
    CliResources resources(context);
    ObjectActions actions(resources.dynamic());
    const auto nodes = resources.dynamic()->resource(
        { QString(), QStringLiteral("v1"), QStringLiteral("nodes") }, ResourceScope::Cluster);
    PatchOptions options;
    options.dryRun = CliResources::dryRunValues(cmd.dryRun);
    options.fieldManager = cmd.fieldManager;
    const QByteArray verb = cordon ? "cordoned" : "uncordoned";
    QList<Error> errors;
    for (const QString &name : cmd.args) {
        std::unique_ptr<ObjectReply> get(nodes.get(name));
        waitFor(get.get());
        if (!get->hasValue()) {
            Console::err(ErrorText::line(get->error(), server));
            return 1;
        }
        const bool now
            = get->value()
                  .nestedBool({ QStringLiteral("spec"), QStringLiteral("unschedulable") })
                  .value_or(false);
        if (now == cordon) {
            Console::out("node/" + name.toUtf8() + " already " + verb + '\n');
            continue;
        }
        std::unique_ptr<ObjectReply> reply(actions.setUnschedulable(name, cordon, options));
        waitFor(reply.get());
        if (!reply->hasValue()) {
            // kubectl prints a failed patch and carries on: the exit code stays 0.
            Console::err(QStringLiteral("error: unable to %1 node \"%2\": %3\n")
                             .arg(cordon ? QStringLiteral("cordon") : QStringLiteral("uncordon"),
                                  name, reply->error().message)
                             .toUtf8());
            continue;
        }
        Console::out("node/" + name.toUtf8() + ' ' + verb
                     + CliResources::dryRunSuffix(cmd.dryRun).toUtf8() + '\n');
    }
    Console::err(CliResources::errorsText(errors, server));
    return errors.isEmpty() ? 0 : 1;
}

} // namespace kube::cli
