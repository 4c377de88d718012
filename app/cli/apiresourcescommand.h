#pragma once

namespace kube::cli {

class CliContext;
struct CommandLine;

//! `api-resources`: the server's resource types at their preferred versions, like kubectl.
class ApiResourcesCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine);
};

} // namespace kube::cli
