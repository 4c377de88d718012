#pragma once

#include "warninghandler.h"

#include <QMutex>
#include <QSet>

#include <functional>
#include <memory>

namespace kube {

/*!
 * Passes each distinct warning message to a sink once (kubectl prints "Warning: <text>" to
 * stderr once per message). Thread-safe; share one between clients to deduplicate across them.
 * \code
 * cfg.warningHandler = std::make_shared<kube::DeduplicatingWarningHandler>(
 *     [](const QString &w) { std::cerr << "Warning: " << qPrintable(w) << '\n'; });
 * \endcode
 */
class DeduplicatingWarningHandler final : public WarningHandler
{
public:
    using Sink = std::function<void(const QString &message)>;
    //! An empty sink logs with qCWarning(kube.rest).
    explicit DeduplicatingWarningHandler(Sink sink = {});

    void handleWarning(const QString &message) override;

    //! The handler used when neither the config nor the client options name one.
    static std::shared_ptr<WarningHandler> processDefault();

private:
    QMutex m_mutex;
    QSet<QString> m_seen;
    Sink m_sink;
};

} // namespace kube
