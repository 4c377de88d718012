#include "metadata/metadataclient.h"
#include "rest/restclient.h"
#include "rest/waitfor.h"
#include "rest/watchstream.h"
#include "testing/fakeapiserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace kube;
using kube::testing::FakeApiServer;

class tst_MetadataClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void listIsPartialObjectMetadataList();
    void getIsPartialObjectMetadata();
    void watchEventsCarryMetadataOnly();
    void acceptHeaders();

private:
    std::unique_ptr<FakeApiServer> m_server;
    std::shared_ptr<MetadataClient> m_client;
};

void tst_MetadataClient::initTestCase()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .namespaces = 1, .pods = 30, .deployments = 2, .nodes = 1 });
    QVERIFY(m_server->start());
    RestConfig cfg;
    cfg.host = m_server->url();
    m_client = MetadataClient::create(cfg);
}

void tst_MetadataClient::listIsPartialObjectMetadataList()
{
    std::unique_ptr<MetadataReply> reply(m_client->resource({ "", "v1", "pods" }).list({}));
    waitFor(reply.get());
    if (!reply->hasValue())
        QFAIL(qPrintable(reply->error().toString()));
    const QJsonObject list = reply->value();
    QCOMPARE(list.value("kind").toString(), "PartialObjectMetadataList");
    QCOMPARE(list.value("apiVersion").toString(), "meta.k8s.io/v1");
    const QJsonArray items = list.value("items").toArray();
    QCOMPARE(items.size(), m_server->objects({}, "v1", "pods").size());
    for (const QJsonValue &item : items) {
        QCOMPARE(item.toObject().value("kind").toString(), "PartialObjectMetadata");
        QVERIFY(!item.toObject().contains("spec"));
        QVERIFY(!item.toObject().value("metadata").toObject().value("name").toString().isEmpty());
    }
}

void tst_MetadataClient::getIsPartialObjectMetadata()
{
    const QJsonObject pod = m_server->objects({}, "v1", "pods").first();
    const QJsonObject meta = pod.value("metadata").toObject();
    std::unique_ptr<MetadataReply> reply(m_client->resource({ "", "v1", "pods" })
                                             .inNamespace(meta.value("namespace").toString())
                                             .get(meta.value("name").toString()));
    waitFor(reply.get());
    if (!reply->hasValue())
        QFAIL(qPrintable(reply->error().toString()));
    QCOMPARE(reply->value().value("kind").toString(), "PartialObjectMetadata");
    QCOMPARE(reply->value().value("metadata").toObject().value("uid"), meta.value("uid"));
    QVERIFY(!reply->value().contains("spec"));
}

void tst_MetadataClient::watchEventsCarryMetadataOnly()
{
    Result<WatchStream *> w
        = m_client->resource({ "", "v1", "pods" })
              .inNamespace("default")
              .watch({ .resourceVersion = QString::number(m_server->resourceVersion()) });
    QVERIFY(w);
    std::unique_ptr<WatchStream> stream(*w);
    QSignalSpy events(stream.get(), &WatchStream::eventReceived);
    QTRY_VERIFY_WITH_TIMEOUT(stream->isStarted(), 10000);
    m_server->addObject(
        {}, "v1", "pods",
        QJsonObject {
            { "metadata", QJsonObject { { "name", "md-watch" }, { "namespace", "default" } } },
            { "spec", QJsonObject { { "nodeName", "n" } } } });
    QVERIFY(events.wait(10000));
    const WatchEvent e = events.at(0).at(0).value<WatchEvent>();
    QCOMPARE(e.type, WatchEvent::Type::Added);
    QCOMPARE(e.object.value("kind").toString(), "PartialObjectMetadata");
    QVERIFY(!e.object.contains("spec"));
}

void tst_MetadataClient::acceptHeaders()
{
    bool listAccept = false, watchAccept = false;
    for (const auto &r : m_server->requests()) {
        if (r.query.contains("watch="))
            watchAccept = watchAccept
                || r.accept.startsWith(
                    "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io");
        else if (r.path == "/api/v1/pods")
            listAccept = listAccept
                || r.accept.startsWith(
                    "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io");
    }
    QVERIFY(listAccept);
    QVERIFY(watchAccept);
}

QTEST_GUILESS_MAIN(tst_MetadataClient)
#include "tst_metadataclient.moc"
