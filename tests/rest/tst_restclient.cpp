#include "scriptedserver.h"

#include "api/table.h"
#include "rest/authprovider.h"
#include "rest/deduplicatingwarninghandler.h"
#include "rest/ratelimiter.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"
#include "testing/fakeapiserver.h"

#include <QBuffer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kube;
using namespace std::chrono_literals;

namespace {
QByteArray statusBody(int code, const QByteArray &reason, const QByteArray &message)
{
    return R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":")"
        + message + R"(","reason":")" + reason
        + R"(","details":{"name":"web","kind":"pods"},"code":)" + QByteArray::number(code) + "}";
}

QByteArray errText(const RestReply *r)
{
    return r->result().error ? r->result().error->toString().toUtf8() : QByteArray("no error");
}

std::unique_ptr<RestReply> sendAndWait(const Request &r)
{
    std::unique_ptr<RestReply> reply(r.send());
    waitFor(reply.get(), 20s);
    return reply;
}

struct PodNames
{
    QStringList names;
    static PodNames fromJson(const QJsonObject &list)
    {
        PodNames p;
        for (const QJsonValue &item : list.value("items").toArray())
            p.names.append(item.toObject().value("metadata").toObject().value("name").toString());
        return p;
    }
};

class CountingAuthProvider final : public AuthProvider
{
public:
    void credentials(std::function<void(Result<Credentials>)> done) override
    {
        ++asked;
        Credentials c;
        c.authorizationHeader = "Bearer token-" + QByteArray::number(generation);
        done(c);
    }
    void invalidate() override
    {
        ++invalidated;
        ++generation;
    }
    int asked = 0;
    int invalidated = 0;
    int generation = 1;
};
} // namespace

class tst_RestClient : public QObject
{
    Q_OBJECT

private slots:
    void getJson();
    void statusErrors_data();
    void statusErrors();
    void nonStatusErrorBody_data();
    void nonStatusErrorBody();
    void statusMessageCapped();
    void connectionRefused();
    void userAgentAndAccept();
    void bearerToken();
    void basicAuth();
    void tokenFile();
    void authProviderRefreshOn401();
    void warningsDeduplicated();
    void retryAfterHonoured();
    void retryStopsAtMax();
    void noRetryWithoutRetryAfter();
    void noRetryForStreamedBody();
    void getRetriedAfterEof();
    void postNotRetriedAfterEof();
    void cutMidBody();
    void timeout();
    void abortFinishesOnce();
    void deleteUnfinishedReplyIsSilent();
    void rateLimiterThrottles();
    void configErrorOnSend();
    void streamDeliversBodyAsItArrives();
    void waitForTimesOut();
    void httpProxyUsed();
    void bareHostMeansHttps();

    // Against FakeApiServer
    void fakeListGetAndTable();
    void fakeNotFound();
    void fakeCreatePatchDelete();
    void fakeRetryAfterFault();
    void fakeCutBodyFault();
    void fakeCloseConnectionRetriedForGet();
    void fakeTokenAuth();
    void fakeBasicAuth();
    void fakeTls_data();
    void fakeTls();
    void fakeTlsErrors_data();
    void fakeTlsErrors();
    void clientCertificateRequiredFailsFast();
    void tlsConnectionDropsAreRetried_data();
    void tlsConnectionDropsAreRetried();

private:
    std::shared_ptr<RestClient>
    client(const QUrl &url, RestConfig cfg = {}, RestClient::Options o = {})
    {
        cfg.host = url;
        cfg.qps = -1; // negative: no client-side limiting (0 is the default 5)
        o.retryAfterUnit = 10ms; // keep the suite fast; the default honours real seconds
        return RestClient::create(cfg, { "", "v1" }, o);
    }
};

void tst_RestClient::getJson()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(
            200, R"({"kind":"PodList","items":[{"metadata":{"name":"a"}}]})"));
    });
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().inNamespace("default").resource("pods"));
    QVERIFY(reply->isFinished());
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    QCOMPARE(reply->result().statusCode, 200);
    QCOMPARE(reply->result().contentType, QByteArray("application/json"));
    auto obj = reply->into<QJsonObject>();
    QVERIFY(obj);
    QCOMPARE(obj->value("items").toArray().size(), 1);
    // into<T>() for any type with a static fromJson(QJsonObject)
    const Result<PodNames> names = reply->into<PodNames>();
    QVERIFY(names);
    QCOMPARE(names->names, QStringList { "a" });
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests[0].target, QByteArray("/api/v1/namespaces/default/pods"));
}

void tst_RestClient::statusErrors_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("401") << 401 << QByteArray("Unauthorized") << QByteArray("Unauthorized");
    QTest::newRow("403") << 403 << QByteArray("Forbidden")
                         << QByteArray(
                                R"(pods is forbidden: User \"bob\" cannot list resource \"pods\")");
    QTest::newRow("404") << 404 << QByteArray("NotFound")
                         << QByteArray(R"(pods \"web\" not found)");
    QTest::newRow("409") << 409 << QByteArray("AlreadyExists")
                         << QByteArray(R"(pods \"web\" already exists)");
    QTest::newRow("410") << 410 << QByteArray("Expired")
                         << QByteArray("The provided continue parameter is too old");
    QTest::newRow("422") << 422 << QByteArray("Invalid")
                         << QByteArray(
                                R"(Pod \"web\" is invalid: spec.containers: Required value)");
    QTest::newRow("500") << 500 << QByteArray("InternalError")
                         << QByteArray("Internal error occurred: etcdserver: request timed out");
}

void tst_RestClient::statusErrors()
{
    QFETCH(int, code);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, message);
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(code, statusBody(code, reason, message)));
    });
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().inNamespace("default").resource("pods").name("web"));
    const auto &err = reply->result().error;
    QVERIFY(err);
    QCOMPARE(err->kind, Error::Kind::Status);
    QCOMPARE(err->httpCode, code);
    QCOMPARE(err->reason, QString::fromUtf8(reason));
    QCOMPARE(err->message, QString::fromUtf8(message).replace("\\\"", "\""));
    QCOMPARE(err->details.value("name").toString(), QStringLiteral("web"));
    QCOMPARE(reply->result().statusCode, code);
    QCOMPARE(server.requests.size(), 1); // no Retry-After: not retried, 500 included
    // into<T>() hands back the same error
    QCOMPARE(reply->into<QJsonObject>().error().httpCode, code);
}

void tst_RestClient::nonStatusErrorBody_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");
    QTest::newRow("404 html") << 404 << QByteArray("text/html") << QByteArray("<html>nope</html>")
                              << "NotFound"
                              << "the server could not find the requested resource (get pods web)";
    QTest::newRow("500 text")
        << 500 << QByteArray("text/plain") << QByteArray("upstream exploded\n") << "InternalError"
        << R"(an error on the server ("upstream exploded") has prevented the request from succeeding (get pods web))";
    QTest::newRow("502 binary")
        << 502 << QByteArray("application/octet-stream") << QByteArray("\x01\x02")
        << "InternalError"
        << R"(an error on the server ("unknown") has prevented the request from succeeding (get pods web))";
    QTest::newRow("403 text keeps server text")
        << 403 << QByteArray("text/plain") << QByteArray("forbidden by proxy") << "Forbidden"
        << "forbidden by proxy (get pods web)";
    QTest::newRow("json that is not a Status")
        << 400 << QByteArray("application/json") << QByteArray(R"({"error":"bad"})") << "BadRequest"
        << "the server rejected our request for an unknown reason (get pods web)";
    QTest::newRow("418 unknown code")
        << 418 << QByteArray("text/plain") << QByteArray("teapot") << "Unknown"
        << "the server responded with the status code 418 but did not return more information (get "
           "pods web)";
}

void tst_RestClient::nonStatusErrorBody()
{
    QFETCH(int, code);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(code, body, {}, contentType));
    });
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().inNamespace("default").resource("pods").name("web"));
    const auto &err = reply->result().error;
    QVERIFY(err);
    QCOMPARE(err->kind, Error::Kind::Status);
    QCOMPARE(err->httpCode, code);
    QCOMPARE(err->reason, reason);
    QCOMPARE(err->message, message);
    // The excerpt of the body is kept for whoever wants to show more.
    const QJsonObject cause = err->details.value("causes").toArray().first().toObject();
    QCOMPARE(cause.value("reason").toString(), QStringLiteral("UnexpectedServerResponse"));
    QCOMPARE(cause.value("message").toString(), QString::fromUtf8(body).trimmed());
}

void tst_RestClient::statusMessageCapped()
{
    const QByteArray longMessage(5000, 'x');
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(500, statusBody(500, "InternalError", longMessage)));
    });
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->message.size(), 2048);
}

void tst_RestClient::connectionRefused()
{
    // A port nobody listens on: bind one, note it, close it.
    quint16 port;
    {
        QTcpServer s;
        QVERIFY(s.listen(QHostAddress::LocalHost, 0));
        port = s.serverPort();
    }
    auto c = client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->kind, Error::Kind::Network);
    QCOMPARE(reply->result().error->message,
             QStringLiteral("The connection to the server 127.0.0.1:%1 was refused - did you "
                            "specify the right host or port?")
                 .arg(port));
}

void tst_RestClient::userAgentAndAccept()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(200, "{}"));
    });
    auto c = client(server.url());
    sendAndWait(c->get().resource("pods"));
    sendAndWait(c->get().resource("pods").asTable());
    sendAndWait(c->post().resource("pods").body(QJsonObject { { "kind", "Pod" } }));
    QCOMPARE(server.requests.size(), 3);
    const QByteArray ua = server.requests[0].header("user-agent");
    QVERIFY2(QRegularExpression(
                 R"(^kubrowser/v\d+\.\d+\.\d+ \([a-z0-9]+/[a-z0-9_]+\) kubernetes/v\d+\.\d+\.\d+$)")
                 .match(QString::fromUtf8(ua))
                 .hasMatch(),
             ua.constData());
    QCOMPARE(server.requests[0].header("accept"), QByteArray("application/json"));
    QCOMPARE(server.requests[1].header("accept"), QByteArray(RestClient::TableAcceptHeader));
    QCOMPARE(server.requests[2].header("content-type"), QByteArray("application/json"));
    QCOMPARE(server.requests[2].body, QByteArray(R"({"kind":"Pod"})"));
    QCOMPARE(server.requests[0].header("content-type"), QByteArray());
}

void tst_RestClient::bearerToken()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(200, "{}"));
    });
    RestConfig cfg;
    cfg.bearerToken = "abc.def";
    cfg.impersonateUser = "jane";
    auto c = client(server.url(), cfg);
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY(reply->result().ok());
    QCOMPARE(server.requests[0].header("authorization"), QByteArray("Bearer abc.def"));
    QCOMPARE(server.requests[0].header("impersonate-user"), QByteArray("jane"));
}

void tst_RestClient::basicAuth()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(200, "{}"));
    });
    RestConfig cfg;
    cfg.username = "admin";
    cfg.password = "s3cret";
    auto c = client(server.url(), cfg);
    sendAndWait(c->get().resource("pods"));
    QCOMPARE(server.requests[0].header("authorization"),
             "Basic " + QByteArray("admin:s3cret").toBase64());
}

void tst_RestClient::tokenFile()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(200, "{}"));
    });
    QTemporaryDir dir;
    const QString path = dir.filePath("token");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("from-file\n");
    }
    RestConfig cfg;
    cfg.bearerTokenFile = path;
    auto c = client(server.url(), cfg);
    sendAndWait(c->get().resource("pods"));
    QCOMPARE(server.requests[0].header("authorization"), QByteArray("Bearer from-file"));

    cfg.bearerTokenFile = dir.filePath("missing");
    auto c2 = client(server.url(), cfg);
    auto reply = sendAndWait(c2->get().resource("pods"));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->kind, Error::Kind::Auth);
    QVERIFY(reply->result().error->message.contains(dir.filePath("missing")));
}

void tst_RestClient::authProviderRefreshOn401()
{
    // Given a server that only accepts the second token, when a request is sent, the provider
    // is invalidated once and the request retried once with fresh credentials.
    ScriptedServer server([](const ScriptedRequest &r, QTcpSocket *s) {
        if (r.header("authorization") == "Bearer token-2")
            s->write(ScriptedServer::response(200, "{}"));
        else
            s->write(
                ScriptedServer::response(401, statusBody(401, "Unauthorized", "Unauthorized")));
    });
    auto provider = std::make_shared<CountingAuthProvider>();
    RestConfig cfg;
    cfg.authProvider = provider;
    auto c = client(server.url(), cfg);
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    QCOMPARE(provider->invalidated, 1);
    QCOMPARE(provider->asked, 2);
    QCOMPARE(server.requests.size(), 2);

    // A server that never accepts: one refresh, then the 401 is the answer.
    provider->generation = 100;
    auto reply2 = sendAndWait(c->get().resource("pods"));
    QVERIFY(reply2->result().error);
    QCOMPARE(reply2->result().error->httpCode, 401);
    QCOMPARE(provider->invalidated, 2);
    QCOMPARE(server.requests.size(), 4);
}

void tst_RestClient::warningsDeduplicated()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(
            200, "{}",
            { { "Warning", R"(299 - "policy/v1beta1 PodSecurityPolicy is deprecated")" },
              { "Warning", R"(299 - "unknown field \"spec.foo\"", 299 - "second")" },
              { "Warning", R"(199 - "not a 299")" } }));
    });
    QStringList sunk;
    RestConfig cfg;
    cfg.warningHandler = std::make_shared<DeduplicatingWarningHandler>(
        [&sunk](const QString &w) { sunk.append(w); });
    auto c = client(server.url(), cfg);
    QSignalSpy signalled(c.get(), &RestClient::warning);
    auto r1 = sendAndWait(c->get().resource("pods"));
    auto r2 = sendAndWait(c->get().resource("pods"));
    const QStringList expected { "policy/v1beta1 PodSecurityPolicy is deprecated",
                                 "unknown field \"spec.foo\"", "second" };
    QCOMPARE(r1->result().warnings, expected);
    QCOMPARE(r2->result().warnings, expected); // every response reports its own
    QCOMPARE(sunk, expected); // the handler saw each once
    QCOMPARE(signalled.count(), 3);
}

void tst_RestClient::retryAfterHonoured()
{
    int calls = 0;
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        ++calls;
        if (calls == 1)
            s->write(ScriptedServer::response(429, statusBody(429, "TooManyRequests", "slow down"),
                                              { { "Retry-After", "3" } }));
        else if (calls == 2)
            s->write(
                ScriptedServer::response(503, "down", { { "Retry-After", "1" } }, "text/plain"));
        else
            s->write(ScriptedServer::response(200, "{}"));
    });
    auto c = client(server.url());
    std::unique_ptr<RestReply> reply(c->get().resource("pods").send());
    QSignalSpy retrying(reply.get(), &RestReply::retrying);
    QElapsedTimer t;
    t.start();
    QVERIFY(waitFor(reply.get(), 20s));
    QVERIFY(reply->result().ok());
    QCOMPARE(reply->result().retries, 2);
    QCOMPARE(retrying.count(), 2);
    // Retry-After 3 then 1, at 10 ms per "second" in this test.
    QCOMPARE(retrying[0][1].value<std::chrono::milliseconds>(), 30ms);
    QCOMPARE(retrying[1][1].value<std::chrono::milliseconds>(), 10ms);
    QVERIFY(t.elapsed() >= 40);
    QCOMPARE(server.requests.size(), 3);
}

void tst_RestClient::retryStopsAtMax()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(500, statusBody(500, "InternalError", "boom"),
                                          { { "Retry-After", "0" } }));
    });
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->httpCode, 500);
    QCOMPARE(reply->result().retries, 10);
    QCOMPARE(server.requests.size(), 11); // the first attempt and 10 retries

    server.requests.clear();
    auto reply2 = sendAndWait(c->get().resource("pods").maxRetries(2));
    QCOMPARE(server.requests.size(), 3);
}

void tst_RestClient::noRetryWithoutRetryAfter()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(503, statusBody(503, "ServiceUnavailable", "no"),
                                          { { "Retry-After", "Fri, 31 Dec 1999 23:59:59 GMT" } }));
    });
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().resource("pods"));
    QCOMPARE(reply->result().error->httpCode, 503);
    QCOMPARE(server.requests.size(), 1); // a date is not an integer Retry-After
}

void tst_RestClient::noRetryForStreamedBody()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(429, statusBody(429, "TooManyRequests", "later"),
                                          { { "Retry-After", "0" } }));
    });
    auto c = client(server.url());
    QBuffer body;
    body.setData(R"({"kind":"Pod"})");
    body.open(QIODevice::ReadOnly);
    auto reply = sendAndWait(c->post().resource("pods").body(&body));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->httpCode, 429);
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests[0].body, QByteArray(R"({"kind":"Pod"})"));

    // The same POST with an in-memory body is retried.
    server.requests.clear();
    auto reply2 = sendAndWait(c->post().resource("pods").body(QByteArray("{}")).maxRetries(3));
    QCOMPARE(server.requests.size(), 4);
}

void tst_RestClient::getRetriedAfterEof()
{
    int calls = 0;
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        if (++calls <= 2)
            s->abort(); // EOF/reset before any response
        else
            s->write(ScriptedServer::response(200, R"({"ok":true})"));
    });
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    QVERIFY(reply->result().retries >= 1);
    QCOMPARE(calls, 3);
}

void tst_RestClient::postNotRetriedAfterEof()
{
    int calls = 0;
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        ++calls;
        s->abort();
    });
    auto c = client(server.url());
    auto reply = sendAndWait(c->post().resource("pods").body(QByteArray("{}")));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->kind, Error::Kind::Network);
    QCOMPARE(reply->result().retries, 0);
    // Qt itself may resend once on a connection it finds closed; never our retry loop.
    QVERIFY(calls <= 2);
}

void tst_RestClient::cutMidBody()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                 R"({"kind":"PodList","items":[)");
        s->flush();
        s->disconnectFromHost();
    });
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->kind, Error::Kind::Network);
    QCOMPARE(reply->result().error->httpCode, 200);
    QVERIFY2(reply->result().error->message.contains("in the middle of the response body"),
             errText(reply.get()).constData());
    QCOMPARE(reply->result().retries, 0); // a response was started: not retried
}

void tst_RestClient::timeout()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *) { /* never answers */ });
    auto c = client(server.url());
    std::unique_ptr<RestReply> reply(c->get().resource("pods").timeout(150ms).send());
    QSignalSpy finished(reply.get(), &RestReply::finished);
    QElapsedTimer t;
    t.start();
    QVERIFY(finished.wait(5000));
    QVERIFY(t.elapsed() >= 140);
    QCOMPARE(reply->result().error->kind, Error::Kind::Timeout);
    QCOMPARE(server.requests.first().target, QByteArray("/api/v1/pods?timeout=150ms"));
    QCOMPARE(finished.count(), 1);
}

void tst_RestClient::abortFinishesOnce()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *) {});
    auto c = client(server.url());
    std::unique_ptr<RestReply> reply(c->get().resource("pods").send());
    QSignalSpy finished(reply.get(), &RestReply::finished);
    QTRY_COMPARE(server.requests.size(), 1);
    reply->abort();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reply->result().error->kind, Error::Kind::Cancelled);
    reply->abort();
    QTest::qWait(20);
    QCOMPARE(finished.count(), 1);
}

void tst_RestClient::deleteUnfinishedReplyIsSilent()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *) {});
    auto c = client(server.url());
    auto *reply = c->get().resource("pods").send();
    int finished = 0;
    connect(reply, &RestReply::finished, this, [&] { ++finished; });
    QTRY_COMPARE(server.requests.size(), 1);
    delete reply;
    QTest::qWait(20);
    QCOMPARE(finished, 0);
}

void tst_RestClient::rateLimiterThrottles()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(200, "{}"));
    });
    RestClient::Options o;
    o.rateLimiter = RateLimiter::create(50, 2); // 2 at once, then one every 20 ms
    auto c = client(server.url(), {}, o);
    QSignalSpy throttled(c.get(), &RestClient::throttled);
    std::vector<std::unique_ptr<RestReply>> replies;
    for (int i = 0; i < 5; ++i)
        replies.emplace_back(c->get().resource("pods").send());
    for (auto &r : replies)
        QVERIFY(waitFor(r.get(), 10s));
    QCOMPARE(throttled.count(), 3);
    QCOMPARE(replies[0]->result().throttled, 0ms);
    QCOMPARE(replies[1]->result().throttled, 0ms);
    QVERIFY(replies[2]->result().throttled > 0ms);
    QVERIFY(replies[4]->result().throttled > replies[2]->result().throttled);
    // A request may opt out.
    std::unique_ptr<RestReply> free(c->get().resource("pods").rateLimited(false).send());
    QVERIFY(waitFor(free.get(), 10s));
    QCOMPARE(free->result().throttled, 0ms);
}

void tst_RestClient::configErrorOnSend()
{
    RestConfig cfg;
    cfg.host = QUrl("https://127.0.0.1:1");
    cfg.tls.caFile = "/nonexistent/ca.crt";
    auto c = RestClient::create(cfg, { "", "v1" });
    QVERIFY(c->configError());
    QCOMPARE(c->configError()->kind, Error::Kind::Tls);
    QVERIFY(c->configError()->message.contains("/nonexistent/ca.crt"));
    auto reply = sendAndWait(c->get().resource("pods"));
    QCOMPARE(reply->result().error->message, c->configError()->message);
}

void tst_RestClient::streamDeliversBodyAsItArrives()
{
    // Given a log stream (follow=true) that sends a line and stays open, the first line is
    // readable before the response ends; the rest follows, then a clean end.
    QPointer<QTcpSocket> socket;
    ScriptedServer server([&](const ScriptedRequest &, QTcpSocket *s) {
        socket = s;
        s->write(ScriptedServer::chunkedHead(200, "text/plain"));
        s->write(ScriptedServer::chunk("line 1\n"));
    });
    auto c = client(server.url());
    std::unique_ptr<RestReply> r(c->get()
                                     .inNamespace("default")
                                     .resource("pods")
                                     .name("web")
                                     .subresource("log")
                                     .param("follow", "true")
                                     .stream());
    QByteArray got;
    connect(r.get(), &RestReply::readyRead, this, [&] { got += r->readAll(); });
    QSignalSpy started(r.get(), &RestReply::responseStarted);
    QVERIFY(started.wait(5000));
    QTRY_COMPARE(got, QByteArray("line 1\n"));
    QVERIFY(!r->isFinished());
    QCOMPARE(r->result().statusCode, 200);
    socket->write(ScriptedServer::chunk("line 2\n"));
    socket->write("0\r\n\r\n");
    QVERIFY(waitFor(r.get(), 5s));
    QVERIFY(r->result().ok());
    QCOMPARE(got, QByteArray("line 1\nline 2\n"));
    QCOMPARE(server.requests[0].target,
             QByteArray("/api/v1/namespaces/default/pods/web/log?follow=true"));
}

void tst_RestClient::waitForTimesOut()
{
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *) {});
    auto c = client(server.url());
    std::unique_ptr<RestReply> r(c->get().resource("pods").send());
    QVERIFY(!waitFor(r.get(), 50ms)); // gave up waiting; the reply keeps running
    QVERIFY(!r->isFinished());
    r->abort();
    QVERIFY(waitFor(r.get(), 50ms));
}

void tst_RestClient::httpProxyUsed()
{
    // The scripted server plays the proxy: Qt sends it absolute-form requests for http URLs.
    ScriptedServer proxy([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(200, "{}"));
    });
    RestConfig cfg;
    cfg.proxyUrl = proxy.url();
    auto c = client(QUrl("http://kubernetes.invalid:6443"), cfg);
    QVERIFY(!c->configError());
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    QCOMPARE(proxy.requests.size(), 1);
    QCOMPARE(proxy.requests[0].target, QByteArray("http://kubernetes.invalid:6443/api/v1/pods"));

    RestConfig bad;
    bad.proxyUrl = QUrl("ftp://proxy:21");
    auto broken = client(QUrl("http://kubernetes.invalid:6443"), bad);
    QVERIFY(broken->configError());
    auto failed = sendAndWait(broken->get().resource("pods"));
    QCOMPARE(failed->result().error->kind, Error::Kind::Config);
    QVERIFY(failed->result().error->message.startsWith(R"(unsupported proxy-url scheme "ftp")"));
}

void tst_RestClient::bareHostMeansHttps()
{
    RestConfig cfg;
    cfg.host = QUrl("localhost:6443");
    auto c = RestClient::create(cfg, { "", "v1" });
    QVERIFY(!c->configError());
    QCOMPARE(c->get().resource("pods").url().toString(),
             QStringLiteral("https://localhost:6443/api/v1/pods"));
}

using kube::testing::FakeApiServer;
using kube::testing::FakeApiServerOptions;
using kube::testing::Fault;

void tst_RestClient::fakeListGetAndTable()
{
    FakeApiServer server;
    server.loadStockCluster({ .pods = 30 });
    QVERIFY(server.start());
    auto c = client(server.url());
    auto list = sendAndWait(c->get().resource("pods"));
    QVERIFY2(list->result().ok(), errText(list.get()).constData());
    auto obj = list->into<QJsonObject>();
    QVERIFY(obj);
    QCOMPARE(obj->value("kind").toString(), QStringLiteral("PodList"));
    const QJsonArray items = obj->value("items").toArray();
    QVERIFY(!items.isEmpty());
    QCOMPARE(items.size(), 30);
    const QJsonObject meta = items.first().toObject().value("metadata").toObject();
    const QString name = meta.value("name").toString();
    const QString ns = meta.value("namespace").toString();

    auto one = sendAndWait(c->get().inNamespace(ns).resource("pods").name(name));
    QCOMPARE(one->into<QJsonObject>()->value("metadata").toObject().value("name").toString(), name);

    auto table = sendAndWait(c->get().resource("pods").asTable());
    const Result<Table> t = table->into<Table>();
    QVERIFY2(t, t ? "" : qPrintable(t.error().message));
    QCOMPARE(t->columnDefinitions.first().name, QStringLiteral("Name"));
    QCOMPARE(t->rows.size(), items.size());
    QCOMPARE(server.requests().last().accept, QByteArray(RestClient::TableAcceptHeader));
    QVERIFY(server.requests().last().userAgent.startsWith("kubrowser/"));
}

void tst_RestClient::fakeNotFound()
{
    FakeApiServer server;
    server.loadStockCluster({});
    QVERIFY(server.start());
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().inNamespace("default").resource("pods").name("nope"));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->httpCode, 404);
    QCOMPARE(reply->result().error->reason, QStringLiteral("NotFound"));
    QCOMPARE(reply->result().error->message, QStringLiteral(R"(pods "nope" not found)"));
}

void tst_RestClient::fakeCreatePatchDelete()
{
    FakeApiServer server;
    server.loadStockCluster({});
    QVERIFY(server.start());
    auto c = client(server.url());
    const QJsonObject cm { { "apiVersion", "v1" },
                           { "kind", "ConfigMap" },
                           { "metadata", QJsonObject { { "name", "cfg" } } },
                           { "data", QJsonObject { { "a", "1" } } } };
    auto created = sendAndWait(c->post().inNamespace("default").resource("configmaps").body(cm));
    QVERIFY2(created->result().ok(), errText(created.get()).constData());
    QCOMPARE(created->result().statusCode, 201);
    auto again = sendAndWait(c->post().inNamespace("default").resource("configmaps").body(cm));
    QCOMPARE(again->result().error->httpCode, 409);
    QCOMPARE(again->result().error->reason, QStringLiteral("AlreadyExists"));
    auto patched = sendAndWait(c->patch(PatchType::Merge)
                                   .inNamespace("default")
                                   .resource("configmaps")
                                   .name("cfg")
                                   .body(QByteArray(R"({"data":{"b":"2"}})")));
    QVERIFY2(patched->result().ok(), errText(patched.get()).constData());
    QCOMPARE(patched->into<QJsonObject>()->value("data").toObject().value("b").toString(),
             QStringLiteral("2"));
    QCOMPARE(server.requests().last().contentType, QByteArray("application/merge-patch+json"));
    auto deleted
        = sendAndWait(c->deleteRequest()
                          .inNamespace("default")
                          .resource("configmaps")
                          .name("cfg")
                          .body(DeleteOptions { .propagationPolicy = "Background" }.toJson()));
    QVERIFY2(deleted->result().ok(), errText(deleted.get()).constData());
    auto gone = sendAndWait(c->get().inNamespace("default").resource("configmaps").name("cfg"));
    QCOMPARE(gone->result().error->httpCode, 404);
}

void tst_RestClient::fakeRetryAfterFault()
{
    FakeApiServer server;
    server.loadStockCluster({});
    QVERIFY(server.start());
    server.addFault(
        "/api/v1/namespaces",
        Fault {
            .type = Fault::Type::Status, .statusCode = 429, .retryAfterSeconds = 2, .times = 3 });
    auto c = client(server.url());
    std::unique_ptr<RestReply> reply(c->get().resource("namespaces").send());
    QSignalSpy retrying(reply.get(), &RestReply::retrying);
    QVERIFY(waitFor(reply.get(), 20s));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    QCOMPARE(reply->result().retries, 3);
    QCOMPARE(retrying.count(), 3);
    QCOMPARE(retrying[0][1].value<std::chrono::milliseconds>(), 20ms);
    QCOMPARE(server.requestCount("/api/v1/namespaces"), 4);

    // Faults that never stop: 10 retries, then the 503 is the answer.
    server.clearFaults();
    server.clearRequests();
    server.addFault(
        "/api/v1/nodes",
        Fault { .type = Fault::Type::Status, .statusCode = 503, .retryAfterSeconds = 0 });
    auto failing = sendAndWait(c->get().resource("nodes"));
    QCOMPARE(failing->result().error->httpCode, 503);
    QCOMPARE(failing->result().retries, 10);
    QCOMPARE(server.requestCount("/api/v1/nodes"), 11);
}

void tst_RestClient::fakeCutBodyFault()
{
    FakeApiServer server;
    server.loadStockCluster({ .pods = 50 });
    QVERIFY(server.start());
    server.addFault("/api/v1/pods", Fault { .type = Fault::Type::CutBody });
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->kind, Error::Kind::Network);
    QCOMPARE(server.requestCount("/api/v1/pods"), 1); // a started response is not retried
}

void tst_RestClient::fakeCloseConnectionRetriedForGet()
{
    FakeApiServer server;
    server.loadStockCluster({});
    QVERIFY(server.start());
    server.addFault("/api/v1/namespaces",
                    Fault { .type = Fault::Type::CloseConnection, .times = 2 });
    auto c = client(server.url());
    auto reply = sendAndWait(c->get().resource("namespaces"));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    QVERIFY(reply->result().retries >= 1);

    server.clearFaults();
    server.addFault("/api/v1/namespaces",
                    Fault { .type = Fault::Type::CloseConnection, .method = "POST" });
    auto post
        = sendAndWait(c->post()
                          .resource("namespaces")
                          .body(QJsonObject { { "metadata", QJsonObject { { "name", "x" } } } }));
    QVERIFY(post->result().error);
    QCOMPARE(post->result().retries, 0);
}

void tst_RestClient::fakeTokenAuth()
{
    FakeApiServer server(FakeApiServerOptions { .bearerToken = "t0ken" });
    server.loadStockCluster({});
    QVERIFY(server.start());
    auto anonymous = sendAndWait(client(server.url())->get().resource("namespaces"));
    QCOMPARE(anonymous->result().error->httpCode, 401);
    RestConfig cfg;
    cfg.bearerToken = "t0ken";
    auto reply = sendAndWait(client(server.url(), cfg)->get().resource("namespaces"));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    QCOMPARE(server.requests().last().authorization, QByteArray("Bearer t0ken"));
}

void tst_RestClient::fakeBasicAuth()
{
    FakeApiServer server(FakeApiServerOptions { .basicUser = "admin", .basicPassword = "pw" });
    server.loadStockCluster({});
    QVERIFY(server.start());
    RestConfig cfg;
    cfg.username = "admin";
    cfg.password = "pw";
    auto reply = sendAndWait(client(server.url(), cfg)->get().resource("namespaces"));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    cfg.password = "wrong";
    auto rejected = sendAndWait(client(server.url(), cfg)->get().resource("namespaces"));
    QCOMPARE(rejected->result().error->httpCode, 401);
}

void tst_RestClient::fakeTls_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("ca data") << "caData";
    QTest::newRow("ca file") << "caFile";
    QTest::newRow("insecure") << "insecure";
    QTest::newRow("tls-server-name") << "serverName";
    QTest::newRow("client certificate data") << "mtlsData";
    QTest::newRow("client certificate files") << "mtlsFiles";
}

void tst_RestClient::fakeTls()
{
    QFETCH(QString, mode);
    const bool mtls = mode.startsWith("mtls");
    FakeApiServer server(FakeApiServerOptions { .tls = true, .requireClientCertificate = mtls });
    server.loadStockCluster({});
    QVERIFY(server.start());
    QTemporaryDir dir;
    RestConfig cfg;
    QUrl url = server.url();
    if (mode == "caData" || mode == "mtlsData") {
        cfg.tls.caData = server.caCertificatePem();
    } else if (mode == "caFile" || mode == "mtlsFiles") {
        cfg.tls.caFile = server.writeCertificates(dir.path());
    } else if (mode == "insecure") {
        cfg.tls.insecure = true;
    } else if (mode == "serverName") {
        // Connect by a name the certificate does not carry, verify as "kubernetes".
        cfg.tls.caData = server.caCertificatePem();
        url.setHost("localhost");
        cfg.tls.serverName = "kubernetes.default.svc";
    }
    if (mode == "mtlsData") {
        cfg.tls.certData = server.clientCertificatePem();
        cfg.tls.keyData = server.clientKeyPem();
    } else if (mode == "mtlsFiles") {
        QFile cert(dir.filePath("client.crt"));
        QVERIFY(cert.open(QIODevice::WriteOnly));
        cert.write(server.clientCertificatePem());
        cert.close();
        QFile key(dir.filePath("client.key"));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write(server.clientKeyPem());
        key.close();
        cfg.tls.certFile = cert.fileName();
        cfg.tls.keyFile = key.fileName();
    }
    auto c = client(url, cfg);
    QVERIFY(!c->configError());
    auto reply = sendAndWait(c->get().resource("namespaces"));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    // QHttpServer (Qt 6.4) speaks HTTP/1.1 only, so ALPN settles on http/1.1 here.
    QVERIFY(!reply->result().http2);
}

void tst_RestClient::fakeTlsErrors_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown authority")
        << "noCa"
        << "Unable to connect to the server: tls: failed to verify certificate: x509: certificate "
           "signed by unknown authority";
    QTest::newRow("wrong server name") << "wrongName"
                                       << "Unable to connect to the server: tls: failed to verify "
                                          "certificate: x509: certificate is valid for ";
    QTest::newRow("client certificate required") << "noClientCert"
                                                 << "";
}

void tst_RestClient::fakeTlsErrors()
{
    QFETCH(QString, mode);
    QFETCH(QString, message);
    FakeApiServer server(
        FakeApiServerOptions { .tls = true, .requireClientCertificate = mode == "noClientCert" });
    server.loadStockCluster({});
    QVERIFY(server.start());
    RestConfig cfg;
    if (mode != "noCa")
        cfg.tls.caData = server.caCertificatePem();
    if (mode == "wrongName")
        cfg.tls.serverName = "evil.example.com";
    auto reply = sendAndWait(client(server.url(), cfg)->get().resource("namespaces"));
    QVERIFY(reply->result().error);
    if (mode == "noClientCert") {
        // The handshake (or the first read) fails: a clear network/TLS error, not a hang.
        QVERIFY(reply->result().error->kind == Error::Kind::Tls
                || reply->result().error->kind == Error::Kind::Network);
        QVERIFY2(reply->result().error->message.contains("client certificate"),
                 errText(reply.get()).constData());
        return;
    }
    QCOMPARE(reply->result().error->kind, Error::Kind::Tls);
    QVERIFY2(reply->result().error->message.startsWith(message), errText(reply.get()).constData());
    if (mode == "wrongName")
        QVERIFY2(reply->result().error->message.endsWith(", not evil.example.com"),
                 errText(reply.get()).constData());
}

void tst_RestClient::clientCertificateRequiredFailsFast()
{
    // kubectl fails at once with "tls: certificate required"; retrying the refused handshake
    // as a dropped connection would take ten real one-second waits.
    FakeApiServer server(FakeApiServerOptions { .tls = true, .requireClientCertificate = true });
    server.loadStockCluster({});
    QVERIFY(server.start());
    RestConfig cfg;
    cfg.host = server.url();
    cfg.qps = -1; // negative: no client-side limiting (0 is the default 5)
    cfg.tls.caData = server.caCertificatePem();
    auto c = RestClient::create(cfg, { "", "v1" }); // the default (real) retry unit
    QCOMPARE(c->options().retryAfterUnit, 1000ms);
    QElapsedTimer timer;
    timer.start();
    auto reply = sendAndWait(c->get().resource("namespaces"));
    const qint64 elapsed = timer.elapsed();
    QVERIFY(reply->result().error);
    QVERIFY2(reply->result().error->message.contains("client certificate"),
             errText(reply.get()).constData());
    QVERIFY2(reply->result().error->message.contains("client-certificate and client-key"),
             errText(reply.get()).constData());
    QVERIFY2(elapsed < 500, QByteArray::number(elapsed).constData());
    QVERIFY(reply->result().retries <= 1); // at most one immediate check on a new connection
}

void tst_RestClient::tlsConnectionDropsAreRetried_data()
{
    QTest::addColumn<bool>("pooled");
    QTest::newRow("new connections closed twice") << false;
    QTest::newRow("established connection closed, then a new one") << true;
}

void tst_RestClient::tlsConnectionDropsAreRetried()
{
    // Only a server that closes every new connection before answering fails fast: a passing
    // EOF, on a new or a pooled connection, is still retried as client-go does.
    QFETCH(bool, pooled);
    FakeApiServer server(FakeApiServerOptions { .tls = true });
    server.loadStockCluster({});
    QVERIFY(server.start());
    RestConfig cfg;
    cfg.tls.caData = server.caCertificatePem();
    auto c = client(server.url(), cfg);
    if (pooled) {
        auto first = sendAndWait(c->get().resource("namespaces"));
        QVERIFY2(!first->result().error, errText(first.get()).constData());
    }
    Fault fault;
    fault.type = Fault::Type::CloseConnection;
    // Qt silently resends once on a new connection; so two closes reach RestReply as one
    // failure, which it retries (immediately, on another new connection).
    fault.times = 2;
    server.clearRequests();
    server.addFault("/api/v1/namespaces", fault);
    auto reply = sendAndWait(c->get().resource("namespaces"));
    QVERIFY2(!reply->result().error, errText(reply.get()).constData());
    QCOMPARE(reply->result().statusCode, 200);
    QCOMPARE(reply->result().retries, 1);
    QCOMPARE(server.requestCount("/api/v1/namespaces"), 3);
}

QTEST_GUILESS_MAIN(tst_RestClient)
#include "tst_restclient.moc"
