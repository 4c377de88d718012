#include "rolloutcommand.h"

#include "clicontext.h"
#include "cliresources.h"
#include "commandline.h"
#include "console.h"

#include "actions/objectactions.h"
#include "rest/waitfor.h"

#include <QDateTime>

#include <memory>

namespace kube::cli {

int RolloutCommand::run(CliContext &context, const CommandLine &cmd)
{
    const QUrl server = context.restConfig().host;
    if (cmd.args.value(0) != QLatin1String("restart")) {
        Console::err("error: unknown command \"" + cmd.args.value(0).toUtf8()
                     + "\" for \"kubrowser-cli rollout\"\n");
        return 1;
    }
    CliResources resources(context);
    auto targets = resources.targets(cmd.args.mid(1));
    if (!targets) {
        Console::err(ErrorText::line(targets.error(), server));
        return 1;
    }
    if (targets->isEmpty()) {
        Console::err("error: required resource not specified\n");
        return 1;
    }
    ObjectActions actions(resources.dynamic());
    PatchOptions options;
    options.dryRun = CliResources::dryRunValues(cmd.dryRun);
    options.fieldManager
        = cmd.fieldManager.isEmpty() ? QStringLiteral("kubectl-rollout") : cmd.fieldManager;
    QList<Error> errors;
    for (const CliResources::Target &t : std::as_const(*targets)) {
        const QString ns = resources.namespaceFor(t.mapping);
        std::unique_ptr<ObjectReply> get(
            resources.dynamic()->resource(t.mapping.resource).inNamespace(ns).get(t.name));
        waitFor(get.get());
        if (!get->hasValue()) {
            Console::err(ErrorText::line(get->error(), server));
            return 1;
        }
        if (!ObjectActions::canRestart(t.mapping.kind.group, t.mapping.kind.kind)) {
            errors.append(Error::make(Error::Kind::InvalidRequest,
                                      QStringLiteral("restarting is not supported")));
            continue;
        }
        if (get->value()
                .nestedBool({ QStringLiteral("spec"), QStringLiteral("paused") })
                .value_or(false)) {
            errors.append(Error::make(
                Error::Kind::InvalidRequest,
                QStringLiteral("%1 \"%2\" can't restart paused deployment (run rollout resume "
                               "first)")
                    .arg(t.mapping.resource.resource
                             + (t.mapping.resource.group.isEmpty()
                                    ? QString()
                                    : u'.' + t.mapping.resource.group),
                         t.name)));
            continue;
        }
        std::unique_ptr<ObjectReply> reply(actions.restart(
            t.mapping.resource, ns, t.name, QDateTime::currentDateTimeUtc(), options));
        waitFor(reply.get());
        if (!reply->hasValue()) {
            errors.append(
                Error::make(Error::Kind::InvalidRequest,
                            QStringLiteral("failed to patch: ") + reply->error().message));
            continue;
        }
        Console::out(CliResources::objectName(t.mapping.kind, t.name).toUtf8() + " restarted"
                     + CliResources::dryRunSuffix(cmd.dryRun).toUtf8() + '\n');
    }
    Console::err(CliResources::errorsText(errors, server));
    return errors.isEmpty() ? 0 : 1;
}

} // namespace kube::cli
