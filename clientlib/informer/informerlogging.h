#pragma once

#include <QLoggingCategory>

namespace kube {

//! kube.informer: reflector lifecycle (list, watch, relist, backoff), warnings for bad streams.
Q_DECLARE_LOGGING_CATEGORY(lcInformer)

} // namespace kube
