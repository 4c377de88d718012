#include "testing/jsonpatch.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using kube::testing::detail::JsonPatch;

namespace {
QJsonValue json(const char *text)
{
    const QJsonDocument d = QJsonDocument::fromJson(text);
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}
} // namespace

class tst_JsonPatch : public QObject
{
    Q_OBJECT

private slots:
    void mergePatch_data();
    void mergePatch();
    void jsonPatch_data();
    void jsonPatch();
};

void tst_JsonPatch::mergePatch_data()
{
    QTest::addColumn<QJsonValue>("target");
    QTest::addColumn<QJsonValue>("patch");
    QTest::addColumn<QJsonValue>("expected");
    // RFC 7386 appendix A examples.
    QTest::newRow("replace") << json(R"({"a":"b"})") << json(R"({"a":"c"})")
                             << json(R"({"a":"c"})");
    QTest::newRow("add") << json(R"({"a":"b"})") << json(R"({"b":"c"})")
                         << json(R"({"a":"b","b":"c"})");
    QTest::newRow("remove") << json(R"({"a":"b","b":"c"})") << json(R"({"a":null})")
                            << json(R"({"b":"c"})");
    QTest::newRow("nested") << json(R"({"a":{"b":"c","d":"e"}})")
                            << json(R"({"a":{"b":null,"f":1}})")
                            << json(R"({"a":{"d":"e","f":1}})");
    QTest::newRow("arrays replace")
        << json(R"({"a":[1,2]})") << json(R"({"a":[3]})") << json(R"({"a":[3]})");
}

void tst_JsonPatch::mergePatch()
{
    QFETCH(QJsonValue, target);
    QFETCH(QJsonValue, patch);
    QFETCH(QJsonValue, expected);
    QCOMPARE(JsonPatch::mergePatch(target, patch), expected);
}

void tst_JsonPatch::jsonPatch_data()
{
    QTest::addColumn<QJsonValue>("target");
    QTest::addColumn<QJsonValue>("operations");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QJsonValue>("expected");
    const QJsonValue doc = json(R"({"metadata":{"labels":{"a":"1"}},"list":[1,2,3]})");
    QTest::newRow("add member")
        << doc << json(R"([{"op":"add","path":"/metadata/labels/b","value":"2"}])") << true
        << json(R"({"metadata":{"labels":{"a":"1","b":"2"}},"list":[1,2,3]})");
    QTest::newRow("escaped key")
        << doc
        << json(R"([{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"x"}])")
        << true
        << json(R"({"metadata":{"labels":{"a":"1","app.kubernetes.io/name":"x"}},"list":[1,2,3]})");
    QTest::newRow("replace") << doc << json(R"([{"op":"replace","path":"/list/0","value":9}])")
                             << true << json(R"({"metadata":{"labels":{"a":"1"}},"list":[9,2,3]})");
    QTest::newRow("remove") << doc << json(R"([{"op":"remove","path":"/list/1"}])") << true
                            << json(R"({"metadata":{"labels":{"a":"1"}},"list":[1,3]})");
    QTest::newRow("append") << doc << json(R"([{"op":"add","path":"/list/-","value":4}])") << true
                            << json(R"({"metadata":{"labels":{"a":"1"}},"list":[1,2,3,4]})");
    QTest::newRow("move") << doc
                          << json(R"([{"op":"move","from":"/metadata/labels/a","path":"/moved"}])")
                          << true
                          << json(R"({"metadata":{"labels":{}},"list":[1,2,3],"moved":"1"})");
    QTest::newRow("copy") << doc << json(R"([{"op":"copy","from":"/list/2","path":"/c"}])") << true
                          << json(R"({"metadata":{"labels":{"a":"1"}},"list":[1,2,3],"c":3})");
    QTest::newRow("test passes") << doc << json(R"([{"op":"test","path":"/list/0","value":1}])")
                                 << true << doc;
    QTest::newRow("test fails") << doc << json(R"([{"op":"test","path":"/list/0","value":2}])")
                                << false << doc;
    QTest::newRow("replace missing")
        << doc << json(R"([{"op":"replace","path":"/nope","value":1}])") << false << doc;
    QTest::newRow("remove out of range")
        << doc << json(R"([{"op":"remove","path":"/list/7"}])") << false << doc;
    QTest::newRow("missing parent")
        << doc << json(R"([{"op":"add","path":"/a/b/c","value":1}])") << false << doc;
}

void tst_JsonPatch::jsonPatch()
{
    QFETCH(QJsonValue, target);
    QFETCH(QJsonValue, operations);
    QFETCH(bool, ok);
    QFETCH(QJsonValue, expected);
    QJsonValue result = target;
    QString error;
    QCOMPARE(JsonPatch::jsonPatch(result, operations.toArray(), &error), ok);
    QCOMPARE(error.isEmpty(), ok);
    if (ok)
        QCOMPARE(result, expected);
}

QTEST_GUILESS_MAIN(tst_JsonPatch)
#include "tst_jsonpatch.moc"
