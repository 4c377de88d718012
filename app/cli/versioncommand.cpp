#include "versioncommand.h"

#include "clicontext.h"
#include "commandline.h"
#include "console.h"
#include "errortext.h"

#include "discovery/discoveryinterface.h"

#include <kubeclient_version.h>

#include <memory>

namespace kube::cli {

int VersionCommand::run(CliContext *context, const CommandLine &cmd)
{
    Console::out(QByteArray("Client Version: v" KUBROWSER_VERSION_STRING "\n"));
    if (cmd.clientOnly || !context)
        return 0;
    std::unique_ptr<ServerVersionReply> reply(context->discovery()->serverVersion());
    reply->waitForFinished(std::chrono::hours(24));
    if (!reply->result()) {
        Console::err(ErrorText::line(reply->result().error(), context->restConfig().host));
        return 1;
    }
    Console::out("Server Version: " + reply->result()->gitVersion.toUtf8() + '\n');
    return 0;
}

} // namespace kube::cli
