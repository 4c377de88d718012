#pragma once

#include <QString>

namespace kube {

/*!
 * Receives the text of every `Warning: 299 - "text"` header a server sends (deprecated APIs,
 * unknown fields ...). Set one on RestConfig::warningHandler (shared by every client made from
 * that config) or RestClient::Options::warningHandler; without one, warnings go, deduplicated,
 * to the kube.rest log. See DeduplicatingWarningHandler. Called on the client's thread.
 */
class WarningHandler
{
public:
    virtual ~WarningHandler() = default;
    virtual void handleWarning(const QString &message) = 0;
};

} // namespace kube
