#pragma once

#include "api/error.h"
#include "api/listoptions.h"
#include "api/result.h"
#include "listpage.h"
#include "request.h"

#include <QObject>
#include <QThreadPool>

#include <optional>

namespace kube {

class RestReply;

/*!
 * Lists in chunks (client-go's tools/pager.ListPager): asks for `limit` items (default 500),
 * follows `continue` until the server sends none, and emits each page as it arrives, so a
 * view can show the first rows of 50,000 pods at once.
 *
 * Like client-go with FullListIfExpired: when a page after the first fails with 410 Expired
 * (the continue token fell out of etcd's compaction window), the pager emits restarted() -
 * discard the pages received so far - and fetches one full list (no limit) at the originally
 * requested resourceVersion, emitted as a single page with fullList set. Errors on the first
 * page, or any other error, end the pager with error().
 *
 * \code
 * auto *pager = new kube::ListPager(rest->get().resource("pods").asTable(), {}, this);
 * connect(pager, &kube::ListPager::pageReceived, model, &Model::appendPage);
 * connect(pager, &kube::ListPager::restarted, model, &Model::clear);
 * connect(pager, &kube::ListPager::finished, this, [pager] { pager->deleteLater(); ... });
 * pager->start();
 * \endcode
 *
 * The caller owns the pager; deleting it cancels the list. finished() is emitted exactly once
 * (after the last page, on error, or from cancel()). Lives on the client's thread. Each page
 * request goes through the client's rate limiter and retry policy. Pages are parsed on a
 * worker thread (Qt Concurrent), so even a 50,000-item fallback list does not stall the GUI.
 */
class ListPager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListPager)

public:
    static constexpr qint64 DefaultPageSize = 500;

    /*!
     * \a request is the list request without limit/continue (namespace, resource, Accept...);
     * \a options its selectors and resourceVersion. options.limit 0 = DefaultPageSize.
     */
    ListPager(const Request &request, const ListOptions &options = {}, QObject *parent = nullptr);
    ~ListPager() override;

    void setPageSize(qint64 size) { m_pageSize = size; }
    qint64 pageSize() const { return m_pageSize; }
    //! Whether to list in full after 410 Expired on a later page (default true).
    void setFullListIfExpired(bool enabled) { m_fullListIfExpired = enabled; }

    /*!
     * The continue token of a list body read from its first bytes (where kube-apiserver puts
     * the metadata), so the next page can be fetched while this one is parsed. "" = last
     * page; nullopt = could not tell (the pager then waits for the parse).
     */
    static std::optional<QString> peekContinueToken(const QByteArray &body);

    //! Sends the first page request. Call once.
    void start();
    //! Stops after the current request: finished() with Error::Kind::Cancelled.
    void cancel();

    bool isFinished() const { return m_finished; }
    const std::optional<Error> &error() const { return m_error; }
    int pageCount() const { return m_pageCount; } //!< pages emitted (since the last restart)
    int requestCount() const { return m_requestCount; }
    bool fellBackToFullList() const { return m_fellBack; }
    //! resourceVersion of the first page (or of the full list): where a watch should start.
    QString resourceVersion() const { return m_resourceVersion; }

signals:
    void pageReceived(const kube::ListPage &page);
    //! The pages emitted so far are void: a full list follows.
    void restarted();
    void finished();

private:
    void requestPage(const ListOptions &options, bool fullList);
    void onPageFinished();
    void processReply(RestReply *reply);
    void requestFollowing(const QString &continueToken);
    void onPageDecoded(Result<ListPage> decoded, bool fullList, bool nextRequested);
    void finish(std::optional<Error> error);

    Request m_request;
    ListOptions m_options; // the caller's, for the fallback
    qint64 m_pageSize = DefaultPageSize;
    bool m_fullListIfExpired = true;
    RestReply *m_reply = nullptr; // Owned: the page request in flight.
    RestReply *m_deferred = nullptr; // Owned: an answer waiting for earlier pages to decode.
    QThreadPool m_decodePool; // one thread: pages decode in order
    int m_pendingDecodes = 0;
    std::optional<Error> m_error;
    QString m_resourceVersion;
    int m_pageCount = 0;
    int m_requestCount = 0;
    bool m_fellBack = false;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace kube
