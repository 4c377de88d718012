// Decoding kube-apiserver's errors into values: a server-side apply conflict (409 with
// FieldManagerConflict causes) and validation causes split into field paths.

#include "api/applyconflict.h"
#include "api/status.h"
#include "api/statuscause.h"

#include <QTest>

using namespace kube;

class tst_ApplyConflict : public QObject
{
    Q_OBJECT

private slots:
    void decodesConflict();
    void otherErrorsAreNoConflict();
    void fieldPaths_data();
    void fieldPaths();
};

void tst_ApplyConflict::decodesConflict()
{
    // As kube-apiserver sends it (apimachinery's NewApplyConflict).
    const QByteArray body = R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
        "message":"Apply failed with 2 conflicts: conflicts with \"helm\" using apps/v1:\n- .spec.replicas\nconflicts with \"kubectl\":\n- .spec.template.spec.containers[name=\"web\"].image",
        "reason":"Conflict","details":{"causes":[
          {"reason":"FieldManagerConflict","message":"conflict with \"helm\" using apps/v1","field":".spec.replicas"},
          {"reason":"FieldManagerConflict","message":"conflict with \"kubectl\"","field":".spec.template.spec.containers[name=\"web\"].image"}]},
        "code":409})";
    const auto status = Status::fromJson(body);
    QVERIFY(status);
    const auto conflict = ApplyConflict::fromError(status->toError(409));
    QVERIFY(conflict);
    QCOMPARE(conflict->managers(), QStringList({ "helm", "kubectl" }));
    QCOMPARE(conflict->fieldsOf("helm"), QStringList { ".spec.replicas" });
    QCOMPARE(conflict->fields.first().detail, QString("using apps/v1"));
    QCOMPARE(conflict->fieldsOf("kubectl"),
             QStringList { ".spec.template.spec.containers[name=\"web\"].image" });
    QVERIFY(conflict->message.startsWith("Apply failed with 2 conflicts"));
}

void tst_ApplyConflict::otherErrorsAreNoConflict()
{
    Error e;
    e.kind = Error::Kind::Status;
    e.httpCode = 409;
    e.reason = "Conflict";
    e.message = "the object has been modified";
    QVERIFY(!ApplyConflict::fromError(e));
    e.httpCode = 422;
    QVERIFY(!ApplyConflict::fromError(e));
}

void tst_ApplyConflict::fieldPaths_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QStringList>("path");
    QTest::newRow("plain") << "spec.replicas" << QStringList { "spec", "replicas" };
    QTest::newRow("index") << "spec.containers[0].image"
                           << QStringList { "spec", "containers", "0", "image" };
    QTest::newRow("map key with dots")
        << "metadata.labels[app.kubernetes.io/name]"
        << QStringList { "metadata", "labels", "app.kubernetes.io/name" };
    QTest::newRow("apply path") << ".spec.containers[name=\"web\"].image"
                                << QStringList { "spec", "containers", "name=\"web\"", "image" };
}

void tst_ApplyConflict::fieldPaths()
{
    QFETCH(QString, field);
    QFETCH(QStringList, path);
    QCOMPARE(StatusCause::splitFieldPath(field), path);
}

QTEST_GUILESS_MAIN(tst_ApplyConflict)
#include "tst_applyconflict.moc"
