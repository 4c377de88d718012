#include "api/aggregateddiscovery.h"
#include "api/discoveryjson.h"
#include "fixtures.h"
#include "normalize.h"

#include <QTest>

using namespace kube;

class tst_DiscoveryJson : public QObject
{
    Q_OBJECT

private slots:
    void apiVersions();
    void apiGroupList();
    void apiResourceList();
    void roundTrip_data();
    void roundTrip();
    void malformed_data();
    void malformed();
    void contentType_data();
    void contentType();
    void aggregatedMatchesLegacy_data();
    void aggregatedMatchesLegacy();
    void aggregatedStaleAndIncomplete();
};

void tst_DiscoveryJson::apiVersions()
{
    auto core = discoveryjson::parseAPIVersions(fixtures::read(QStringLiteral("legacy-api.json")));
    QVERIFY(core);
    QCOMPARE(core->name, QString());
    QCOMPARE(core->versions, QStringList { QStringLiteral("v1") });
    QCOMPARE(core->preferredVersion, QStringLiteral("v1"));

    auto empty = discoveryjson::parseAPIVersions(R"({"kind":"APIVersions","versions":[]})");
    QVERIFY(empty);
    QVERIFY(empty->versions.isEmpty());
    QVERIFY(empty->preferredVersion.isEmpty());
}

void tst_DiscoveryJson::apiGroupList()
{
    auto list
        = discoveryjson::parseAPIGroupList(fixtures::read(QStringLiteral("legacy-apis.json")));
    QVERIFY(list);
    QCOMPARE(list->groups.first().name, QStringLiteral("apiregistration.k8s.io"));
    const APIGroup *autoscaling = list->find(QStringLiteral("autoscaling"));
    QVERIFY(autoscaling);
    QCOMPARE(autoscaling->versions, (QStringList { QStringLiteral("v2"), QStringLiteral("v1") }));
    QCOMPARE(autoscaling->preferredVersion, QStringLiteral("v2"));
    const APIGroup *crd = list->find(QStringLiteral("stable.example.com"));
    QVERIFY(crd);
    QCOMPARE(crd->groupVersions().last(),
             (GroupVersion { QStringLiteral("stable.example.com"), QStringLiteral("v1beta1") }));
}

void tst_DiscoveryJson::apiResourceList()
{
    auto list
        = discoveryjson::parseAPIResourceList(fixtures::read(QStringLiteral("legacy-api-v1.json")));
    QVERIFY(list);
    QCOMPARE(list->groupVersion, QStringLiteral("v1"));
    auto pods = std::find_if(list->resources.cbegin(), list->resources.cend(),
                             [](const APIResource &r) { return r.name == QLatin1String("pods"); });
    QVERIFY(pods != list->resources.cend());
    QCOMPARE(pods->singularName, QStringLiteral("pod"));
    QCOMPARE(pods->kind, QStringLiteral("Pod"));
    QVERIFY(pods->namespaced);
    QCOMPARE(pods->shortNames, QStringList { QStringLiteral("po") });
    QCOMPARE(pods->categories, QStringList { QStringLiteral("all") });
    QCOMPARE(pods->storageVersionHash, QStringLiteral("xPOwRZ+Yhw8="));
    auto eviction
        = std::find_if(list->resources.cbegin(), list->resources.cend(), [](const APIResource &r) {
              return r.name == QLatin1String("pods/eviction");
          });
    QVERIFY(eviction != list->resources.cend());
    QVERIFY(eviction->isSubresource());
    QCOMPARE(eviction->group, QStringLiteral("policy"));
    QCOMPARE(eviction->version, QStringLiteral("v1"));
    QCOMPARE(eviction->kind, QStringLiteral("Eviction"));
}

void tst_DiscoveryJson::roundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("core") << "legacy-api-v1.json";
    QTest::newRow("apps") << "legacy-apis-apps-v1.json";
    QTest::newRow("crd two versions") << "legacy-apis-stable.example.com-v1beta1.json";
    QTest::newRow("metrics without singular") << "legacy-apis-metrics.k8s.io-v1beta1.json";
}

void tst_DiscoveryJson::roundTrip()
{
    QFETCH(QString, file);
    auto list = discoveryjson::parseAPIResourceList(fixtures::read(file));
    QVERIFY(list);
    const QByteArray written = discoveryjson::toJson(*list);
    QVERIFY(written.contains(R"("kind":"APIResourceList")"));
    QVERIFY(written.contains(R"("apiVersion":"v1")"));
    auto again = discoveryjson::parseAPIResourceList(written);
    QVERIFY(again);
    QCOMPARE(*again, *list);

    auto groups
        = discoveryjson::parseAPIGroupList(fixtures::read(QStringLiteral("legacy-apis.json")));
    auto groupsAgain = discoveryjson::parseAPIGroupList(discoveryjson::toJson(*groups));
    QVERIFY(groupsAgain);
    QCOMPARE(*groupsAgain, *groups);
}

void tst_DiscoveryJson::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << fixtures::read(QStringLiteral("legacy-api-v1.json")).left(500);
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("status") << QByteArray(
        R"({"kind":"Status","apiVersion":"v1","status":"Failure","code":500})");
    QTest::newRow("resources not a list")
        << QByteArray(R"({"kind":"APIResourceList","groupVersion":"v1","resources":{}})");
    QTest::newRow("verbs not strings")
        << QByteArray(R"({"groupVersion":"v1","resources":[{"name":"pods","verbs":[1]}]})");
    QTest::newRow("nameless resource")
        << QByteArray(R"({"groupVersion":"v1","resources":[{"kind":"Pod"}]})");
}

void tst_DiscoveryJson::malformed()
{
    QFETCH(QByteArray, json);
    auto list = discoveryjson::parseAPIResourceList(json);
    QVERIFY(!list);
    QCOMPARE(list.error().kind, Error::Kind::Decode);
    QVERIFY(
        !discoveryjson::parseAPIGroupList(json.isEmpty() ? json : QByteArray("{\"groups\":3}")));
}

void tst_DiscoveryJson::contentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("aggregated");
    QTest::newRow("v2") << QByteArray(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
                        << true;
    QTest::newRow("v2beta1") << QByteArray(
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList")
                             << true;
    QTest::newRow("reordered") << QByteArray(
        "application/json; as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io")
                               << true;
    QTest::newRow("extra parameter") << QByteArray(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;charset=utf-8")
                                     << true;
    QTest::newRow("quoted") << QByteArray(
        "application/json;g=\"apidiscovery.k8s.io\";v=v2;as=APIGroupDiscoveryList")
                            << true;
    QTest::newRow("plain json") << QByteArray("application/json") << false;
    QTest::newRow("charset only") << QByteArray("application/json; charset=UTF-8") << false;
    QTest::newRow("v1 unknown") << QByteArray(
        "application/json;g=apidiscovery.k8s.io;v=v1;as=APIGroupDiscoveryList")
                                << false;
    QTest::newRow("wrong kind") << QByteArray(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=Table")
                                << false;
    QTest::newRow("protobuf") << QByteArray(
        "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
                              << false;
    QTest::newRow("malformed") << QByteArray("application/json;g;v=v2") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void tst_DiscoveryJson::contentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(bool, aggregated);
    QCOMPARE(AggregatedDiscovery::isAggregatedContentType(contentType), aggregated);
}

void tst_DiscoveryJson::aggregatedMatchesLegacy_data()
{
    QTest::addColumn<QString>("version");
    QTest::newRow("v2") << "v2";
    QTest::newRow("v2beta1") << "v2beta1";
}

void tst_DiscoveryJson::aggregatedMatchesLegacy()
{
    QFETCH(QString, version);
    auto api = AggregatedDiscovery::parse(
        fixtures::read(QStringLiteral("aggregated-%1-api.json").arg(version)));
    auto apis = AggregatedDiscovery::parse(
        fixtures::read(QStringLiteral("aggregated-%1-apis.json").arg(version)));
    QVERIFY(api);
    QVERIFY(apis);
    QVERIFY(api->staleVersions.isEmpty());
    DiscoveryData d;
    d.groups = api->groups.groups + apis->groups.groups;
    d.resources = api->resources + apis->resources;
    QCOMPARE(fixtures::normalized(d), fixtures::normalized(fixtures::stockData()));

    // Subresources carry their own response kind, the parent's scope and singular name.
    const APIResourceList *apps = d.resourcesFor({ QStringLiteral("apps"), QStringLiteral("v1") });
    QVERIFY(apps);
    auto scale
        = std::find_if(apps->resources.cbegin(), apps->resources.cend(), [](const APIResource &r) {
              return r.name == QLatin1String("deployments/scale");
          });
    QVERIFY(scale != apps->resources.cend());
    QCOMPARE(scale->group, QStringLiteral("autoscaling"));
    QCOMPARE(scale->kind, QStringLiteral("Scale"));
    QCOMPARE(scale->singularName, QStringLiteral("deployment"));
    QVERIFY(scale->namespaced);
}

void tst_DiscoveryJson::aggregatedStaleAndIncomplete()
{
    auto doc
        = AggregatedDiscovery::parse(fixtures::read(QStringLiteral("aggregated-v2-stale.json")));
    QVERIFY(doc);
    // Stale versions are left out and reported; a group with only stale versions stays, empty.
    QCOMPARE(doc->staleVersions.size(), 2);
    QCOMPARE(doc->staleVersions.at(0).toString(), QStringLiteral("metrics.k8s.io/v1beta1"));
    QCOMPARE(doc->staleVersions.at(1).toString(), QStringLiteral("stable.example.com/v2"));
    QCOMPARE(doc->groups.groups.size(), 2);
    QVERIFY(doc->groups.groups.at(0).versions.isEmpty());
    const APIGroup &stable = doc->groups.groups.at(1);
    QCOMPARE(stable.versions, QStringList { QStringLiteral("v1") });
    QCOMPARE(stable.preferredVersion, QStringLiteral("v1")); // first non-stale
    // A resource without responseKind is dropped, its subresource kept.
    QCOMPARE(doc->resources.size(), 1);
    QStringList names;
    for (const APIResource &r : doc->resources.first().resources)
        names.append(r.name);
    QCOMPARE(names, (QStringList { QStringLiteral("crontabs"), QStringLiteral("broken/status") }));
}

QTEST_GUILESS_MAIN(tst_DiscoveryJson)
#include "tst_discoveryjson.moc"
