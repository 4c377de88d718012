#pragma once

#include <QLoggingCategory>

namespace kube::ui {

//! kube.session: the GUI's cluster session (lists, objects, discovery on the worker thread).
Q_DECLARE_LOGGING_CATEGORY(lcSession)

} // namespace kube::ui
