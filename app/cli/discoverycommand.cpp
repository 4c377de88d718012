#include "discoverycommand.h"

#include "clicontext.h"
#include "commandline.h"
#include "console.h"
#include "errortext.h"
#include "requestlog.h"

#include "discovery/discoveryinterface.h"

#include <QElapsedTimer>

#include <memory>

namespace kube::cli {

int DiscoveryCommand::run(CliContext &context, const CommandLine &cmd)
{
    DiscoveryInterface *discovery = context.discovery();
    // `discovery refresh`: forget the cache, as api-resources does without --cached.
    if (cmd.args.contains(QLatin1String("refresh")))
        discovery->invalidate();
    const int before = RequestLog::requestCount();
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<DiscoveryReply> reply(discovery->serverGroupsAndResources());
    reply->waitForFinished(std::chrono::hours(24));
    const qint64 elapsed = timer.elapsed();
    if (reply->hasError() && !reply->isPartial()) {
        Console::err(ErrorText::line(reply->error(), context.restConfig().host));
        return 1;
    }
    QByteArray out;
    int count = 0;
    for (const APIResourceList &list : reply->data().resources) {
        const GroupVersion gv = list.gv();
        // Subresources ("pods/status") included, as client-go's ServerGroupsAndResources.
        for (const APIResource &r : list.resources) {
            out += "[G]" + gv.group.toUtf8() + " [V]" + gv.version.toUtf8() + " [R]"
                + r.name.toUtf8() + '\n';
            ++count;
        }
    }
    Console::out(out);
    const int requests = RequestLog::requestCount() - before;
    const QByteArray source = requests == 0
        ? "the disk cache " + context.discoveryCacheDir().toUtf8()
        : discovery->fresh()
        ? QByteArray("the server")
        : "the server and the disk cache " + context.discoveryCacheDir().toUtf8();
    Console::err(QByteArray::number(count) + " resources in "
                 + QByteArray::number(reply->data().resources.size()) + " group-versions from "
                 + source + ": " + QByteArray::number(requests) + " requests, "
                 + QByteArray::number(elapsed) + " ms\n");
    if (reply->hasError()) {
        Console::err(ErrorText::line(reply->error(), context.restConfig().host));
        return 1;
    }
    return 0;
}

} // namespace kube::cli
