#include "typed/generated/apps_v1.h"
#include "typed/generated/core_v1.h"
#include "typed/unstructuredconverter.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using kube::core::v1::Pod;

namespace {

QJsonObject fixture(const QString &name)
{
    QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/typed/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return QJsonDocument::fromJson(f.readAll()).object();
}

QJsonObject withValue(QJsonObject root, const QStringList &path, const QJsonValue &value)
{
    // Sets a value at a path where numeric steps index arrays.
    std::function<QJsonValue(QJsonValue, qsizetype)> set = [&](QJsonValue node, qsizetype i) {
        if (i == path.size())
            return value;
        bool isIndex = false;
        const int index = path.at(i).toInt(&isIndex);
        if (isIndex) {
            QJsonArray a = node.toArray();
            a[index] = set(a.at(index), i + 1);
            return QJsonValue(a);
        }
        QJsonObject o = node.toObject();
        o[path.at(i)] = set(o.value(path.at(i)), i + 1);
        return QJsonValue(o);
    };
    return set(root, 0).toObject();
}

} // namespace

class tst_TypedKinds : public QObject
{
    Q_OBJECT

private slots:
    void decodesKnownFields();
    void roundTripIsLossless();
    void changedFieldsKeepUnknownOnes();
    void clearedFieldIsRemoved();
    void typeErrorsNameTheField_data();
    void typeErrorsNameTheField();
    void intOrStringKeepsItsType();
    void zeroValuesSurvive();
    void converterChecksKind();
    void converterFillsTypeMeta();
};

void tst_TypedKinds::decodesKnownFields()
{
    const auto pod = Pod::fromJson(fixture(QStringLiteral("pod-unknown-fields.json")));
    QVERIFY2(pod, qPrintable(pod ? QString() : pod.error().message));
    QCOMPARE(pod->metadata.name, QStringLiteral("web-0"));
    QCOMPARE(pod->metadata.labels.value(QStringLiteral("app.kubernetes.io/name")),
             QStringLiteral("web"));
    QCOMPARE(pod->metadata.ownerReferences.size(), 1);
    QCOMPARE(pod->metadata.ownerReferences.at(0).controller, std::optional<bool>(true));
    QCOMPARE(pod->spec.containers.size(), 1);
    QCOMPARE(pod->spec.containers.at(0).ports.size(), 2);
    QCOMPARE(pod->spec.containers.at(0).ports.at(1).containerPort, std::optional<qint32>(443));
    QCOMPARE(pod->spec.containers.at(0).resources.limits.value(QStringLiteral("memory")),
             QStringLiteral("128Mi"));
    QCOMPARE(pod->spec.terminationGracePeriodSeconds, std::optional<qint64>(30));
    QCOMPARE(pod->spec.enableServiceLinks, std::optional<bool>(false));
    QCOMPARE(pod->status.phase, QStringLiteral("Running"));
    QCOMPARE(pod->status.conditions.at(0).type, QStringLiteral("Ready"));
    QCOMPARE(Pod::staticKind, QLatin1String("Pod"));
    QCOMPARE(kube::apps::v1::Deployment::staticApiVersion, QLatin1String("apps/v1"));
}

void tst_TypedKinds::roundTripIsLossless()
{
    const QJsonObject json = fixture(QStringLiteral("pod-unknown-fields.json"));
    const auto pod = Pod::fromJson(json);
    QVERIFY(pod);
    // Every unknown field, null, "" and [] comes back exactly.
    QCOMPARE(pod->toJson(), json);

    const QJsonObject dep = fixture(QStringLiteral("deployment.json"));
    const auto d = kube::apps::v1::Deployment::fromJson(dep);
    QVERIFY(d);
    QCOMPARE(d->toJson(), dep);
}

void tst_TypedKinds::changedFieldsKeepUnknownOnes()
{
    const QJsonObject json = fixture(QStringLiteral("pod-unknown-fields.json"));
    auto pod = Pod::fromJson(json);
    QVERIFY(pod);
    pod->metadata.labels.insert(QStringLiteral("tier"), QStringLiteral("front"));
    pod->spec.containers[0].image = QStringLiteral("nginx:1.28");
    pod->spec.containers[0].ports[1].containerPort = 8443;
    kube::core::v1::ContainerPort added;
    added.containerPort = 9090;
    pod->spec.containers[0].ports.append(added);

    const QJsonObject out = pod->toJson();
    const QJsonObject container = out["spec"]["containers"][0].toObject();
    QCOMPARE(container["image"].toString(), QStringLiteral("nginx:1.28"));
    QCOMPARE(container["futureContainerField"].toString(), QStringLiteral("kept"));
    QCOMPARE(container["ports"][1]["containerPort"].toInt(), 8443);
    QCOMPARE(container["ports"][1]["futurePortField"].toBool(), true);
    QCOMPARE(container["ports"][2].toObject(), QJsonObject({ { "containerPort", 9090 } }));
    QCOMPARE(out["metadata"]["labels"]["tier"].toString(), QStringLiteral("front"));
    QCOMPARE(out["metadata"]["futureMetaField"], json["metadata"]["futureMetaField"]);
    QCOMPARE(out["metadata"]["ownerReferences"][0]["futureOwnerField"].toString(),
             QStringLiteral("keep"));
    QCOMPARE(out["spec"]["futureSpecField"], json["spec"]["futureSpecField"]);
    QCOMPARE(out["status"]["futureStatusField"].toString(), QStringLiteral("x"));
    QCOMPARE(out["futureTopLevel"], json["futureTopLevel"]);
}

void tst_TypedKinds::clearedFieldIsRemoved()
{
    auto pod = Pod::fromJson(fixture(QStringLiteral("pod-unknown-fields.json")));
    QVERIFY(pod);
    pod->spec.nodeName.clear();
    pod->spec.terminationGracePeriodSeconds.reset();
    pod->metadata.labels.clear();
    const QJsonObject out = pod->toJson();
    QVERIFY(!out["spec"].toObject().contains(QStringLiteral("nodeName")));
    QVERIFY(!out["spec"].toObject().contains(QStringLiteral("terminationGracePeriodSeconds")));
    QVERIFY(!out["metadata"].toObject().contains(QStringLiteral("labels")));
}

void tst_TypedKinds::typeErrorsNameTheField_data()
{
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("port as string")
        << QStringList { "spec", "containers", "0", "ports", "1", "containerPort" }
        << QJsonValue("443")
        << "spec.containers[0].ports[1].containerPort: expected integer, got string";
    QTest::newRow("fractional port")
        << QStringList { "spec", "containers", "0", "ports", "0", "containerPort" }
        << QJsonValue(80.5)
        << "spec.containers[0].ports[0].containerPort: expected integer, got number";
    QTest::newRow("port out of int32")
        << QStringList { "spec", "containers", "0", "ports", "0", "containerPort" }
        << QJsonValue(qint64(1) << 40)
        << "spec.containers[0].ports[0].containerPort: expected integer, got number";
    QTest::newRow("label value") << QStringList { "metadata", "labels", "app" } << QJsonValue(1)
                                 << "metadata.labels[app]: expected string, got number";
    QTest::newRow("containers not a list")
        << QStringList { "spec", "containers" } << QJsonValue(QJsonObject())
        << "spec.containers: expected array, got object";
    QTest::newRow("spec not an object")
        << QStringList { "spec" } << QJsonValue(true) << "spec: expected object, got boolean";
    QTest::newRow("bool as string")
        << QStringList { "spec", "enableServiceLinks" } << QJsonValue("false")
        << "spec.enableServiceLinks: expected boolean, got string";
}

void tst_TypedKinds::typeErrorsNameTheField()
{
    QFETCH(QStringList, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);
    const QJsonObject json
        = withValue(fixture(QStringLiteral("pod-unknown-fields.json")), path, value);
    const auto pod = Pod::fromJson(json);
    QVERIFY(!pod);
    QCOMPARE(pod.error().kind, kube::Error::Kind::Decode);
    QCOMPARE(pod.error().message, message);
}

void tst_TypedKinds::intOrStringKeepsItsType()
{
    const auto d = kube::apps::v1::Deployment::fromJson(fixture(QStringLiteral("deployment.json")));
    QVERIFY(d);
    const auto &ru = d->spec.strategy.rollingUpdate;
    QVERIFY(ru.maxSurge && ru.maxSurge->isString());
    QCOMPARE(ru.maxSurge->stringValue(), QStringLiteral("25%"));
    QVERIFY(ru.maxUnavailable && ru.maxUnavailable->isInt());
    QCOMPARE(ru.maxUnavailable->intValue(), 1);

    auto bad = fixture(QStringLiteral("deployment.json"));
    bad = withValue(bad, { "spec", "strategy", "rollingUpdate", "maxSurge" }, true);
    const auto e = kube::apps::v1::Deployment::fromJson(bad);
    QVERIFY(!e);
    QCOMPARE(e.error().message,
             QStringLiteral(
                 "spec.strategy.rollingUpdate.maxSurge: expected integer or string, got boolean"));
}

void tst_TypedKinds::zeroValuesSurvive()
{
    // replicas: 0 is not "unset": scaling to zero must be sent.
    kube::apps::v1::Deployment d;
    d.metadata.name = QStringLiteral("web");
    d.spec.replicas = 0;
    const QJsonObject out = d.toJson();
    QVERIFY(out["spec"].toObject().contains(QStringLiteral("replicas")));
    QCOMPARE(out["spec"]["replicas"].toInt(-1), 0);
    // Unset optional structs are left out.
    QVERIFY(!out.contains(QStringLiteral("status")));
}

void tst_TypedKinds::converterChecksKind()
{
    kube::Unstructured u(fixture(QStringLiteral("deployment.json")));
    const auto asPod = kube::UnstructuredConverter::fromUnstructured<Pod>(u);
    QVERIFY(!asPod);
    QCOMPARE(asPod.error().message,
             QStringLiteral("cannot convert an object of kind Deployment into Pod"));
    const auto asDeployment
        = kube::UnstructuredConverter::fromUnstructured<kube::apps::v1::Deployment>(u);
    QVERIFY(asDeployment);
    QCOMPARE(asDeployment->spec.replicas, std::optional<qint32>(0));
}

void tst_TypedKinds::converterFillsTypeMeta()
{
    Pod pod;
    pod.metadata.name = QStringLiteral("p");
    const kube::Unstructured u = kube::UnstructuredConverter::toUnstructured(pod);
    QCOMPARE(u.apiVersion(), QStringLiteral("v1"));
    QCOMPARE(u.kind(), QStringLiteral("Pod"));
    QCOMPARE(u.name(), QStringLiteral("p"));

    kube::Unstructured back(fixture(QStringLiteral("pod-unknown-fields.json")));
    const auto typed = kube::UnstructuredConverter::fromUnstructured<Pod>(back);
    QVERIFY(typed);
    QCOMPARE(kube::UnstructuredConverter::toUnstructured(*typed), back);
}

QTEST_GUILESS_MAIN(tst_TypedKinds)
#include "tst_typedkinds.moc"
