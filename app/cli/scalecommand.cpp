#include "scalecommand.h"

#include "clicontext.h"
#include "cliresources.h"
#include "commandline.h"
#include "console.h"

#include "actions/objectactions.h"
#include "rest/waitfor.h"

#include <memory>

namespace kube::cli {

int ScaleCommand::run(CliContext &context, const CommandLine &cmd)
{
    const QUrl server = context.restConfig().host;
    if (cmd.replicas < 0) {
        Console::err("error: The --replicas=COUNT flag is required, and COUNT must be greater "
                     "than or equal to 0\n");
        return 1;
    }
    CliResources resources(context);
    auto targets = resources.targets(cmd.args);
    if (!targets) {
        Console::err(ErrorText::line(targets.error(), server));
        return 1;
    }
    if (targets->isEmpty()) {
        Console::err("error: required resource not specified\n");
        return 1;
    }
    // kubectl's builder fetches every object first: a missing one fails before any change.
    for (const CliResources::Target &t : std::as_const(*targets)) {
        std::unique_ptr<ObjectReply> get(resources.dynamic()
                                             ->resource(t.mapping.resource)
                                             .inNamespace(resources.namespaceFor(t.mapping))
                                             .get(t.name));
        waitFor(get.get());
        if (!get->hasValue()) {
            if (get->error().kind != Error::Kind::Status || get->error().httpCode == 401) {
                Console::err(ErrorText::line(get->error(), server));
                return 1;
            }
            // kubectl's builder error for a missing object names the command.
            Console::err("error: no objects passed to scale " + get->error().message.toUtf8()
                         + '\n');
            return 1;
        }
    }
    ObjectActions actions(resources.dynamic());
    PatchOptions options;
    options.dryRun = CliResources::dryRunValues(cmd.dryRun);
    options.fieldManager = cmd.fieldManager;
    for (const CliResources::Target &t : std::as_const(*targets)) {
        std::unique_ptr<ObjectReply> reply(actions.scale(
            t.mapping.resource, resources.namespaceFor(t.mapping), t.name, cmd.replicas, options));
        waitFor(reply.get());
        if (!reply->hasValue()) {
            Console::err(ErrorText::line(reply->error(), server));
            return 1;
        }
        Console::out(CliResources::objectName(t.mapping.kind, t.name).toUtf8() + " scaled"
                     + CliResources::dryRunSuffix(cmd.dryRun).toUtf8() + '\n');
    }
    return 0;
}

} // namespace kube::cli
