#include "listpager.h"

#include "restlogging.h"
#include "restreply.h"
#include "restresult.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace kube {

namespace {
Result<ListPage> decodePage(const QByteArray &body)
{
    Result<QJsonDocument> doc = detail::parseJsonDocument(body);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return Error::make(Error::Kind::Decode, QStringLiteral("the list is not a JSON object"));
    ListPage page;
    page.list = doc->object();
    page.metadata = ListMeta::fromJson(page.list.value(QLatin1String("metadata")).toObject());
    if (page.list.value(QLatin1String("kind")).toString() == QLatin1String("Table")) {
        Result<Table> table = Table::fromJsonObject(page.list);
        if (!table)
            return table.error();
        page.table = std::move(*table);
    }
    return page;
}
} // namespace

std::optional<QString> ListPager::peekContinueToken(const QByteArray &body)
{
    // kube-apiserver writes kind, apiVersion, metadata, then items (or columnDefinitions and
    // rows): the list metadata is within the first bytes. Anything unexpected: "don't know".
    const QByteArrayView head = QByteArrayView(body).first(std::min<qsizetype>(body.size(), 4096));
    qsizetype itemsAt = -1;
    for (const char *marker : { "\"items\":", "\"columnDefinitions\":", "\"rows\":" }) {
        const qsizetype at = head.indexOf(QByteArrayView(marker));
        if (at >= 0 && (itemsAt < 0 || at < itemsAt))
            itemsAt = at;
    }
    const qsizetype metaAt = head.indexOf("\"metadata\":{");
    if (itemsAt < 0 || metaAt < 0 || metaAt > itemsAt)
        return std::nullopt;
    const QByteArrayView meta = head.sliced(metaAt, itemsAt - metaAt);
    const qsizetype key = meta.indexOf("\"continue\":\"");
    if (key < 0)
        return QString();
    const qsizetype start = key + 12;
    const qsizetype end = meta.indexOf('"', start);
    if (end < 0 || meta.sliced(start, end - start).contains('\\'))
        return std::nullopt;
    return QString::fromUtf8(meta.sliced(start, end - start));
}

ListPager::ListPager(const Request &request, const ListOptions &options, QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_options(options)
{
    if (options.limit > 0)
        m_pageSize = options.limit;
    m_decodePool.setMaxThreadCount(1);
}

ListPager::~ListPager()
{
    m_finished = true;
    delete m_reply; // aborts silently
    delete m_deferred;
    // Decodes still running only touch their own copy of the body; wait for them so none
    // outlives the pool.
    m_decodePool.waitForDone();
}

void ListPager::start()
{
    if (m_started)
        return;
    m_started = true;
    ListOptions first = m_options;
    first.limit = m_pageSize;
    requestPage(first, false);
}

void ListPager::cancel()
{
    if (m_finished)
        return;
    finish(Error::make(Error::Kind::Cancelled, QStringLiteral("the list was cancelled")));
}

void ListPager::requestPage(const ListOptions &options, bool fullList)
{
    ++m_requestCount;
    Request r = m_request;
    r.versionedParams(options);
    m_reply = r.send();
    m_reply->setParent(this);
    m_reply->setProperty("kubeFullList", fullList);
    m_reply->setProperty("kubeContinue", options.continueToken);
    connect(m_reply, &RestReply::finished, this, &ListPager::onPageFinished);
}

void ListPager::onPageFinished()
{
    RestReply *reply = m_reply;
    m_reply = nullptr;
    if (m_finished) {
        reply->deleteLater();
        return;
    }
    // Pages are emitted in order: while an earlier page is still being decoded, this answer
    // (which may be an error that restarts the list) waits its turn.
    if (m_pendingDecodes > 0) {
        m_deferred = reply;
        return;
    }
    processReply(reply);
}

void ListPager::processReply(RestReply *reply)
{
    reply->deleteLater();
    const RestResult &res = reply->result();
    const bool wasFull = reply->property("kubeFullList").toBool();
    const QString usedContinue = reply->property("kubeContinue").toString();
    if (res.error) {
        const Error &e = *res.error;
        // client-go's pager: only an Expired error on a page after the first (a continue
        // token was used) falls back to one full list at the caller's resourceVersion.
        const bool expired = e.kind == Error::Kind::Status
            && (e.reason == QLatin1String("Expired")
                || (e.httpCode == 410 && e.reason != QLatin1String("Gone")));
        if (expired && m_fullListIfExpired && !usedContinue.isEmpty() && !wasFull) {
            qCInfo(lcRest).noquote()
                << "list continuation expired after" << m_pageCount
                << "pages; falling back to a full list of" << reply->url().path();
            m_fellBack = true;
            m_pageCount = 0;
            emit restarted();
            if (m_finished)
                return;
            ListOptions full = m_options;
            full.limit = 0;
            full.continueToken.clear();
            requestPage(full, true);
            return;
        }
        finish(e);
        return;
    }

    // The next page can be asked for before this one is parsed: the continue token sits in
    // the metadata ahead of the items. Fetching and parsing then overlap.
    bool nextRequested = false;
    if (!wasFull) {
        if (const std::optional<QString> next = peekContinueToken(res.body);
            next && !next->isEmpty()) {
            requestFollowing(*next);
            nextRequested = true;
        }
    }

    // Parse off this thread: a page (or a full-list fallback of 50,000 pods) is megabytes of
    // JSON, and this thread is usually the GUI's. One worker thread keeps pages in order.
    ++m_pendingDecodes;
    auto *watcher = new QFutureWatcher<Result<ListPage>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, wasFull, nextRequested] {
        watcher->deleteLater();
        onPageDecoded(watcher->result(), wasFull, nextRequested);
    });
    watcher->setFuture(
        QtConcurrent::run(&m_decodePool, [body = res.body] { return decodePage(body); }));
}

void ListPager::requestFollowing(const QString &continueToken)
{
    ListOptions following = m_options;
    following.limit = m_pageSize;
    following.continueToken = continueToken;
    // The server refuses resourceVersion together with continue; the token carries it.
    following.resourceVersion.clear();
    following.resourceVersionMatch.clear();
    requestPage(following, false);
}

void ListPager::onPageDecoded(Result<ListPage> decoded, bool fullList, bool nextRequested)
{
    --m_pendingDecodes;
    if (m_finished)
        return;
    if (!decoded) {
        finish(decoded.error());
        return;
    }
    ListPage page = std::move(*decoded);
    page.index = m_pageCount;
    page.fullList = fullList;
    if (m_pageCount == 0)
        m_resourceVersion = page.metadata.resourceVersion;
    ++m_pageCount;
    const QString next = fullList ? QString() : page.metadata.continueToken;
    if (fullList)
        page.metadata.continueToken.clear();
    emit pageReceived(page);
    if (m_finished)
        return;
    if (m_pendingDecodes == 0 && m_deferred) {
        RestReply *deferred = m_deferred;
        m_deferred = nullptr;
        processReply(deferred);
        return;
    }
    if (next.isEmpty()) {
        if (!m_reply && !m_deferred && m_pendingDecodes == 0)
            finish(std::nullopt);
        return;
    }
    if (!nextRequested)
        requestFollowing(next);
}

void ListPager::finish(std::optional<Error> error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
        m_reply->abort();
        m_reply = nullptr;
    }
    if (m_deferred) {
        m_deferred->deleteLater();
        m_deferred = nullptr;
    }
    m_error = std::move(error);
    emit finished();
}

} // namespace kube
