#include "api/unstructured.h"
#include "api/unstructuredlist.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using kube::Unstructured;
using kube::UnstructuredList;

namespace {

QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/dynamic/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

Unstructured pod()
{
    auto u = Unstructured::fromJson(fixture(QStringLiteral("pod-unknown-fields.json")));
    if (!u)
        qFatal("bad fixture");
    return *u;
}

} // namespace

class tst_Unstructured : public QObject
{
    Q_OBJECT

private slots:
    void metadataAccessors();
    void settersWriteInPlace();
    void nestedGet_data();
    void nestedGet();
    void nestedSetCreatesObjects();
    void nestedSetRefusesNonObjects();
    void removeNested();
    void roundTripKeepsEverything();
    void parseErrors_data();
    void parseErrors();
    void listFillsItemTypes();
    void listRoundTrip();
    void listRejectsBadItems();
};

void tst_Unstructured::metadataAccessors()
{
    const Unstructured u = pod();
    QCOMPARE(u.apiVersion(), QStringLiteral("v1"));
    QCOMPARE(u.kind(), QStringLiteral("Pod"));
    QCOMPARE(u.groupVersionKind(), (kube::GroupVersionKind { "", "v1", "Pod" }));
    QCOMPARE(u.name(), QStringLiteral("web-0"));
    QCOMPARE(u.namespaceName(), QStringLiteral("default"));
    QCOMPARE(u.uid(), QStringLiteral("0b6c7d4e-1111-4a5b-9c8d-000000000001"));
    QCOMPARE(u.resourceVersion(), QStringLiteral("4711"));
    QCOMPARE(u.creationTimestamp(), QDateTime(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC));
    QVERIFY(!u.deletionTimestamp().isValid());
    QCOMPARE(u.labels().value(QStringLiteral("app")), QStringLiteral("web"));
    QCOMPARE(u.labels().size(), 2);
    QCOMPARE(u.annotations().value(QStringLiteral("note"), QStringLiteral("missing")), QString());
    const auto owners = u.ownerReferences();
    QCOMPARE(owners.size(), 1);
    QCOMPARE(owners.at(0).kind, QStringLiteral("ReplicaSet"));
    QCOMPARE(owners.at(0).controller, std::optional<bool>(true));
    QVERIFY(!u.isList());
}

void tst_Unstructured::settersWriteInPlace()
{
    Unstructured u;
    u.setGroupVersionKind({ "apps", "v1", "Deployment" });
    u.setName(QStringLiteral("web"));
    u.setNamespaceName(QStringLiteral("prod"));
    u.setLabel(QStringLiteral("app"), QStringLiteral("web"));
    u.setAnnotation(QStringLiteral("a"), QStringLiteral("b"));
    u.setFinalizers({ QStringLiteral("x/y") });
    u.setOwnerReferences({ { "v1", "Node", "n", "uid-1", std::nullopt, std::nullopt } });
    const QJsonObject o = u.object();
    QCOMPARE(o["apiVersion"].toString(), QStringLiteral("apps/v1"));
    QCOMPARE(o["metadata"]["namespace"].toString(), QStringLiteral("prod"));
    QCOMPARE(o["metadata"]["labels"]["app"].toString(), QStringLiteral("web"));
    QCOMPARE(o["metadata"]["finalizers"][0].toString(), QStringLiteral("x/y"));
    QVERIFY(!o["metadata"]["ownerReferences"][0].toObject().contains(QStringLiteral("controller")));
    // Setting an empty value removes the field, as client-go does.
    u.setNamespaceName({});
    QVERIFY(!u.object()["metadata"].toObject().contains(QStringLiteral("namespace")));
    u.setLabels({});
    QVERIFY(!u.object()["metadata"].toObject().contains(QStringLiteral("labels")));
}

void tst_Unstructured::nestedGet_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("phase") << "status.phase" << QJsonValue("Running");
    QTest::newRow("number") << "spec.terminationGracePeriodSeconds" << QJsonValue(30);
    QTest::newRow("missing leaf") << "status.nothing" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("through a string") << "status.phase.x" << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("null") << "spec.tolerations" << QJsonValue(QJsonValue::Null);
}

void tst_Unstructured::nestedGet()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);
    QCOMPARE(pod().nestedField(path), expected);
}

void tst_Unstructured::nestedSetCreatesObjects()
{
    Unstructured u = pod();
    QVERIFY(u.setNestedField(QStringLiteral("spec.strategy.type"), QStringLiteral("Recreate")));
    QCOMPARE(u.nestedString(u"spec.strategy.type"), std::optional<QString>("Recreate"));
    // A key with dots needs the list form.
    QVERIFY(u.setNestedField({ "metadata", "labels", "app.kubernetes.io/part-of" }, "shop"));
    QCOMPARE(u.labels().value(QStringLiteral("app.kubernetes.io/part-of")), QStringLiteral("shop"));
    QVERIFY(u.setNestedStringList({ "spec", "args" }, { "a", "b" }));
    QCOMPARE(u.nestedStringList(u"spec.args"), std::optional<QStringList>({ "a", "b" }));
    QCOMPARE(u.nestedInt64(u"spec.terminationGracePeriodSeconds"), std::optional<qint64>(30));
    QCOMPARE(u.nestedBool(u"spec.enableServiceLinks"), std::optional<bool>(false));
    QCOMPARE(u.nestedString(u"spec.enableServiceLinks"), std::nullopt);
    QCOMPARE(u.nestedStringMap({ "metadata", "labels" })->value("app"), QStringLiteral("web"));
    QCOMPARE(u.nestedSlice({ "spec", "containers" })->size(), 1);
    // Untouched neighbours stay.
    QCOMPARE(u.nestedField(u"spec.futureSpecField").toArray().size(), 3);
}

void tst_Unstructured::nestedSetRefusesNonObjects()
{
    Unstructured u = pod();
    const kube::VoidResult r = u.setNestedField(QStringLiteral("status.phase.value"), 1);
    QVERIFY(!r);
    QCOMPARE(r.error().message,
             QStringLiteral("status.phase is of type string, expected an object"));
    QCOMPARE(u, pod());
}

void tst_Unstructured::removeNested()
{
    Unstructured u = pod();
    u.removeNestedField(u"status.podIP");
    QCOMPARE(u.nestedField(u"status.podIP"), QJsonValue(QJsonValue::Undefined));
    QCOMPARE(u.nestedString(u"status.phase"), std::optional<QString>("Running"));
    const Unstructured before = u;
    u.removeNestedField(u"status.nothing.deeper");
    QCOMPARE(u, before);
}

void tst_Unstructured::roundTripKeepsEverything()
{
    const QByteArray json = fixture(QStringLiteral("pod-unknown-fields.json"));
    const Unstructured u = pod();
    QCOMPARE(QJsonDocument::fromJson(u.toJsonBytes()).object(),
             QJsonDocument::fromJson(json).object());
}

void tst_Unstructured::parseErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("start");
    QTest::newRow("array") << QByteArray("[1]") << "expected a JSON object";
    QTest::newRow("broken") << QByteArray("{\"a\":") << "invalid JSON at offset";
}

void tst_Unstructured::parseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, start);
    const auto u = Unstructured::fromJson(json);
    QVERIFY(!u);
    QCOMPARE(u.error().kind, kube::Error::Kind::Decode);
    QVERIFY2(u.error().message.startsWith(start), qPrintable(u.error().message));
}

void tst_Unstructured::listFillsItemTypes()
{
    const auto list = UnstructuredList::fromJson(fixture(QStringLiteral("podlist.json")));
    QVERIFY(list);
    QCOMPARE(list->kind(), QStringLiteral("PodList"));
    QCOMPARE(list->resourceVersion(), QStringLiteral("900"));
    QCOMPARE(list->continueToken(), QStringLiteral("tok"));
    QCOMPARE(list->remainingItemCount(), std::optional<qint64>(12));
    QCOMPARE(list->items().size(), 2);
    QCOMPARE(list->items().at(0).kind(), QStringLiteral("Pod"));
    QCOMPARE(list->items().at(0).apiVersion(), QStringLiteral("v1"));
    QCOMPARE(list->items().at(1).nestedString(u"status.phase"), std::optional<QString>("Pending"));
}

void tst_Unstructured::listRoundTrip()
{
    auto list = UnstructuredList::fromJson(fixture(QStringLiteral("podlist.json")));
    QVERIFY(list);
    list->items()[0].setLabel(QStringLiteral("x"), QStringLiteral("y"));
    const QJsonObject out = list->toJson();
    QCOMPARE(out["futureListField"].toInt(), 1);
    QCOMPARE(out["items"][0]["metadata"]["labels"]["x"].toString(), QStringLiteral("y"));
    QCOMPARE(out["items"][1]["metadata"]["name"].toString(), QStringLiteral("b"));
    QCOMPARE(out["metadata"]["continue"].toString(), QStringLiteral("tok"));
}

void tst_Unstructured::listRejectsBadItems()
{
    const auto notArray = UnstructuredList::fromJson(QByteArray(R"({"items": {}})"));
    QVERIFY(!notArray);
    QCOMPARE(notArray.error().message, QStringLiteral("items: expected an array"));
    const auto badItem = UnstructuredList::fromJson(QByteArray(R"({"items": [{}, 3]})"));
    QVERIFY(!badItem);
    QCOMPARE(badItem.error().message, QStringLiteral("items[1]: expected an object"));
}

QTEST_GUILESS_MAIN(tst_Unstructured)
#include "tst_unstructured.moc"
