#pragma once

#include <QLoggingCategory>

namespace kube {
//! Logging category of kubeconfig loading and authentication: "kube.config".
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
} // namespace kube
