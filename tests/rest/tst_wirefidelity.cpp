// Wire fidelity (issue 13): behaviours where kubeclient must do what client-go does against
// real API servers and what sits in front of them. Each test names the client-go behaviour.
#include "scriptedserver.h"

#include "config/tokenfileauthprovider.h"
#include "rest/authprovider.h"
#include "rest/ratelimiter.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"
#include "rest/watchstream.h"
#include "rest/wireresponse.h"
#include "testing/fakeapiserver.h"
#include "testing/wirefaults.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

using namespace kube;
using namespace kube::testing;
using namespace std::chrono_literals;

namespace {

QByteArray errText(const RestReply *r)
{
    return r->result().error ? r->result().error->toString().toUtf8() : QByteArray("no error");
}

std::unique_ptr<RestReply> sendAndWait(const Request &r)
{
    std::unique_ptr<RestReply> reply(r.send());
    waitFor(reply.get(), 30s);
    return reply;
}

RestConfig configFor(const QUrl &url)
{
    RestConfig cfg;
    cfg.host = url;
    cfg.qps = -1;
    return cfg;
}

} // namespace

class tst_WireFidelity : public QObject
{
    Q_OBJECT

private slots:
    void redirectIsAnErrorAndCredentialsStay();
    void successIs200To206_data();
    void successIs200To206();
    void topLevelKind_data();
    void topLevelKind();
    void failedStatusIn2xxBody_data();
    void failedStatusIn2xxBody();
    void qpsZeroMeansDefault_data();
    void qpsZeroMeansDefault();
    void configTimeoutSentAsQueryParameter();
    void impersonationHeaders_data();
    void impersonationHeaders();
    void gzipAndDisableCompression_data();
    void gzipAndDisableCompression();
    void gzipOver100MegabytesUncompressed();
    void stalledRequestEndsWithError();
    void stalledWatchEndsWithErrorOnlyWhenAsked();
    void tokenFileWinsOverToken();
    void rotatedClientCertificateGetsNewConnections();
};

void tst_WireFidelity::redirectIsAnErrorAndCredentialsStay()
{
    // Go's http.Client drops Authorization on a redirect to another host; API servers never
    // redirect, so kubeclient does not follow at all and names the target in the error.
    FakeApiServer elsewhere;
    QVERIFY(elsewhere.start());
    FakeApiServer server;
    server.loadStockCluster({});
    QVERIFY(server.start());
    const QUrl target = elsewhere.url().resolved(QUrl("/api/v1/namespaces"));
    server.wire().addRedirect("/api/v1/namespaces", target, 302);
    RestConfig cfg = configFor(server.url());
    cfg.bearerToken = "secret-token";
    auto c = RestClient::create(cfg, { "", "v1" });
    auto reply = sendAndWait(c->get().resource("namespaces"));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->httpCode, 302);
    QVERIFY2(reply->result().error->message.contains(target.toString()),
             errText(reply.get()).constData());
    QCOMPARE(elsewhere.requestCount(), 0);
    QCOMPARE(reply->result().retries, 0);
}

void tst_WireFidelity::successIs200To206_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("ok");
    QTest::newRow("200") << 200 << true;
    QTest::newRow("201") << 201 << true;
    QTest::newRow("206 partial content") << 206 << true;
    QTest::newRow("207 multi-status") << 207 << false;
    QTest::newRow("226") << 226 << false;
}

void tst_WireFidelity::successIs200To206()
{
    // client-go's transformResponse: StatusOK <= code <= StatusPartialContent is success.
    QFETCH(int, code);
    QFETCH(bool, ok);
    ScriptedServer server([code](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(code, R"({"kind":"NamespaceList","items":[]})"));
    });
    auto c = RestClient::create(configFor(server.url()), { "", "v1" });
    auto reply = sendAndWait(c->get().resource("namespaces"));
    QCOMPARE(reply->result().ok(), ok);
    QCOMPARE(reply->result().statusCode, code);
}

void tst_WireFidelity::topLevelKind_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("kind");
    QTest::newRow("status") << QByteArray(R"({"kind":"Status","apiVersion":"v1","code":500})")
                            << QByteArray("Status");
    QTest::newRow("unstructured list: kind after items")
        << QByteArray(R"({"apiVersion":"v1","items":[{"kind":"Status","x":{"kind":"Status"}}],)"
                      R"("kind":"PodList","metadata":{}})")
        << QByteArray("PodList");
    QTest::newRow("table with a Status column")
        << QByteArray(R"( { "kind" : "Table", "columnDefinitions":[{"name":"Status"}]})")
        << QByteArray("Table");
    QTest::newRow("nested only") << QByteArray(R"({"metadata":{"kind":"Status"}})") << QByteArray();
    QTest::newRow("escaped quote in a string")
        << QByteArray(R"({"a":"x\"kind\":\"Status","kind":"Pod"})") << QByteArray("Pod");
    QTest::newRow("numbers, booleans, null")
        << QByteArray(R"({"a":1.5e3,"b":true,"c":null,"kind":"Status"})") << QByteArray("Status");
    QTest::newRow("not an object") << QByteArray(R"(["kind","Status"])") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"items":[{"kind":"Status")") << QByteArray();
}

void tst_WireFidelity::topLevelKind()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, kind);
    QCOMPARE(kube::detail::topLevelKind(json), kind);
}

void tst_WireFidelity::failedStatusIn2xxBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::newRow("failed Status")
        << QByteArray(R"({"kind":"Status","apiVersion":"v1","status":"Failure",)"
                      R"("message":"nope","reason":"Forbidden","code":403})")
        << false;
    QTest::newRow("success Status")
        << QByteArray(R"({"kind":"Status","apiVersion":"v1","status":"Success","code":200})")
        << true;
    QTest::newRow("table whose cells say Status")
        << QByteArray(R"({"kind":"Table","apiVersion":"meta.k8s.io/v1","columnDefinitions":)"
                      R"([{"name":"Status","type":"string"}],"rows":[{"cells":["Failure"],)"
                      R"("object":{"kind":"Status","status":"Failure","code":500}}]})")
        << true;
}

void tst_WireFidelity::failedStatusIn2xxBody()
{
    // client-go decodes a 2xx body once and fails when the decoded object is a failed
    // Status: the decision is the top-level kind, never a "Status" somewhere inside.
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    ScriptedServer server([body](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(200, body));
    });
    auto c = RestClient::create(configFor(server.url()), { "", "v1" });
    auto reply = sendAndWait(c->get().resource("pods"));
    QCOMPARE(reply->result().ok(), ok);
    if (!ok)
        QCOMPARE(reply->result().error->httpCode, 403);
}

void tst_WireFidelity::qpsZeroMeansDefault_data()
{
    QTest::addColumn<double>("qps");
    QTest::addColumn<int>("burst");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<double>("expectedQps");
    QTest::addColumn<int>("expectedBurst");
    QTest::newRow("0/0 = client-go defaults 5/10") << 0.0 << 0 << true << 5.0 << 10;
    QTest::newRow("explicit") << 20.0 << 40 << true << 20.0 << 40;
    QTest::newRow("negative disables") << -1.0 << 0 << false << -1.0 << 10;
}

void tst_WireFidelity::qpsZeroMeansDefault()
{
    // rest.RESTClientFor: QPS 0 -> DefaultQPS (5), Burst 0 -> DefaultBurst (10).
    QFETCH(double, qps);
    QFETCH(int, burst);
    QFETCH(bool, enabled);
    QFETCH(double, expectedQps);
    QFETCH(int, expectedBurst);
    RestConfig cfg;
    cfg.host = QUrl("https://127.0.0.1:6443");
    cfg.qps = qps;
    cfg.burst = burst;
    auto c = RestClient::create(cfg, { "", "v1" });
    QCOMPARE(c->rateLimiter()->isEnabled(), enabled);
    if (enabled) {
        QCOMPARE(c->rateLimiter()->qps(), expectedQps);
        QCOMPARE(c->rateLimiter()->burst(), expectedBurst);
    }
}

void tst_WireFidelity::configTimeoutSentAsQueryParameter()
{
    // client-go: a request's timeout defaults to the config's and is sent as ?timeout=.
    FakeApiServer server;
    server.loadStockCluster({});
    QVERIFY(server.start());
    RestConfig cfg = configFor(server.url());
    cfg.timeout = 7s;
    auto c = RestClient::create(cfg, { "", "v1" });
    auto reply = sendAndWait(c->get().resource("namespaces"));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    QCOMPARE(server.requests().last().query, QStringLiteral("timeout=7s"));
    // An explicit request timeout wins and is not sent twice.
    reply = sendAndWait(c->get().resource("namespaces").timeout(3s));
    QCOMPARE(server.requests().last().query, QStringLiteral("timeout=3s"));
}

void tst_WireFidelity::impersonationHeaders_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("uid");
    QTest::addColumn<QStringList>("groups");
    QTest::addColumn<QString>("extraKey");
    QTest::addColumn<QStringList>("extraValues");
    QTest::addColumn<QByteArrayList>("expected"); // name=value, lower-case names
    QTest::addColumn<bool>("ok");
    QTest::newRow("user only") << "jane"
                               << "" << QStringList() << "" << QStringList()
                               << QByteArrayList { "impersonate-user=jane" } << true;
    QTest::newRow("user, uid, group, escaped extra key")
        << "jane"
        << "42" << QStringList { "devs" } << "scopes.example.com/a b" << QStringList { "read" }
        << QByteArrayList { "impersonate-user=jane", "impersonate-uid=42",
                            "impersonate-group=devs", "impersonate-extra-scopes.example.com%2fa%20b=read" /* names lower-cased by the test server */ }
        << true;
    QTest::newRow("two groups cannot be sent")
        << "jane"
        << "" << QStringList { "a", "b" } << "" << QStringList() << QByteArrayList() << false;
    QTest::newRow("group without user")
        << ""
        << "" << QStringList { "a" } << "" << QStringList() << QByteArrayList() << false;
}

void tst_WireFidelity::impersonationHeaders()
{
    // client-go's ImpersonatingRoundTripper: Impersonate-User, -Uid, -Group, and
    // Impersonate-Extra-<headerKeyEscape(key)>.
    QFETCH(QString, user);
    QFETCH(QString, uid);
    QFETCH(QStringList, groups);
    QFETCH(QString, extraKey);
    QFETCH(QStringList, extraValues);
    QFETCH(QByteArrayList, expected);
    QFETCH(bool, ok);
    ScriptedServer server([](const ScriptedRequest &, QTcpSocket *s) {
        s->write(ScriptedServer::response(200, R"({"kind":"NamespaceList","items":[]})"));
    });
    RestConfig cfg = configFor(server.url());
    cfg.impersonateUser = user;
    cfg.impersonateUid = uid;
    cfg.impersonateGroups = groups;
    if (!extraKey.isEmpty())
        cfg.impersonateExtra.insert(extraKey, extraValues);
    auto c = RestClient::create(cfg, { "", "v1" });
    auto reply = sendAndWait(c->get().resource("namespaces"));
    QCOMPARE(reply->result().ok(), ok);
    if (!ok) {
        QCOMPARE(reply->result().error->kind, Error::Kind::Config);
        QCOMPARE(server.requests.size(), 0);
        return;
    }
    QCOMPARE(server.requests.size(), 1);
    QByteArrayList got;
    for (auto it = server.requests.first().headers.cbegin();
         it != server.requests.first().headers.cend(); ++it) {
        if (it.key().startsWith("impersonate-"))
            got.append(it.key() + '=' + it.value());
    }
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(got, expected);
}

void tst_WireFidelity::gzipAndDisableCompression_data()
{
    QTest::addColumn<bool>("disableCompression");
    QTest::newRow("gzip accepted") << false;
    QTest::newRow("disable-compression") << true;
}

void tst_WireFidelity::gzipAndDisableCompression()
{
    // kube-apiserver gzips bodies over 128 KiB when asked; kubeconfig's
    // disable-compression makes client-go stop asking (Transport.DisableCompression).
    QFETCH(bool, disableCompression);
    FakeApiServer server;
    server.loadStockCluster({ .pods = 600 });
    QVERIFY(server.start());
    RestConfig cfg = configFor(server.url());
    cfg.disableCompression = disableCompression;
    auto c = RestClient::create(cfg, { "", "v1" });
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    QVERIFY(reply->result().body.size() > WireFaults::DefaultGzipThreshold);
    QCOMPARE(server.wire().gzippedResponses(), disableCompression ? 0 : 1);
    auto json = reply->result().json();
    QVERIFY(json);
    QCOMPARE(json->value("items").toArray().size(), 600);
    // Small answers are never compressed.
    reply = sendAndWait(c->get().resource("namespaces"));
    QVERIFY(reply->result().ok());
    QCOMPARE(server.wire().gzippedResponses(), disableCompression ? 0 : 1);
}

void tst_WireFidelity::gzipOver100MegabytesUncompressed()
{
    // 10,000 pods are 100 MB+ of JSON that compresses far more than 40:1, where Qt's default
    // decompression safety check (10 MB) would refuse it. The threshold is set deliberately.
    QByteArray item = R"({"metadata":{"name":"pod-xxxxx","namespace":"default","labels":)"
                      R"({"app":"web","tier":"frontend"}},"spec":{"containers":[{"name":"c",)"
                      R"("image":"registry.example.com/team/app:1.2.3"}]},"status":)"
                      R"({"phase":"Running"}},)";
    const int count = int(105'000'000 / item.size()) + 1;
    QByteArray body;
    body.reserve(qsizetype(count) * item.size() + 64);
    body += R"({"apiVersion":"v1","items":[)";
    for (int i = 0; i < count; ++i)
        body += item;
    body.chop(1);
    body += R"(],"kind":"PodList","metadata":{}})";
    const QByteArray gz = WireFaults::gzip(body);
    QVERIFY(!gz.isEmpty());
    QVERIFY2(body.size() / gz.size() > 40, QByteArray::number(body.size() / gz.size()));
    ScriptedServer server([&gz](const ScriptedRequest &r, QTcpSocket *s) {
        QVERIFY(r.header("accept-encoding").contains("gzip"));
        s->write(ScriptedServer::response(200, gz, { { "Content-Encoding", "gzip" } }));
    });
    auto c = RestClient::create(configFor(server.url()), { "", "v1" });
    auto reply = sendAndWait(c->get().resource("pods"));
    QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
    QCOMPARE(reply->result().body.size(), body.size());
    QVERIFY(reply->result().body == body);
}

void tst_WireFidelity::stalledRequestEndsWithError()
{
    // A connection that went silent (client-go: HTTP/2 read-idle + ping timeout, TCP
    // keep-alive) must end the request with an error, not hang.
    FakeApiServer server;
    server.loadStockCluster({});
    QVERIFY(server.start());
    server.wire().addStall("/api/v1/namespaces", WireFaults::Stall::NoResponse);
    RestClient::Options options;
    options.readIdleTimeout = 300ms;
    auto c = RestClient::create(configFor(server.url()), { "", "v1" }, options);
    auto reply = sendAndWait(c->get().resource("namespaces"));
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->kind, Error::Kind::Timeout);
    QVERIFY2(reply->result().error->message.contains("presumed dead"),
             errText(reply.get()).constData());
    QCOMPARE(server.requestCount("/api/v1/namespaces"), 1); // not retried
}

void tst_WireFidelity::stalledWatchEndsWithErrorOnlyWhenAsked()
{
    FakeApiServer server;
    server.loadStockCluster({});
    QVERIFY(server.start());
    server.wire().addStall("/api/v1/namespaces", WireFaults::Stall::AfterHeaders);
    RestClient::Options options;
    options.readIdleTimeout = 300ms; // applies until a stream starts, not after
    auto c = RestClient::create(configFor(server.url()), { "", "v1" }, options);

    // A quiet watch is normal: without a limit of its own it stays open.
    std::unique_ptr<WatchStream> quiet(c->get().resource("namespaces").watch());
    QTRY_VERIFY_WITH_TIMEOUT(quiet->isStarted(), 20000);
    QTest::qWait(1000);
    QVERIFY(!quiet->isFinished());

    // With one (what a Reflector sets), silence ends it with a Timeout error.
    std::unique_ptr<WatchStream> w(c->get().resource("namespaces").readIdleTimeout(300ms).watch());
    QSignalSpy finished(w.get(), &WatchStream::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY(w->isStarted());
    QVERIFY(w->error());
    QCOMPARE(w->error()->kind, Error::Kind::Timeout);
    QVERIFY(!quiet->isFinished());
}

void tst_WireFidelity::tokenFileWinsOverToken()
{
    // client-go's NewBearerAuthWithRefreshRoundTripper: with token and tokenFile, the file's
    // (re-read) token is sent; the static one only while the file cannot be read.
    QTemporaryDir dir;
    const QString path = dir.filePath("token");
    TokenFileAuthProvider provider(path, "static-token");
    auto t = provider.token();
    QVERIFY(t);
    QCOMPARE(*t, QStringLiteral("static-token"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("file-token\n");
    f.close();
    t = provider.token();
    QVERIFY(t);
    QCOMPARE(*t, QStringLiteral("file-token"));
}

void tst_WireFidelity::rotatedClientCertificateGetsNewConnections()
{
    // client-go closes connections made with a rotated exec-plugin certificate; Qt pools by
    // host and port only, so a new certificate must get a new manager. The whole chain is
    // presented, not only the leaf.
    FakeApiServer a(FakeApiServerOptions { .tls = true, .requireClientCertificate = true });
    FakeApiServer b(FakeApiServerOptions { .tls = true, .requireClientCertificate = true });
    QVERIFY(a.start());
    QVERIFY(b.start());
    auto credentialsOf = [](const FakeApiServer &s) {
        Credentials c;
        const auto chain
            = QSslCertificate::fromData(s.clientCertificatePem() + s.caCertificatePem());
        c.clientCertificate = chain.first();
        c.clientCertificateChain = chain;
        c.clientKey = QSslKey(s.clientKeyPem(), QSsl::Rsa);
        if (c.clientKey.isNull())
            c.clientKey = QSslKey(s.clientKeyPem(), QSsl::Ec);
        return c;
    };
    const Credentials first = credentialsOf(a);
    const Credentials rotated = credentialsOf(b);
    QVERIFY(!first.clientKey.isNull());
    RestConfig cfg;
    cfg.host = a.url();
    auto c = RestClient::create(cfg, { "", "v1" });
    auto [nam1, ssl1] = c->transportFor(false, first);
    QCOMPARE(ssl1.localCertificateChain().size(), 2);
    auto [nam1again, ssl1again] = c->transportFor(false, first);
    QCOMPARE(nam1again.get(), nam1.get());
    auto [nam2, ssl2] = c->transportFor(false, rotated);
    QVERIFY(nam2.get() != nam1.get());
    QCOMPARE(ssl2.localCertificate(), rotated.clientCertificate);
    auto [stream2, sslStream] = c->transportFor(true, rotated);
    QVERIFY(stream2.get() != nam2.get());
}

QTEST_GUILESS_MAIN(tst_WireFidelity)
#include "tst_wirefidelity.moc"
