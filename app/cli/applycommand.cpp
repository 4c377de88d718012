#include "applycommand.h"

#include "clicontext.h"
#include "cliresources.h"
#include "commandline.h"
#include "console.h"

#include "api/applyconflict.h"
#include "rest/waitfor.h"

#include <memory>

namespace kube::cli {

namespace {

// kubectl appends this to a server-side apply conflict (apply.go).
const char conflictHelp[]
    = "\nPlease review the fields above--they currently have other managers. Here\n"
      "are the ways you can resolve this warning:\n"
      "* If you intend to manage all of these fields, please re-run the apply\n"
      "  command with the `--force-conflicts` flag.\n"
      "* If you do not intend to manage all of the fields, please edit your\n"
      "  manifest to remove references to the fields that should keep their\n"
      "  current managers.\n"
      "* You may co-own fields by updating your manifest to match the existing\n"
      "  value; in this case, you'll become the manager if the other manager(s)\n"
      "  stop managing the field (remove it from their configuration).\n"
      "See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts";

} // namespace

int ApplyCommand::run(CliContext &context, const CommandLine &cmd)
{
    const QUrl server = context.restConfig().host;
    if (cmd.filenames.isEmpty()) {
        Console::err("error: must specify one of -f and -k\n");
        return 1;
    }
    if (cmd.forceConflicts && !cmd.serverSide) {
        Console::err("error: --force-conflicts only works with --server-side\n");
        return 1;
    }
    if (!cmd.serverSide) {
        Console::err("error: kubrowser-cli applies server-side only: add --server-side\n");
        return 1;
    }
    if (cmd.dryRun == QLatin1String("client")) {
        Console::err("error: --dry-run=client doesn't work with --server-side (did you mean "
                     "--dry-run=server instead?)\n");
        return 1;
    }
    auto docs = CliResources::readFiles(cmd.filenames);
    if (!docs) {
        Console::err(ErrorText::line(docs.error(), server));
        return 1;
    }
    CliResources resources(context);
    QList<Error> errors;
    for (const Manifest::Document &doc : std::as_const(*docs)) {
        Unstructured object(doc.object);
        const GroupVersionKind gvk = object.groupVersionKind();
        auto mapping = resources.mappingForKind(gvk);
        if (!mapping) {
            errors.append(Error::make(
                Error::Kind::NotFound,
                QStringLiteral("resource mapping not found for name: \"%1\" namespace: \"%2\" "
                               "from \"%3\": no matches for kind \"%4\" in version \"%5\"\n"
                               "ensure CRDs are installed first")
                    .arg(object.name(), object.namespaceName(), cmd.filenames.join(u','), gvk.kind,
                         gvk.groupVersion().toString())));
            continue;
        }
        QString ns;
        if (mapping->namespaced) {
            ns = object.namespaceName();
            if (ns.isEmpty()) {
                ns = context.namespaceName();
            } else if (context.explicitNamespace() && ns != context.namespaceName()) {
                errors.append(Error::make(
                    Error::Kind::InvalidRequest,
                    QStringLiteral("the namespace from the provided object \"%1\" does not match "
                                   "the namespace \"%2\". You must pass '--namespace=%1' to "
                                   "perform this operation.")
                        .arg(ns, context.namespaceName())));
                continue;
            }
        }
        ApplyOptions options;
        options.fieldManager
            = cmd.fieldManager.isEmpty() ? QStringLiteral("kubectl") : cmd.fieldManager;
        options.force = cmd.forceConflicts;
        options.dryRun = CliResources::dryRunValues(cmd.dryRun);
        std::unique_ptr<ObjectReply> reply(
            resources.dynamic()
                ->resource(mapping->resource,
                           mapping->namespaced ? ResourceScope::Namespaced : ResourceScope::Cluster)
                .inNamespace(ns)
                .apply(object.name(), object, options));
        waitFor(reply.get());
        if (reply->hasValue()) {
            Console::out(CliResources::objectName(mapping->kind, object.name()).toUtf8()
                         + " serverside-applied" + CliResources::dryRunSuffix(cmd.dryRun).toUtf8()
                         + '\n');
            continue;
        }
        Error e = reply->error();
        if (ApplyConflict::fromError(e)) {
            // kubectl wraps the conflict in a plain error: printed as "error: <message><help>".
            e = Error::make(Error::Kind::InvalidRequest, e.message + QLatin1String(conflictHelp));
        }
        errors.append(e);
    }
    Console::err(CliResources::errorsText(errors, server));
    return errors.isEmpty() ? 0 : 1;
}

} // namespace kube::cli
