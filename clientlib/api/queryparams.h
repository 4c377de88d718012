#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace kube {

//! Ordered query parameters (key, value); a key may repeat. Values are not yet percent-encoded.
using QueryParams = QList<std::pair<QString, QString>>;

} // namespace kube
