#pragma once

#include <QString>

#include <chrono>

namespace kube {

//! A duration as Go's time.Duration.String() prints it ("30s", "1m30s", "500ms", "1h0m0s"):
//! what the API server parses in `?timeout=`.
QString formatGoDuration(std::chrono::milliseconds duration);

} // namespace kube
