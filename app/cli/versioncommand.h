#pragma once

namespace kube::cli {

class CliContext;
struct CommandLine;

//! `version`: client and server versions, in kubectl version's text form.
class VersionCommand
{
public:
    static int run(CliContext *context, const CommandLine &commandLine);
};

} // namespace kube::cli
