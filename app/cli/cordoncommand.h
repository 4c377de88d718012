#pragma once

namespace kube::cli {

class CliContext;
struct CommandLine;

//! `cordon NODE...` / `uncordon NODE...`: spec.unschedulable, "already cordoned" when nothing
//! changes, as kubectl.
class CordonCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine, bool cordon);
};

} // namespace kube::cli
