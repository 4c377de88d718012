#pragma once

namespace kube::cli {

class CliContext;
struct CommandLine;

//! `apply --server-side [--force-conflicts] [--field-manager M] [--dry-run=server] -f FILE|-`:
//! server-side apply of every object of the manifests, in order, as kubectl applies them.
class ApplyCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine);
};

} // namespace kube::cli
