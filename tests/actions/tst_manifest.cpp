// Manifests as kubectl apply -f reads them: several YAML documents, JSON, v1 Lists, empty
// documents; field lines for placing server validation errors; malformed input as errors.

#include "api/manifest.h"

#include <QTest>

using kube::Manifest;

class tst_Manifest : public QObject
{
    Q_OBJECT

private slots:
    void documents_data();
    void documents();
    void fieldLines();
    void malformed_data();
    void malformed();
};

void tst_Manifest::documents_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("one") << QByteArray("kind: ConfigMap\nmetadata:\n  name: a\n")
                         << QStringList { "a" };
    QTest::newRow("two with ---") << QByteArray(
        "kind: A\nmetadata: {name: a}\n---\nkind: B\nmetadata: {name: b}\n")
                                  << QStringList { "a", "b" };
    QTest::newRow("leading --- and empty documents")
        << QByteArray("---\n---\n# nothing\n---\nkind: A\nmetadata: {name: a}\n---\n")
        << QStringList { "a" };
    QTest::newRow("JSON") << QByteArray(R"({"kind":"A","metadata":{"name":"j"}})")
                          << QStringList { "j" };
    QTest::newRow("v1 List") << QByteArray(
        "kind: List\nitems:\n- kind: A\n  metadata: {name: x}\n- kind: B\n  metadata: {name: why}\n")
                             << QStringList { "x", "why" };
}

void tst_Manifest::documents()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, names);
    const auto docs = Manifest::parse(text, "f.yaml");
    QVERIFY2(docs, docs ? "" : qPrintable(docs.error().message));
    QStringList got;
    for (const Manifest::Document &d : *docs)
        got << d.object.value("metadata").toObject().value("name").toString();
    QCOMPARE(got, names);
}

void tst_Manifest::fieldLines()
{
    const QByteArray text
        = "kind: A\nmetadata:\n  name: a\n---\nkind: Deployment\nmetadata:\n  name: web\n"
          "spec:\n  replicas: -1\n  template:\n    spec:\n      containers:\n"
          "      - name: web\n        image: \"\"\n";
    const auto docs = Manifest::parse(text, "f.yaml");
    QVERIFY(docs);
    QCOMPARE(docs->size(), 2);
    const Manifest::Document &d = docs->at(1);
    QCOMPARE(d.line, 5);
    QCOMPARE(d.lineOf({ "spec", "replicas" }), 9);
    QCOMPARE(d.lineOf({ "spec", "template", "spec", "containers", "0", "image" }), 14);
    // A field the YAML does not have: its nearest ancestor's line.
    QCOMPARE(d.lineOf({ "spec", "template", "spec", "nodeName" }), 11);
    QCOMPARE(d.lineOf({ "status" }), 5);
}

void tst_Manifest::malformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("bad indentation") << QByteArray("kind: A\n  metadata: : x\n- y\n");
    QTest::newRow("a list, not an object") << QByteArray("- a\n- b\n");
    QTest::newRow("deep nesting") << QByteArray(5000, '[');
}

void tst_Manifest::malformed()
{
    QFETCH(QByteArray, text);
    const auto docs = Manifest::parse(text, "f.yaml");
    QVERIFY(!docs);
    QVERIFY(!docs.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Manifest)
#include "tst_manifest.moc"
