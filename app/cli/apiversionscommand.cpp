#include "apiversionscommand.h"

#include "clicontext.h"
#include "commandline.h"
#include "console.h"
#include "errortext.h"

#include "discovery/discoveryinterface.h"

#include <algorithm>
#include <memory>

namespace kube::cli {

int ApiVersionsCommand::run(CliContext &context, const CommandLine &)
{
    DiscoveryInterface *discovery = context.discovery();
    discovery->invalidate(); // kubectl api-versions always asks the server
    std::unique_ptr<DiscoveryReply> reply(discovery->serverGroups());
    reply->waitForFinished(std::chrono::hours(24));
    if (reply->hasError() && !reply->isPartial()) {
        Console::err(ErrorText::line(reply->error(), context.restConfig().host));
        return 1;
    }
    QList<QByteArray> versions;
    for (const APIGroup &g : reply->data().groups) {
        for (const QString &v : g.versions)
            versions.append(g.groupVersion(v).toString().toUtf8());
    }
    std::sort(versions.begin(), versions.end());
    QByteArray out;
    for (const QByteArray &v : std::as_const(versions))
        out += v + '\n';
    Console::out(out);
    return 0;
}

} // namespace kube::cli
