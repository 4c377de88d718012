#pragma once

#include <QLoggingCategory>

namespace kube {
Q_DECLARE_LOGGING_CATEGORY(lcDiscovery)
}
