#pragma once

namespace kube::cli {

class CliContext;
struct CommandLine;

//! `delete TYPE NAME... | TYPE/NAME... | -f FILE [--cascade] [--grace-period N]
//! [--dry-run=server] [--wait]`, worded as kubectl.
class DeleteCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine);
};

} // namespace kube::cli
