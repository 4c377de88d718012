#include "restlogging.h"

namespace kube {

Q_LOGGING_CATEGORY(lcRest, "kube.rest", QtInfoMsg)

} // namespace kube
