#pragma once

#include "api/result.h"
#include "restconfig.h"

#include <QNetworkProxy>
#include <QSslConfiguration>

#include <memory>

class QNetworkAccessManager;

namespace kube::detail {

//! The TLS settings of \a tls as a QSslConfiguration: the CA replaces the system roots, the
//! client certificate and key (RSA or EC) are loaded; file errors name the file and the cause.
Result<QSslConfiguration> sslConfigurationFor(const TlsConfig &tls);

//! proxy-url (http, https, socks5) as a QNetworkProxy; an empty URL gives NoProxy.
Result<QNetworkProxy> proxyFor(const QUrl &proxyUrl);

/*!
 * The QNetworkAccessManager this thread uses for \a config's server, TLS and proxy settings,
 * created on first use and shared by every client that asks for the same settings; it is
 * deleted when the last client lets go. Without a proxy-url, the http_proxy/https_proxy/
 * no_proxy environment is used (never for loopback hosts, as Go's ProxyFromEnvironment).
 */
//! What a manager carries: short requests, or long-lived streams (watches, logs -f). They get
//! separate managers so that, over HTTP/1.1 (6 connections per host and manager), open watches
//! can never take every connection and starve ordinary requests.
enum class TransportUse { Requests, Streams };

//! \a pool names a separate connection pool (RestClientOptions::connectionPool): empty for
//! the shared one.
std::shared_ptr<QNetworkAccessManager> sharedNetworkAccessManager(const RestConfig &config,
                                                                  const QNetworkProxy *proxy,
                                                                  TransportUse use
                                                                  = TransportUse::Requests,
                                                                  const QString &pool = {});

//! kubrowser/v0.1.0 (linux/amd64) kubernetes/v1.34.0
QByteArray defaultUserAgent();

} // namespace kube::detail
