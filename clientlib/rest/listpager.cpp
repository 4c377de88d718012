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

ListPager::ListPager(const Request &request, const ListOptions &options, QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_options(options)
{
    if (options.limit > 0)
        m_pageSize = options.limit;
}

ListPager::~ListPager()
{
    m_finished = true;
    delete m_reply; // aborts silently
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
    m_current = options;
    m_currentIsFull = fullList;
    ++m_requestCount;
    Request r = m_request;
    r.versionedParams(options);
    m_reply = r.send();
    m_reply->setParent(this);
    connect(m_reply, &RestReply::finished, this, &ListPager::onPageFinished);
}

void ListPager::onPageFinished()
{
    RestReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    if (m_finished)
        return;

    const RestResult &res = reply->result();
    if (res.error) {
        const Error &e = *res.error;
        // client-go's pager: only an Expired error on a page after the first (a continue
        // token was used) falls back to one full list at the caller's resourceVersion.
        const bool expired = e.kind == Error::Kind::Status
            && (e.reason == QLatin1String("Expired")
                || (e.httpCode == 410 && e.reason != QLatin1String("Gone")));
        if (expired && m_fullListIfExpired && !m_current.continueToken.isEmpty()
            && !m_currentIsFull) {
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

    // Parse off this thread: a page (or a full-list fallback of 50,000 pods) is megabytes of
    // JSON, and this thread is usually the GUI's.
    auto *watcher = new QFutureWatcher<Result<ListPage>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        onPageDecoded(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([body = res.body] { return decodePage(body); }));
}

void ListPager::onPageDecoded(Result<ListPage> decoded)
{
    if (m_finished)
        return;
    if (!decoded) {
        finish(decoded.error());
        return;
    }
    ListPage page = std::move(*decoded);
    page.index = m_pageCount;
    page.fullList = m_currentIsFull;
    if (m_pageCount == 0)
        m_resourceVersion = page.metadata.resourceVersion;
    ++m_pageCount;
    const QString next = m_currentIsFull ? QString() : page.metadata.continueToken;
    if (m_currentIsFull)
        page.metadata.continueToken.clear();
    emit pageReceived(page);
    if (m_finished)
        return;
    if (next.isEmpty()) {
        finish(std::nullopt);
        return;
    }
    ListOptions following = m_options;
    following.limit = m_pageSize;
    following.continueToken = next;
    // The server refuses resourceVersion together with continue; the token carries it.
    following.resourceVersion.clear();
    following.resourceVersionMatch.clear();
    requestPage(following, false);
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
    m_error = std::move(error);
    emit finished();
}

} // namespace kube
