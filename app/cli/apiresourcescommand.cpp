#include "apiresourcescommand.h"

#include "apiresourcesprinter.h"
#include "clicontext.h"
#include "commandline.h"
#include "console.h"
#include "errortext.h"

#include "discovery/discoveryinterface.h"

#include <memory>

namespace kube::cli {

int ApiResourcesCommand::run(CliContext &context, const CommandLine &cmd)
{
    ApiResourcesPrinter::Options options;
    if (cmd.output == QLatin1String("wide"))
        options.output = ApiResourcesPrinter::Output::Wide;
    else if (cmd.output == QLatin1String("name"))
        options.output = ApiResourcesPrinter::Output::Name;
    else if (!cmd.output.isEmpty()) {
        Console::err("error: --output " + cmd.output.toUtf8() + " is not available\n");
        return 1;
    }
    if (!cmd.sortBy.isEmpty() && cmd.sortBy != QLatin1String("name")
        && cmd.sortBy != QLatin1String("kind")) {
        Console::err("error: --sort-by accepts only name or kind\n");
        return 1;
    }
    options.noHeaders = cmd.noHeaders;
    options.sortBy = cmd.sortBy;
    options.apiGroup = cmd.apiGroup;
    options.namespaced = cmd.namespaced;
    options.verbs = cmd.verbs;
    options.categories = cmd.categories;

    DiscoveryInterface *discovery = context.discovery();
    // Like kubectl: always ask the server unless --cached.
    if (!cmd.cached)
        discovery->invalidate();
    std::unique_ptr<DiscoveryReply> reply(discovery->serverPreferredResources());
    reply->waitForFinished(std::chrono::hours(24));
    // Like kubectl, print what there is (at least the header) before the error.
    QList<ApiResourceRow> rows;
    for (const APIResourceList &list : reply->data().resources) {
        const GroupVersion gv = list.gv();
        for (const APIResource &r : list.resources) {
            if (r.isSubresource())
                continue;
            ApiResourceRow row;
            row.name = r.name;
            row.shortNames = r.shortNames;
            row.group = gv.group;
            row.groupVersion = list.groupVersion;
            row.namespaced = r.namespaced;
            row.kind = r.kind;
            row.verbs = r.verbs;
            row.categories = r.categories;
            rows.append(row);
        }
    }
    Console::out(ApiResourcesPrinter::print(rows, options));
    if (reply->hasError()) {
        Console::err(ErrorText::line(reply->error(), context.restConfig().host));
        return 1;
    }
    return 0;
}

} // namespace kube::cli
