#pragma once

#include "commandline.h"
#include "streamflags.h"

namespace kube::cli {

class CliContext;

//! kubrowser-cli logs: kubectl logs' flags, output and exit codes.
class LogsCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine, const StreamFlags &flags);
};

} // namespace kube::cli
