#include "streamslogging.h"

namespace kube {

Q_LOGGING_CATEGORY(lcStreams, "kube.streams", QtInfoMsg)

} // namespace kube
