#pragma once

namespace kube::cli {

class CliContext;
struct CommandLine;

//! `rollout restart TYPE/NAME|TYPE NAME`: kubectl's restartedAt annotation on the pod template.
class RolloutCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine);
};

} // namespace kube::cli
