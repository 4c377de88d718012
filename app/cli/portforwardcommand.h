#pragma once

#include "commandline.h"
#include "streamflags.h"

namespace kube::cli {

class CliContext;

/*!
 * kubrowser-cli port-forward (POD | TYPE/NAME) [LOCAL:]REMOTE... [--address A]: kubectl
 * port-forward's operands and output ("Forwarding from 127.0.0.1:8080 -> 80", "Handling
 * connection for 8080"), over WebSocket (portforward.k8s.io). Runs until SIGINT/SIGTERM.
 */
class PortForwardCommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine, const StreamFlags &flags);
};

} // namespace kube::cli
