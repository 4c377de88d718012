#pragma once

namespace kube::cli {

class CliContext;
struct CommandLine;

/*!
 * `discovery`: the seed's example. Prints "[G]<group> [V]<version> [R]<resource>" for every
 * resource of every group-version (core has an empty group), then on stderr how many requests
 * it took, how long, and whether the data came from the server or kubectl's disk cache.
 * Uses the disk cache like kubectl get does; `discovery refresh` forgets it and asks the server.
 */
class DiscoveryCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine);
};

} // namespace kube::cli
