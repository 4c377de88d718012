#pragma once

#include "commandline.h"
#include "streamflags.h"

namespace kube::cli {

class CliContext;

/*!
 * kubrowser-cli exec [-i] [-t] [-c C] (POD | TYPE/NAME) -- COMMAND [ARGS...]: kubectl exec over
 * WebSocket (v5.channel.k8s.io, falling back to v4), a raw local terminal with -t (resized on
 * SIGWINCH), and the command's exit code as ours ("command terminated with exit code N").
 */
class ExecCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine, const StreamFlags &flags);
};

} // namespace kube::cli
