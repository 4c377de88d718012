#pragma once

#include <QtGlobal>

namespace kube::cli {

/*!
 * What the client library logs, shown the way kubectl's -v shows it. The library writes one
 * kube.rest debug line per response ("GET <url> 200 OK in 3 milliseconds"); with -v 6 or more
 * these go to stderr with a klog header, as kubectl -v=6 prints them. Everything else the
 * library logs stays quiet below -v 4, so the output is kubectl's. Also counts the requests,
 * for the discovery command's report.
 */
class RequestLog
{
public:
    static void install(int verbosity);
    static int requestCount();
};

} // namespace kube::cli
