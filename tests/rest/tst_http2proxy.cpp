// Lists, watches and discovery through a real HTTP/2 reverse proxy (nghttpx) in front of
// FakeApiServer: what a client meets in front of real API servers, asserting h2 was used.
#include "http2proxy.h"

#include "discovery/discoveryclient.h"
#include "discovery/discoveryreply.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"
#include "rest/watchstream.h"
#include "testing/fakeapiserver.h"
#include "testing/wirefaults.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace kube;
using namespace kube::testing;
using namespace std::chrono_literals;

class tst_Http2Proxy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void gzippedListOverH2();
    void chunkedListOverH2();
    void watchOverH2();
    void legacyDiscoveryFanOutOverH2();

private:
    RestConfig config() const
    {
        RestConfig cfg;
        cfg.host = m_proxy.url();
        cfg.qps = -1;
        QFile f(m_proxy.certificateFile());
        f.open(QIODevice::ReadOnly);
        cfg.tls.caData = f.readAll();
        return cfg;
    }

    FakeApiServer m_server;
    Http2Proxy m_proxy;
};

void tst_Http2Proxy::initTestCase()
{
    if (Http2Proxy::executable().isEmpty())
        QSKIP("nghttpx is not installed (Debian package nghttp2-proxy; scripts/bootstrap.sh)");
    m_server.loadStockCluster(
        { .namespaces = 2, .pods = 700, .deployments = 2, .nodes = 1, .crdGroups = 100 });
    m_server.setAggregatedDiscovery(false);
    QVERIFY(m_server.start());
    QString why;
    if (!m_proxy.start(m_server.url(), &why))
        QFAIL(qPrintable(why));
}

void tst_Http2Proxy::gzippedListOverH2()
{
    const int gzipped = m_server.wire().gzippedResponses();
    auto c = RestClient::create(config(), { "", "v1" });
    std::unique_ptr<RestReply> reply(c->get().resource("pods").send());
    QVERIFY(waitFor(reply.get(), 60s));
    QVERIFY2(reply->result().ok(),
             qPrintable(reply->result().error ? reply->result().error->toString() : QString()));
    QVERIFY(reply->result().http2);
    QCOMPARE(reply->result().json()->value("items").toArray().size(), 700);
    QCOMPARE(m_server.wire().gzippedResponses(), gzipped + 1); // gzip passed through
    QTRY_VERIFY_WITH_TIMEOUT(!m_proxy.accessLogLines("GET /api/v1/pods ").isEmpty(), 20000);
    for (const QString &line : m_proxy.accessLogLines("GET /api/v1/pods "))
        QVERIFY2(line.startsWith("h2 200 "), qPrintable(line));
}

void tst_Http2Proxy::chunkedListOverH2()
{
    // Pages of 100 with continue tokens (client-go's pager), each one an h2 stream.
    auto c = RestClient::create(config(), { "", "v1" });
    QSet<QString> names;
    QString token;
    int pages = 0;
    do {
        Request r = c->get().resource("pods").param("limit", "100");
        if (!token.isEmpty())
            r.param("continue", token);
        std::unique_ptr<RestReply> reply(r.send());
        QVERIFY(waitFor(reply.get(), 60s));
        QVERIFY2(reply->result().ok(),
                 qPrintable(reply->result().error ? reply->result().error->toString() : QString()));
        QVERIFY(reply->result().http2);
        const auto json = reply->result().json();
        QVERIFY(json);
        for (const QJsonValue &item : json->value("items").toArray()) {
            const QJsonObject meta = item.toObject().value("metadata").toObject();
            names.insert(meta.value("namespace").toString() + u'/' + meta.value("name").toString());
        }
        token = json->value("metadata").toObject().value("continue").toString();
        ++pages;
    } while (!token.isEmpty() && pages < 100);
    QCOMPARE(pages, 7);
    QCOMPARE(names.size(), 700);
}

void tst_Http2Proxy::watchOverH2()
{
    auto c = RestClient::create(config(), { "", "v1" });
    std::unique_ptr<WatchStream> w(
        c->get().resource("namespaces").param("resourceVersion", "0").watch());
    QStringList names;
    connect(w.get(), &WatchStream::eventReceived, this, [&names](const WatchEvent &e) {
        names.append(e.object.value("metadata").toObject().value("name").toString());
    });
    QTRY_VERIFY_WITH_TIMEOUT(names.size() >= 6, 30000); // the initial ADDED events
    m_server.addObject("", "v1", "namespaces",
                       QJsonObject { { "metadata", QJsonObject { { "name", "through-h2" } } } });
    QTRY_VERIFY_WITH_TIMEOUT(names.contains("through-h2"), 30000);
    QVERIFY(!w->isFinished());
    // The proxy logs a stream when it closes: cancel the watch, then read how it went.
    w.reset();
    QTRY_VERIFY_WITH_TIMEOUT(!m_proxy.accessLogLines("GET /api/v1/namespaces?").isEmpty(), 20000);
    const QStringList lines = m_proxy.accessLogLines("GET /api/v1/namespaces?");
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.first().contains("watch=true"), qPrintable(lines.first()));
    QVERIFY2(lines.first().startsWith("h2 "), qPrintable(lines.first()));
}

void tst_Http2Proxy::legacyDiscoveryFanOutOverH2()
{
    m_server.addFault("/apis/", Fault { .type = Fault::Type::Delay, .delay = 30ms });
    auto disc = DiscoveryClient::create(config());
    QVERIFY(disc);
    std::unique_ptr<DiscoveryReply> reply((*disc)->serverGroupsAndResources());
    QSignalSpy done(reply.get(), &DiscoveryReply::finished);
    QVERIFY(done.wait(60000));
    m_server.clearFaults();
    QVERIFY2(!reply->hasError(), qPrintable(reply->error().toString()));
    QVERIFY(reply->data().resources.size() > 100);
    // Every group-version document came over h2 (100 CRD group-versions and the built-ins).
    QTRY_VERIFY_WITH_TIMEOUT(m_proxy.accessLogLines("GET /apis/").size() > 100, 20000);
    for (const QString &line : m_proxy.accessLogLines("GET /apis/"))
        QVERIFY2(line.startsWith("h2 200 "), qPrintable(line));
}

QTEST_GUILESS_MAIN(tst_Http2Proxy)
#include "tst_http2proxy.moc"
