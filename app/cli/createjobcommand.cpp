#include "createjobcommand.h"

#include "clicontext.h"
#include "cliresources.h"
#include "commandline.h"
#include "console.h"

#include "actions/objectactions.h"
#include "rest/waitfor.h"

#include <memory>

namespace kube::cli {

int CreateJobCommand::run(CliContext &context, const CommandLine &cmd)
{
    const QUrl server = context.restConfig().host;
    if (cmd.args.value(0) != QLatin1String("job")) {
        Console::err("error: kubrowser-cli create supports \"job NAME --from=cronjob/NAME\"\n");
        return 1;
    }
    if (cmd.args.size() != 2) {
        Console::err("error: exactly one NAME is required, got "
                     + QByteArray::number(cmd.args.size() - 1)
                     + "\nSee 'kubrowser-cli create job -h' for help and examples\n");
        return 1;
    }
    const QString jobName = cmd.args.at(1);
    CliResources resources(context);
    const qsizetype slash = cmd.from.indexOf(u'/');
    if (cmd.from.isEmpty() || slash <= 0) {
        Console::err("error: from must be an existing cronjob: " + cmd.from.toUtf8() + '\n');
        return 1;
    }
    auto mapping = resources.mappingFor(cmd.from.left(slash));
    if (!mapping || mapping->resource.group != QLatin1String("batch")
        || mapping->resource.resource != QLatin1String("cronjobs")) {
        Console::err("error: from must be an existing cronjob: " + cmd.from.toUtf8() + '\n');
        return 1;
    }
    std::unique_ptr<ObjectReply> get(resources.dynamic()
                                         ->resource(mapping->resource, ResourceScope::Namespaced)
                                         .inNamespace(context.namespaceName())
                                         .get(cmd.from.mid(slash + 1)));
    waitFor(get.get());
    if (!get->hasValue()) {
        Console::err(ErrorText::line(get->error(), server));
        return 1;
    }
    CreateOptions options;
    options.dryRun = CliResources::dryRunValues(cmd.dryRun);
    options.fieldManager
        = cmd.fieldManager.isEmpty() ? QStringLiteral("kubectl-create") : cmd.fieldManager;
    ObjectActions actions(resources.dynamic());
    std::unique_ptr<ObjectReply> reply(
        actions.createJobFromCronJob(get->value(), jobName, options));
    waitFor(reply.get());
    if (!reply->hasValue()) {
        Console::err("error: failed to create job: " + reply->error().message.toUtf8() + '\n');
        return 1;
    }
    Console::out("job.batch/" + jobName.toUtf8() + " created"
                 + CliResources::dryRunSuffix(cmd.dryRun).toUtf8() + '\n');
    return 0;
}

} // namespace kube::cli
