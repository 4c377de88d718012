#pragma once

namespace kube::cli {

class CliContext;
struct CommandLine;

//! `api-versions`: every group/version the server offers, sorted, one per line.
class ApiVersionsCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine);
};

} // namespace kube::cli
