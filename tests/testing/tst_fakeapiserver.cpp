#include "httptestclient.h"
#include "testing/fakeapiserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace kube::testing;
using namespace std::chrono_literals;

namespace {

const QByteArray AcceptAggregated
    = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;"
      "g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
const QByteArray AcceptTable = "application/json;as=Table;v=v1;g=meta.k8s.io,application/"
                               "json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

QUrl at(const FakeApiServer &server, const QString &path, const QString &query = {})
{
    QUrl u = server.url();
    u.setPath(path);
    if (!query.isEmpty())
        u.setQuery(query);
    return u;
}

QStringList names(const QJsonArray &items)
{
    QStringList out;
    for (const auto &i : items)
        out << i.toObject().value(u"metadata").toObject().value(u"name").toString();
    return out;
}

} // namespace

class tst_FakeApiServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void version();
    void legacyDiscovery();
    void aggregatedDiscovery_data();
    void aggregatedDiscovery();
    void staleGroupVersion();
    void discoveryScalesToManyGroups();

    void listAndGet();
    void listPaging();
    void continueTokens_data();
    void continueTokens();
    void labelSelector_data();
    void labelSelector();
    void fieldSelector_data();
    void fieldSelector();
    void tablePods();
    void tableRowsOfGeneratedPodsMatchPrinter();
    void tableOtherKinds_data();
    void tableOtherKinds();

    void crudLifecycle();
    void createErrors_data();
    void createErrors();
    void patchFormats_data();
    void patchFormats();
    void updateConflict();
    void serverSideApplyCreates();
    void reviewsNeedNoName_data();
    void reviewsNeedNoName();
    void eventsV1ServesCoreEvents();
    void deleteCollection();

    void watchStreamsIncrementally();
    void watchFromResourceVersion();
    void watchTooOldResourceVersion();
    void watchBookmarksAndTimeout();
    void watchWithSelector();

    void faults_data();
    void faults();
    void faultTimesAndMethod();
    void delayFault();

    void bearerToken_data();
    void bearerToken();
    void basicAuth();
    void tls();
    void mutualTls();

    void requestLog();
    void keepAlive();
    void kubeconfigFile();
    void stockDataSet();

private:
    std::unique_ptr<FakeApiServer> m_server;
    HttpTestClient m_http;
};

void tst_FakeApiServer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_FakeApiServer::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .pods = 40, .deployments = 5 });
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void tst_FakeApiServer::version()
{
    const HttpResult r = m_http.get(at(*m_server, u"/version"_qs));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType, QByteArray("application/json"));
    QCOMPARE(r.json().value(u"major").toString(), u"1"_qs);
    QCOMPARE(r.json().value(u"minor").toString(), u"34"_qs);
    QVERIFY(r.json().value(u"gitVersion").toString().startsWith(u"v1.34."));
    QCOMPARE(r.json().value(u"platform").toString(), u"linux/amd64"_qs);
}

void tst_FakeApiServer::legacyDiscovery()
{
    // Given a plain JSON Accept, /api and /apis answer the legacy documents.
    HttpResult r = m_http.get(at(*m_server, u"/api"_qs), "application/json");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"kind").toString(), u"APIVersions"_qs);
    QCOMPARE(r.json().value(u"versions").toArray(), QJsonArray { u"v1"_qs });

    r = m_http.get(at(*m_server, u"/apis"_qs), "application/json");
    QCOMPARE(r.json().value(u"kind").toString(), u"APIGroupList"_qs);
    QJsonObject autoscaling;
    QStringList groups;
    for (const auto &g : r.json().value(u"groups").toArray()) {
        groups << g.toObject().value(u"name").toString();
        if (groups.last() == u"autoscaling")
            autoscaling = g.toObject();
    }
    QCOMPARE(groups.first(), u"apiregistration.k8s.io"_qs);
    QVERIFY(groups.contains(u"apps"_qs));
    QVERIFY(groups.contains(u"flowcontrol.apiserver.k8s.io"_qs));
    QVERIFY(groups.contains(u"stable.example.com"_qs));
    QCOMPARE(autoscaling.value(u"preferredVersion").toObject().value(u"version").toString(),
             u"v2"_qs);
    QCOMPARE(autoscaling.value(u"versions").toArray().size(), 2);

    r = m_http.get(at(*m_server, u"/api/v1"_qs));
    QCOMPARE(r.json().value(u"kind").toString(), u"APIResourceList"_qs);
    QCOMPARE(r.json().value(u"groupVersion").toString(), u"v1"_qs);
    QHash<QString, QJsonObject> byName;
    for (const auto &res : r.json().value(u"resources").toArray())
        byName.insert(res.toObject().value(u"name").toString(), res.toObject());
    const QJsonObject pods = byName.value(u"pods"_qs);
    QCOMPARE(pods.value(u"kind").toString(), u"Pod"_qs);
    QCOMPARE(pods.value(u"singularName").toString(), u"pod"_qs);
    QCOMPARE(pods.value(u"namespaced").toBool(), true);
    QCOMPARE(pods.value(u"shortNames").toArray(), QJsonArray { u"po"_qs });
    QCOMPARE(pods.value(u"categories").toArray(), QJsonArray { u"all"_qs });
    QVERIFY(!pods.value(u"storageVersionHash").toString().isEmpty());
    QVERIFY(byName.contains(u"pods/log"_qs));
    QCOMPARE(byName.value(u"pods/eviction"_qs).value(u"group").toString(), u"policy"_qs);
    QCOMPARE(byName.value(u"namespaces"_qs).value(u"namespaced").toBool(), false);
    QVERIFY(
        !byName.value(u"namespaces"_qs).value(u"verbs").toArray().contains(u"deletecollection"_qs));

    r = m_http.get(at(*m_server, u"/apis/apps/v1"_qs));
    QCOMPARE(r.json().value(u"apiVersion").toString(), u"v1"_qs);
    bool sawScale = false;
    for (const auto &res : r.json().value(u"resources").toArray()) {
        const QJsonObject o = res.toObject();
        if (o.value(u"name").toString() == u"deployments/scale") {
            sawScale = true;
            QCOMPARE(o.value(u"group").toString(), u"autoscaling"_qs);
            QCOMPARE(o.value(u"kind").toString(), u"Scale"_qs);
        }
    }
    QVERIFY(sawScale);

    r = m_http.get(at(*m_server, u"/apis/apps"_qs));
    QCOMPARE(r.json().value(u"kind").toString(), u"APIGroup"_qs);
    QCOMPARE(r.json().value(u"name").toString(), u"apps"_qs);

    QCOMPARE(m_http.get(at(*m_server, u"/apis/nope.example.com/v1"_qs)).status, 404);
    QCOMPARE(m_http.get(at(*m_server, u"/apis/nope.example.com"_qs)).status, 404);
}

void tst_FakeApiServer::aggregatedDiscovery_data()
{
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");

    const QByteArray v2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    const QByteArray v2b1
        = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
    QTest::newRow("kubectl list -> v2") << AcceptAggregated << true << 200 << v2;
    QTest::newRow("v2beta1 only") << v2b1 << true << 200 << v2b1;
    QTest::newRow("params in another order")
        << QByteArray("application/json;as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io")
        << true << 200 << v2;
    QTest::newRow("plain json -> legacy")
        << QByteArray("application/json") << true << 200 << QByteArray("application/json");
    QTest::newRow("no accept -> legacy")
        << QByteArray() << true << 200 << QByteArray("application/json");
    QTest::newRow("disabled, with fallback -> legacy")
        << AcceptAggregated << false << 200 << QByteArray("application/json");
    QTest::newRow("disabled, aggregated only -> 406")
        << v2 << false << 406 << QByteArray("application/json");
    QTest::newRow("unknown version -> 406")
        << QByteArray("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList")
        << true << 406 << QByteArray("application/json");
}

void tst_FakeApiServer::aggregatedDiscovery()
{
    QFETCH(QByteArray, accept);
    QFETCH(bool, enabled);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    m_server->setAggregatedDiscovery(enabled);

    for (const QString &path : { u"/api"_qs, u"/apis"_qs }) {
        const HttpResult r = accept.isEmpty() ? m_http.get(at(*m_server, path))
                                              : m_http.get(at(*m_server, path), accept);
        QCOMPARE(r.status, status);
        QCOMPARE(r.contentType, contentType);
        const QString kind = r.json().value(u"kind").toString();
        if (status == 406) {
            QCOMPARE(kind, u"Status"_qs);
            QCOMPARE(r.json().value(u"reason").toString(), u"NotAcceptable"_qs);
            continue;
        }
        if (!contentType.contains("apidiscovery")) {
            QCOMPARE(kind, path == u"/api" ? u"APIVersions"_qs : u"APIGroupList"_qs);
            continue;
        }
        QCOMPARE(kind, u"APIGroupDiscoveryList"_qs);
        QVERIFY(r.json().value(u"apiVersion").toString().startsWith(u"apidiscovery.k8s.io/v2"));
        const QJsonArray items = r.json().value(u"items").toArray();
        if (path == u"/api") {
            QCOMPARE(items.size(), 1);
            const QJsonObject v1
                = items.first().toObject().value(u"versions").toArray().first().toObject();
            QCOMPARE(v1.value(u"version").toString(), u"v1"_qs);
            QCOMPARE(v1.value(u"freshness").toString(), u"Current"_qs);
            bool sawPods = false;
            for (const auto &res : v1.value(u"resources").toArray()) {
                const QJsonObject o = res.toObject();
                if (o.value(u"resource").toString() != u"pods")
                    continue;
                sawPods = true;
                QCOMPARE(o.value(u"scope").toString(), u"Namespaced"_qs);
                QCOMPARE(o.value(u"singularResource").toString(), u"pod"_qs);
                QCOMPARE(o.value(u"responseKind").toObject().value(u"kind").toString(), u"Pod"_qs);
                QStringList subs;
                for (const auto &s : o.value(u"subresources").toArray())
                    subs << s.toObject().value(u"subresource").toString();
                QVERIFY(subs.contains(u"log"_qs));
                QVERIFY(subs.contains(u"exec"_qs));
                QVERIFY(subs.contains(u"status"_qs));
            }
            QVERIFY(sawPods);
        } else {
            QVERIFY(items.size() > 20);
            QCOMPARE(
                items.first().toObject().value(u"metadata").toObject().value(u"name").toString(),
                u"apiregistration.k8s.io"_qs);
        }
    }
}

void tst_FakeApiServer::staleGroupVersion()
{
    m_server->setStale(u"stable.example.com"_qs, u"v1beta1"_qs);
    const HttpResult r = m_http.get(at(*m_server, u"/apis"_qs), AcceptAggregated);
    QCOMPARE(r.status, 200);
    bool checked = false;
    for (const auto &g : r.json().value(u"items").toArray()) {
        if (g.toObject().value(u"metadata").toObject().value(u"name").toString()
            != u"stable.example.com")
            continue;
        const QJsonArray versions = g.toObject().value(u"versions").toArray();
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions.at(0).toObject().value(u"version").toString(), u"v1"_qs);
        QCOMPARE(versions.at(0).toObject().value(u"freshness").toString(), u"Current"_qs);
        QCOMPARE(versions.at(1).toObject().value(u"freshness").toString(), u"Stale"_qs);
        checked = true;
    }
    QVERIFY(checked);
    // The legacy endpoint of a stale (unavailable) group-version answers 503 like an
    // aggregated API server that is down.
    QCOMPARE(m_http.get(at(*m_server, u"/apis/stable.example.com/v1beta1"_qs)).status, 503);
    m_server->setStale(u"stable.example.com"_qs, u"v1beta1"_qs, false);
    QCOMPARE(m_http.get(at(*m_server, u"/apis/stable.example.com/v1beta1"_qs)).status, 200);
}

void tst_FakeApiServer::discoveryScalesToManyGroups()
{
    FakeApiServer server;
    server.loadStockCluster({ .pods = 0, .crdGroups = 1000 });
    QVERIFY(server.start());
    QElapsedTimer timer;
    timer.start();
    const HttpResult r = m_http.get(at(server, u"/apis"_qs), AcceptAggregated);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value(u"items").toArray().size() > 1000);
    // The documents are built once; every later request is a lookup.
    for (int i = 0; i < 50; ++i)
        QCOMPARE(m_http.get(at(server, u"/apis/g%1.bench.example.com/v1"_qs.arg(i))).status, 200);
    QVERIFY2(timer.elapsed() < 20000, "discovery documents must be precomputed");
    const HttpResult crds
        = m_http.get(at(server, u"/apis/apiextensions.k8s.io/v1/customresourcedefinitions"_qs));
    QCOMPARE(crds.json().value(u"items").toArray().size(), 1002);
}

void tst_FakeApiServer::listAndGet()
{
    HttpResult r = m_http.get(at(*m_server, u"/api/v1/pods"_qs));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"kind").toString(), u"PodList"_qs);
    QCOMPARE(r.json().value(u"apiVersion").toString(), u"v1"_qs);
    QCOMPARE(r.json().value(u"items").toArray().size(), 40);
    QVERIFY(r.json().value(u"metadata").toObject().value(u"resourceVersion").toString().toLongLong()
            > 0);

    const QJsonObject first = r.json().value(u"items").toArray().first().toObject();
    const QString ns = first.value(u"metadata").toObject().value(u"namespace").toString();
    const QString name = first.value(u"metadata").toObject().value(u"name").toString();
    r = m_http.get(at(*m_server, u"/api/v1/namespaces/%1/pods/%2"_qs.arg(ns, name)));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json(), first);

    r = m_http.get(at(*m_server, u"/api/v1/namespaces/%1/pods"_qs.arg(ns)));
    for (const auto &i : r.json().value(u"items").toArray())
        QCOMPARE(i.toObject().value(u"metadata").toObject().value(u"namespace").toString(), ns);

    // The exact NotFound Status kube-apiserver writes.
    r = m_http.get(at(*m_server, u"/api/v1/namespaces/default/pods/nope"_qs));
    QCOMPARE(r.status, 404);
    const QJsonObject expected {
        { u"kind"_qs, u"Status"_qs },
        { u"apiVersion"_qs, u"v1"_qs },
        { u"metadata"_qs, QJsonObject {} },
        { u"status"_qs, u"Failure"_qs },
        { u"message"_qs, u"pods \"nope\" not found"_qs },
        { u"reason"_qs, u"NotFound"_qs },
        { u"details"_qs, QJsonObject { { u"name"_qs, u"nope"_qs }, { u"kind"_qs, u"pods"_qs } } },
        { u"code"_qs, 404 }
    };
    QCOMPARE(r.json(), expected);
    r = m_http.get(at(*m_server, u"/apis/apps/v1/namespaces/default/deployments/nope"_qs));
    QCOMPARE(r.json().value(u"message").toString(), u"deployments.apps \"nope\" not found"_qs);
    QCOMPARE(r.json().value(u"details").toObject().value(u"group").toString(), u"apps"_qs);

    // Other versions of a multi-version resource share the objects.
    r = m_http.get(at(*m_server, u"/apis/stable.example.com/v1beta1/crontabs"_qs));
    QCOMPARE(r.json().value(u"items").toArray().size(), 3);
    QCOMPARE(r.json().value(u"items").toArray().first().toObject().value(u"apiVersion").toString(),
             u"stable.example.com/v1beta1"_qs);
}

void tst_FakeApiServer::listPaging()
{
    const int total
        = m_http.get(at(*m_server, u"/api/v1/pods"_qs)).json().value(u"items").toArray().size();
    QStringList seen;
    QString token;
    int pages = 0;
    QString firstRv;
    do {
        QUrlQuery q;
        q.addQueryItem(u"limit"_qs, u"7"_qs);
        if (!token.isEmpty())
            q.addQueryItem(u"continue"_qs, token);
        const HttpResult r
            = m_http.get(at(*m_server, u"/api/v1/pods"_qs, q.toString(QUrl::FullyEncoded)));
        QCOMPARE(r.status, 200);
        const QJsonObject meta = r.json().value(u"metadata").toObject();
        const QJsonArray items = r.json().value(u"items").toArray();
        QVERIFY(items.size() <= 7);
        seen += names(items);
        token = meta.value(u"continue").toString();
        if (firstRv.isEmpty())
            firstRv = meta.value(u"resourceVersion").toString();
        QCOMPARE(meta.value(u"resourceVersion").toString(), firstRv);
        if (!token.isEmpty())
            QCOMPARE(meta.value(u"remainingItemCount").toInt(), total - seen.size());
        else
            QVERIFY(!meta.contains(u"remainingItemCount"));
        ++pages;
    } while (!token.isEmpty());
    QCOMPARE(seen.size(), total);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), total);
    QCOMPARE(pages, (total + 6) / 7);
}

void tst_FakeApiServer::continueTokens_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("compact");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::newRow("valid") << QString() << false << 200 << QString();
    QTest::newRow("stale after compaction") << QString() << true << 410 << u"Expired"_qs;
    QTest::newRow("garbage") << u"not-a-token!"_qs << false << 400 << u"BadRequest"_qs;
}

void tst_FakeApiServer::continueTokens()
{
    QFETCH(QString, token);
    QFETCH(bool, compact);
    QFETCH(int, status);
    QFETCH(QString, reason);
    if (token.isEmpty()) {
        const HttpResult first = m_http.get(at(*m_server, u"/api/v1/pods"_qs, u"limit=3"_qs));
        token = first.json().value(u"metadata").toObject().value(u"continue").toString();
        QVERIFY(!token.isEmpty());
    }
    if (compact) {
        // A write, then a compaction: the token's snapshot is gone, as in etcd.
        m_server->addObject(u""_qs, u"v1"_qs, u"configmaps"_qs,
                            QJsonObject { { u"metadata"_qs,
                                            QJsonObject { { u"name"_qs, u"x"_qs },
                                                          { u"namespace"_qs, u"default"_qs } } } });
        m_server->compactHistory();
    }
    QUrlQuery q;
    q.addQueryItem(u"limit"_qs, u"3"_qs);
    q.addQueryItem(u"continue"_qs, token);
    const HttpResult r
        = m_http.get(at(*m_server, u"/api/v1/pods"_qs, q.toString(QUrl::FullyEncoded)));
    QCOMPARE(r.status, status);
    if (!reason.isEmpty()) {
        QCOMPARE(r.json().value(u"kind").toString(), u"Status"_qs);
        QCOMPARE(r.json().value(u"reason").toString(), reason);
        QCOMPARE(r.json().value(u"code").toInt(), status);
    }
}

void tst_FakeApiServer::labelSelector_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QStringList>("apps"); // expected values of the "app" label; "*" = any

    QTest::newRow("=") << u"app=web"_qs << QStringList { u"web"_qs };
    QTest::newRow("==") << u"app==web"_qs << QStringList { u"web"_qs };
    QTest::newRow("in") << u"app in (web,api)"_qs << QStringList { u"web"_qs, u"api"_qs };
    QTest::newRow("!=") << u"app!=web"_qs
                        << QStringList { u"api"_qs, u"worker"_qs, u"cache"_qs, u"gateway"_qs,
                                         u"coredns"_qs };
    QTest::newRow("notin") << u"app notin (web,api,coredns)"_qs
                           << QStringList { u"worker"_qs, u"cache"_qs, u"gateway"_qs };
    QTest::newRow("exists") << u"pod-template-hash"_qs << QStringList { u"*"_qs };
    QTest::newRow("!exists") << u"!pod-template-hash"_qs << QStringList {};
    QTest::newRow("and") << u"app=web,pod-template-hash"_qs << QStringList { u"web"_qs };
}

void tst_FakeApiServer::labelSelector()
{
    QFETCH(QString, selector);
    QFETCH(QStringList, apps);
    // Expected: computed from the stored objects, independently of the server's matcher.
    int expected = 0;
    for (const QJsonObject &pod : m_server->objects(u""_qs, u"v1"_qs, u"pods"_qs)) {
        const QString app = pod.value(u"metadata")
                                .toObject()
                                .value(u"labels")
                                .toObject()
                                .value(u"app")
                                .toString();
        if (apps.contains(u"*"_qs) || apps.contains(app))
            ++expected;
    }
    QUrlQuery q;
    q.addQueryItem(u"labelSelector"_qs, selector);
    const HttpResult r
        = m_http.get(at(*m_server, u"/api/v1/pods"_qs, q.toString(QUrl::FullyEncoded)));
    QCOMPARE(r.status, 200);
    const QJsonArray items = r.json().value(u"items").toArray();
    QCOMPARE(items.size(), expected);
    for (const auto &i : items) {
        const QString app = i.toObject()
                                .value(u"metadata")
                                .toObject()
                                .value(u"labels")
                                .toObject()
                                .value(u"app")
                                .toString();
        QVERIFY2(apps.contains(u"*"_qs) || apps.contains(app), qPrintable(app));
    }
}

void tst_FakeApiServer::fieldSelector_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("selector");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("count");
    QTest::newRow("metadata.name")
        << u"/api/v1/namespaces"_qs << u"metadata.name=default"_qs << 200 << 1;
    QTest::newRow("metadata.name !=")
        << u"/api/v1/namespaces"_qs << u"metadata.name!=default"_qs << 200 << 8;
    QTest::newRow("metadata.namespace")
        << u"/api/v1/serviceaccounts"_qs << u"metadata.namespace=kube-system"_qs << 200 << 1;
    QTest::newRow("both") << u"/api/v1/configmaps"_qs
                          << u"metadata.namespace=default,metadata.name=kube-root-ca.crt"_qs << 200
                          << 1;
    QTest::newRow("pod spec.nodeName")
        << u"/api/v1/pods"_qs << u"spec.nodeName=nonexistent-node"_qs << 200 << 0;
    QTest::newRow("unsupported") << u"/api/v1/configmaps"_qs << u"data.x=1"_qs << 400 << 0;
}

void tst_FakeApiServer::fieldSelector()
{
    QFETCH(QString, path);
    QFETCH(QString, selector);
    QFETCH(int, status);
    QFETCH(int, count);
    QUrlQuery q;
    q.addQueryItem(u"fieldSelector"_qs, selector);
    const HttpResult r = m_http.get(at(*m_server, path, q.toString(QUrl::FullyEncoded)));
    QCOMPARE(r.status, status);
    if (status == 200)
        QCOMPARE(r.json().value(u"items").toArray().size(), count);
    else
        QCOMPARE(r.json().value(u"reason").toString(), u"BadRequest"_qs);
}

void tst_FakeApiServer::tablePods()
{
    const HttpResult r = m_http.get(at(*m_server, u"/api/v1/pods"_qs), AcceptTable);
    QCOMPARE(r.status, 200);
    const QJsonObject t = r.json();
    QCOMPARE(t.value(u"kind").toString(), u"Table"_qs);
    QCOMPARE(t.value(u"apiVersion").toString(), u"meta.k8s.io/v1"_qs);
    QStringList columns;
    QList<int> priorities;
    for (const auto &c : t.value(u"columnDefinitions").toArray()) {
        columns << c.toObject().value(u"name").toString();
        priorities << c.toObject().value(u"priority").toInt();
        QVERIFY(!c.toObject().value(u"description").toString().isEmpty());
        QVERIFY(c.toObject().contains(u"type"));
    }
    QCOMPARE(columns,
             (QStringList { u"Name"_qs, u"Ready"_qs, u"Status"_qs, u"Restarts"_qs, u"Age"_qs,
                            u"IP"_qs, u"Node"_qs, u"Nominated Node"_qs, u"Readiness Gates"_qs }));
    QCOMPARE(priorities, (QList<int> { 0, 0, 0, 0, 0, 1, 1, 1, 1 }));
    QCOMPARE(t.value(u"columnDefinitions").toArray().first().toObject().value(u"format").toString(),
             u"name"_qs);
    const QJsonArray rows = t.value(u"rows").toArray();
    QCOMPARE(rows.size(), 40);
    static const QRegularExpression age(u"^\\d+(s|m|h|d|y)(\\d+(s|m|h|d))?$"_qs);
    static const QRegularExpression restarts(u"^\\d+( \\(.+ ago\\))?$"_qs);
    QSet<QString> statuses;
    for (const auto &row : rows) {
        const QJsonArray cells = row.toObject().value(u"cells").toArray();
        QCOMPARE(cells.size(), 9);
        QVERIFY(QRegularExpression(u"^\\d+/\\d+$"_qs).match(cells.at(1).toString()).hasMatch());
        statuses << cells.at(2).toString();
        QVERIFY2(restarts.match(cells.at(3).toString()).hasMatch(),
                 qPrintable(cells.at(3).toString()));
        QVERIFY2(age.match(cells.at(4).toString()).hasMatch(), qPrintable(cells.at(4).toString()));
        const QJsonObject object = row.toObject().value(u"object").toObject();
        QCOMPARE(object.value(u"kind").toString(), u"PartialObjectMetadata"_qs);
        QCOMPARE(object.value(u"apiVersion").toString(), u"meta.k8s.io/v1"_qs);
        QCOMPARE(object.value(u"metadata").toObject().value(u"name").toString(),
                 cells.at(0).toString());
    }
    QVERIFY(statuses.contains(u"Running"_qs));

    // includeObject=Object embeds the whole object.
    const HttpResult full = m_http.get(
        at(*m_server, u"/api/v1/pods"_qs, u"includeObject=Object&limit=1"_qs), AcceptTable);
    const QJsonObject object
        = full.json().value(u"rows").toArray().first().toObject().value(u"object").toObject();
    QCOMPARE(object.value(u"kind").toString(), u"Pod"_qs);
    QVERIFY(object.contains(u"spec"));
    QVERIFY(full.json().value(u"metadata").toObject().contains(u"continue"));
}

void tst_FakeApiServer::tableRowsOfGeneratedPodsMatchPrinter()
{
    // The stock pods come with Table rows rendered from templates; re-storing each pod (a
    // no-op label patch) makes the server print the row from the object itself. Both agree.
    FakeApiServer server;
    server.loadStockCluster({ .pods = 400, .deployments = 4 });
    QVERIFY(server.start());
    const HttpResult before = m_http.get(at(server, u"/api/v1/pods"_qs), AcceptTable);
    const QJsonArray rows = before.json().value(u"rows").toArray();
    QCOMPARE(rows.size(), 400);
    QSet<QString> statuses;
    int withRestarts = 0;
    for (const auto &row : rows) {
        const QJsonArray cells = row.toObject().value(u"cells").toArray();
        statuses << cells.at(2).toString();
        if (cells.at(3).toString().contains(u"ago"))
            ++withRestarts;
        const QString ns = row.toObject()
                               .value(u"object")
                               .toObject()
                               .value(u"metadata")
                               .toObject()
                               .value(u"namespace")
                               .toString();
        const QUrl item
            = at(server, u"/api/v1/namespaces/%1/pods/%2"_qs.arg(ns, cells.at(0).toString()));
        QCOMPARE(m_http
                     .send("PATCH", item, R"({"metadata":{"labels":{"touched":"yes"}}})",
                           { { "Content-Type", "application/merge-patch+json" } })
                     .status,
                 200);
        const HttpResult after = m_http.get(item, AcceptTable);
        // Time passes between the two answers and a relative time may just cross a unit
        // ("16h" -> "17h"): compare the restart count and the shape of the relative times.
        auto coarse = [](QJsonArray c) {
            static const QRegularExpression relative(u"\\d+[smhdy](\\d+[smhd])?"_qs);
            c[3] = c.at(3).toString().replace(relative, u"T"_qs);
            c[4] = c.at(4).toString().replace(relative, u"T"_qs);
            return c;
        };
        QCOMPARE(
            coarse(
                after.json().value(u"rows").toArray().first().toObject().value(u"cells").toArray()),
            coarse(cells));
    }
    // All pod states of the data set are covered.
    QVERIFY(statuses.contains(u"Running"_qs));
    QVERIFY(statuses.contains(u"CrashLoopBackOff"_qs));
    QVERIFY(statuses.contains(u"Pending"_qs));
    QVERIFY(withRestarts > 0);
}

void tst_FakeApiServer::tableOtherKinds_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("columns");
    QTest::newRow("deployments") << u"/apis/apps/v1/deployments"_qs
                                 << QStringList { u"Name"_qs,      u"Ready"_qs,   u"Up-to-date"_qs,
                                                  u"Available"_qs, u"Age"_qs,     u"Containers"_qs,
                                                  u"Images"_qs,    u"Selector"_qs };
    QTest::newRow("services") << u"/api/v1/services"_qs
                              << QStringList { u"Name"_qs,        u"Type"_qs,    u"Cluster-IP"_qs,
                                               u"External-IP"_qs, u"Port(s)"_qs, u"Age"_qs,
                                               u"Selector"_qs };
    QTest::newRow("namespaces") << u"/api/v1/namespaces"_qs
                                << QStringList { u"Name"_qs, u"Status"_qs, u"Age"_qs };
    QTest::newRow("configmaps") << u"/api/v1/configmaps"_qs
                                << QStringList { u"Name"_qs, u"Data"_qs, u"Age"_qs };
    QTest::newRow("crd with printer columns")
        << u"/apis/stable.example.com/v1/crontabs"_qs
        << QStringList { u"Name"_qs, u"Spec"_qs, u"Replicas"_qs, u"Age"_qs };
    QTest::newRow("crd without printer columns")
        << u"/apis/ops.example.com/v1/globalconfigs"_qs << QStringList { u"Name"_qs, u"Age"_qs };
    // kube-apiserver prints events.k8s.io/v1 events with the core Event printer.
    QTest::newRow("events.k8s.io")
        << u"/apis/events.k8s.io/v1/events"_qs
        << QStringList { u"Last Seen"_qs, u"Type"_qs,   u"Reason"_qs,  u"Object"_qs,
                         u"Subobject"_qs, u"Source"_qs, u"Message"_qs, u"First Seen"_qs,
                         u"Count"_qs,     u"Name"_qs };
    QTest::newRow("default") << u"/apis/rbac.authorization.k8s.io/v1/clusterroles"_qs
                             << QStringList { u"Name"_qs, u"Created At"_qs };
}

void tst_FakeApiServer::tableOtherKinds()
{
    QFETCH(QString, path);
    QFETCH(QStringList, columns);
    const HttpResult r = m_http.get(at(*m_server, path), AcceptTable);
    QCOMPARE(r.status, 200);
    QStringList actual;
    for (const auto &c : r.json().value(u"columnDefinitions").toArray())
        actual << c.toObject().value(u"name").toString();
    QCOMPARE(actual, columns);
    const QJsonArray rows = r.json().value(u"rows").toArray();
    QVERIFY(!rows.isEmpty());
    for (const auto &row : rows)
        QCOMPARE(row.toObject().value(u"cells").toArray().size(), columns.size());
    if (columns.last() == u"Created At") {
        const QString cell = rows.first().toObject().value(u"cells").toArray().last().toString();
        QVERIFY(QDateTime::fromString(cell, Qt::ISODate).isValid());
    }
}

void tst_FakeApiServer::crudLifecycle()
{
    const QUrl collection = at(*m_server, u"/api/v1/namespaces/default/configmaps"_qs);
    const QUrl item = at(*m_server, u"/api/v1/namespaces/default/configmaps/settings"_qs);
    const QByteArray body = R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"settings","labels":{"tier":"x"}},"data":{"a":"1"}})";

    // Create: 201, server-owned fields filled in.
    HttpResult r = m_http.send("POST", collection, body);
    QCOMPARE(r.status, 201);
    const QJsonObject meta = r.json().value(u"metadata").toObject();
    QVERIFY(!meta.value(u"uid").toString().isEmpty());
    QVERIFY(
        QDateTime::fromString(meta.value(u"creationTimestamp").toString(), Qt::ISODate).isValid());
    QCOMPARE(meta.value(u"namespace").toString(), u"default"_qs);
    const qint64 rv1 = meta.value(u"resourceVersion").toString().toLongLong();
    QCOMPARE(rv1, m_server->resourceVersion());

    // Create again: 409 AlreadyExists.
    r = m_http.send("POST", collection, body);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.json().value(u"reason").toString(), u"AlreadyExists"_qs);
    QCOMPARE(r.json().value(u"message").toString(), u"configmaps \"settings\" already exists"_qs);

    // Update: new resourceVersion, uid and creationTimestamp kept.
    QJsonObject updated = m_http.get(item).json();
    updated.insert(u"data"_qs, QJsonObject { { u"a"_qs, u"2"_qs } });
    r = m_http.send("PUT", item, QJsonDocument(updated).toJson());
    QCOMPARE(r.status, 200);
    const qint64 rv2
        = r.json().value(u"metadata").toObject().value(u"resourceVersion").toString().toLongLong();
    QVERIFY(rv2 > rv1);
    QCOMPARE(r.json().value(u"metadata").toObject().value(u"uid"), meta.value(u"uid"));
    QCOMPARE(r.json().value(u"data").toObject().value(u"a").toString(), u"2"_qs);

    // Delete: a Success Status, then 404.
    r = m_http.send("DELETE", item);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"status").toString(), u"Success"_qs);
    QCOMPARE(r.json().value(u"details").toObject().value(u"name").toString(), u"settings"_qs);
    QCOMPARE(m_http.get(item).status, 404);
    QCOMPARE(m_http.send("DELETE", item).status, 404);
    QVERIFY(m_server->resourceVersion() > rv2);

    // generateName.
    r = m_http.send("POST", collection, R"({"metadata":{"generateName":"gen-"}})");
    QCOMPARE(r.status, 201);
    QVERIFY(r.json().value(u"metadata").toObject().value(u"name").toString().startsWith(u"gen-"));
    QCOMPARE(r.json().value(u"metadata").toObject().value(u"name").toString().size(), 9);

    // Bodies this server cannot decode (protobuf from typed Go clients): 415.
    r = m_http.send("POST", collection, QByteArray("k8s\0\n\x0f", 7),
                    { { "Content-Type", "application/vnd.kubernetes.protobuf" } });
    QCOMPARE(r.status, 415);
    QCOMPARE(r.json().value(u"reason").toString(), u"UnsupportedMediaType"_qs);
}

void tst_FakeApiServer::createErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing name") << u"/api/v1/namespaces/default/configmaps"_qs
                                  << QByteArray(R"({"metadata":{}})") << 422 << u"Invalid"_qs;
    QTest::newRow("missing namespace")
        << u"/api/v1/namespaces/nope/configmaps"_qs << QByteArray(R"({"metadata":{"name":"a"}})")
        << 404 << u"NotFound"_qs;
    QTest::newRow("namespace mismatch")
        << u"/api/v1/namespaces/default/configmaps"_qs
        << QByteArray(R"({"metadata":{"name":"a","namespace":"kube-system"}})") << 400
        << u"BadRequest"_qs;
    QTest::newRow("not json") << u"/api/v1/namespaces/default/configmaps"_qs << QByteArray("{nope")
                              << 400 << u"BadRequest"_qs;
    QTest::newRow("verb not allowed") << u"/apis/authentication.k8s.io/v1/tokenreviews"_qs
                                      << QByteArray() << 405 << u"MethodNotAllowed"_qs;
}

void tst_FakeApiServer::createErrors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, reason);
    const HttpResult r = body.isEmpty() ? m_http.get(at(*m_server, path))
                                        : m_http.send("POST", at(*m_server, path), body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.json().value(u"kind").toString(), u"Status"_qs);
    QCOMPARE(r.json().value(u"reason").toString(), reason);
    QCOMPARE(r.json().value(u"code").toInt(), status);
    if (reason == u"Invalid") {
        QCOMPARE(r.json().value(u"message").toString(),
                 u"ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName "
                 "is required"_qs);
        QCOMPARE(r.json()
                     .value(u"details")
                     .toObject()
                     .value(u"causes")
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"field")
                     .toString(),
                 u"metadata.name"_qs);
    }
}

void tst_FakeApiServer::patchFormats_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expectedA");
    QTest::newRow("merge") << QByteArray("application/merge-patch+json")
                           << QByteArray(R"({"data":{"a":"m","b":null}})") << 200 << u"m"_qs;
    QTest::newRow("strategic") << QByteArray("application/strategic-merge-patch+json")
                               << QByteArray(R"({"data":{"a":"s"}})") << 200 << u"s"_qs;
    QTest::newRow("json patch")
        << QByteArray("application/json-patch+json")
        << QByteArray(
               R"([{"op":"test","path":"/data/a","value":"1"},{"op":"replace","path":"/data/a","value":"j"},{"op":"remove","path":"/data/b"}])")
        << 200 << u"j"_qs;
    QTest::newRow("json patch failing test")
        << QByteArray("application/json-patch+json")
        << QByteArray(R"([{"op":"test","path":"/data/a","value":"other"}])") << 422 << u"1"_qs;
    QTest::newRow("unknown type") << QByteArray("text/plain") << QByteArray("x") << 415 << u"1"_qs;
}

void tst_FakeApiServer::patchFormats()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, patch);
    QFETCH(int, status);
    QFETCH(QString, expectedA);
    m_server->addObject(
        u""_qs, u"v1"_qs, u"configmaps"_qs,
        QJsonObject {
            { u"metadata"_qs,
              QJsonObject { { u"name"_qs, u"p"_qs }, { u"namespace"_qs, u"default"_qs } } },
            { u"data"_qs, QJsonObject { { u"a"_qs, u"1"_qs }, { u"b"_qs, u"2"_qs } } } });
    const qint64 before = m_server->resourceVersion();
    const QUrl item = at(*m_server, u"/api/v1/namespaces/default/configmaps/p"_qs);
    const HttpResult r = m_http.send("PATCH", item, patch, { { "Content-Type", contentType } });
    QCOMPARE(r.status, status);
    const QJsonObject now = m_http.get(item).json();
    QCOMPARE(now.value(u"data").toObject().value(u"a").toString(), expectedA);
    if (status == 200) {
        QVERIFY(!now.value(u"data").toObject().contains(u"b") || contentType.contains("strategic"));
        QCOMPARE(
            now.value(u"metadata").toObject().value(u"resourceVersion").toString().toLongLong(),
            before + 1);
    } else {
        QCOMPARE(m_server->resourceVersion(), before);
    }
    QCOMPARE(m_http
                 .send("PATCH", at(*m_server, u"/api/v1/namespaces/default/configmaps/nope"_qs),
                       "{}", { { "Content-Type", "application/merge-patch+json" } })
                 .status,
             404);
}

void tst_FakeApiServer::updateConflict()
{
    const QUrl item = at(*m_server, u"/api/v1/namespaces/default/serviceaccounts/default"_qs);
    QJsonObject sa = m_http.get(item).json();
    QJsonObject meta = sa.value(u"metadata").toObject();
    meta.insert(u"resourceVersion"_qs, u"1"_qs);
    sa.insert(u"metadata"_qs, meta);
    const HttpResult r = m_http.send("PUT", item, QJsonDocument(sa).toJson());
    QCOMPARE(r.status, 409);
    QCOMPARE(r.json().value(u"reason").toString(), u"Conflict"_qs);
    QVERIFY(r.json().value(u"message").toString().contains(u"the object has been modified"));
}

void tst_FakeApiServer::serverSideApplyCreates()
{
    const QUrl item = at(*m_server, u"/api/v1/namespaces/default/configmaps/applied"_qs,
                         u"fieldManager=kubectl&force=true"_qs);
    const QList<QPair<QByteArray, QByteArray>> apply { { "Content-Type",
                                                         "application/apply-patch+yaml" } };
    const QByteArray body
        = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"a":"1"}})";

    // fieldManager is required for apply, as kube-apiserver validates PatchOptions.
    const HttpResult noManager = m_http.send(
        "PATCH", at(*m_server, u"/api/v1/namespaces/default/configmaps/applied"_qs), body, apply);
    QCOMPARE(noManager.status, 422);
    QCOMPARE(noManager.json().value(u"message").toString(),
             u"PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is "
             "required for apply patch"_qs);

    // force belongs to apply only.
    const HttpResult forced = m_http.send(
        "PATCH",
        at(*m_server, u"/api/v1/namespaces/default/configmaps/applied"_qs, u"force=true"_qs), "{}",
        { { "Content-Type", "application/merge-patch+json" } });
    QCOMPARE(forced.status, 422);
    QCOMPARE(forced.json().value(u"message").toString(),
             u"PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified "
             "for non-apply patch"_qs);

    // Applying an object that does not exist creates it (201), like kube-apiserver.
    const HttpResult created = m_http.send("PATCH", item, body, apply);
    QCOMPARE(created.status, 201);
    const QJsonObject meta = created.json().value(u"metadata").toObject();
    QCOMPARE(meta.value(u"name").toString(), u"applied"_qs);
    QCOMPARE(meta.value(u"namespace").toString(), u"default"_qs);
    QVERIFY(!meta.value(u"uid").toString().isEmpty());
    QCOMPARE(m_http.get(item).json().value(u"data").toObject().value(u"a").toString(), u"1"_qs);

    // Applying again updates it (200).
    const HttpResult updated = m_http.send(
        "PATCH", item,
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"a":"2"}})",
        apply);
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.json().value(u"data").toObject().value(u"a").toString(), u"2"_qs);

    // Other patch types still answer 404 for a missing object; apply into a missing namespace
    // is a 404 for the namespace.
    QCOMPARE(m_http
                 .send("PATCH", at(*m_server, u"/api/v1/namespaces/default/configmaps/nope"_qs),
                       "{}", { { "Content-Type", "application/merge-patch+json" } })
                 .status,
             404);
    const HttpResult noNs = m_http.send(
        "PATCH",
        at(*m_server, u"/api/v1/namespaces/nope/configmaps/applied"_qs, u"fieldManager=k"_qs), body,
        apply);
    QCOMPARE(noNs.status, 404);
    QCOMPARE(noNs.json().value(u"details").toObject().value(u"kind").toString(), u"namespaces"_qs);
}

void tst_FakeApiServer::reviewsNeedNoName_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("statusField");
    QTest::newRow("selfsubjectaccessreview")
        << u"/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"_qs
        << u"SelfSubjectAccessReview"_qs
        << QByteArray(
               R"({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"verb":"list","resource":"pods","namespace":"default"}}})")
        << u"allowed"_qs;
    QTest::newRow("subjectaccessreview")
        << u"/apis/authorization.k8s.io/v1/subjectaccessreviews"_qs << u"SubjectAccessReview"_qs
        << QByteArray(
               R"({"metadata":{},"spec":{"user":"jane","resourceAttributes":{"verb":"get","resource":"pods"}}})")
        << u"allowed"_qs;
    QTest::newRow("localsubjectaccessreview")
        << u"/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews"_qs
        << u"LocalSubjectAccessReview"_qs
        << QByteArray(
               R"({"spec":{"user":"jane","resourceAttributes":{"verb":"get","resource":"pods"}}})")
        << u"allowed"_qs;
    QTest::newRow("selfsubjectrulesreview")
        << u"/apis/authorization.k8s.io/v1/selfsubjectrulesreviews"_qs
        << u"SelfSubjectRulesReview"_qs << QByteArray(R"({"spec":{"namespace":"default"}})")
        << u"resourceRules"_qs;
    QTest::newRow("tokenreview") << u"/apis/authentication.k8s.io/v1/tokenreviews"_qs
                                 << u"TokenReview"_qs << QByteArray(R"({"spec":{"token":"abc"}})")
                                 << u"authenticated"_qs;
    QTest::newRow("selfsubjectreview")
        << u"/apis/authentication.k8s.io/v1/selfsubjectreviews"_qs << u"SelfSubjectReview"_qs
        << QByteArray("{}") << u"userInfo"_qs;
}

void tst_FakeApiServer::reviewsNeedNoName()
{
    QFETCH(QString, path);
    QFETCH(QString, kind);
    QFETCH(QByteArray, body);
    QFETCH(QString, statusField);
    const qint64 before = m_server->resourceVersion();
    const HttpResult r = m_http.send("POST", at(*m_server, path), body);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().value(u"kind").toString(), kind);
    QVERIFY(r.json().value(u"apiVersion").toString().endsWith(u".k8s.io/v1"));
    const QJsonValue field = r.json().value(u"status").toObject().value(statusField);
    QVERIFY2(!field.isUndefined(), qPrintable(QString::fromUtf8(r.body)));
    if (field.isBool())
        QVERIFY(field.toBool());
    // The spec comes back as sent and nothing is stored.
    QCOMPARE(r.json().value(u"spec"), QJsonDocument::fromJson(body).object().value(u"spec"));
    QCOMPARE(m_server->resourceVersion(), before);
}

void tst_FakeApiServer::eventsV1ServesCoreEvents()
{
    const QJsonObject core = m_http.get(at(*m_server, u"/api/v1/events"_qs)).json();
    const QJsonObject v1 = m_http.get(at(*m_server, u"/apis/events.k8s.io/v1/events"_qs)).json();
    QCOMPARE(v1.value(u"kind").toString(), u"EventList"_qs);
    QCOMPARE(v1.value(u"apiVersion").toString(), u"events.k8s.io/v1"_qs);
    const QJsonArray coreItems = core.value(u"items").toArray();
    const QJsonArray v1Items = v1.value(u"items").toArray();
    QVERIFY(!coreItems.isEmpty());
    QCOMPARE(names(v1Items), names(coreItems));
    for (qsizetype i = 0; i < coreItems.size(); ++i) {
        const QJsonObject c = coreItems.at(i).toObject();
        const QJsonObject e = v1Items.at(i).toObject();
        QCOMPARE(e.value(u"apiVersion").toString(), u"events.k8s.io/v1"_qs);
        QCOMPARE(e.value(u"note"), c.value(u"message"));
        QCOMPARE(e.value(u"regarding"), c.value(u"involvedObject"));
        QCOMPARE(e.value(u"reason"), c.value(u"reason"));
        QCOMPARE(e.value(u"type"), c.value(u"type"));
        QCOMPARE(e.value(u"deprecatedSource"), c.value(u"source"));
        QCOMPARE(e.value(u"deprecatedLastTimestamp"), c.value(u"lastTimestamp"));
        QVERIFY(e.contains(u"eventTime"));
        for (const char *coreOnly :
             { "message", "involvedObject", "source", "firstTimestamp", "lastTimestamp", "count" })
            QVERIFY2(!e.contains(QLatin1String(coreOnly)), coreOnly);
    }

    // The public accessor serves the same view.
    const QList<QJsonObject> viaApi
        = m_server->objects(u"events.k8s.io"_qs, u"v1"_qs, u"events"_qs, QString());
    QCOMPARE(viaApi.size(), v1Items.size());
    QCOMPARE(viaApi.first().value(u"note"), v1Items.first().toObject().value(u"note"));

    // Field selectors use the v1 names.
    const QString kind
        = v1Items.first().toObject().value(u"regarding").toObject().value(u"kind").toString();
    const QJsonArray selected = m_http
                                    .get(at(*m_server, u"/apis/events.k8s.io/v1/events"_qs,
                                            u"fieldSelector=regarding.kind%3D"_qs + kind))
                                    .json()
                                    .value(u"items")
                                    .toArray();
    QVERIFY(!selected.isEmpty());
    for (const auto &e : selected)
        QCOMPARE(e.toObject().value(u"regarding").toObject().value(u"kind").toString(), kind);

    // An event written through events.k8s.io/v1 is read back through core v1 and vice versa.
    const HttpResult created = m_http.send(
        "POST", at(*m_server, u"/apis/events.k8s.io/v1/namespaces/default/events"_qs),
        R"({"metadata":{"name":"ev1"},"eventTime":"2026-01-01T00:00:00.000000Z","reportingController":"kubrowser","reportingInstance":"k1","action":"Test","reason":"Tested","type":"Normal","note":"hello","regarding":{"kind":"Pod","namespace":"default","name":"p"}})");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json().value(u"note").toString(), u"hello"_qs);
    QCOMPARE(created.json().value(u"apiVersion").toString(), u"events.k8s.io/v1"_qs);
    const QJsonObject asCore
        = m_http.get(at(*m_server, u"/api/v1/namespaces/default/events/ev1"_qs)).json();
    QCOMPARE(asCore.value(u"apiVersion").toString(), u"v1"_qs);
    QCOMPARE(asCore.value(u"message").toString(), u"hello"_qs);
    QCOMPARE(asCore.value(u"reportingComponent").toString(), u"kubrowser"_qs);
    QCOMPARE(asCore.value(u"involvedObject").toObject().value(u"name").toString(), u"p"_qs);
    const QJsonObject asV1
        = m_http.get(at(*m_server, u"/apis/events.k8s.io/v1/namespaces/default/events/ev1"_qs))
              .json();
    QCOMPARE(asV1.value(u"note").toString(), u"hello"_qs);
    QCOMPARE(asV1.value(u"reportingController").toString(), u"kubrowser"_qs);
    QVERIFY(!asV1.contains(u"message"));

    // A merge patch in the v1 shape edits the shared event.
    const HttpResult patched = m_http.send(
        "PATCH", at(*m_server, u"/apis/events.k8s.io/v1/namespaces/default/events/ev1"_qs),
        R"({"note":"changed"})", { { "Content-Type", "application/merge-patch+json" } });
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.json().value(u"note").toString(), u"changed"_qs);
    QCOMPARE(m_http.get(at(*m_server, u"/api/v1/namespaces/default/events/ev1"_qs))
                 .json()
                 .value(u"message")
                 .toString(),
             u"changed"_qs);
    QCOMPARE(m_http
                 .send("DELETE",
                       at(*m_server, u"/apis/events.k8s.io/v1/namespaces/default/events/ev1"_qs))
                 .status,
             200);
    QCOMPARE(m_http.get(at(*m_server, u"/api/v1/namespaces/default/events/ev1"_qs)).status, 404);
}

void tst_FakeApiServer::deleteCollection()
{
    const HttpResult r = m_http.send(
        "DELETE",
        at(*m_server, u"/api/v1/namespaces/frontend/pods"_qs, u"labelSelector=app%3Dweb"_qs));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"kind").toString(), u"PodList"_qs);
    QVERIFY(!r.json().value(u"items").toArray().isEmpty());
    for (const QJsonObject &pod : m_server->objects(u""_qs, u"v1"_qs, u"pods"_qs, u"frontend"_qs))
        QVERIFY(pod.value(u"metadata").toObject().value(u"labels").toObject().value(u"app")
                != u"web"_qs);
}

namespace {

//! Collects watch events from a streaming reply, line by line, as they arrive.
struct WatchReader
{
    QNetworkReply *reply = nullptr;
    QByteArray buffer;
    QList<QJsonObject> events;

    void read()
    {
        buffer += reply->readAll();
        qsizetype nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            events << QJsonDocument::fromJson(buffer.left(nl)).object();
            buffer.remove(0, nl + 1);
        }
    }
    bool waitFor(qsizetype count, int timeoutMs = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (events.size() < count && t.elapsed() < timeoutMs) {
            QSignalSpy spy(reply, &QNetworkReply::readyRead);
            if (reply->bytesAvailable() == 0 && !reply->isFinished())
                spy.wait(int(timeoutMs - t.elapsed()));
            read();
            if (reply->isFinished())
                break;
        }
        return events.size() >= count;
    }
};

} // namespace

void tst_FakeApiServer::watchStreamsIncrementally()
{
    const QString rv = QString::number(m_server->resourceVersion());
    QNetworkRequest request(at(*m_server, u"/api/v1/namespaces/default/configmaps"_qs,
                               u"watch=1&resourceVersion="_qs + rv));
    QNetworkReply *reply = m_http.nam.get(request);
    WatchReader watch { reply };
    QTRY_COMPARE(m_server->activeWatchCount(), 1);

    // Each change arrives as its own event while the response is still open.
    const QJsonObject created = m_server->addObject(
        u""_qs, u"v1"_qs, u"configmaps"_qs,
        QJsonObject {
            { u"metadata"_qs,
              QJsonObject { { u"name"_qs, u"live"_qs }, { u"namespace"_qs, u"default"_qs } } } });
    QVERIFY(watch.waitFor(1));
    QVERIFY(!reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(watch.events.at(0).value(u"type").toString(), u"ADDED"_qs);
    QCOMPARE(watch.events.at(0).value(u"object").toObject(), created);

    const HttpResult patched = m_http.send(
        "PATCH", at(*m_server, u"/api/v1/namespaces/default/configmaps/live"_qs),
        R"({"data":{"k":"v"}})", { { "Content-Type", "application/merge-patch+json" } });
    QCOMPARE(patched.status, 200);
    QVERIFY(watch.waitFor(2));
    QCOMPARE(watch.events.at(1).value(u"type").toString(), u"MODIFIED"_qs);
    QCOMPARE(watch.events.at(1).value(u"object").toObject().value(u"data").toObject().value(u"k"),
             QJsonValue(u"v"_qs));

    QVERIFY(m_server->removeObject(u""_qs, u"v1"_qs, u"configmaps"_qs, u"default"_qs, u"live"_qs));
    QVERIFY(watch.waitFor(3));
    QCOMPARE(watch.events.at(2).value(u"type").toString(), u"DELETED"_qs);
    // A change in another namespace is not delivered.
    m_server->addObject(u""_qs, u"v1"_qs, u"configmaps"_qs,
                        QJsonObject { { u"metadata"_qs,
                                        QJsonObject { { u"name"_qs, u"other"_qs },
                                                      { u"namespace"_qs, u"backend"_qs } } } });
    QVERIFY(!watch.waitFor(4, 300));
    QVERIFY(!reply->isFinished());

    reply->abort();
    reply->deleteLater();
    QTRY_COMPARE(m_server->activeWatchCount(), 0);
}

void tst_FakeApiServer::watchFromResourceVersion()
{
    // Without a resourceVersion the watch starts with the current state as ADDED events.
    QNetworkReply *reply = m_http.nam.get(
        QNetworkRequest(at(*m_server, u"/api/v1/namespaces"_qs, u"watch=true"_qs)));
    WatchReader watch { reply };
    QVERIFY(watch.waitFor(9));
    QCOMPARE(watch.events.size(), 9);
    for (const QJsonObject &e : std::as_const(watch.events))
        QCOMPARE(e.value(u"type").toString(), u"ADDED"_qs);
    reply->abort();
    reply->deleteLater();

    // From a resourceVersion: only what happened after it, replayed from history.
    const qint64 rv = m_server->resourceVersion();
    m_server->addObject(
        u""_qs, u"v1"_qs, u"namespaces"_qs,
        QJsonObject { { u"metadata"_qs, QJsonObject { { u"name"_qs, u"later"_qs } } } });
    reply = m_http.nam.get(QNetworkRequest(
        at(*m_server, u"/api/v1/namespaces"_qs, u"watch=1&resourceVersion=%1"_qs.arg(rv))));
    WatchReader replay { reply };
    QVERIFY(replay.waitFor(1));
    QVERIFY(!replay.waitFor(2, 200));
    QCOMPARE(replay.events.first()
                 .value(u"object")
                 .toObject()
                 .value(u"metadata")
                 .toObject()
                 .value(u"name")
                 .toString(),
             u"later"_qs);
    reply->abort();
    reply->deleteLater();
}

void tst_FakeApiServer::watchTooOldResourceVersion()
{
    const qint64 old = m_server->resourceVersion();
    m_server->addObject(
        u""_qs, u"v1"_qs, u"namespaces"_qs,
        QJsonObject { { u"metadata"_qs, QJsonObject { { u"name"_qs, u"n1"_qs } } } });
    m_server->compactHistory();
    const HttpResult r = m_http.get(
        at(*m_server, u"/api/v1/namespaces"_qs, u"watch=1&resourceVersion=%1"_qs.arg(old)));
    QCOMPARE(r.status, 200);
    const QJsonObject event = QJsonDocument::fromJson(r.body.trimmed()).object();
    QCOMPARE(event.value(u"type").toString(), u"ERROR"_qs);
    const QJsonObject status = event.value(u"object").toObject();
    QCOMPARE(status.value(u"kind").toString(), u"Status"_qs);
    QCOMPARE(status.value(u"code").toInt(), 410);
    QCOMPARE(status.value(u"reason").toString(), u"Expired"_qs);
    QVERIFY(status.value(u"message").toString().startsWith(u"too old resource version"));
}

void tst_FakeApiServer::watchBookmarksAndTimeout()
{
    m_server->setWatchBookmarkInterval(50ms);
    const HttpResult r = m_http.get(
        at(*m_server, u"/api/v1/pods"_qs,
           u"watch=1&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=%1"_qs.arg(
               m_server->resourceVersion())));
    // The stream ends by itself after timeoutSeconds, with bookmarks along the way.
    QCOMPARE(r.error, QNetworkReply::NoError);
    QCOMPARE(r.status, 200);
    const QList<QByteArray> lines = r.body.trimmed().split('\n');
    QVERIFY2(lines.size() >= 3, r.body.constData());
    for (const QByteArray &line : lines) {
        const QJsonObject e = QJsonDocument::fromJson(line).object();
        QCOMPARE(e.value(u"type").toString(), u"BOOKMARK"_qs);
        QCOMPARE(e.value(u"object").toObject().value(u"kind").toString(), u"Pod"_qs);
        QCOMPARE(e.value(u"object")
                     .toObject()
                     .value(u"metadata")
                     .toObject()
                     .value(u"resourceVersion")
                     .toString(),
                 QString::number(m_server->resourceVersion()));
    }
    QCOMPARE(m_server->activeWatchCount(), 0);
}

void tst_FakeApiServer::watchWithSelector()
{
    QNetworkReply *reply = m_http.nam.get(QNetworkRequest(at(
        *m_server, u"/api/v1/configmaps"_qs,
        u"watch=1&labelSelector=team%3Da&resourceVersion=%1"_qs.arg(m_server->resourceVersion()))));
    WatchReader watch { reply };
    QTRY_COMPARE(m_server->activeWatchCount(), 1);
    for (const QString &team : { u"b"_qs, u"a"_qs }) {
        m_server->addObject(
            u""_qs, u"v1"_qs, u"configmaps"_qs,
            QJsonObject {
                { u"metadata"_qs,
                  QJsonObject { { u"name"_qs, u"cm-"_qs + team },
                                { u"namespace"_qs, u"default"_qs },
                                { u"labels"_qs, QJsonObject { { u"team"_qs, team } } } } } });
    }
    QVERIFY(watch.waitFor(1));
    QVERIFY(!watch.waitFor(2, 200));
    QCOMPARE(watch.events.first()
                 .value(u"object")
                 .toObject()
                 .value(u"metadata")
                 .toObject()
                 .value(u"name")
                 .toString(),
             u"cm-a"_qs);
    reply->abort();
    reply->deleteLater();
}

void tst_FakeApiServer::faults_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("statusCode");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QString>("expectedReason");
    QTest::addColumn<bool>("networkError");
    QTest::addColumn<bool>("validJson");

    const int status = int(Fault::Type::Status);
    QTest::newRow("429 + Retry-After")
        << status << 429 << 3 << 429 << u"TooManyRequests"_qs << false << true;
    QTest::newRow("500") << status << 500 << -1 << 500 << u"InternalError"_qs << false << true;
    QTest::newRow("503 + Retry-After")
        << status << 503 << 1 << 503 << u"ServiceUnavailable"_qs << false << true;
    QTest::newRow("403") << status << 403 << -1 << 403 << u"Forbidden"_qs << false << true;
    QTest::newRow("401") << status << 401 << -1 << 401 << u"Unauthorized"_qs << false << true;
    QTest::newRow("cut body") << int(Fault::Type::CutBody) << 0 << -1 << 200 << QString() << true
                              << false;
    QTest::newRow("malformed json")
        << int(Fault::Type::MalformedJson) << 0 << -1 << 200 << QString() << false << false;
    QTest::newRow("close connection")
        << int(Fault::Type::CloseConnection) << 0 << -1 << 0 << QString() << true << false;
}

void tst_FakeApiServer::faults()
{
    QFETCH(int, type);
    QFETCH(int, statusCode);
    QFETCH(int, retryAfter);
    QFETCH(int, expectedStatus);
    QFETCH(QString, expectedReason);
    QFETCH(bool, networkError);
    QFETCH(bool, validJson);
    Fault f;
    f.type = Fault::Type(type);
    f.statusCode = statusCode;
    f.retryAfterSeconds = retryAfter;
    m_server->addFault(u"/api/v1/namespaces"_qs, f);

    const HttpResult r = m_http.get(at(*m_server, u"/api/v1/namespaces"_qs));
    QCOMPARE(r.status, expectedStatus);
    QCOMPARE(r.error != QNetworkReply::NoError && r.status < 400, networkError);
    QJsonParseError pe;
    QJsonDocument::fromJson(r.body, &pe);
    QCOMPARE(pe.error == QJsonParseError::NoError && !r.body.isEmpty(), validJson);
    if (!expectedReason.isEmpty()) {
        QCOMPARE(r.json().value(u"kind").toString(), u"Status"_qs);
        QCOMPARE(r.json().value(u"reason").toString(), expectedReason);
        QCOMPARE(r.json().value(u"code").toInt(), expectedStatus);
    }
    QCOMPARE(r.header("Retry-After"),
             retryAfter >= 0 ? QByteArray::number(retryAfter) : QByteArray());
    // Other paths are untouched.
    QCOMPARE(m_http.get(at(*m_server, u"/api/v1/nodes"_qs)).status, 200);
    m_server->clearFaults();
    QCOMPARE(m_http.get(at(*m_server, u"/api/v1/namespaces"_qs)).status, 200);
}

void tst_FakeApiServer::faultTimesAndMethod()
{
    Fault f;
    f.statusCode = 503;
    f.times = 2;
    m_server->addFault(u"/api/v1/pods"_qs, f);
    QCOMPARE(m_http.get(at(*m_server, u"/api/v1/pods"_qs)).status, 503);
    QCOMPARE(m_http.get(at(*m_server, u"/api/v1/pods"_qs)).status, 503);
    QCOMPARE(m_http.get(at(*m_server, u"/api/v1/pods"_qs)).status, 200);

    Fault writes;
    writes.statusCode = 403;
    writes.method = "POST";
    m_server->addFault(u"/api/v1/namespaces/default/configmaps"_qs, writes);
    QCOMPARE(m_http.get(at(*m_server, u"/api/v1/namespaces/default/configmaps"_qs)).status, 200);
    const HttpResult denied
        = m_http.send("POST", at(*m_server, u"/api/v1/namespaces/default/configmaps"_qs),
                      R"({"metadata":{"name":"f"}})");
    QCOMPARE(denied.status, 403);
    QCOMPARE(denied.json().value(u"reason").toString(), u"Forbidden"_qs);
    QCOMPARE(denied.json().value(u"message").toString(),
             u"configmaps is forbidden: User \"system:anonymous\" cannot create resource "
             "\"configmaps\" in API group \"\" in the namespace \"default\""_qs);
    QCOMPARE(denied.json().value(u"details").toObject().value(u"kind").toString(),
             u"configmaps"_qs);
}

void tst_FakeApiServer::delayFault()
{
    Fault f;
    f.type = Fault::Type::Delay;
    f.delay = 300ms;
    m_server->addFault(u"/version"_qs, f);
    QElapsedTimer t;
    t.start();
    const HttpResult r = m_http.get(at(*m_server, u"/version"_qs));
    QCOMPARE(r.status, 200);
    QVERIFY(t.elapsed() >= 290);
    QCOMPARE(r.json().value(u"major").toString(), u"1"_qs);
}

void tst_FakeApiServer::bearerToken_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << QByteArray() << 401;
    QTest::newRow("wrong") << QByteArray("Bearer nope") << 401;
    QTest::newRow("right") << QByteArray("Bearer t0ken") << 200;
}

void tst_FakeApiServer::bearerToken()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    FakeApiServer server(FakeApiServerOptions { .bearerToken = u"t0ken"_qs });
    server.loadStockCluster({});
    QVERIFY(server.start());
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({ "Authorization", authorization });
    const HttpResult r = m_http.send("GET", at(server, u"/api/v1/namespaces"_qs), {}, headers);
    QCOMPARE(r.status, status);
    if (status == 401) {
        QCOMPARE(r.json().value(u"kind").toString(), u"Status"_qs);
        QCOMPARE(r.json().value(u"reason").toString(), u"Unauthorized"_qs);
        QCOMPARE(r.json().value(u"message").toString(), u"Unauthorized"_qs);
    }
    QCOMPARE(server.requests().last().authorization, authorization);
}

void tst_FakeApiServer::basicAuth()
{
    FakeApiServer server(
        FakeApiServerOptions { .basicUser = u"admin"_qs, .basicPassword = u"pw"_qs });
    server.loadStockCluster({});
    QVERIFY(server.start());
    const QUrl u = at(server, u"/api"_qs);
    QCOMPARE(m_http
                 .send("GET", u, {},
                       { { "Authorization", "Basic " + QByteArray("admin:pw").toBase64() } })
                 .status,
             200);
    QCOMPARE(m_http
                 .send("GET", u, {},
                       { { "Authorization", "Basic " + QByteArray("admin:no").toBase64() } })
                 .status,
             401);
}

void tst_FakeApiServer::tls()
{
    FakeApiServer server(FakeApiServerOptions { .tls = true });
    server.loadStockCluster({});
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QCOMPARE(server.url().scheme(), u"https"_qs);
    const QSslCertificate ca(server.caCertificatePem());
    QVERIFY(!ca.isNull());
    const QSslCertificate cert(server.serverCertificatePem());
    const QStringList sans = cert.subjectAlternativeNames().values(QSsl::DnsEntry);
    QVERIFY(sans.contains(u"localhost"_qs));
    QVERIFY(sans.contains(u"kubernetes.default.svc"_qs));
    QVERIFY(cert.subjectAlternativeNames().values(QSsl::IpAddressEntry).contains(u"127.0.0.1"_qs));

    // Trusting the generated CA: verified HTTPS.
    HttpTestClient client;
    client.useSsl = true;
    client.ssl.setCaCertificates({ ca });
    HttpResult r = client.get(at(server, u"/version"_qs));
    QCOMPARE(r.error, QNetworkReply::NoError);
    QCOMPARE(r.status, 200);
    QUrl byName = at(server, u"/version"_qs);
    byName.setHost(u"localhost"_qs);
    QCOMPARE(client.get(byName).status, 200);

    // Without it: a TLS error, never an answer.
    HttpTestClient untrusting;
    untrusting.useSsl = true;
    r = untrusting.get(at(server, u"/version"_qs));
    QCOMPARE(r.error, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(r.status, 0);

    QTemporaryDir dir;
    const QString caPath = server.writeCertificates(dir.path());
    QCOMPARE(QSslCertificate::fromPath(caPath).value(0), ca);
}

void tst_FakeApiServer::mutualTls()
{
    FakeApiServer server(FakeApiServerOptions { .tls = true, .requireClientCertificate = true });
    server.loadStockCluster({});
    QVERIFY(server.start());
    const QSslCertificate ca(server.caCertificatePem());

    HttpTestClient withoutCert;
    withoutCert.useSsl = true;
    withoutCert.ssl.setCaCertificates({ ca });
    HttpResult r = withoutCert.get(at(server, u"/version"_qs));
    QCOMPARE(r.status, 0);
    QVERIFY(r.error != QNetworkReply::NoError);

    HttpTestClient withCert;
    withCert.useSsl = true;
    withCert.ssl.setCaCertificates({ ca });
    withCert.ssl.setLocalCertificate(QSslCertificate(server.clientCertificatePem()));
    const QSslKey key(server.clientKeyPem(), QSsl::Ec);
    QVERIFY(!key.isNull());
    withCert.ssl.setPrivateKey(key);
    r = withCert.get(at(server, u"/api/v1/namespaces"_qs));
    QCOMPARE(r.error, QNetworkReply::NoError);
    QCOMPARE(r.status, 200);

    // A client certificate also authenticates when a token is configured.
    FakeApiServer both(FakeApiServerOptions { .tls = true, .bearerToken = u"t"_qs });
    both.loadStockCluster({});
    QVERIFY(both.start());
    HttpTestClient certOnly;
    certOnly.useSsl = true;
    certOnly.ssl.setCaCertificates({ QSslCertificate(both.caCertificatePem()) });
    certOnly.ssl.setLocalCertificate(QSslCertificate(both.clientCertificatePem()));
    certOnly.ssl.setPrivateKey(QSslKey(both.clientKeyPem(), QSsl::Ec));
    QCOMPARE(certOnly.get(at(both, u"/api"_qs)).status, 200);
    // ... but not one from another server's CA.
    certOnly.ssl.setLocalCertificate(QSslCertificate(server.clientCertificatePem()));
    certOnly.ssl.setPrivateKey(QSslKey(server.clientKeyPem(), QSsl::Ec));
    HttpTestClient fresh;
    fresh.useSsl = true;
    fresh.ssl = certOnly.ssl;
    QCOMPARE(fresh.get(at(both, u"/api"_qs)).status, 401);
}

void tst_FakeApiServer::requestLog()
{
    QSignalSpy received(m_server.get(), &FakeApiServer::requestReceived);
    m_server->clearRequests();
    m_http.get(at(*m_server, u"/api"_qs), AcceptAggregated);
    m_http.get(at(*m_server, u"/apis"_qs), AcceptAggregated);
    m_http.get(at(*m_server, u"/api/v1/namespaces/default/pods"_qs, u"limit=5"_qs));
    QCOMPARE(m_server->requestCount(), 3);
    QCOMPARE(m_server->requestCount(u"/api"_qs), 3);
    QCOMPARE(m_server->requestCount(u"/apis"_qs), 1);
    QCOMPARE(m_server->requestCount(u"/api/v1/namespaces/default/pods"_qs), 1);
    QCOMPARE(received.size(), 3);
    const QList<RecordedRequest> log = m_server->requests();
    QCOMPARE(log.at(0).method, QByteArray("GET"));
    QCOMPARE(log.at(0).accept, AcceptAggregated);
    QCOMPARE(log.at(2).path, u"/api/v1/namespaces/default/pods"_qs);
    QCOMPARE(log.at(2).query, u"limit=5"_qs);
    m_server->clearRequests();
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_FakeApiServer::keepAlive()
{
    const int before = m_server->connectionCount();
    for (int i = 0; i < 20; ++i)
        QCOMPARE(m_http.get(at(*m_server, u"/api/v1/namespaces"_qs)).status, 200);
    // Sequential requests reuse one connection.
    QVERIFY(m_server->connectionCount() - before <= 1);
}

void tst_FakeApiServer::kubeconfigFile()
{
    FakeApiServer server(FakeApiServerOptions { .tls = true, .bearerToken = u"abc"_qs });
    QVERIFY(server.start());
    QTemporaryDir dir;
    const QString path = server.writeKubeconfig(dir.path(), u"demo"_qs);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY(text.contains("server: " + server.url().toString().toUtf8()));
    QVERIFY(text.contains("certificate-authority-data: " + server.caCertificatePem().toBase64()));
    QVERIFY(text.contains("token: abc"));
    QVERIFY(text.contains("current-context: demo"));
    QCOMPARE(f.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
}

void tst_FakeApiServer::stockDataSet()
{
    // The pods are owned by replica sets that are owned by deployments, as in a cluster.
    const QList<QJsonObject> pods = m_server->objects(u""_qs, u"v1"_qs, u"pods"_qs);
    QCOMPARE(pods.size(), 40);
    QSet<QString> replicaSets;
    for (const QJsonObject &rs : m_server->objects(u"apps"_qs, u"v1"_qs, u"replicasets"_qs))
        replicaSets << rs.value(u"metadata").toObject().value(u"name").toString();
    int owned = 0;
    for (const QJsonObject &pod : pods) {
        const QJsonArray owners
            = pod.value(u"metadata").toObject().value(u"ownerReferences").toArray();
        if (!owners.isEmpty() && owners.first().toObject().value(u"kind") == u"ReplicaSet"_qs) {
            QVERIFY(replicaSets.contains(owners.first().toObject().value(u"name").toString()));
            ++owned;
        }
        QVERIFY(pod.value(u"status").toObject().contains(u"phase"));
    }
    QCOMPARE(owned, 40);
    QCOMPARE(m_server->objects(u"apps"_qs, u"v1"_qs, u"deployments"_qs).size(), 6); // + coredns
    QSet<QString> namespaces;
    for (const QJsonObject &ns : m_server->objects(u""_qs, u"v1"_qs, u"namespaces"_qs))
        namespaces << ns.value(u"metadata").toObject().value(u"name").toString();
    for (const QString &ns :
         { u"default"_qs, u"kube-system"_qs, u"kube-public"_qs, u"kube-node-lease"_qs })
        QVERIFY(namespaces.contains(ns));
    QCOMPARE(m_server->objects(u""_qs, u"v1"_qs, u"nodes"_qs).size(), 3);
    QVERIFY(!m_server->objects(u""_qs, u"v1"_qs, u"events"_qs).isEmpty());
    QCOMPARE(
        m_server->objects(u"apiextensions.k8s.io"_qs, u"v1"_qs, u"customresourcedefinitions"_qs)
            .size(),
        2);
}

QTEST_GUILESS_MAIN(tst_FakeApiServer)
#include "tst_fakeapiserver.moc"
