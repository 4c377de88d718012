#pragma once

namespace kube::cli {

class CliContext;
struct CommandLine;

//! `create job NAME --from=cronjob/CJ [--dry-run=server]`: a Job from a CronJob's template.
class CreateJobCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine);
};

} // namespace kube::cli
