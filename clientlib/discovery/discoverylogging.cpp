#include "discoverylogging.h"

namespace kube {
Q_LOGGING_CATEGORY(lcDiscovery, "kube.discovery", QtWarningMsg)
}
