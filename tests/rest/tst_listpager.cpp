#include "scriptedserver.h"

#include "rest/listpager.h"
#include "rest/restclient.h"
#include "rest/waitfor.h"
#include "testing/fakeapiserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace kube;
using namespace std::chrono_literals;

// A list endpoint over N pods with limit/continue, as the API server pages them. The continue
// token is the offset; tokens listed in expiredTokens answer 410 Expired.
struct PagedList
{
    int total = 0;
    bool table = false;
    QSet<QString> expiredTokens;
    QList<QUrlQuery> queries;

    void serve(const ScriptedRequest &r, QTcpSocket *s)
    {
        const QUrl url(QString::fromUtf8("http://x" + r.target));
        const QUrlQuery q(url);
        queries.append(q);
        const QString token = q.queryItemValue("continue");
        if (expiredTokens.contains(token)) {
            s->write(ScriptedServer::response(
                410,
                R"j({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"The provided continue parameter is too old to display a consistent list result.","reason":"Expired","code":410})j"));
            return;
        }
        const int offset = token.isEmpty() ? 0 : token.toInt();
        const int limit = q.hasQueryItem("limit") ? q.queryItemValue("limit").toInt() : total;
        const int end = std::min(total, offset + limit);
        QJsonArray items;
        QJsonArray rows;
        for (int i = offset; i < end; ++i) {
            const QJsonObject meta { { "name",
                                       QStringLiteral("pod-%1").arg(i, 5, 10, QLatin1Char('0')) },
                                     { "namespace", "default" } };
            if (table)
                rows.append(QJsonObject { { "cells", QJsonArray { meta.value("name"), "Running" } },
                                          { "object",
                                            QJsonObject { { "kind", "PartialObjectMetadata" },
                                                          { "metadata", meta } } } });
            else
                items.append(QJsonObject { { "kind", "Pod" }, { "metadata", meta } });
        }
        QJsonObject listMeta { { "resourceVersion", "5000" } };
        if (end < total) {
            listMeta.insert("continue", QString::number(end));
            listMeta.insert("remainingItemCount", total - end);
        }
        // Field order as kube-apiserver writes it: kind, apiVersion, metadata, then the items.
        auto json = [](const auto &v) { return QJsonDocument(v).toJson(QJsonDocument::Compact); };
        QByteArray body;
        if (table)
            body = R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":)" + json(listMeta)
                + R"(,"columnDefinitions":)"
                + json(QJsonArray {
                    QJsonObject { { "name", "Name" }, { "type", "string" }, { "format", "name" } },
                    QJsonObject { { "name", "Status" }, { "type", "string" } } })
                + R"(,"rows":)" + json(rows) + "}";
        else
            body = R"({"kind":"PodList","apiVersion":"v1","metadata":)" + json(listMeta)
                + R"(,"items":)" + json(items) + "}";
        s->write(ScriptedServer::response(200, body));
    }
};

class tst_ListPager : public QObject
{
    Q_OBJECT

private slots:
    void pagesInOrder();
    void singlePage();
    void tablePages();
    void expiredFallsBackToFullList();
    void expiredOnFirstPageFails();
    void cancel();
    void peekContinueToken_data();
    void peekContinueToken();
    void prefetchOverlapsParsing();

    // Against FakeApiServer
    void fakeTwoThousandPods();
    void fakeExpiredFallback();

private:
    std::shared_ptr<RestClient> client(const QUrl &url)
    {
        RestConfig cfg;
        cfg.host = url;
        cfg.qps = -1; // negative: no client-side limiting (0 is the default 5)
        return RestClient::create(cfg, { "", "v1" });
    }
};

void tst_ListPager::pagesInOrder()
{
    // Given 2,000 pods, a pager with the default chunk of 500 makes 4 requests in order and
    // emits 4 pages as they arrive.
    PagedList list { .total = 2000 };
    ScriptedServer server([&](const ScriptedRequest &r, QTcpSocket *s) { list.serve(r, s); });
    auto c = client(server.url());
    ListPager pager(c->get().inNamespace("default").resource("pods"),
                    ListOptions { .labelSelector = "app=web", .resourceVersion = "0" });
    QStringList names;
    QList<int> indexes;
    connect(&pager, &ListPager::pageReceived, this, [&](const ListPage &page) {
        indexes.append(page.index);
        QVERIFY(!pager.isFinished()); // pages arrive before the end
        for (const QJsonValue &item : page.items())
            names.append(item.toObject().value("metadata").toObject().value("name").toString());
    });
    QSignalSpy finished(&pager, &ListPager::finished);
    pager.start();
    QVERIFY(finished.wait(10000));
    QVERIFY(!pager.error());
    QCOMPARE(pager.requestCount(), 4);
    QCOMPARE(pager.pageCount(), 4);
    QCOMPARE(indexes, (QList<int> { 0, 1, 2, 3 }));
    QCOMPARE(names.size(), 2000);
    for (int i = 0; i < names.size(); ++i)
        QCOMPARE(names[i], QStringLiteral("pod-%1").arg(i, 5, 10, QLatin1Char('0')));
    QCOMPARE(list.queries.size(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(list.queries[i].queryItemValue("limit"), QStringLiteral("500"));
        QCOMPARE(list.queries[i].queryItemValue("labelSelector", QUrl::FullyDecoded),
                 QStringLiteral("app=web"));
        QCOMPARE(list.queries[i].queryItemValue("continue"),
                 i == 0 ? QString() : QString::number(i * 500));
        // resourceVersion only with the first page: the server refuses it with continue.
        QCOMPARE(list.queries[i].hasQueryItem("resourceVersion"), i == 0);
    }
    QCOMPARE(pager.resourceVersion(), QStringLiteral("5000"));
    QCOMPARE(finished.count(), 1);
}

void tst_ListPager::singlePage()
{
    PagedList list { .total = 3 };
    ScriptedServer server([&](const ScriptedRequest &r, QTcpSocket *s) { list.serve(r, s); });
    auto c = client(server.url());
    ListPager pager(c->get().resource("pods"));
    pager.setPageSize(100);
    QSignalSpy pages(&pager, &ListPager::pageReceived);
    pager.start();
    QVERIFY(waitFor(&pager, 5s));
    QCOMPARE(pages.count(), 1);
    const auto page = pages[0][0].value<ListPage>();
    QCOMPARE(page.size(), 3);
    QVERIFY(page.isLast());
    QCOMPARE(list.queries[0].queryItemValue("limit"), QStringLiteral("100"));
}

void tst_ListPager::tablePages()
{
    PagedList list { .total = 1200, .table = true };
    ScriptedServer server([&](const ScriptedRequest &r, QTcpSocket *s) { list.serve(r, s); });
    auto c = client(server.url());
    ListPager pager(c->get().resource("pods").asTable());
    int rows = 0;
    connect(&pager, &ListPager::pageReceived, this, [&](const ListPage &page) {
        QVERIFY(page.table);
        QCOMPARE(page.table->columnDefinitions.size(), 2);
        rows += page.table->rows.size();
    });
    pager.start();
    QVERIFY(waitFor(&pager, 10s));
    QVERIFY(!pager.error());
    QCOMPARE(rows, 1200);
    QCOMPARE(pager.pageCount(), 3);
    QCOMPARE(server.requests[0].header("accept"), QByteArray(RestClient::TableAcceptHeader));
}

void tst_ListPager::expiredFallsBackToFullList()
{
    // Given the token for page 3 expired, the pager announces a restart and lists in full,
    // once, at the resourceVersion the caller asked for.
    PagedList list { .total = 2000, .expiredTokens = { "1000" } };
    ScriptedServer server([&](const ScriptedRequest &r, QTcpSocket *s) { list.serve(r, s); });
    auto c = client(server.url());
    ListPager pager(c->get().resource("pods"), ListOptions { .resourceVersion = "0" });
    QList<ListPage> pages;
    int restartedAfter = -1;
    connect(&pager, &ListPager::pageReceived, this, [&](const ListPage &p) { pages.append(p); });
    connect(&pager, &ListPager::restarted, this, [&] { restartedAfter = pages.size(); });
    pager.start();
    QVERIFY(waitFor(&pager, 10s));
    QVERIFY(!pager.error());
    QCOMPARE(restartedAfter, 2);
    QCOMPARE(pages.size(), 3);
    QVERIFY(pager.fellBackToFullList());
    const ListPage &full = pages.last();
    QVERIFY(full.fullList);
    QCOMPARE(full.index, 0);
    QCOMPARE(full.size(), 2000);
    QCOMPARE(list.queries.size(), 4);
    QVERIFY(!list.queries[3].hasQueryItem("limit"));
    QVERIFY(!list.queries[3].hasQueryItem("continue"));
    QCOMPARE(list.queries[3].queryItemValue("resourceVersion"), QStringLiteral("0"));
}

void tst_ListPager::expiredOnFirstPageFails()
{
    PagedList list { .total = 10, .expiredTokens = { "" } };
    ScriptedServer server([&](const ScriptedRequest &r, QTcpSocket *s) { list.serve(r, s); });
    auto c = client(server.url());
    ListPager pager(c->get().resource("pods"));
    QSignalSpy restarted(&pager, &ListPager::restarted);
    pager.start();
    QVERIFY(waitFor(&pager, 5s));
    QVERIFY(pager.error());
    QCOMPARE(pager.error()->httpCode, 410);
    QCOMPARE(pager.error()->reason, QStringLiteral("Expired"));
    QCOMPARE(restarted.count(), 0);
    QCOMPARE(list.queries.size(), 1);
}

void tst_ListPager::cancel()
{
    PagedList list { .total = 2000 };
    ScriptedServer server([&](const ScriptedRequest &r, QTcpSocket *s) { list.serve(r, s); });
    auto c = client(server.url());
    ListPager pager(c->get().resource("pods"));
    connect(&pager, &ListPager::pageReceived, &pager, [&] { pager.cancel(); });
    QSignalSpy finished(&pager, &ListPager::finished);
    pager.start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(pager.error()->kind, Error::Kind::Cancelled);
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
    // Page 2 was already on its way (prefetch) and is dropped; nothing after it is asked for.
    QVERIFY(list.queries.size() <= 2);
    QCOMPARE(pager.pageCount(), 1);
}

void tst_ListPager::peekContinueToken_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected"); // "<unknown>" = nullopt
    QTest::newRow("list with continue") << QByteArray(
        R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5","continue":"eyJ2IjoiMSJ9","remainingItemCount":10},"items":[{"metadata":{"continue":"no"}}]})")
                                        << "eyJ2IjoiMSJ9";
    QTest::newRow("last page") << QByteArray(
        R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5"},"items":[{"metadata":{"continue":"x"}}]})")
                               << "";
    QTest::newRow("table") << QByteArray(
        R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"5","continue":"abc"},"columnDefinitions":[],"rows":[]})")
                           << "abc";
    QTest::newRow("items before metadata")
        << QByteArray(R"({"items":[],"metadata":{"continue":"abc"}})") << "<unknown>";
    QTest::newRow("no items") << QByteArray(R"({"metadata":{"continue":"abc"}})") << "<unknown>";
    QTest::newRow("escaped token")
        << QByteArray(R"({"metadata":{"continue":"a\"b"},"items":[]})") << "<unknown>";
}

void tst_ListPager::peekContinueToken()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    const std::optional<QString> got = ListPager::peekContinueToken(body);
    QCOMPARE(got.value_or(QStringLiteral("<unknown>")), expected);
}

void tst_ListPager::prefetchOverlapsParsing()
{
    // The request for page 2 leaves before page 1 is handed out: fetching and parsing overlap.
    PagedList list { .total = 1500 };
    ScriptedServer server([&](const ScriptedRequest &r, QTcpSocket *s) { list.serve(r, s); });
    auto c = client(server.url());
    ListPager pager(c->get().resource("pods"));
    QList<int> requestsAtPage;
    connect(&pager, &ListPager::pageReceived, this,
            [&] { requestsAtPage.append(pager.requestCount()); });
    pager.start();
    QVERIFY(waitFor(&pager, 10s));
    QVERIFY(!pager.error());
    QCOMPARE(requestsAtPage, (QList<int> { 2, 3, 3 }));
}

using kube::testing::FakeApiServer;

namespace {
void addPods(FakeApiServer &server, int count)
{
    server.addObject("", "v1", "namespaces",
                     QJsonObject { { "metadata", QJsonObject { { "name", "bulk" } } } });
    for (int i = 0; i < count; ++i)
        server.addObject(
            "", "v1", "pods",
            QJsonObject {
                { "metadata",
                  QJsonObject { { "name", QStringLiteral("p-%1").arg(i, 5, 10, QLatin1Char('0')) },
                                { "namespace", "bulk" } } },
                { "spec",
                  QJsonObject {
                      { "containers",
                        QJsonArray { QJsonObject { { "name", "c" }, { "image", "i" } } } } } } });
}
} // namespace

void tst_ListPager::fakeTwoThousandPods()
{
    FakeApiServer server;
    server.loadStockCluster({ .pods = 0 });
    addPods(server, 2000);
    QVERIFY(server.start());
    auto c = client(server.url());
    ListPager pager(c->get().inNamespace("bulk").resource("pods"));
    QStringList names;
    connect(&pager, &ListPager::pageReceived, this, [&](const ListPage &page) {
        for (const QJsonValue &item : page.items())
            names.append(item.toObject().value("metadata").toObject().value("name").toString());
    });
    pager.start();
    QVERIFY(waitFor(&pager, 20s));
    QVERIFY2(!pager.error(), pager.error() ? qPrintable(pager.error()->message) : "");
    QCOMPARE(server.requestCount("/api/v1/namespaces/bulk/pods"), 4);
    QCOMPARE(pager.pageCount(), 4);
    QCOMPARE(names.size(), 2000);
    QStringList sorted = names;
    sorted.sort();
    QCOMPARE(names, sorted); // the server's order (by name) is kept across pages
    const auto reqs = server.requests();
    QVERIFY(reqs[0].query.contains("limit=500"));
    QVERIFY(!reqs[0].query.contains("continue="));
    QVERIFY(reqs[1].query.contains("continue="));
}

void tst_ListPager::fakeExpiredFallback()
{
    FakeApiServer server;
    server.loadStockCluster({ .pods = 0 });
    addPods(server, 1200);
    QVERIFY(server.start());
    auto c = client(server.url());
    ListPager pager(c->get().inNamespace("bulk").resource("pods").asTable());
    int pages = 0;
    int pagesBeforeRestart = -1;
    bool sawFull = false;
    connect(&pager, &ListPager::restarted, this, [&] { pagesBeforeRestart = pages; });
    connect(&pager, &ListPager::pageReceived, this, [&](const ListPage &page) {
        ++pages;
        if (pages == 1) {
            // A write, then a compaction: every continue token handed out so far is too old.
            server.addObject("", "v1", "namespaces",
                             QJsonObject { { "metadata", QJsonObject { { "name", "later" } } } });
            server.compactHistory();
        }
        if (page.fullList) {
            sawFull = true;
            QVERIFY(page.table);
            QCOMPARE(page.table->rows.size(), 1200);
        }
    });
    pager.start();
    QVERIFY(waitFor(&pager, 20s));
    QVERIFY2(!pager.error(), pager.error() ? qPrintable(pager.error()->message) : "");
    QVERIFY(pager.fellBackToFullList());
    QVERIFY(sawFull);
    // Page 2 may already have been fetched (prefetch) before the compaction; page 3 cannot.
    QVERIFY(pagesBeforeRestart == 1 || pagesBeforeRestart == 2);
    QCOMPARE(pages, pagesBeforeRestart + 1);
    QVERIFY(!server.requests().last().query.contains("limit="));
    QVERIFY(!server.requests().last().query.contains("continue="));
}

QTEST_GUILESS_MAIN(tst_ListPager)
#include "tst_listpager.moc"
