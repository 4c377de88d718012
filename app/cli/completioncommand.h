#pragma once

#include "commandline.h"

namespace kube::cli {

/*!
 * `kubrowser-cli completion bash|zsh`: prints the shell completion script (the same file the
 * Debian package installs for bash), like `kubectl completion`. Needs no cluster.
 */
class CompletionCommand
{
public:
    static int run(const CommandLine &cmd);
};

} // namespace kube::cli
