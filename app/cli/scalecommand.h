#pragma once

namespace kube::cli {

class CliContext;
struct CommandLine;

//! `scale TYPE/NAME|TYPE NAME --replicas=N [--dry-run=server]`: a merge patch of the scale
//! subresource, as kubectl's scaler sends it.
class ScaleCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine);
};

} // namespace kube::cli
