#include "informerlogging.h"

namespace kube {

Q_LOGGING_CATEGORY(lcInformer, "kube.informer", QtInfoMsg)

} // namespace kube
