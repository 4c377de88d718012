#include "scriptedserver.h"

#include "rest/ratelimiter.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"
#include "rest/watchstream.h"
#include "testing/fakeapiserver.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace kube;
using namespace std::chrono_literals;

namespace {
QList<QByteArray> fixtureLines(const QString &name)
{
    QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/rest/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    QList<QByteArray> lines;
    for (const QByteArray &l : f.readAll().split('\n')) {
        if (!l.trimmed().isEmpty())
            lines.append(l + '\n');
    }
    return lines;
}
} // namespace

class tst_WatchStream : public QObject
{
    Q_OBJECT

private slots:
    void eventsArriveIncrementally();
    void partialLinesAndPackedEvents();
    void bookmarkMovesResourceVersion();
    void goneAsHttp410();
    void goneAsErrorEvent();
    void notRateLimitedNotRetried();
    void cutMidEvent();
    void malformedEvent();
    void stopFinishesOnce();
    void openWatchesDoNotStarveRequests();

    // Against FakeApiServer
    void fakeEventsAsTheyHappen();
    void fakeBookmarks();
    void fakeExpiredAfterCompaction();

private:
    std::shared_ptr<RestClient> client(const QUrl &url, RestClient::Options o = {})
    {
        RestConfig cfg;
        cfg.host = url;
        return RestClient::create(cfg, { "", "v1" }, o);
    }
    static ListOptions watchOptions()
    {
        return ListOptions { .watch = true, .allowWatchBookmarks = true, .resourceVersion = "100" };
    }
};

void tst_WatchStream::eventsArriveIncrementally()
{
    // Given a server that sends one event and then holds the stream open,
    // when the client watches, the first event arrives while the response is still open.
    QPointer<QTcpSocket> socket;
    const QList<QByteArray> events = fixtureLines("watch-events.jsonl");
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        socket = s;
        s->write(ScriptedServer::chunkedHead());
        s->write(ScriptedServer::chunk(events[0]));
    });
    auto c = client(server.url());
    std::unique_ptr<WatchStream> w(
        c->get().inNamespace("default").resource("pods").versionedParams(watchOptions()).watch());
    QSignalSpy received(w.get(), &WatchStream::eventReceived);
    QSignalSpy finished(w.get(), &WatchStream::finished);
    QVERIFY(received.wait(5000));
    QCOMPARE(received.count(), 1);
    QVERIFY(w->isStarted());
    QVERIFY(!w->isFinished()); // the stream is still open
    QCOMPARE(finished.count(), 0);
    const auto first = received[0][0].value<WatchEvent>();
    QCOMPARE(first.type, WatchEvent::Type::Added);
    QCOMPARE(first.object.value("metadata").toObject().value("name").toString(),
             QStringLiteral("web-0"));
    QCOMPARE(server.requests[0].target,
             QByteArray("/api/v1/namespaces/default/"
                        "pods?allowWatchBookmarks=true&resourceVersion=100&watch=true"));

    // Then the rest, and a clean close.
    socket->write(ScriptedServer::chunk(events[1]));
    QTRY_COMPARE(received.count(), 2);
    socket->write(ScriptedServer::chunk(events[2] + events[3]));
    socket->write("0\r\n\r\n");
    socket->flush();
    QVERIFY(finished.wait(5000));
    QCOMPARE(received.count(), 4);
    QCOMPARE(received[1][0].value<WatchEvent>().type, WatchEvent::Type::Modified);
    QCOMPARE(received[1][0]
                 .value<WatchEvent>()
                 .object.value("status")
                 .toObject()
                 .value("message")
                 .toString(),
             QStringLiteral("a } brace and a \" quote and { another"));
    QCOMPARE(received[3][0].value<WatchEvent>().type, WatchEvent::Type::Deleted);
    QVERIFY(!w->error());
    QCOMPARE(w->eventCount(), 4);
    QCOMPARE(w->lastResourceVersion(), QStringLiteral("151"));
    QCOMPARE(finished.count(), 1);
}

void tst_WatchStream::partialLinesAndPackedEvents()
{
    // Events split at every possible byte boundary still decode in order.
    const QList<QByteArray> events = fixtureLines("watch-events.jsonl");
    const QByteArray all = events.join();
    QPointer<QTcpSocket> socket;
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        socket = s;
        s->write(ScriptedServer::chunkedHead());
    });
    auto c = client(server.url());
    std::unique_ptr<WatchStream> w(c->get().resource("pods").watch());
    QSignalSpy received(w.get(), &WatchStream::eventReceived);
    QSignalSpy started(w.get(), &WatchStream::started);
    QVERIFY(started.wait(5000));
    // Pieces of 7 bytes, each flushed and given time to arrive on its own.
    for (qsizetype i = 0; i < all.size(); i += 7) {
        socket->write(ScriptedServer::chunk(all.mid(i, 7)));
        socket->flush();
        QTest::qWait(1);
    }
    socket->write("0\r\n\r\n");
    QSignalSpy finished(w.get(), &WatchStream::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(received.count(), 4);
    QCOMPARE(received[2][0].value<WatchEvent>().type, WatchEvent::Type::Bookmark);
    QVERIFY(!w->error());
}

void tst_WatchStream::bookmarkMovesResourceVersion()
{
    const QList<QByteArray> events = fixtureLines("watch-events.jsonl");
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::chunkedHead());
        s->write(ScriptedServer::chunk(events[0] + events[2]));
        s->write("0\r\n\r\n");
    });
    auto c = client(server.url());
    std::unique_ptr<WatchStream> w(
        c->get().resource("pods").versionedParams(watchOptions()).watch());
    QVERIFY(waitFor(w.get(), 5s));
    QCOMPARE(w->eventCount(), 2);
    QCOMPARE(w->lastResourceVersion(), QStringLiteral("150"));
    QVERIFY(!w->error());
}

void tst_WatchStream::goneAsHttp410()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(
            410,
            R"j({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (200)","reason":"Expired","code":410})j"));
    });
    auto c = client(server.url());
    std::unique_ptr<WatchStream> w(
        c->get().resource("pods").versionedParams(watchOptions()).watch());
    QSignalSpy received(w.get(), &WatchStream::eventReceived);
    QVERIFY(waitFor(w.get(), 5s));
    QVERIFY(w->isGone());
    QCOMPARE(w->error()->reason, QStringLiteral("Expired"));
    QCOMPARE(w->error()->message, QStringLiteral("too old resource version: 1 (200)"));
    QCOMPARE(received.count(), 0);
    QCOMPARE(server.requests.size(), 1);
}

void tst_WatchStream::goneAsErrorEvent()
{
    const QList<QByteArray> events = fixtureLines("watch-events.jsonl");
    const QList<QByteArray> error = fixtureLines("watch-error-410.json");
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::chunkedHead());
        s->write(ScriptedServer::chunk(events[0]));
        s->write(ScriptedServer::chunk(error[0]));
        // The server would close now; keep it open to prove the client ends by itself.
    });
    auto c = client(server.url());
    std::unique_ptr<WatchStream> w(
        c->get().resource("pods").versionedParams(watchOptions()).watch());
    QSignalSpy received(w.get(), &WatchStream::eventReceived);
    QVERIFY(waitFor(w.get(), 5s));
    QCOMPARE(received.count(), 2);
    const auto errorEvent = received[1][0].value<WatchEvent>();
    QCOMPARE(errorEvent.type, WatchEvent::Type::Error);
    QVERIFY(errorEvent.status());
    QCOMPARE(errorEvent.status()->code, 410);
    QVERIFY(w->isGone());
    QCOMPARE(w->error()->kind, Error::Kind::Status);
    QCOMPARE(w->error()->message, QStringLiteral("too old resource version: 100 (48213)"));
    QCOMPARE(w->lastResourceVersion(), QStringLiteral("101")); // the error is not a position
}

void tst_WatchStream::notRateLimitedNotRetried()
{
    ScriptedServer server([](const ScriptedRequest &r, QTcpSocket *s) {
        if (r.target.contains("watch=true"))
            s->write(ScriptedServer::response(
                500,
                R"({"kind":"Status","status":"Failure","message":"boom","reason":"InternalError","code":500})",
                { { "Retry-After", "0" } }));
        else
            s->write(ScriptedServer::response(200, "{}"));
    });
    RestClient::Options o;
    o.rateLimiter = RateLimiter::create(0.1, 1); // one request, then one every 10 s
    auto c = client(server.url(), o);
    std::unique_ptr<RestReply> first(c->get().resource("pods").send());
    QVERIFY(waitFor(first.get(), 5s));
    QElapsedTimer t;
    t.start();
    std::unique_ptr<WatchStream> w(c->get().resource("pods").watch());
    QVERIFY(waitFor(w.get(), 5s));
    QVERIFY(t.elapsed() < 5000); // not held back by the empty bucket
    QCOMPARE(w->error()->httpCode, 500);
    QCOMPARE(server.requests.size(), 2); // the watch was not retried despite Retry-After
}

void tst_WatchStream::cutMidEvent()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::chunkedHead());
        s->write(
            ScriptedServer::chunk(R"({"type":"ADDED","object":{"kind":"Pod","metadata":{"name":)"));
        s->flush();
        s->disconnectFromHost();
    });
    auto c = client(server.url());
    std::unique_ptr<WatchStream> w(c->get().resource("pods").watch());
    QVERIFY(waitFor(w.get(), 5s));
    QVERIFY(w->error());
    QVERIFY(!w->isGone());
    QCOMPARE(w->eventCount(), 0);
}

void tst_WatchStream::malformedEvent()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::chunkedHead());
        s->write(ScriptedServer::chunk("{\"type\":\"EXPLODED\",\"object\":{}}\n"));
    });
    auto c = client(server.url());
    std::unique_ptr<WatchStream> w(c->get().resource("pods").watch());
    QVERIFY(waitFor(w.get(), 5s));
    QCOMPARE(w->error()->kind, Error::Kind::Decode);
    QCOMPARE(w->error()->message, QStringLiteral(R"(got invalid watch event type: "EXPLODED")"));
}

void tst_WatchStream::stopFinishesOnce()
{
    ScriptedServer server(
        [](const ScriptedRequest &, QTcpSocket *s) { s->write(ScriptedServer::chunkedHead()); });
    auto c = client(server.url());
    std::unique_ptr<WatchStream> w(c->get().resource("pods").watch());
    QSignalSpy started(w.get(), &WatchStream::started);
    QSignalSpy finished(w.get(), &WatchStream::finished);
    QVERIFY(started.wait(5000));
    w->stop();
    w->stop();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(w->error()->kind, Error::Kind::Cancelled);
    QTest::qWait(20);
    QCOMPARE(finished.count(), 1);
}

void tst_WatchStream::openWatchesDoNotStarveRequests()
{
    // Given 8 watches held open on an HTTP/1.1 server (Qt opens at most 6 connections per
    // host and manager), an ordinary GET still gets through at once.
    ScriptedServer server([](const ScriptedRequest &r, QTcpSocket *s) {
        if (r.target.contains("watch=true"))
            s->write(ScriptedServer::chunkedHead());
        else
            s->write(ScriptedServer::response(200, "{}"));
    });
    auto c = client(server.url());
    std::vector<std::unique_ptr<WatchStream>> watches;
    for (int i = 0; i < 8; ++i)
        watches.emplace_back(c->get().resource("pods").watch());
    QTRY_COMPARE(server.requests.size(), 6); // six watches connected, two queued
    std::unique_ptr<RestReply> get(c->get().resource("namespaces").send());
    QVERIFY(waitFor(get.get(), 5s));
    QVERIFY(get->result().ok());
}

using kube::testing::FakeApiServer;

namespace {
QJsonObject pod(const QString &name)
{
    return { { "apiVersion", "v1" },
             { "kind", "Pod" },
             { "metadata", QJsonObject { { "name", name }, { "namespace", "default" } } },
             { "spec",
               QJsonObject {
                   { "containers",
                     QJsonArray { QJsonObject { { "name", "c" }, { "image", "nginx" } } } } } } };
}
} // namespace

void tst_WatchStream::fakeEventsAsTheyHappen()
{
    FakeApiServer server;
    server.loadStockCluster({ .pods = 0 });
    QVERIFY(server.start());
    auto c = client(server.url());
    const QString rv = QString::number(server.resourceVersion());
    std::unique_ptr<WatchStream> w(
        c->get()
            .inNamespace("default")
            .resource("pods")
            .versionedParams(ListOptions { .watch = true, .resourceVersion = rv })
            .watch());
    QSignalSpy started(w.get(), &WatchStream::started);
    QSignalSpy received(w.get(), &WatchStream::eventReceived);
    QVERIFY(started.wait(5000));
    QCOMPARE(server.activeWatchCount(), 1);

    // When an object is created, the event arrives while the watch stays open.
    server.addObject("", "v1", "pods", pod("live-1"));
    QVERIFY(received.wait(5000));
    auto e = received.last()[0].value<WatchEvent>();
    QCOMPARE(e.type, WatchEvent::Type::Added);
    QCOMPARE(e.object.value("metadata").toObject().value("name").toString(),
             QStringLiteral("live-1"));
    QVERIFY(!w->isFinished());

    QVERIFY(server.removeObject("", "v1", "pods", "default", "live-1"));
    QTRY_COMPARE(received.count(), 2);
    QCOMPARE(received.last()[0].value<WatchEvent>().type, WatchEvent::Type::Deleted);
    QVERIFY(w->lastResourceVersion().toLongLong() > rv.toLongLong());

    w.reset(); // deleting the stream closes the watch
    QTRY_COMPARE(server.activeWatchCount(), 0);
}

void tst_WatchStream::fakeBookmarks()
{
    FakeApiServer server;
    server.loadStockCluster({ .pods = 0 });
    server.setWatchBookmarkInterval(50ms);
    QVERIFY(server.start());
    auto c = client(server.url());
    std::unique_ptr<WatchStream> w(
        c->get()
            .resource("pods")
            .versionedParams(
                ListOptions { .watch = true,
                              .allowWatchBookmarks = true,
                              .resourceVersion = QString::number(server.resourceVersion()) })
            .watch());
    QSignalSpy received(w.get(), &WatchStream::eventReceived);
    QVERIFY(received.wait(5000));
    const auto e = received.last()[0].value<WatchEvent>();
    QCOMPARE(e.type, WatchEvent::Type::Bookmark);
    QVERIFY(!e.resourceVersion().isEmpty());
    QCOMPARE(w->lastResourceVersion(), e.resourceVersion());
}

void tst_WatchStream::fakeExpiredAfterCompaction()
{
    FakeApiServer server;
    server.loadStockCluster({ .pods = 0 });
    QVERIFY(server.start());
    const QString old = QString::number(server.resourceVersion());
    server.addObject("", "v1", "pods", pod("a"));
    server.addObject("", "v1", "pods", pod("b"));
    server.compactHistory();
    auto c = client(server.url());
    std::unique_ptr<WatchStream> w(
        c->get()
            .resource("pods")
            .versionedParams(ListOptions { .watch = true, .resourceVersion = old })
            .watch());
    QVERIFY(waitFor(w.get(), 5s));
    QVERIFY(w->isGone());
    QCOMPARE(w->error()->httpCode, 410);
    QCOMPARE(server.requestCount("/api/v1/pods"), 1); // never retried
}

QTEST_GUILESS_MAIN(tst_WatchStream)
#include "tst_watchstream.moc"
