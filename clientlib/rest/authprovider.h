#pragma once

#include "api/result.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>

#include <functional>

namespace kube {

//! Credentials obtained at run time (from an exec plugin, a token file, the keychain).
struct Credentials
{
    QByteArray authorizationHeader; //!< complete value, e.g. "Bearer abc"; empty = none
    QSslCertificate clientCertificate; //!< the leaf
    //! Leaf first, then intermediates; empty = just clientCertificate.
    QList<QSslCertificate> clientCertificateChain;
    QSslKey clientKey;
};

/*!
 * Source of credentials that may take time to obtain. The REST client asks before each
 * request (implementations cache) and calls invalidate() once after a 401 before retrying.
 *
 * Lives on the thread of the client that uses it; \a done is called exactly once, possibly
 * synchronously, possibly later from the event loop.
 */
class AuthProvider
{
public:
    virtual ~AuthProvider() = default;

    virtual void credentials(std::function<void(Result<Credentials>)> done) = 0;
    //! Forget cached credentials: the server rejected them.
    virtual void invalidate() = 0;
};

} // namespace kube
