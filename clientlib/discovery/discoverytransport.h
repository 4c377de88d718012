#pragma once

#include "api/error.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace kube::detail {

//! What a discovery GET came back with.
struct DiscoveryResponse
{
    int statusCode = 0;
    QByteArray contentType;
    QByteArray body;
    std::optional<Error> error; //!< set for non-2xx and transport failures
};

/*!
 * The one thing DiscoveryClient needs from HTTP: GET an absolute path with an Accept header.
 * Kept apart so the discovery logic does not depend on how requests are sent (RestClient in
 * production). Implementations call \a done exactly once, on \a context's thread, unless
 * \a context is destroyed first.
 */
class DiscoveryTransport
{
public:
    virtual ~DiscoveryTransport() = default;
    virtual void get(const QString &absPath,
                     const QByteArray &accept,
                     QObject *context,
                     std::function<void(const DiscoveryResponse &)> done)
        = 0;
    //! The server URL as written in the config (for the disk cache folder name).
    virtual QString host() const = 0;
};

} // namespace kube::detail
