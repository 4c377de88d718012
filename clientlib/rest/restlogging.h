#pragma once

#include <QLoggingCategory>

namespace kube {

//! kube.rest: one debug line per response ("GET <url> 200 OK in 12 milliseconds", as kubectl
//! -v=6 prints), info lines for retries and throttling, warnings for server Warning headers.
Q_DECLARE_LOGGING_CATEGORY(lcRest)

} // namespace kube
