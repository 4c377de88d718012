#pragma once

#include <QByteArray>
#include <QString>

#include <chrono>
#include <memory>

namespace kube {

class RateLimiter;
class WarningHandler;

//! How a RestClient talks (client-go's ContentConfig plus the client's policies).
struct RestClientOptions
{
    //! "/api" or "/apis"; empty = "/api" for the core group, "/apis" otherwise.
    QString apiPath;
    //! Accept header of every request unless the request sets its own.
    QByteArray accept = "application/json";
    //! Content-Type of request bodies (PATCH uses the patch type's).
    QByteArray contentType = "application/json";
    /*!
     * The limiter for this client's requests. Null = RestConfig::rateLimiter if set, else a
     * new token bucket from RestConfig::qps/burst (qps 0: the default 5; negative: none).
     * RateLimiter::unlimited() turns throttling off (what discovery uses, or its own bucket).
     */
    std::shared_ptr<RateLimiter> rateLimiter;
    //! Null = RestConfig::warningHandler, else the process-wide deduplicating logger.
    std::shared_ptr<WarningHandler> warningHandler;
    /*!
     * Clients with the same config and pool name share connections; a different name gets a
     * separate pool (over HTTP/1.1, Qt opens at most 6 connections per host and pool).
     * Discovery fans out over several named pools so that it neither waits for nor starves
     * the shared one.
     */
    QString connectionPool;
    //! Retries for 429/5xx with Retry-After and for GETs whose connection died.
    int maxRetries = 10;
    /*!
     * A request fails with Error::Kind::Timeout when the server sends nothing for this long
     * (0 = never): the connection is presumed dead. 45 s is client-go's HTTP/2 health check
     * (ReadIdleTimeout 30 s + PingTimeout 15 s), beyond which it closes a silent connection.
     * Applies to buffered requests and to streams until their response starts; a started
     * stream (watch, logs -f) uses only Request::readIdleTimeout(), since a quiet watch is
     * normal. The default is longer than that health check because Qt cannot send HTTP/2
     * pings, and a live kube-apiserver answers every non-streaming request within its own
     * 60 s --request-timeout: a connection silent for 90 s is dead, not busy.
     */
    std::chrono::milliseconds readIdleTimeout { 90000 };
    //! The length of one Retry-After "second". Tests only: shrink it to keep suites fast.
    std::chrono::milliseconds retryAfterUnit { 1000 };
    /*!
     * The largest body a buffered reply (send(), and the error body of a stream) keeps, counted
     * after gzip decompression: past it the request fails with Error::Kind::Decode instead of
     * growing without bound when a server sends an endless body, a gzip bomb or a 1 GB string.
     * A page of 500 objects is a few MiB and a full list of 50,000 pods as a Table about
     * 100 MiB, so the default leaves room for every list kubectl would show. 0 = no limit.
     */
    qint64 maxResponseBytes = qint64(256) << 20;
    /*!
     * The largest single event a WatchStream accepts (one JSON object of the stream). The API
     * server stores objects of at most 1.5 MiB (etcd's request limit), so a bigger event
     * comes from a broken or hostile server; the watch fails instead of buffering it. 0 = no
     * limit.
     */
    qint64 maxWatchEventBytes = qint64(16) << 20;
};

} // namespace kube
