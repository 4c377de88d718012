#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace kube::ui {

//! One log line for the GUI: decoded text, its kubelet timestamp and where it came from.
struct LogFeedLine
{
    QString text; //!< with the "TIMESTAMP " prefix only when the user asked for timestamps
    qint64 timeNs = 0; //!< 0 when unknown
    QString source; //!< "pod/container" in workload logs; empty for a single container
};

} // namespace kube::ui

Q_DECLARE_METATYPE(kube::ui::LogFeedLine)
