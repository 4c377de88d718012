// Faults of the network and the server, injected into FakeApiServer, against RestClient,
// ListPager, Reflector and kubrowser-cli: 429 storms and 5xx bursts (retried by client-go's
// rules), responses slower than the timeout, connections reset in the middle of a body, a
// server that goes away and comes back, an expired client certificate and a token revoked in
// the middle of a session. Each asserts the outcome (objects, error sentence, retry count),
// never a duration except as a generous upper bound that proves "no hang".

#include "discovery/discoveryclient.h"
#include "discovery/discoveryreply.h"
#include "informer/reflector.h"
#include "informer/store.h"
#include "rest/authprovider.h"
#include "rest/listpager.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"
#include "testing/fakeapiserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace kube;
using kube::testing::FakeApiServer;
using kube::testing::FakeApiServerOptions;
using kube::testing::Fault;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(kube::testing::Fault)

namespace {

const QString Ns = QStringLiteral("team-a");
constexpr auto RetryUnit = 20ms; // one Retry-After "second" in these tests
constexpr int WaitMs = 30'000;

QByteArray errText(const RestReply *r)
{
    return r->result().error ? r->result().error->toString().toUtf8() : QByteArray("no error");
}

QJsonObject podJson(const QString &name, const QString &phase = QStringLiteral("Running"))
{
    return QJsonObject {
        { "metadata", QJsonObject { { "name", name }, { "namespace", Ns } } },
        { "spec",
          QJsonObject { { "containers",
                          QJsonArray { QJsonObject { { "name", "c" }, { "image", "nginx" } } } },
                        { "nodeName", "node-1" } } },
        { "status", QJsonObject { { "phase", phase } } },
    };
}

//! key -> resourceVersion of the pods in team-a, on the server and in a store.
QMap<QString, QString> serverState(const FakeApiServer &server)
{
    QMap<QString, QString> out;
    for (const QJsonObject &o : server.objects({}, "v1", "pods", Ns))
        out.insert(Store::keyOf(o), Store::metadataOf(o).value("resourceVersion").toString());
    return out;
}

QMap<QString, QString> storeState(const Store &store)
{
    QMap<QString, QString> out;
    for (const QJsonObject &o : store.list())
        out.insert(Store::keyOf(o), Store::metadataOf(o).value("resourceVersion").toString());
    return out;
}

//! A free loopback port, so a stopped server can come back where clients expect it.
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

std::shared_ptr<RestClient> clientFor(const QUrl &url, RestConfig cfg = {})
{
    cfg.host = url;
    cfg.qps = -1; // no client-side throttling (0 is the default 5, as client-go): the server's
                  // answers drive the timing
    RestClientOptions o;
    o.retryAfterUnit = RetryUnit;
    return RestClient::create(cfg, { "", "v1" }, o);
}

ReflectorOptions fastReflector()
{
    ReflectorOptions o;
    o.backoff.initial = 50ms;
    o.backoff.cap = 400ms;
    o.retryAfterUnit = RetryUnit;
    o.shortWatchThreshold = 20ms;
    return o;
}

//! An exec plugin in miniature: hands out the current token, fetches a new one on invalidate().
class RotatingAuthProvider final : public AuthProvider
{
public:
    explicit RotatingAuthProvider(std::shared_ptr<QString> issued)
        : m_issued(std::move(issued))
    { }
    void credentials(std::function<void(Result<Credentials>)> done) override
    {
        if (m_cached.isEmpty())
            m_cached = *m_issued;
        Credentials c;
        c.authorizationHeader = "Bearer " + m_cached.toUtf8();
        done(c);
    }
    void invalidate() override
    {
        ++invalidations;
        m_cached.clear();
    }
    int invalidations = 0;

private:
    std::shared_ptr<QString> m_issued;
    QString m_cached;
};

QString cliPath()
{
    return QStringLiteral(KUBE_BINARY_DIR "/app/cli/kubrowser-cli");
}

struct CliRun
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    qint64 ms = 0;
};

// Runs kubrowser-cli while this thread's event loop keeps serving the fake server.
CliRun runCli(const QStringList &args)
{
    CliRun run;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("KUBECONFIG"));
    p.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    p.start(cliPath(), args);
    if (!p.waitForStarted(WaitMs))
        return run;
    while (p.state() != QProcess::NotRunning && t.elapsed() < 120'000)
        QTest::qWait(5);
    run.ms = t.elapsed();
    run.exitCode = p.exitCode();
    run.status = p.exitStatus();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

} // namespace

class tst_Faults : public QObject
{
    Q_OBJECT

private slots:
    void retries_data();
    void retries();
    void slowResponses_data();
    void slowResponses();
    void slowResponseCli();
    void resetMidBody_data();
    void resetMidBody();
    void reflectorRecoversFromResets();
    void serverDisappearsAndReturns_data();
    void serverDisappearsAndReturns();
    void expiredClientCertificate_data();
    void expiredClientCertificate();
    void expiredClientCertificateCli();
    void tokenRevokedMidSession_data();
    void tokenRevokedMidSession();
    void absurdGroupVersionNames_data();
    void absurdGroupVersionNames();
};

void tst_Faults::retries_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<int>("maxRetries"); // -1: the client's default (10)
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<int>("retries");
    QTest::addColumn<int>("httpCode"); // of the failure
    QTest::addColumn<QString>("message"); // part of the failure's sentence

    const auto status = [](int code, int retryAfter, int times, QByteArray method = {}) {
        return Fault { .type = Fault::Type::Status,
                       .statusCode = code,
                       .retryAfterSeconds = retryAfter,
                       .times = times,
                       .method = std::move(method) };
    };
    // client-go (rest.Request, withRetry): 429 and 5xx are retried only with an integer
    // Retry-After, after that many seconds, at most 10 times, for every verb whose body can be
    // sent again; a connection that dies before the response is retried for GET only.
    QTest::newRow("429 storm with Retry-After 1, then OK")
        << QByteArray("GET") << status(429, 1, 3) << -1 << true << 3 << 0 << QString();
    QTest::newRow("429 storm with Retry-After 3, then OK")
        << QByteArray("GET") << status(429, 3, 2) << -1 << true << 2 << 0 << QString();
    QTest::newRow("429 without end: 10 retries, then the error")
        << QByteArray("GET") << status(429, 1, -1) << -1 << false << 10 << 429
        << QStringLiteral("too many requests");
    QTest::newRow("429 without end, maxRetries 2")
        << QByteArray("GET") << status(429, 1, -1) << 2 << false << 2 << 429
        << QStringLiteral("too many requests");
    QTest::newRow("503 burst with Retry-After 0, then OK")
        << QByteArray("GET") << status(503, 0, 6) << -1 << true << 6 << 0 << QString();
    QTest::newRow("500 burst with Retry-After 1, then OK")
        << QByteArray("GET") << status(500, 1, 4) << -1 << true << 4 << 0 << QString();
    QTest::newRow("503 without Retry-After: not retried")
        << QByteArray("GET") << status(503, -1, 3) << -1 << false << 0 << 503 << QString();
    QTest::newRow("500 without Retry-After: not retried")
        << QByteArray("GET") << status(500, -1, 3) << -1 << false << 0 << 500 << QString();
    QTest::newRow("POST 503 with Retry-After: retried (body replayable)")
        << QByteArray("POST") << status(503, 1, 2, "POST") << -1 << true << 2 << 0 << QString();
    QTest::newRow("POST 429 without end: 10 retries, then the error")
        << QByteArray("POST") << status(429, 0, -1, "POST") << -1 << false << 10 << 429
        << QStringLiteral("too many requests");
    QTest::newRow("GET connection reset before the response: retried")
        << QByteArray("GET") << Fault { .type = Fault::Type::CloseConnection, .times = 4 } << -1
        << true << -2 << 0 << QString();
    QTest::newRow("POST connection reset before the response: not retried")
        << QByteArray("POST")
        << Fault { .type = Fault::Type::CloseConnection, .times = 4, .method = "POST" } << -1
        << false << 0 << 0 << QString();
    QTest::newRow("DELETE connection reset before the response: not retried")
        << QByteArray("DELETE")
        << Fault { .type = Fault::Type::CloseConnection, .times = 4, .method = "DELETE" } << -1
        << false << 0 << 0 << QString();
}

void tst_Faults::retries()
{
    QFETCH(QByteArray, verb);
    QFETCH(Fault, fault);
    QFETCH(int, maxRetries);
    QFETCH(bool, succeeds);
    QFETCH(int, retries);
    QFETCH(int, httpCode);
    QFETCH(QString, message);

    FakeApiServer server;
    server.loadStockCluster({ .namespaces = 1, .pods = 3 });
    QVERIFY(server.start());
    auto c = clientFor(server.url());
    const QString path = QStringLiteral("/api/v1/namespaces/default/configmaps");
    server.addFault(verb == "DELETE" ? path + "/cfg" : path, fault);

    const qsizetype configMapsBefore = server.objects({}, "v1", "configmaps", "default").size();
    Request request = c->verb(verb).inNamespace("default").resource("configmaps");
    if (verb == "POST")
        request.body(QJsonObject { { "metadata", QJsonObject { { "name", "cfg" } } },
                                   { "data", QJsonObject { { "k", "v" } } } });
    if (verb == "DELETE")
        request.name("cfg");
    if (maxRetries >= 0)
        request.maxRetries(maxRetries);
    std::unique_ptr<RestReply> reply(request.send());
    QSignalSpy retrying(reply.get(), &RestReply::retrying);
    QVERIFY(waitFor(reply.get(), std::chrono::milliseconds(WaitMs)));

    const RestResult &r = reply->result();
    QCOMPARE(r.ok(), succeeds);
    if (retries == -2) {
        // Qt resends once by itself on a dropped keep-alive connection: count what reached us.
        QVERIFY2(r.retries >= 1, errText(reply.get()).constData());
    } else {
        QCOMPARE(r.retries, retries);
        QCOMPARE(retrying.count(), retries);
    }
    // Each wait obeys the server's Retry-After (in RetryUnit "seconds").
    if (fault.type == Fault::Type::Status) {
        for (const QList<QVariant> &args : retrying)
            QCOMPARE(args.at(1).value<std::chrono::milliseconds>(),
                     RetryUnit * fault.retryAfterSeconds);
    }
    if (fault.type == Fault::Type::Status)
        QCOMPARE(server.requestCount(path), retries + 1);
    if (!succeeds) {
        QVERIFY(r.error);
        if (httpCode != 0) {
            QCOMPARE(r.error->httpCode, httpCode);
            QCOMPARE(r.statusCode, httpCode);
        } else {
            QCOMPARE(r.error->kind, Error::Kind::Network);
        }
        QVERIFY2(!r.error->message.isEmpty(), errText(reply.get()).constData());
        if (!message.isEmpty())
            QVERIFY2(r.error->message.contains(message, Qt::CaseInsensitive),
                     errText(reply.get()).constData());
    }
    if (verb == "POST" && succeeds) // created exactly once
        QCOMPARE(server.objects({}, "v1", "configmaps", "default").size(), configMapsBefore + 1);
}

void tst_Faults::slowResponses_data()
{
    QTest::addColumn<QString>("client");
    QTest::addColumn<int>("timeoutMs");
    QTest::newRow("RestClient, config timeout") << QStringLiteral("configTimeout") << 800;
    QTest::newRow("RestClient, request timeout") << QStringLiteral("requestTimeout") << 800;
    QTest::newRow("RestClient, timeout spans Retry-After waits")
        << QStringLiteral("retryThenSlow") << 1500;
    QTest::newRow("ListPager, second page slow") << QStringLiteral("pager") << 1000;
}

void tst_Faults::slowResponses()
{
    // The server answers 60 s late; the request ends with a timeout sentence at its deadline.
    // The upper bound (deadline + 15 s) only proves the request did not wait for the server.
    QFETCH(QString, client);
    QFETCH(int, timeoutMs);
    FakeApiServer server;
    server.loadStockCluster({ .namespaces = 1, .pods = 0 });
    QVERIFY(server.start());
    for (int i = 0; i < 30; ++i)
        server.addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i)));
    const auto timeout = std::chrono::milliseconds(timeoutMs);
    RestConfig cfg;
    if (client == "configTimeout" || client == "pager")
        cfg.timeout = timeout;
    auto c = clientFor(server.url(), cfg);
    const QString path = QStringLiteral("/api/v1/namespaces/team-a/pods");
    if (client == "retryThenSlow")
        server.addFault(path,
                        Fault { .type = Fault::Type::Status,
                                .statusCode = 429,
                                .retryAfterSeconds = 10, // 200 ms each
                                .times = 2 });
    QElapsedTimer clock;
    std::optional<Error> error;
    if (client == "pager") {
        ListPager pager(c->get().inNamespace(Ns).resource("pods"));
        pager.setPageSize(10);
        QSignalSpy pages(&pager, &ListPager::pageReceived);
        QSignalSpy finished(&pager, &ListPager::finished);
        // The second page is slow (decided when its request arrives).
        int pageRequests = 0;
        connect(&server, &FakeApiServer::requestReceived, this,
                [&](const kube::testing::RecordedRequest &r) {
                    if (r.path == path && ++pageRequests == 2)
                        server.addFault(path, Fault { .type = Fault::Type::Delay, .delay = 60s });
                });
        clock.start();
        pager.start();
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(pages.count(), 1); // the page before the slow one
        error = pager.error();
    } else {
        if (client != "retryThenSlow")
            server.addFault(path, Fault { .type = Fault::Type::Delay, .delay = 60s });
        Request r = c->get().inNamespace(Ns).resource("pods");
        if (client != "configTimeout")
            r.timeout(timeout);
        clock.start();
        std::unique_ptr<RestReply> reply(r.send());
        if (client == "retryThenSlow") {
            // Two 429s with Retry-After, then the third attempt is slow.
            connect(reply.get(), &RestReply::retrying, this, [&](int attempt) {
                if (attempt == 2)
                    server.addFault(path, Fault { .type = Fault::Type::Delay, .delay = 60s });
            });
        }
        QVERIFY(waitFor(reply.get(), std::chrono::milliseconds(WaitMs)));
        error = reply->result().error;
        if (client == "retryThenSlow")
            QCOMPARE(reply->result().retries, 2);
        if (client != "retryThenSlow") // (that one keeps the last 429's Status body)
            QVERIFY(reply->result().body.isEmpty());
    }
    const qint64 elapsed = clock.elapsed();
    QVERIFY(error);
    QCOMPARE(error->kind, Error::Kind::Timeout);
    QVERIFY2(error->message.contains("did not finish within"), qPrintable(error->message));
    // Qt's coarse timers may fire up to 5 % early.
    QVERIFY2(elapsed >= timeoutMs * 9 / 10, QByteArray::number(elapsed).constData());
    QVERIFY2(elapsed < timeoutMs + 15'000, QByteArray::number(elapsed).constData());
}

void tst_Faults::slowResponseCli()
{
    // kubectl's --request-timeout: a clear timeout error and a failed exit, not a hang.
    if (!QFile::exists(cliPath()))
        QSKIP("kubrowser-cli is not built");
    FakeApiServer server;
    server.loadStockCluster({ .namespaces = 1, .pods = 5 });
    QVERIFY(server.start());
    QTemporaryDir dir;
    const QString kubeconfig = server.writeKubeconfig(dir.path());
    // Discovery answers; the list is 60 s late.
    server.addFault(QStringLiteral("/api/v1/namespaces/default/pods"),
                    Fault { .type = Fault::Type::Delay, .delay = 60s });
    const CliRun run
        = runCli({ QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("--cache-dir"),
                   dir.filePath("cache"), QStringLiteral("--request-timeout=2s"),
                   QStringLiteral("get"), QStringLiteral("pods") });
    QCOMPARE(run.status, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("2s"), run.err.constData());
    QVERIFY2(run.err.startsWith("error: ") || run.err.contains("Unable to connect"),
             run.err.constData());
    QVERIFY2(run.ms < 30'000, QByteArray::number(run.ms).constData());
}

void tst_Faults::resetMidBody_data()
{
    QTest::addColumn<QString>("client");
    QTest::newRow("RestClient GET of a list") << QStringLiteral("rest");
    QTest::newRow("RestClient GET of a Table") << QStringLiteral("table");
    QTest::newRow("ListPager, first page cut") << QStringLiteral("pagerFirst");
    QTest::newRow("ListPager, third page cut") << QStringLiteral("pagerThird");
}

void tst_Faults::resetMidBody()
{
    // Headers and half the body, then the connection closes: an error naming what happened,
    // and nothing of the half body handed on (a started response is never retried: its
    // effects may have happened, and client-go does not retry it either).
    QFETCH(QString, client);
    FakeApiServer server;
    server.loadStockCluster({ .namespaces = 1, .pods = 0 });
    QVERIFY(server.start());
    for (int i = 0; i < 40; ++i)
        server.addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i)));
    auto c = clientFor(server.url());
    const QString path = QStringLiteral("/api/v1/namespaces/team-a/pods");
    std::optional<Error> error;
    if (client.startsWith("pager")) {
        ListPager pager(c->get().inNamespace(Ns).resource("pods"));
        pager.setPageSize(10);
        const int goodPages = client == "pagerFirst" ? 0 : 2;
        QSignalSpy pages(&pager, &ListPager::pageReceived);
        QSignalSpy finished(&pager, &ListPager::finished);
        // Cut the answer to page goodPages + 1, decided when its request arrives (the pager
        // asks for the next page while it parses one).
        int pageRequests = 0;
        connect(&server, &FakeApiServer::requestReceived, this,
                [&](const kube::testing::RecordedRequest &r) {
                    if (r.path == path && ++pageRequests == goodPages + 1)
                        server.addFault(path, Fault { .type = Fault::Type::CutBody, .times = 1 });
                });
        pager.start();
        QVERIFY(finished.wait(WaitMs));
        QCOMPARE(finished.count(), 1);
        // No page from the cut body (a pipelined next page may have been requested already).
        QCOMPARE(pages.count(), goodPages);
        int items = 0;
        for (const QList<QVariant> &args : pages)
            items += int(args.at(0).value<ListPage>().size());
        QCOMPARE(items, goodPages * 10);
        error = pager.error();
    } else {
        server.addFault(path, Fault { .type = Fault::Type::CutBody });
        Request r = c->get().inNamespace(Ns).resource("pods");
        if (client == "table")
            r.asTable();
        std::unique_ptr<RestReply> reply(r.send());
        QVERIFY(waitFor(reply.get(), std::chrono::milliseconds(WaitMs)));
        QCOMPARE(reply->result().retries, 0);
        QVERIFY(!reply->result().ok());
        error = reply->result().error;
        QCOMPARE(server.requestCount(path), 1);
    }
    QVERIFY(error);
    QCOMPARE(error->kind, Error::Kind::Network);
    QVERIFY2(error->message.contains("closed in the middle of the response body"),
             qPrintable(error->message));
}

void tst_Faults::reflectorRecoversFromResets()
{
    // An informer whose list is cut twice and whose watches are cut all along settles on
    // exactly the server's objects.
    FakeApiServer server;
    server.loadStockCluster({ .namespaces = 1, .pods = 0 });
    QVERIFY(server.start());
    for (int i = 0; i < 600; ++i)
        server.addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i)));
    server.addFault(QStringLiteral("/api/v1/namespaces/team-a/pods"),
                    Fault { .type = Fault::Type::CutBody, .times = 2 });
    server.setWatchFaults({ .cutAfter = 150ms });
    RestConfig cfg;
    cfg.host = server.url();
    auto c = RestClient::createUnversioned(cfg);
    Reflector r(DynamicResource(c, { "", "v1", "pods" }, ResourceScope::Namespaced).inNamespace(Ns),
                std::make_shared<Store>(), fastReflector());
    QSignalSpy synced(&r, &Reflector::synced);
    r.start();
    QVERIFY(synced.wait(WaitMs));
    for (int i = 0; i < 20; ++i) {
        server.addObject({}, "v1", "pods", podJson(QStringLiteral("new-%1").arg(i)));
        server.removeObject({}, "v1", "pods", Ns, QStringLiteral("pod-%1").arg(i));
        QTest::qWait(30);
    }
    QTRY_VERIFY_WITH_TIMEOUT(server.watchRequestCount() >= 3, WaitMs);
    server.setWatchFaults({});
    QTRY_COMPARE_WITH_TIMEOUT(storeState(*r.store()), serverState(server), WaitMs);
    // Two cut lists, then one that came whole. Counted at the server: a cut that comes before
    // the response headers is retried inside RestReply (client-go's rule for a GET whose
    // connection dropped), so the Reflector may have started only one or two of them.
    qsizetype lists = 0;
    for (const kube::testing::RecordedRequest &req : server.requests()) {
        if (req.path == QStringLiteral("/api/v1/namespaces/team-a/pods")
            && !req.query.contains(QStringLiteral("watch=")))
            ++lists;
    }
    QVERIFY2(lists >= 3, QByteArray::number(lists).constData());
    QVERIFY(r.listCount() >= 1);
}

void tst_Faults::serverDisappearsAndReturns_data()
{
    QTest::addColumn<InformerMode>("mode");
    QTest::addColumn<bool>("watchList");
    QTest::newRow("full objects, list + watch") << InformerMode::Full << false;
    QTest::newRow("full objects, watch-list") << InformerMode::Full << true;
    QTest::newRow("table rows") << InformerMode::Table << false;
}

void tst_Faults::serverDisappearsAndReturns()
{
    // The API server goes away (restart, network down) while objects keep changing in etcd,
    // then returns on the same address: the reflector says it is reconnecting, with the
    // connection error, and then holds exactly the server's objects again.
    QFETCH(InformerMode, mode);
    QFETCH(bool, watchList);
    const quint16 port = freePort();
    QVERIFY(port != 0);
    FakeApiServer server(FakeApiServerOptions { .port = port });
    server.loadStockCluster({ .namespaces = 1, .pods = 0 });
    QVERIFY(server.start());
    for (int i = 0; i < 550; ++i)
        server.addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i)));
    RestConfig cfg;
    cfg.host = server.url();
    auto c = RestClient::createUnversioned(cfg);
    ReflectorOptions options = fastReflector();
    options.mode = mode;
    options.useWatchList = watchList;
    Reflector r(DynamicResource(c, { "", "v1", "pods" }, ResourceScope::Namespaced).inNamespace(Ns),
                std::make_shared<Store>(), options);
    QSignalSpy synced(&r, &Reflector::synced);
    r.start();
    QVERIFY(synced.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(r.status().state, ReflectorStatus::State::Live, WaitMs);
    QCOMPARE(r.store()->size(), qsizetype(550));

    server.stop();
    QTRY_COMPARE_WITH_TIMEOUT(r.status().state, ReflectorStatus::State::Reconnecting, WaitMs);
    QVERIFY(r.status().lastError);
    QVERIFY2(r.status().lastError->message.contains("refused")
                 || r.status().lastError->message.contains("closed"),
             qPrintable(r.status().lastError->message));
    // Let it fail a few times against the closed port, changing objects meanwhile.
    QTRY_VERIFY_WITH_TIMEOUT(r.status().consecutiveFailures >= 3, WaitMs);
    for (int i = 0; i < 10; ++i) {
        server.removeObject({}, "v1", "pods", Ns, QStringLiteral("pod-%1").arg(i));
        server.addObject({}, "v1", "pods", podJson(QStringLiteral("while-down-%1").arg(i)));
        server.addObject({}, "v1", "pods",
                         podJson(QStringLiteral("pod-%1").arg(100 + i), QStringLiteral("Failed")));
    }
    QVERIFY(server.start());
    QCOMPARE(server.port(), port);
    QTRY_COMPARE_WITH_TIMEOUT(storeState(*r.store()), serverState(server), WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(r.status().state, ReflectorStatus::State::Live, WaitMs);
    QCOMPARE(r.store()->size(), qsizetype(550));
    // Changes after the return flow again.
    server.addObject({}, "v1", "pods", podJson(QStringLiteral("after-return")));
    QTRY_COMPARE_WITH_TIMEOUT(storeState(*r.store()), serverState(server), WaitMs);
}

void tst_Faults::expiredClientCertificate_data()
{
    QTest::addColumn<int>("notBeforeDays");
    QTest::addColumn<int>("notAfterDays");
    QTest::addColumn<bool>("asFiles");
    QTest::addColumn<QString>("message"); // empty: the request succeeds
    QTest::newRow("valid certificate (control)") << -1 << 30 << false << QString();
    QTest::newRow("expired yesterday, data") << -30 << -1 << false << QStringLiteral("expired at");
    QTest::newRow("expired yesterday, files") << -30 << -1 << true << QStringLiteral("expired at");
    QTest::newRow("not valid until tomorrow")
        << 1 << 30 << false << QStringLiteral("is not valid before");
}

void tst_Faults::expiredClientCertificate()
{
    // kube-apiserver refuses an expired client certificate in the handshake with a bare TLS
    // alert; the error must name the certificate and its expiry, at once (not after ten
    // one-second retries of a handshake that cannot succeed).
    QFETCH(int, notBeforeDays);
    QFETCH(int, notAfterDays);
    QFETCH(bool, asFiles);
    QFETCH(QString, message);
    FakeApiServer server(FakeApiServerOptions { .tls = true, .requireClientCertificate = true });
    server.loadStockCluster({ .namespaces = 1, .pods = 2 });
    QVERIFY(server.start());
    constexpr qint64 Day = 24 * 3600;
    const auto [certPem, keyPem]
        = server.issueClientCertificate("alice", std::chrono::seconds(notBeforeDays * Day),
                                        std::chrono::seconds(notAfterDays * Day));
    QVERIFY(!certPem.isEmpty() && !keyPem.isEmpty());
    QTemporaryDir dir;
    RestConfig cfg;
    cfg.host = server.url();
    cfg.qps = -1; // negative: no client-side throttling (0 is the default 5)
    cfg.tls.caData = server.caCertificatePem();
    if (asFiles) {
        QFile cert(dir.filePath("alice.crt"));
        QVERIFY(cert.open(QIODevice::WriteOnly));
        cert.write(certPem);
        QFile key(dir.filePath("alice.key"));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write(keyPem);
        cfg.tls.certFile = cert.fileName();
        cfg.tls.keyFile = key.fileName();
    } else {
        cfg.tls.certData = certPem;
        cfg.tls.keyData = keyPem;
    }
    auto c = RestClient::create(cfg, { "", "v1" }); // real one-second retry unit
    QVERIFY(!c->configError());
    std::unique_ptr<RestReply> reply(c->get().resource("namespaces").send());
    QVERIFY(waitFor(reply.get(), std::chrono::milliseconds(WaitMs)));
    if (message.isEmpty()) {
        QVERIFY2(reply->result().ok(), errText(reply.get()).constData());
        return;
    }
    const std::optional<Error> &e = reply->result().error;
    QVERIFY(e);
    QCOMPARE(e->kind, Error::Kind::Tls);
    QVERIFY2(e->message.contains(message), errText(reply.get()).constData());
    QVERIFY2(e->message.contains("CN=alice"), errText(reply.get()).constData());
    QVERIFY2(e->message.contains(asFiles ? dir.filePath("alice.crt")
                                         : QStringLiteral("client-certificate-data")),
             errText(reply.get()).constData());
    QCOMPARE(reply->result().retries, 0);
    QCOMPARE(server.requestCount(), 0); // never got past the handshake
}

void tst_Faults::expiredClientCertificateCli()
{
    // The same certificate in a kubeconfig: kubrowser-cli says which certificate expired, exits 1
    // at once, and prints nothing on stdout (kubectl only shows the server's TLS alert).
    if (!QFile::exists(cliPath()))
        QSKIP("kubrowser-cli is not built");
    FakeApiServer server(FakeApiServerOptions { .tls = true, .requireClientCertificate = true });
    server.loadStockCluster({ .namespaces = 1, .pods = 2 });
    QVERIFY(server.start());
    constexpr qint64 Day = 24 * 3600;
    const auto [certPem, keyPem] = server.issueClientCertificate(
        "alice", std::chrono::seconds(-30 * Day), std::chrono::seconds(-1 * Day));
    QVERIFY(!certPem.isEmpty());
    QTemporaryDir dir;
    const QString kubeconfig = server.writeKubeconfig(dir.path());
    QFile file(kubeconfig);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray yaml = file.readAll();
    file.close();
    yaml.replace(server.clientCertificatePem().toBase64(), certPem.toBase64());
    yaml.replace(server.clientKeyPem().toBase64(), keyPem.toBase64());
    QVERIFY(yaml.contains(certPem.toBase64()));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(yaml);
    file.close();

    const CliRun run
        = runCli({ QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("--cache-dir"),
                   dir.filePath("cache"), QStringLiteral("get"), QStringLiteral("pods") });
    QCOMPARE(run.status, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("CN=alice") && run.err.contains("expired at"), run.err.constData());
    QVERIFY2(!run.err.contains(keyPem.toBase64().left(40)), run.err.constData());
    QCOMPARE(server.requestCount(), 0);
    QVERIFY2(run.ms < 10'000, QByteArray::number(run.ms).constData()); // no retries
}

void tst_Faults::tokenRevokedMidSession_data()
{
    QTest::addColumn<bool>("rotatingProvider");
    QTest::newRow("static token revoked: clear 401, recovers when valid again") << false;
    QTest::newRow("credential plugin: re-authenticates on 401") << true;
}

void tst_Faults::tokenRevokedMidSession()
{
    // A token that worked is revoked while an informer watches (the server ends watches every
    // 300 ms, as kube-apiserver ends them every few minutes): the next watch gets 401.
    QFETCH(bool, rotatingProvider);
    FakeApiServer server(FakeApiServerOptions { .bearerToken = QStringLiteral("token-1") });
    server.loadStockCluster({ .namespaces = 1, .pods = 0 });
    QVERIFY(server.start());
    for (int i = 0; i < 30; ++i)
        server.addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i)));
    server.setWatchFaults({ .endAfter = 300ms });
    auto issued = std::make_shared<QString>(QStringLiteral("token-1"));
    auto provider = std::make_shared<RotatingAuthProvider>(issued);
    RestConfig cfg;
    cfg.host = server.url();
    if (rotatingProvider)
        cfg.authProvider = provider;
    else
        cfg.bearerToken = QStringLiteral("token-1");
    auto c = RestClient::createUnversioned(cfg);
    Reflector r(DynamicResource(c, { "", "v1", "pods" }, ResourceScope::Namespaced).inNamespace(Ns),
                std::make_shared<Store>(), fastReflector());
    QList<ReflectorStatus> statuses;
    connect(&r, &Reflector::statusChanged, this,
            [&](const ReflectorStatus &s) { statuses.append(s); });
    QSignalSpy synced(&r, &Reflector::synced);
    r.start();
    QVERIFY(synced.wait(WaitMs));

    // Revoked: the plugin would hand out the new token when asked again.
    server.setBearerToken(QStringLiteral("token-2"));
    *issued = QStringLiteral("token-2");
    server.addObject({}, "v1", "pods", podJson(QStringLiteral("after-revocation")));
    const int watchesAtRevocation = server.watchRequestCount();

    if (rotatingProvider) {
        QTRY_VERIFY_WITH_TIMEOUT(server.watchRequestCount() >= watchesAtRevocation + 3, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(storeState(*r.store()), serverState(server), WaitMs);
        QVERIFY(provider->invalidations >= 1);
        for (const ReflectorStatus &s : statuses) // the 401 never reached the user
            QVERIFY(!s.lastError || s.lastError->httpCode != 401);
        QCOMPARE(r.relistCount(), 0);
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(r.status().lastError && r.status().lastError->httpCode == 401, WaitMs);
    QCOMPARE(r.status().state, ReflectorStatus::State::Reconnecting);
    const Error e = *r.status().lastError;
    QCOMPARE(e.reason, QStringLiteral("Unauthorized"));
    QVERIFY2(!e.message.isEmpty(), qPrintable(e.message));
    // The token becomes valid again (re-issued by the admin): the informer recovers by itself.
    server.setBearerToken(QStringLiteral("token-1"));
    QTRY_COMPARE_WITH_TIMEOUT(storeState(*r.store()), serverState(server), WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(r.status().state, ReflectorStatus::State::Live, WaitMs);
}

void tst_Faults::absurdGroupVersionNames_data()
{
    QTest::addColumn<int>("groupLength");
    QTest::addColumn<int>("versionLength");
    QTest::addColumn<bool>("requested");
    QTest::newRow("group of 253 (the DNS maximum)") << 253 << 2 << true;
    QTest::newRow("version of 63 (the DNS label maximum)") << 10 << 63 << true;
    QTest::newRow("group of 254") << 254 << 2 << false;
    QTest::newRow("version of 64") << 10 << 64 << false;
    QTest::newRow("group of 1 MB") << (1 << 20) << 2 << false;
}

void tst_Faults::absurdGroupVersionNames()
{
    // A server that names a group-version longer than Kubernetes allows: that group-version is
    // reported as failed, with a short sentence, and never requested (a 100 MB name cost a
    // minute of path building and a 100 MB request line); the others are discovered.
    QFETCH(int, groupLength);
    QFETCH(int, versionLength);
    QFETCH(bool, requested);
    FakeApiServer server(FakeApiServerOptions { .aggregatedDiscovery = false });
    server.loadStockCluster({ .namespaces = 1, .pods = 1 });
    const QString group = QString(groupLength - 4, u'a') + QStringLiteral(".com");
    const QString version = QStringLiteral("v") + QString(versionLength - 1, u'1');
    server.addResource({ .group = group,
                         .version = version,
                         .resource = QStringLiteral("things"),
                         .singular = QStringLiteral("thing"),
                         .kind = QStringLiteral("Thing") });
    QVERIFY(server.start());
    RestConfig cfg;
    cfg.host = server.url();
    auto disc = DiscoveryClient::create(cfg);
    QVERIFY(disc);
    std::unique_ptr<DiscoveryReply> reply((*disc)->serverGroupsAndResources());
    QVERIFY(reply->waitForFinished(std::chrono::milliseconds(WaitMs)));
    const GroupVersion gv { group, version };
    QCOMPARE(reply->data().resourcesFor(gv) != nullptr, requested);
    QVERIFY(reply->data().resourcesFor({ QStringLiteral("apps"), QStringLiteral("v1") }));
    QCOMPARE(server.requestCount(QStringLiteral("/apis/") + group) > 0, requested);
    if (requested) {
        QVERIFY2(!reply->hasError(), qPrintable(reply->error().message));
        return;
    }
    QVERIFY(reply->isPartial());
    QCOMPARE(reply->data().failed.size(), 1);
    const QString message = reply->error().message;
    QVERIFY2(message.contains("not requested"), qPrintable(message.left(500)));
    QVERIFY2(message.size() < 600, qPrintable(message.left(500)));
}

QTEST_GUILESS_MAIN(tst_Faults)
#include "tst_faults.moc"
