#include "testing/tableconverter.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using kube::testing::FakeResource;
using kube::testing::detail::TableConverter;

class tst_TableConverter : public QObject
{
    Q_OBJECT

private slots:
    void humanDuration_data();
    void humanDuration();
    void podRows_data();
    void podRows();
    void deploymentRow();
    void customResourceColumns();
};

void tst_TableConverter::humanDuration_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("negative, one second") << qint64(-1) << u"0s"_qs;
    QTest::newRow("negative, more") << qint64(-5) << u"<invalid>"_qs;
    QTest::newRow("zero") << qint64(0) << u"0s"_qs;
    QTest::newRow("119s") << qint64(119) << u"119s"_qs;
    QTest::newRow("2m") << qint64(120) << u"2m"_qs;
    QTest::newRow("9m59s") << qint64(599) << u"9m59s"_qs;
    QTest::newRow("10m") << qint64(600) << u"10m"_qs;
    QTest::newRow("179m") << qint64(179 * 60 + 59) << u"179m"_qs;
    QTest::newRow("3h") << qint64(3 * 3600) << u"3h"_qs;
    QTest::newRow("7h59m") << qint64(8 * 3600 - 1) << u"7h59m"_qs;
    QTest::newRow("8h") << qint64(8 * 3600) << u"8h"_qs;
    QTest::newRow("47h") << qint64(48 * 3600 - 1) << u"47h"_qs;
    QTest::newRow("2d") << qint64(48 * 3600) << u"2d"_qs;
    QTest::newRow("2d1h") << qint64(49 * 3600) << u"2d1h"_qs;
    QTest::newRow("8d") << qint64(8 * 86400) << u"8d"_qs;
    QTest::newRow("729d") << qint64(729 * 86400) << u"729d"_qs;
    QTest::newRow("2y") << qint64(730 * 86400) << u"2y"_qs;
    QTest::newRow("2y1d") << qint64(731 * 86400) << u"2y1d"_qs;
    QTest::newRow("8y") << qint64(8 * 365 * 86400) << u"8y"_qs;
}

void tst_TableConverter::humanDuration()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    QCOMPARE(TableConverter::humanDuration(seconds * 1000), expected);
}

void tst_TableConverter::podRows_data()
{
    QTest::addColumn<QJsonObject>("pod");
    QTest::addColumn<QJsonArray>("expected");
    QTest::addColumn<qint64>("nowMs");
    QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/testing/pods.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    const qint64 now
        = QDateTime::fromString(doc.value(u"now").toString(), Qt::ISODate).toMSecsSinceEpoch();
    for (const auto &c : doc.value(u"cases").toArray()) {
        const QJsonObject o = c.toObject();
        QTest::newRow(qPrintable(o.value(u"name").toString()))
            << o.value(u"pod").toObject() << o.value(u"expected").toArray() << now;
    }
}

void tst_TableConverter::podRows()
{
    QFETCH(QJsonObject, pod);
    QFETCH(QJsonArray, expected);
    QFETCH(qint64, nowMs);
    FakeResource pods;
    pods.resource = u"pods"_qs;
    const QByteArray cells = TableConverter::resolveAges(TableConverter::cells(pods, pod), nowMs);
    QCOMPARE(QJsonDocument::fromJson(cells).array(), expected);
    const QJsonArray columns
        = QJsonDocument::fromJson(TableConverter::columnDefinitions(pods)).array();
    QCOMPARE(columns.size(), expected.size());
}

void tst_TableConverter::deploymentRow()
{
    FakeResource deployments;
    deployments.group = u"apps"_qs;
    deployments.resource = u"deployments"_qs;
    const QJsonObject d = QJsonDocument::fromJson(R"({
        "metadata": {"name": "web", "creationTimestamp": "2026-06-01T11:00:00Z"},
        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web", "tier": "fe"},
                 "matchExpressions": [{"key": "env", "operator": "In", "values": ["a", "b"]}]},
                 "template": {"spec": {"containers": [{"name": "a", "image": "i1"}, {"name": "b", "image": "i2"}]}}},
        "status": {"replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}
    })")
                              .object();
    const QByteArray cells = TableConverter::resolveAges(
        TableConverter::cells(deployments, d),
        QDateTime::fromString(u"2026-06-01T12:00:00Z"_qs, Qt::ISODate).toMSecsSinceEpoch());
    const QJsonArray expected { u"web"_qs,   u"2/3"_qs,
                                3,           2,
                                u"60m"_qs,   u"a,b"_qs,
                                u"i1,i2"_qs, u"app=web,tier=fe,env in (a,b)"_qs };
    QCOMPARE(QJsonDocument::fromJson(cells).array(), expected);
}

void tst_TableConverter::customResourceColumns()
{
    FakeResource crd;
    crd.group = u"stable.example.com"_qs;
    crd.resource = u"crontabs"_qs;
    crd.isCustomResource = true;
    crd.additionalPrinterColumns
        = QJsonArray { QJsonObject { { u"name"_qs, u"Spec"_qs },
                                     { u"type"_qs, u"string"_qs },
                                     { u"jsonPath"_qs, u".spec.cronSpec"_qs } },
                       QJsonObject { { u"name"_qs, u"Replicas"_qs },
                                     { u"type"_qs, u"integer"_qs },
                                     { u"jsonPath"_qs, u".spec.replicas"_qs },
                                     { u"priority"_qs, 1 } },
                       QJsonObject { { u"name"_qs, u"Age"_qs },
                                     { u"type"_qs, u"date"_qs },
                                     { u"jsonPath"_qs, u".metadata.creationTimestamp"_qs } } };
    const QJsonArray columns
        = QJsonDocument::fromJson(TableConverter::columnDefinitions(crd)).array();
    QCOMPARE(columns.size(), 4);
    QCOMPARE(columns.at(0).toObject().value(u"format").toString(), u"name"_qs);
    QCOMPARE(columns.at(2).toObject().value(u"priority").toInt(), 1);
    QCOMPARE(columns.at(3).toObject().value(u"type").toString(), u"date"_qs);
    QCOMPARE(columns.at(1).toObject().value(u"description").toString(),
             u"Custom resource definition column (in JSONPath format): .spec.cronSpec"_qs);
    const QJsonObject o = QJsonDocument::fromJson(R"({
        "metadata": {"name": "c1", "creationTimestamp": "2026-06-01T11:00:00Z"},
        "spec": {"cronSpec": "* * * * */5", "replicas": 2}})")
                              .object();
    const QByteArray cells = TableConverter::resolveAges(
        TableConverter::cells(crd, o),
        QDateTime::fromString(u"2026-06-01T12:00:00Z"_qs, Qt::ISODate).toMSecsSinceEpoch());
    QCOMPARE(QJsonDocument::fromJson(cells).array(),
             (QJsonArray { u"c1"_qs, u"* * * * */5"_qs, 2, u"60m"_qs }));

    // Without printer columns: Name and Age.
    crd.additionalPrinterColumns = {};
    const QJsonArray plain
        = QJsonDocument::fromJson(TableConverter::columnDefinitions(crd)).array();
    QCOMPARE(plain.size(), 2);
    QCOMPARE(plain.at(1).toObject().value(u"name").toString(), u"Age"_qs);
}

QTEST_GUILESS_MAIN(tst_TableConverter)
#include "tst_tableconverter.moc"
