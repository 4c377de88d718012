#include "deletecommand.h"

#include "clicontext.h"
#include "cliresources.h"
#include "commandline.h"
#include "console.h"

#include "rest/waitfor.h"

#include <QEventLoop>
#include <QTimer>

#include <memory>

namespace kube::cli {

int DeleteCommand::run(CliContext &context, const CommandLine &cmd)
{
    const QUrl server = context.restConfig().host;
    static const QStringList cascades { QStringLiteral("background"), QStringLiteral("true"),
                                        QStringLiteral("foreground"), QStringLiteral("orphan"),
                                        QStringLiteral("false") };
    if (!cascades.contains(cmd.cascade)) {
        Console::err("error: invalid cascade value (" + cmd.cascade.toUtf8()
                     + "). Must be \"background\", \"foreground\", or \"orphan\"\n");
        return 1;
    }
    if (cmd.args.isEmpty() && cmd.filenames.isEmpty()) {
        Console::err("error: You must provide one or more resources by argument or filename.\n"
                     "Example resource specifications include:\n"
                     "   '-f rsrc.yaml'\n"
                     "   '--filename=rsrc.json'\n"
                     "   '<resource> <name>'\n"
                     "   '<resource>'\n");
        return 1;
    }
    CliResources resources(context);
    QList<CliResources::Target> targets;
    QList<QString> namespaces;
    QList<Error> errors;
    if (!cmd.filenames.isEmpty()) {
        auto docs = CliResources::readFiles(cmd.filenames);
        if (!docs) {
            Console::err(ErrorText::line(docs.error(), server));
            return 1;
        }
        for (const Manifest::Document &doc : std::as_const(*docs)) {
            Unstructured object(doc.object);
            auto mapping = resources.mappingForKind(object.groupVersionKind());
            if (!mapping) {
                errors.append(mapping.error());
                continue;
            }
            targets.append({ *mapping, object.name() });
            namespaces.append(mapping->namespaced
                                  ? (object.namespaceName().isEmpty() ? context.namespaceName()
                                                                      : object.namespaceName())
                                  : QString());
        }
    } else {
        if (cmd.args.size() == 1 && !cmd.args.first().contains(u'/')) {
            Console::err("error: resource(s) were provided, but no name was specified\n");
            return 1;
        }
        auto t = resources.targets(cmd.args);
        if (!t) {
            Console::err(ErrorText::line(t.error(), server));
            return 1;
        }
        targets = *t;
        for (const CliResources::Target &target : std::as_const(targets))
            namespaces.append(resources.namespaceFor(target.mapping));
    }

    DeleteOptions options;
    options.propagationPolicy = cmd.cascade == QLatin1String("foreground")
        ? QStringLiteral("Foreground")
        : (cmd.cascade == QLatin1String("orphan") || cmd.cascade == QLatin1String("false"))
        ? QStringLiteral("Orphan")
        : QStringLiteral("Background");
    // kubectl turns --grace-period=0 into 1 unless --force: no accidental immediate deletion.
    qint64 grace = cmd.gracePeriod == 0 ? 1 : cmd.gracePeriod;
    if (grace >= 0)
        options.gracePeriodSeconds = grace;
    options.dryRun = CliResources::dryRunValues(cmd.dryRun);

    QList<QPair<CliResources::Target, QString>> deleted;
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const CliResources::Target &t = targets.at(i);
        auto res = resources.dynamic()->resource(t.mapping.resource,
                                                 t.mapping.namespaced ? ResourceScope::Namespaced
                                                                      : ResourceScope::Cluster);
        std::unique_ptr<DeleteReply> reply(
            res.inNamespace(namespaces.at(i)).deleteObject(t.name, options));
        waitFor(reply.get());
        if (!reply->hasValue()) {
            errors.append(reply->error());
            continue;
        }
        Console::out(CliResources::kindString(t.mapping.kind).toUtf8() + " \"" + t.name.toUtf8()
                     + "\" deleted" + CliResources::dryRunSuffix(cmd.dryRun).toUtf8() + '\n');
        deleted.append({ t, namespaces.at(i) });
    }
    // --wait (kubectl's default): return once the objects are gone, finalizers and all.
    if (cmd.wait && cmd.dryRun != QLatin1String("server")) {
        for (const auto &[t, ns] : std::as_const(deleted)) {
            auto res = resources.dynamic()->resource(t.mapping.resource).inNamespace(ns);
            for (int attempt = 0; attempt < 600; ++attempt) {
                std::unique_ptr<ObjectReply> get(res.get(t.name));
                waitFor(get.get());
                if (!get->hasValue() || get->value().uid().isEmpty())
                    break;
                QEventLoop pause; // not a sleep: the --demo server lives on this thread
                QTimer::singleShot(500, &pause, &QEventLoop::quit);
                pause.exec();
            }
        }
    }
    Console::err(CliResources::errorsText(errors, server));
    return errors.isEmpty() ? 0 : 1;
}

} // namespace kube::cli
