#include "api/unstructured.h"
#include "dynamic/dynamicclient.h"
#include "rest/restclient.h"
#include "rest/waitfor.h"
#include "rest/watchstream.h"
#include "testing/fakeapiserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace kube;
using kube::testing::FakeApiServer;
using kube::testing::RecordedRequest;

namespace {

// Waits for a reply and hands it over to a unique_ptr, so a failing QVERIFY does not leak it.
template<typename R> std::unique_ptr<R> wait(R *reply)
{
    std::unique_ptr<R> owned(reply);
    if (!waitFor(reply, std::chrono::seconds(20)))
        qWarning("reply did not finish in time");
    return owned;
}

// QVERIFY2 evaluates its message eagerly: only ask for the error when there is one.
template<typename R> QString describe(const R &reply)
{
    return reply.hasValue() ? QString() : reply.error().toString();
}

Unstructured configMap(const QString &name, const QString &ns = QStringLiteral("default"))
{
    Unstructured u;
    u.setApiVersion(QStringLiteral("v1"));
    u.setKind(QStringLiteral("ConfigMap"));
    u.setName(name);
    u.setNamespaceName(ns);
    u.setLabel(QStringLiteral("suite"), QStringLiteral("dynamic"));
    (void)u.setNestedField({ QStringLiteral("data"), QStringLiteral("key") }, QStringLiteral("v1"));
    return u;
}

const GroupVersionResource kConfigMaps { QString(), QStringLiteral("v1"),
                                         QStringLiteral("configmaps") };
const GroupVersionResource kPods { QString(), QStringLiteral("v1"), QStringLiteral("pods") };
const GroupVersionResource kNodes { QString(), QStringLiteral("v1"), QStringLiteral("nodes") };
const GroupVersionResource kDeployments { QStringLiteral("apps"), QStringLiteral("v1"),
                                          QStringLiteral("deployments") };
const GroupVersionResource kWidgets { QStringLiteral("stable.example.com"), QStringLiteral("v1"),
                                      QStringLiteral("widgets") };

} // namespace

class tst_DynamicClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void crud();
    void statusErrorsAreTyped();
    void patchTypes_data();
    void patchTypes();
    void applyRefusesManagedFields();
    void deleteCollectionBySelector();
    void watchSeesChanges();
    void subresources();
    void unknownFieldsSurviveUpdate();
    void customResources();
    void validationBeforeAnyRequest_data();
    void validationBeforeAnyRequest();
    void listAcrossNamespaces();
    void abortFinishesOnce();

private:
    const QJsonObject
    stored(const GroupVersionResource &gvr, const QString &ns, const QString &name) const;

    std::unique_ptr<FakeApiServer> m_server;
    std::shared_ptr<DynamicClient> m_client;
};

void tst_DynamicClient::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_DynamicClient::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .namespaces = 1, .pods = 6, .deployments = 2, .nodes = 2 });
    kube::testing::FakeResource widgets;
    widgets.group = kWidgets.group;
    widgets.version = kWidgets.version;
    widgets.resource = kWidgets.resource;
    widgets.singular = QStringLiteral("widget");
    widgets.kind = QStringLiteral("Widget");
    widgets.isCustomResource = true;
    widgets.subresources = { QStringLiteral("status") };
    m_server->addResource(widgets);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    RestConfig config;
    config.host = m_server->url();
    config.qps = -1; // no client-side throttling in tests (0 = default 5)
    m_client = DynamicClient::create(config);
}

const QJsonObject tst_DynamicClient::stored(const GroupVersionResource &gvr,
                                            const QString &ns,
                                            const QString &name) const
{
    for (const QJsonObject &o : m_server->objects(gvr.group, gvr.version, gvr.resource, ns)) {
        if (o["metadata"]["name"].toString() == name)
            return o;
    }
    return {};
}

void tst_DynamicClient::crud()
{
    auto cms = m_client->resource(kConfigMaps).inNamespace(QStringLiteral("default"));

    // Given a new ConfigMap, when it is created, then the server stores it and answers with it.
    auto created = wait(cms.create(configMap(QStringLiteral("crud"))));
    QVERIFY2(created->hasValue(), qPrintable(describe(*created)));
    QCOMPARE(created->value().name(), QStringLiteral("crud"));
    QVERIFY(!created->value().uid().isEmpty());
    QCOMPARE(stored(kConfigMaps, "default", "crud")["data"]["key"].toString(),
             QStringLiteral("v1"));

    auto got = wait(cms.get(QStringLiteral("crud")));
    QVERIFY(got->hasValue());
    QCOMPARE(got->value().resourceVersion(), created->value().resourceVersion());

    Unstructured changed = got->value();
    QVERIFY(changed.setNestedField(QStringLiteral("data.key"), QStringLiteral("v2")));
    auto updated = wait(cms.update(changed));
    QVERIFY2(updated->hasValue(), qPrintable(describe(*updated)));
    QVERIFY(updated->value().resourceVersion() != got->value().resourceVersion());
    QCOMPARE(stored(kConfigMaps, "default", "crud")["data"]["key"].toString(),
             QStringLiteral("v2"));

    auto listed = wait(cms.list({ .labelSelector = QStringLiteral("suite=dynamic") }));
    QVERIFY(listed->hasValue());
    QCOMPARE(listed->value().items().size(), 1);
    QCOMPARE(listed->value().items().at(0).kind(), QStringLiteral("ConfigMap"));
    QVERIFY(!listed->value().resourceVersion().isEmpty());

    auto deleted = wait(cms.deleteObject(QStringLiteral("crud")));
    QVERIFY2(deleted->hasValue(), qPrintable(describe(*deleted)));
    QVERIFY(stored(kConfigMaps, "default", "crud").isEmpty());
    const RecordedRequest last = m_server->requests().last();
    QCOMPARE(last.method, QByteArray("DELETE"));
    QCOMPARE(last.path, QStringLiteral("/api/v1/namespaces/default/configmaps/crud"));
}

void tst_DynamicClient::statusErrorsAreTyped()
{
    auto cms = m_client->resource(kConfigMaps).inNamespace(QStringLiteral("default"));
    auto missing = wait(cms.get(QStringLiteral("does-not-exist")));
    QVERIFY(!missing->hasValue());
    QCOMPARE(missing->error().kind, Error::Kind::Status);
    QCOMPARE(missing->error().httpCode, 404);
    QCOMPARE(missing->error().reason, QStringLiteral("NotFound"));
    QVERIFY(missing->error().isNotFound());
    QCOMPARE(missing->restResult().statusCode, 404);

    QVERIFY(wait(cms.create(configMap(QStringLiteral("twice"))))->hasValue());
    auto again = wait(cms.create(configMap(QStringLiteral("twice"))));
    QVERIFY(!again->hasValue());
    QCOMPARE(again->error().httpCode, 409);
    QCOMPARE(again->error().reason, QStringLiteral("AlreadyExists"));
}

void tst_DynamicClient::patchTypes_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("json") << int(
        PatchType::Json) << QByteArray(R"([{"op":"replace","path":"/data/key","value":"patched"}])")
                          << QByteArray("application/json-patch+json");
    QTest::newRow("merge") << int(PatchType::Merge) << QByteArray(R"({"data":{"key":"patched"}})")
                           << QByteArray("application/merge-patch+json");
    QTest::newRow("strategic") << int(PatchType::StrategicMerge)
                               << QByteArray(R"({"data":{"key":"patched"}})")
                               << QByteArray("application/strategic-merge-patch+json");
}

void tst_DynamicClient::patchTypes()
{
    QFETCH(int, type);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, contentType);
    auto cms = m_client->resource(kConfigMaps).inNamespace(QStringLiteral("default"));
    QVERIFY(wait(cms.create(configMap(QStringLiteral("p"))))->hasValue());

    auto patched = wait(cms.patch(QStringLiteral("p"), PatchType(type), patch));
    QVERIFY2(patched->hasValue(), qPrintable(describe(*patched)));
    QCOMPARE(patched->value().nestedString(u"data.key"), std::optional<QString>("patched"));
    QCOMPARE(stored(kConfigMaps, "default", "p")["data"]["key"].toString(),
             QStringLiteral("patched"));
    QCOMPARE(m_server->requests().last().contentType, contentType);
    QCOMPARE(m_server->requests().last().method, QByteArray("PATCH"));
}

void tst_DynamicClient::applyRefusesManagedFields()
{
    auto cms = m_client->resource(kConfigMaps).inNamespace(QStringLiteral("default"));
    // Server-side apply creates what does not exist yet, then updates it.
    Unstructured desired = configMap(QStringLiteral("applied"));
    QVERIFY(desired.setNestedField(QStringLiteral("data.key"), QStringLiteral("applied")));
    auto applied = wait(cms.apply(QString(), desired,
                                  { .force = true, .fieldManager = QStringLiteral("kubrowser") }));
    QVERIFY2(applied->hasValue(), qPrintable(describe(*applied)));
    const RecordedRequest req = m_server->requests().last();
    QCOMPARE(req.contentType, QByteArray("application/apply-patch+yaml"));
    QCOMPARE(req.path, QStringLiteral("/api/v1/namespaces/default/configmaps/applied"));
    QVERIFY(req.query.contains(QStringLiteral("fieldManager=kubrowser")));
    QVERIFY(req.query.contains(QStringLiteral("force=true")));
    QCOMPARE(stored(kConfigMaps, "default", "applied")["data"]["key"].toString(),
             QStringLiteral("applied"));

    // An object fetched from the server carries managedFields: applying it as is is refused.
    QVERIFY(desired.setNestedField({ "metadata", "managedFields" },
                                   QJsonArray { QJsonObject { { "manager", "x" } } }));
    const int before = m_server->requests().size();
    auto refused = wait(cms.apply(QString(), desired, { .fieldManager = QStringLiteral("k") }));
    QVERIFY(!refused->hasValue());
    QCOMPARE(refused->error().kind, Error::Kind::InvalidRequest);
    QVERIFY(refused->error().message.contains(QStringLiteral("managed fields")));
    QCOMPARE(m_server->requests().size(), before);
}

void tst_DynamicClient::deleteCollectionBySelector()
{
    auto cms = m_client->resource(kConfigMaps).inNamespace(QStringLiteral("default"));
    for (const char *name : { "a", "b", "c" })
        QVERIFY(wait(cms.create(configMap(QString::fromLatin1(name))))->hasValue());
    Unstructured other = configMap(QStringLiteral("keep"));
    other.setLabels({ { QStringLiteral("suite"), QStringLiteral("other") } });
    QVERIFY(wait(cms.create(other))->hasValue());

    auto deleted
        = wait(cms.deleteCollection({}, { .labelSelector = QStringLiteral("suite=dynamic") }));
    QVERIFY2(deleted->hasValue(), qPrintable(describe(*deleted)));
    QVERIFY(stored(kConfigMaps, "default", "a").isEmpty());
    QVERIFY(stored(kConfigMaps, "default", "c").isEmpty());
    QVERIFY(!stored(kConfigMaps, "default", "keep").isEmpty());
}

void tst_DynamicClient::watchSeesChanges()
{
    auto cms = m_client->resource(kConfigMaps).inNamespace(QStringLiteral("default"));
    auto list = wait(cms.list());
    QVERIFY(list->hasValue());

    Result<WatchStream *> started
        = cms.watch({ .resourceVersion = list->value().resourceVersion() });
    QVERIFY(started);
    std::unique_ptr<WatchStream> watch(*started);
    QSignalSpy events(watch.get(), &WatchStream::eventReceived);
    QSignalSpy up(watch.get(), &WatchStream::started);
    QVERIFY(watch->isStarted() || up.wait(10000));

    QVERIFY(wait(cms.create(configMap(QStringLiteral("watched"))))->hasValue());
    QVERIFY(events.size() > 0 || events.wait(10000));
    const auto event = events.first().first().value<WatchEvent>();
    QCOMPARE(event.type, WatchEvent::Type::Added);
    QCOMPARE(Unstructured(event.object).name(), QStringLiteral("watched"));
    QVERIFY(
        m_server->requests().last().query.contains(QStringLiteral("watch=true"))
        || std::any_of(m_server->requests().cbegin(), m_server->requests().cend(),
                       [](const RecordedRequest &r) { return r.query.contains("watch=true"); }));
}

void tst_DynamicClient::subresources()
{
    auto all = wait(m_client->resource(kDeployments).list());
    QVERIFY(all->hasValue());
    QVERIFY(!all->value().items().isEmpty());
    Unstructured d = all->value().items().first();
    const QString name = d.name();
    const QString ns = d.namespaceName();
    auto deployments = m_client->resource(kDeployments).inNamespace(ns);

    // status subresource: only status changes.
    QVERIFY(d.setNestedField(QStringLiteral("status.observedGeneration"), 42));
    QVERIFY(d.setNestedField(QStringLiteral("spec.paused"), true));
    auto status = wait(deployments.updateStatus(d));
    QVERIFY2(status->hasValue(), qPrintable(describe(*status)));
    QCOMPARE(m_server->requests().last().path,
             QStringLiteral("/apis/apps/v1/namespaces/%1/deployments/%2/status").arg(ns, name));
    const QJsonObject s = stored(kDeployments, ns, name);
    QCOMPARE(s["status"]["observedGeneration"].toInt(), 42);
    QVERIFY(!s["spec"].toObject().contains(QStringLiteral("paused")));

    // scale subresource, read through get(..., {"scale"}).
    auto scale = wait(deployments.get(name, {}, { QStringLiteral("scale") }));
    QVERIFY2(scale->hasValue(), qPrintable(describe(*scale)));
    QCOMPARE(scale->value().kind(), QStringLiteral("Scale"));
    QCOMPARE(scale->value().nestedInt64(u"spec.replicas"),
             std::optional<qint64>(s["spec"]["replicas"].toInteger()));
}

void tst_DynamicClient::unknownFieldsSurviveUpdate()
{
    QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/dynamic/pod-unknown-fields.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonObject source = QJsonDocument::fromJson(f.readAll()).object();
    QJsonObject meta = source["metadata"].toObject();
    meta.remove(QStringLiteral("resourceVersion"));
    meta.remove(QStringLiteral("uid"));
    source["metadata"] = meta;
    const QJsonObject pod = source;
    m_server->addObject({}, QStringLiteral("v1"), QStringLiteral("pods"), pod);

    auto pods = m_client->resource(kPods).inNamespace(QStringLiteral("default"));
    auto got = wait(pods.get(QStringLiteral("web-0")));
    QVERIFY2(got->hasValue(), qPrintable(describe(*got)));
    Unstructured u = got->value();
    u.setLabel(QStringLiteral("changed"), QStringLiteral("yes"));
    auto updated = wait(pods.update(u));
    QVERIFY2(updated->hasValue(), qPrintable(describe(*updated)));

    const QJsonObject s = stored(kPods, "default", "web-0");
    QCOMPARE(s["metadata"]["labels"]["changed"].toString(), QStringLiteral("yes"));
    QCOMPARE(s["futureTopLevel"], pod["futureTopLevel"]);
    QCOMPARE(s["spec"]["futureSpecField"], pod["spec"]["futureSpecField"]);
    QCOMPARE(s["spec"]["containers"][0]["futureContainerField"].toString(), QStringLiteral("kept"));
    QCOMPARE(s["metadata"]["futureMetaField"], pod["metadata"]["futureMetaField"]);
}

void tst_DynamicClient::customResources()
{
    auto widgets = m_client->resource(kWidgets).inNamespace(QStringLiteral("default"));
    Unstructured w;
    w.setGroupVersionKind({ kWidgets.group, kWidgets.version, QStringLiteral("Widget") });
    w.setName(QStringLiteral("w1"));
    QVERIFY(w.setNestedField(QStringLiteral("spec.size"), 3));
    auto created = wait(widgets.create(w));
    QVERIFY2(created->hasValue(), qPrintable(describe(*created)));
    QCOMPARE(m_server->requests().last().path,
             QStringLiteral("/apis/stable.example.com/v1/namespaces/default/widgets"));
    auto list = wait(widgets.list());
    QVERIFY(list->hasValue());
    QCOMPARE(list->value().items().size(), 1);
    QCOMPARE(list->value().items().first().nestedInt64(u"spec.size"), std::optional<qint64>(3));
    QCOMPARE(list->value().items().first().kind(), QStringLiteral("Widget"));
}

void tst_DynamicClient::validationBeforeAnyRequest_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<int>("scope");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    const int unknown = int(ResourceScope::Unknown);
    const int namespaced = int(ResourceScope::Namespaced);
    const int cluster = int(ResourceScope::Cluster);
    QTest::newRow("get without name") << "get" << unknown << "default"
                                      << ""
                                      << "name is required";
    QTest::newRow("delete without name") << "delete" << unknown << "default"
                                         << ""
                                         << "name is required";
    QTest::newRow("patch without name") << "patch" << unknown << "default"
                                        << ""
                                        << "name is required";
    QTest::newRow("namespace with slash") << "get" << unknown << "a/b"
                                          << "x"
                                          << "invalid namespace \"a/b\": [may not contain '/']";
    QTest::newRow("namespace dot dot") << "list" << unknown << ".."
                                       << ""
                                       << "invalid namespace \"..\": [may not be '..']";
    QTest::newRow("name with percent") << "get" << unknown << "default"
                                       << "a%b"
                                       << "invalid resource name \"a%b\": [may not contain '%']";
    QTest::newRow("namespaced get without namespace")
        << "get" << namespaced << ""
        << "x"
        << "pods is namespaced: a namespace is required";
    QTest::newRow("namespaced create without namespace")
        << "create" << namespaced << ""
        << "x"
        << "pods is namespaced: a namespace is required";
    QTest::newRow("namespaced deletecollection without namespace")
        << "deletecollection" << namespaced << ""
        << ""
        << "pods is namespaced: a namespace is required";
    QTest::newRow("cluster-scoped with namespace")
        << "get" << cluster << "default"
        << "x"
        << "pods is cluster-scoped: it cannot be used in namespace \"default\"";
    QTest::newRow("cluster-scoped list with namespace")
        << "list" << cluster << "default"
        << ""
        << "pods is cluster-scoped: it cannot be used in namespace \"default\"";
}

void tst_DynamicClient::validationBeforeAnyRequest()
{
    QFETCH(QString, op);
    QFETCH(int, scope);
    QFETCH(QString, ns);
    QFETCH(QString, name);
    QFETCH(QString, message);
    auto pods = m_client->resource(kPods, ResourceScope(scope)).inNamespace(ns);
    m_server->clearRequests();

    std::unique_ptr<AsyncReply> reply;
    Error error;
    if (op == "get") {
        auto r = wait(pods.get(name));
        error = r->error();
    } else if (op == "delete") {
        auto r = wait(pods.deleteObject(name));
        error = r->error();
    } else if (op == "deletecollection") {
        auto r = wait(pods.deleteCollection());
        error = r->error();
    } else if (op == "patch") {
        auto r = wait(pods.patch(name, PatchType::Merge, "{}"));
        error = r->error();
    } else if (op == "create") {
        Unstructured u;
        u.setName(name);
        auto r = wait(pods.create(u));
        error = r->error();
    } else if (op == "list") {
        auto r = wait(pods.list());
        QVERIFY(!r->hasValue());
        error = r->error();
    }
    QCOMPARE(error.kind, Error::Kind::InvalidRequest);
    QCOMPARE(error.message, message);
    QCOMPARE(m_server->requestCount(), 0);

    if (op == "list") {
        // Watch refuses the same way, synchronously, as client-go's Watch returns an error.
        const Result<WatchStream *> w = pods.watch();
        QVERIFY(!w);
        QCOMPARE(w.error().message, message);
    }
}

void tst_DynamicClient::listAcrossNamespaces()
{
    // A namespaced resource without a namespace lists every namespace (kubectl get -A).
    auto pods = m_client->resource(kPods, ResourceScope::Namespaced);
    auto all = wait(pods.list());
    QVERIFY2(all->hasValue(), qPrintable(describe(*all)));
    QCOMPARE(m_server->requests().last().path, QStringLiteral("/api/v1/pods"));
    QCOMPARE(all->value().items().size(), m_server->objects({}, "v1", "pods").size());

    auto nodes = m_client->resource(kNodes, ResourceScope::Cluster);
    auto nodeList = wait(nodes.list());
    QVERIFY(nodeList->hasValue());
    QCOMPARE(nodeList->value().items().size(), 2);
}

void tst_DynamicClient::abortFinishesOnce()
{
    m_server->addFault(
        QStringLiteral("/api/v1/namespaces/default/configmaps"),
        { .type = kube::testing::Fault::Type::Delay, .delay = std::chrono::milliseconds(5000) });
    auto cms = m_client->resource(kConfigMaps).inNamespace(QStringLiteral("default"));
    std::unique_ptr<ListReply> reply(cms.list());
    QSignalSpy finished(reply.get(), &AsyncReply::finished);
    reply->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(reply->error().kind, Error::Kind::Cancelled);
    reply->abort();
    QTest::qWait(0);
    QCOMPARE(finished.size(), 1);
}

QTEST_GUILESS_MAIN(tst_DynamicClient)
#include "tst_dynamicclient.moc"
