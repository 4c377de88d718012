#include "sessionlogging.h"

namespace kube::ui {

Q_LOGGING_CATEGORY(lcSession, "kube.session", QtInfoMsg)

} // namespace kube::ui
