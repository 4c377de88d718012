#pragma once

#include <QLoggingCategory>

namespace kube {

//! kube.streams: WebSocket handshakes and subprotocols, log stream resumes, port-forward
//! connections.
Q_DECLARE_LOGGING_CATEGORY(lcStreams)

} // namespace kube
