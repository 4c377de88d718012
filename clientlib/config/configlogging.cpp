#include "config/configlogging.h"

namespace kube {
Q_LOGGING_CATEGORY(lcConfig, "kube.config", QtInfoMsg)
} // namespace kube
