#include "dynamic/dynamicclient.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"
#include "rest/watchstream.h"
#include "testing/fakeapiserver.h"
#include "testing/podlogs.h"
#include "typed/generated/apps_v1_client.h"
#include "typed/generated/authorization_v1_client.h"
#include "typed/generated/clientset.h"
#include "typed/generated/core_v1_client.h"
#include "typed/unstructuredconverter.h"

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

QList<QPair<QString, QString>> namesAndPhases(const core::v1::PodList &list)
{
    QList<QPair<QString, QString>> out;
    for (const core::v1::Pod &pod : list.items)
        out.append({ pod.metadata.name, pod.status.phase });
    std::sort(out.begin(), out.end());
    return out;
}

core::v1::ConfigMap configMap(const QString &name)
{
    core::v1::ConfigMap cm;
    cm.metadata.name = name;
    cm.metadata.labels.insert(QStringLiteral("suite"), QStringLiteral("typed"));
    cm.data.insert(QStringLiteral("key"), QStringLiteral("v1"));
    return cm;
}

} // namespace

class tst_Clientset : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void seedExampleThreeWays();
    void crud();
    void statusErrorsAreTyped();
    void patchTypes_data();
    void patchTypes();
    void applyServerSide();
    void watchDecodesTypedEvents();
    void unknownFieldsSurviveGetUpdate();
    void decodeErrorsNameTheField();
    void podLog();
    void podEvict();
    void deploymentScale();
    void updateStatus();
    void namespaceValidation();
    void clusterScoped();
    void createOnlyReview();

private:
    const QJsonObject stored(const QString &group,
                             const QString &resource,
                             const QString &ns,
                             const QString &name) const;
    std::unique_ptr<FakeApiServer> m_server;
    RestConfig m_config;
    std::optional<Clientset> m_cs;
};

void tst_Clientset::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_Clientset::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .namespaces = 1, .pods = 8, .deployments = 2, .nodes = 2 });
    // The stock cluster puts its workloads in other namespaces; "default" gets three pods.
    const QList<QPair<QString, QString>> seeded { { "seed-a", "Running" },
                                                  { "seed-b", "Pending" },
                                                  { "seed-c", "Succeeded" } };
    for (const auto &[name, phase] : seeded) {
        m_server->addObject(
            {}, QStringLiteral("v1"), QStringLiteral("pods"),
            QJsonObject {
                { "apiVersion", "v1" },
                { "kind", "Pod" },
                { "metadata", QJsonObject { { "name", name }, { "namespace", "default" } } },
                { "spec",
                  QJsonObject { { "containers",
                                  QJsonArray { QJsonObject { { "name", "app" },
                                                             { "image", "nginx" } } } } } },
                { "status", QJsonObject { { "phase", phase } } } });
    }
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_config = RestConfig();
    m_config.host = m_server->url();
    m_config.qps = -1;
    m_cs = Clientset::create(m_config);
}

const QJsonObject tst_Clientset::stored(const QString &group,
                                        const QString &resource,
                                        const QString &ns,
                                        const QString &name) const
{
    for (const QJsonObject &o : m_server->objects(group, QStringLiteral("v1"), resource, ns)) {
        if (o["metadata"]["name"].toString() == name)
            return o;
    }
    return {};
}

void tst_Clientset::seedExampleThreeWays()
{
    // The seed's example: list pods in "default" with each client; all agree.
    const QString ns = QStringLiteral("default");
    QVERIFY(!m_server->objects({}, "v1", "pods", ns).isEmpty());

    // 1. RESTClient, decoded into PodList.
    auto rest
        = RestClient::forGroupVersion(m_config, GroupVersion { QString(), QStringLiteral("v1") });
    std::unique_ptr<RestReply> r(
        rest->get().inNamespace(ns).resource(QStringLiteral("pods")).send());
    QVERIFY(waitFor(r.get(), std::chrono::seconds(20)));
    const Result<core::v1::PodList> viaRest = r->into<core::v1::PodList>();
    QVERIFY2(viaRest, qPrintable(viaRest ? QString() : viaRest.error().toString()));

    // 2. Clientset.
    auto typed = wait(m_cs->coreV1().pods(ns).list({}));
    QVERIFY2(typed->hasValue(), qPrintable(describe(*typed)));

    // 3. DynamicClient, converted to PodList.
    auto dyn = DynamicClient::create(m_config);
    auto unstructured
        = wait(dyn->resource({ QString(), QStringLiteral("v1"), QStringLiteral("pods") })
                   .inNamespace(ns)
                   .list({}));
    QVERIFY(unstructured->hasValue());
    const auto viaDynamic
        = UnstructuredConverter::fromUnstructuredList<core::v1::PodList>(unstructured->value());
    QVERIFY(viaDynamic);

    const auto expected = namesAndPhases(*viaRest);
    QCOMPARE(expected.size(), m_server->objects({}, "v1", "pods", ns).size());
    QVERIFY(std::all_of(expected.cbegin(), expected.cend(),
                        [](const auto &p) { return !p.first.isEmpty() && !p.second.isEmpty(); }));
    QCOMPARE(namesAndPhases(typed->value()), expected);
    QCOMPARE(namesAndPhases(*viaDynamic), expected);
}

void tst_Clientset::crud()
{
    auto cms = m_cs->coreV1().configMaps(QStringLiteral("default"));
    auto created = wait(cms.create(configMap(QStringLiteral("typed-crud"))));
    QVERIFY2(created->hasValue(), qPrintable(describe(*created)));
    QCOMPARE(created->value().metadata.name, QStringLiteral("typed-crud"));
    QVERIFY(!created->value().metadata.uid.isEmpty());
    // The client filled in apiVersion and kind for the body.
    const QJsonObject s = stored({}, "configmaps", "default", "typed-crud");
    QCOMPARE(s["kind"].toString(), QStringLiteral("ConfigMap"));
    QCOMPARE(s["data"]["key"].toString(), QStringLiteral("v1"));

    auto got = wait(cms.get(QStringLiteral("typed-crud")));
    QVERIFY(got->hasValue());
    core::v1::ConfigMap cm = got->value();
    cm.data[QStringLiteral("key")] = QStringLiteral("v2");
    auto updated = wait(cms.update(cm));
    QVERIFY2(updated->hasValue(), qPrintable(describe(*updated)));
    QCOMPARE(updated->value().data.value(QStringLiteral("key")), QStringLiteral("v2"));
    QCOMPARE(stored({}, "configmaps", "default", "typed-crud")["data"]["key"].toString(),
             QStringLiteral("v2"));

    auto list = wait(cms.list({ .labelSelector = QStringLiteral("suite=typed") }));
    QVERIFY(list->hasValue());
    QCOMPARE(list->value().items.size(), 1);

    auto deleted = wait(cms.deleteObject(QStringLiteral("typed-crud")));
    QVERIFY2(deleted->hasValue(), qPrintable(describe(*deleted)));
    QVERIFY(stored({}, "configmaps", "default", "typed-crud").isEmpty());

    for (const char *n : { "x1", "x2" })
        QVERIFY(wait(cms.create(configMap(QString::fromLatin1(n))))->hasValue());
    auto collection
        = wait(cms.deleteCollection({}, { .labelSelector = QStringLiteral("suite=typed") }));
    QVERIFY(collection->hasValue());
    QVERIFY(stored({}, "configmaps", "default", "x1").isEmpty());
    QVERIFY(stored({}, "configmaps", "default", "x2").isEmpty());
}

void tst_Clientset::statusErrorsAreTyped()
{
    auto missing
        = wait(m_cs->appsV1().deployments(QStringLiteral("default")).get(QStringLiteral("nope")));
    QVERIFY(!missing->hasValue());
    QCOMPARE(missing->error().kind, Error::Kind::Status);
    QCOMPARE(missing->error().httpCode, 404);
    QCOMPARE(missing->error().reason, QStringLiteral("NotFound"));
    QVERIFY(missing->error().message.contains(QStringLiteral("nope")));

    auto cms = m_cs->coreV1().configMaps(QStringLiteral("default"));
    QVERIFY(wait(cms.create(configMap(QStringLiteral("dup"))))->hasValue());
    auto conflict = wait(cms.create(configMap(QStringLiteral("dup"))));
    QCOMPARE(conflict->error().httpCode, 409);
    QCOMPARE(conflict->error().reason, QStringLiteral("AlreadyExists"));

    // A stale resourceVersion on update is a Conflict.
    auto got = wait(cms.get(QStringLiteral("dup")));
    core::v1::ConfigMap stale = got->value();
    QVERIFY(wait(cms.update(got->value()))->hasValue());
    stale.data[QStringLiteral("key")] = QStringLiteral("late");
    auto late = wait(cms.update(stale));
    QVERIFY(!late->hasValue());
    QCOMPARE(late->error().httpCode, 409);
    QCOMPARE(late->error().reason, QStringLiteral("Conflict"));
}

void tst_Clientset::patchTypes_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("patch");
    QTest::newRow("json")
        << int(PatchType::Json)
        << QByteArray(R"([{"op":"add","path":"/metadata/labels/patched","value":"yes"}])");
    QTest::newRow("merge") << int(PatchType::Merge)
                           << QByteArray(R"({"metadata":{"labels":{"patched":"yes"}}})");
    QTest::newRow("strategic") << int(PatchType::StrategicMerge)
                               << QByteArray(R"({"metadata":{"labels":{"patched":"yes"}}})");
}

void tst_Clientset::patchTypes()
{
    QFETCH(int, type);
    QFETCH(QByteArray, patch);
    auto cms = m_cs->coreV1().configMaps(QStringLiteral("default"));
    QVERIFY(wait(cms.create(configMap(QStringLiteral("pt"))))->hasValue());
    auto patched = wait(cms.patch(QStringLiteral("pt"), PatchType(type), patch));
    QVERIFY2(patched->hasValue(), qPrintable(describe(*patched)));
    QCOMPARE(patched->value().metadata.labels.value(QStringLiteral("patched")),
             QStringLiteral("yes"));
    QCOMPARE(stored({}, "configmaps", "default", "pt")["metadata"]["labels"]["patched"].toString(),
             QStringLiteral("yes"));
    QCOMPARE(m_server->requests().last().contentType, patchContentType(PatchType(type)));
}

void tst_Clientset::applyServerSide()
{
    auto cms = m_cs->coreV1().configMaps(QStringLiteral("default"));
    QVERIFY(wait(cms.create(configMap(QStringLiteral("ssa"))))->hasValue());
    core::v1::ConfigMap desired = configMap(QStringLiteral("ssa"));
    desired.data[QStringLiteral("key")] = QStringLiteral("applied");
    auto applied
        = wait(cms.apply(desired, { .force = true, .fieldManager = QStringLiteral("kubrowser") }));
    QVERIFY2(applied->hasValue(), qPrintable(describe(*applied)));
    const RecordedRequest req = m_server->requests().last();
    QCOMPARE(req.method, QByteArray("PATCH"));
    QCOMPARE(req.contentType, QByteArray("application/apply-patch+yaml"));
    QVERIFY(req.query.contains(QStringLiteral("fieldManager=kubrowser")));
    QCOMPARE(stored({}, "configmaps", "default", "ssa")["data"]["key"].toString(),
             QStringLiteral("applied"));

    // An object that still carries managedFields is refused before sending.
    core::v1::ConfigMap fetched = applied->value();
    fetched.metadata.managedFields.append(meta::v1::ManagedFieldsEntry {});
    const int before = m_server->requests().size();
    auto refused = wait(cms.apply(fetched, { .fieldManager = QStringLiteral("kubrowser") }));
    QCOMPARE(refused->error().kind, Error::Kind::InvalidRequest);
    QCOMPARE(m_server->requests().size(), before);
}

void tst_Clientset::watchDecodesTypedEvents()
{
    auto cms = m_cs->coreV1().configMaps(QStringLiteral("default"));
    auto list = wait(cms.list());
    QVERIFY(list->hasValue());
    auto started = cms.watch({ .resourceVersion = list->value().metadata.resourceVersion });
    QVERIFY(started);
    std::unique_ptr<WatchStream> watch(*started);
    QSignalSpy events(watch.get(), &WatchStream::eventReceived);
    QSignalSpy up(watch.get(), &WatchStream::started);
    QVERIFY(watch->isStarted() || up.wait(10000));
    QVERIFY(wait(cms.create(configMap(QStringLiteral("w"))))->hasValue());
    QVERIFY(events.size() > 0 || events.wait(10000));
    const auto event = events.first().first().value<WatchEvent>();
    QCOMPARE(event.type, WatchEvent::Type::Added);
    const auto cm = core::v1::ConfigMap::fromJson(event.object);
    QVERIFY(cm);
    QCOMPARE(cm->metadata.name, QStringLiteral("w"));
    QCOMPARE(cm->data.value(QStringLiteral("key")), QStringLiteral("v1"));
}

void tst_Clientset::unknownFieldsSurviveGetUpdate()
{
    QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/typed/pod-unknown-fields.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonObject source = QJsonDocument::fromJson(f.readAll()).object();
    QJsonObject meta = source["metadata"].toObject();
    meta.remove(QStringLiteral("resourceVersion"));
    meta.remove(QStringLiteral("uid"));
    source["metadata"] = meta;
    const QJsonObject pod = source;
    m_server->addObject({}, QStringLiteral("v1"), QStringLiteral("pods"), pod);

    // Given a pod with fields this release does not know, when it is fetched, changed and
    // updated through the typed client, then the server still has every unknown field.
    auto pods = m_cs->coreV1().pods(QStringLiteral("default"));
    auto got = wait(pods.get(QStringLiteral("web-0")));
    QVERIFY2(got->hasValue(), qPrintable(describe(*got)));
    core::v1::Pod p = got->value();
    p.metadata.labels.insert(QStringLiteral("changed"), QStringLiteral("yes"));
    p.spec.containers[0].image = QStringLiteral("nginx:1.28");
    auto updated = wait(pods.update(p));
    QVERIFY2(updated->hasValue(), qPrintable(describe(*updated)));

    const QJsonObject s = stored({}, "pods", "default", "web-0");
    QCOMPARE(s["metadata"]["labels"]["changed"].toString(), QStringLiteral("yes"));
    QCOMPARE(s["spec"]["containers"][0]["image"].toString(), QStringLiteral("nginx:1.28"));
    QCOMPARE(s["spec"]["containers"][0]["futureContainerField"].toString(), QStringLiteral("kept"));
    QCOMPARE(s["spec"]["containers"][0]["ports"][1]["futurePortField"].toBool(), true);
    QCOMPARE(s["spec"]["futureSpecField"], pod["spec"]["futureSpecField"]);
    QCOMPARE(s["status"]["futureStatusField"].toString(), QStringLiteral("x"));
    QCOMPARE(s["futureTopLevel"], pod["futureTopLevel"]);
    QCOMPARE(s["metadata"]["ownerReferences"][0]["futureOwnerField"].toString(),
             QStringLiteral("keep"));
}

void tst_Clientset::decodeErrorsNameTheField()
{
    QJsonObject pod {
        { "apiVersion", "v1" },
        { "kind", "Pod" },
        { "metadata", QJsonObject { { "name", "bad" }, { "namespace", "default" } } },
        { "spec",
          QJsonObject {
              { "containers",
                QJsonArray { QJsonObject {
                    { "name", "c" },
                    { "ports",
                      QJsonArray { QJsonObject { { "containerPort", 80 } },
                                   QJsonObject { { "containerPort", "https" } } } } } } } } }
    };
    m_server->addObject({}, QStringLiteral("v1"), QStringLiteral("pods"), pod);
    auto got = wait(m_cs->coreV1().pods(QStringLiteral("default")).get(QStringLiteral("bad")));
    QVERIFY(!got->hasValue());
    QCOMPARE(got->error().kind, Error::Kind::Decode);
    QCOMPARE(
        got->error().message,
        QStringLiteral("spec.containers[0].ports[1].containerPort: expected integer, got string"));
    // The list names the item too.
    auto list = wait(m_cs->coreV1().pods(QStringLiteral("default")).list());
    QVERIFY(!list->hasValue());
    QVERIFY2(list->error().message.endsWith(QStringLiteral(
                 "].spec.containers[0].ports[1].containerPort: expected integer, got string")),
             qPrintable(list->error().message));
    QVERIFY(list->error().message.startsWith(QStringLiteral("items[")));
}

void tst_Clientset::podLog()
{
    const QJsonObject first = m_server->objects({}, "v1", "pods", "default").first();
    const QString name = first["metadata"]["name"].toString();
    auto pods = m_cs->coreV1().pods(QStringLiteral("default"));
    // The demo logs grow one line per interval since the pod started: make sure more than three
    // exist, so tailLines has something to cut.
    m_server->podLogs()->setLineInterval(std::chrono::milliseconds(10));
    QTest::qWait(200);
    auto log = wait(pods.getLog(name, { .tailLines = 3 }));
    QVERIFY2(log->hasValue(), qPrintable(describe(*log)));
    QCOMPARE(log->value().count('\n'), 3);
    QVERIFY(log->value().contains(name.toLatin1()));
    const RecordedRequest req = m_server->requests().last();
    QCOMPARE(req.path, QStringLiteral("/api/v1/namespaces/default/pods/%1/log").arg(name));
    QCOMPARE(req.query, QStringLiteral("tailLines=3"));

    auto missing = wait(pods.getLog(QStringLiteral("nope")));
    QCOMPARE(missing->error().httpCode, 404);
}

void tst_Clientset::podEvict()
{
    const QJsonObject first = m_server->objects({}, "v1", "pods", "default").first();
    const QString name = first["metadata"]["name"].toString();
    auto evicted = wait(m_cs->coreV1().pods(QStringLiteral("default")).evict(name));
    QVERIFY2(evicted->hasValue(), qPrintable(describe(*evicted)));
    const RecordedRequest req = m_server->requests().last();
    QCOMPARE(req.method, QByteArray("POST"));
    QCOMPARE(req.path, QStringLiteral("/api/v1/namespaces/default/pods/%1/eviction").arg(name));
    QVERIFY(stored({}, "pods", "default", name).isEmpty());
}

void tst_Clientset::deploymentScale()
{
    const QJsonObject d = m_server->objects("apps", "v1", "deployments").first();
    const QString ns = d["metadata"]["namespace"].toString();
    const QString name = d["metadata"]["name"].toString();
    auto deployments = m_cs->appsV1().deployments(ns);

    auto scale = wait(deployments.getScale(name));
    QVERIFY2(scale->hasValue(), qPrintable(describe(*scale)));
    QCOMPARE(scale->value().spec.replicas, std::optional<qint32>(d["spec"]["replicas"].toInt()));

    autoscaling::v1::Scale s = scale->value();
    s.spec.replicas = 7;
    auto updated = wait(deployments.updateScale(name, s));
    QVERIFY2(updated->hasValue(), qPrintable(describe(*updated)));
    QCOMPARE(updated->value().spec.replicas, std::optional<qint32>(7));
    QCOMPARE(m_server->objects("apps", "v1", "deployments", ns).size() > 0, true);
    for (const QJsonObject &o : m_server->objects("apps", "v1", "deployments", ns)) {
        if (o["metadata"]["name"].toString() == name)
            QCOMPARE(o["spec"]["replicas"].toInt(), 7);
    }

    // Scaling to zero sends replicas: 0 (an optional, not an omitted zero). The update carries
    // the latest resourceVersion: kube-apiserver refuses a stale one with 409 Conflict.
    s = updated->value();
    s.spec.replicas = 0;
    auto zero = wait(deployments.updateScale(name, s));
    QVERIFY2(zero->hasValue(), qPrintable(describe(*zero)));
    QCOMPARE(zero->value().spec.replicas, std::optional<qint32>(0));
}

void tst_Clientset::updateStatus()
{
    const QJsonObject d = m_server->objects("apps", "v1", "deployments").first();
    auto deployments = m_cs->appsV1().deployments(d["metadata"]["namespace"].toString());
    auto got = wait(deployments.get(d["metadata"]["name"].toString()));
    QVERIFY(got->hasValue());
    apps::v1::Deployment dep = got->value();
    dep.status.observedGeneration = 99;
    auto updated = wait(deployments.updateStatus(dep));
    QVERIFY2(updated->hasValue(), qPrintable(describe(*updated)));
    QCOMPARE(updated->value().status.observedGeneration, std::optional<qint64>(99));
    QVERIFY(m_server->requests().last().path.endsWith(QStringLiteral("/status")));
}

void tst_Clientset::namespaceValidation()
{
    m_server->clearRequests();
    // Typed clients know their scope: a namespaced get without a namespace fails up front.
    auto noNs = wait(m_cs->coreV1().pods(QString()).get(QStringLiteral("x")));
    QCOMPARE(noNs->error().kind, Error::Kind::InvalidRequest);
    QCOMPARE(noNs->error().message, QStringLiteral("pods is namespaced: a namespace is required"));
    auto badNs = wait(m_cs->coreV1().pods(QStringLiteral("a/b")).get(QStringLiteral("x")));
    QCOMPARE(badNs->error().message,
             QStringLiteral("invalid namespace \"a/b\": [may not contain '/']"));
    auto noName = wait(m_cs->appsV1().deployments(QStringLiteral("default")).get(QString()));
    QCOMPARE(noName->error().message, QStringLiteral("name is required"));
    apps::v1::Deployment unnamed;
    auto updateNoName = wait(m_cs->appsV1().deployments(QStringLiteral("default")).update(unnamed));
    QCOMPARE(updateNoName->error().message, QStringLiteral("name is required"));
    QCOMPARE(m_server->requestCount(), 0);

    // Listing across all namespaces is allowed.
    auto all = wait(m_cs->coreV1().pods(QString()).list());
    QVERIFY(all->hasValue());
    QCOMPARE(all->value().items.size(), m_server->objects({}, "v1", "pods").size());
}

void tst_Clientset::clusterScoped()
{
    auto nodes = wait(m_cs->coreV1().nodes().list());
    QVERIFY2(nodes->hasValue(), qPrintable(describe(*nodes)));
    QCOMPARE(nodes->value().items.size(), 2);
    QCOMPARE(m_server->requests().last().path, QStringLiteral("/api/v1/nodes"));
    auto node = wait(m_cs->coreV1().nodes().get(nodes->value().items.first().metadata.name));
    QVERIFY(node->hasValue());
    QVERIFY(!node->value().status.nodeInfo.kubeletVersion.isEmpty()
            || !node->value().metadata.name.isEmpty());
}

void tst_Clientset::createOnlyReview()
{
    // Reviews are only created; the answer comes back in the returned object.
    authorization::v1::SelfSubjectAccessReview review;
    review.metadata.name
        = QStringLiteral("check"); // FakeApiServer wants a name; kube-apiserver not
    review.spec.resourceAttributes.verb = QStringLiteral("list");
    review.spec.resourceAttributes.resource = QStringLiteral("pods");
    review.spec.resourceAttributes.namespace_ = QStringLiteral("default");
    auto created = wait(m_cs->authorizationV1().selfSubjectAccessReviews().create(review));
    QVERIFY2(created->hasValue(), qPrintable(describe(*created)));
    QCOMPARE(created->value().spec.resourceAttributes.verb, QStringLiteral("list"));
    const RecordedRequest req = m_server->requests().last();
    QCOMPARE(req.method, QByteArray("POST"));
    QCOMPARE(req.path, QStringLiteral("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"));
}

QTEST_GUILESS_MAIN(tst_Clientset)
#include "tst_clientset.moc"
