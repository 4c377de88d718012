#include "api/goformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kube;

class tst_GoFormat : public QObject
{
    Q_OBJECT

private slots:
    void humanDuration_data();
    void humanDuration();
    void floats_data();
    void floats();
    void sprint_data();
    void sprint();
};

void tst_GoFormat::humanDuration_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QByteArray>("text");
    // Boundaries of k8s.io/apimachinery/pkg/util/duration.HumanDuration.
    QTest::newRow("far future") << qint64(-2) << QByteArray("<invalid>");
    QTest::newRow("slightly future") << qint64(-1) << QByteArray("0s");
    QTest::newRow("now") << qint64(0) << QByteArray("0s");
    QTest::newRow("119s") << qint64(119) << QByteArray("119s");
    QTest::newRow("2m") << qint64(120) << QByteArray("2m");
    QTest::newRow("5m3s") << qint64(303) << QByteArray("5m3s");
    QTest::newRow("10m") << qint64(600) << QByteArray("10m");
    QTest::newRow("179m") << qint64(179 * 60 + 59) << QByteArray("179m");
    QTest::newRow("3h") << qint64(3 * 3600) << QByteArray("3h");
    QTest::newRow("7h59m") << qint64(8 * 3600 - 1) << QByteArray("7h59m");
    QTest::newRow("8h") << qint64(8 * 3600) << QByteArray("8h");
    QTest::newRow("47h") << qint64(48 * 3600 - 1) << QByteArray("47h");
    QTest::newRow("2d") << qint64(48 * 3600) << QByteArray("2d");
    QTest::newRow("5d3h") << qint64((5 * 24 + 3) * 3600) << QByteArray("5d3h");
    QTest::newRow("8d") << qint64(8 * 24 * 3600) << QByteArray("8d");
    QTest::newRow("729d") << qint64(729 * 24 * 3600) << QByteArray("729d");
    QTest::newRow("2y") << qint64(730 * 24 * 3600) << QByteArray("2y");
    QTest::newRow("2y3d") << qint64(733 * 24 * 3600) << QByteArray("2y3d");
    QTest::newRow("8y") << qint64(8 * 365 * 24 * 3600) << QByteArray("8y");
}

void tst_GoFormat::humanDuration()
{
    QFETCH(qint64, seconds);
    QFETCH(QByteArray, text);
    QCOMPARE(GoFormat::humanDuration(seconds * 1000), text);
}

void tst_GoFormat::floats_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("g"); // fmt %v / strconv 'g' -1
    QTest::addColumn<QByteArray>("json"); // encoding/json
    QTest::newRow("half") << 0.5 << QByteArray("0.5") << QByteArray("0.5");
    QTest::newRow("100") << 100.0 << QByteArray("100") << QByteArray("100");
    QTest::newRow("1e6") << 1e6 << QByteArray("1e+06") << QByteArray("1000000");
    QTest::newRow("123456") << 123456.0 << QByteArray("123456") << QByteArray("123456");
    QTest::newRow("1e-7") << 1e-7 << QByteArray("1e-07") << QByteArray("1e-7");
    QTest::newRow("1e-4") << 1e-4 << QByteArray("0.0001") << QByteArray("0.0001");
    QTest::newRow("2.5e21") << 2.5e21 << QByteArray("2.5e+21") << QByteArray("2.5e+21");
    QTest::newRow("1e20") << 1e20 << QByteArray("1e+20") << QByteArray("100000000000000000000");
    QTest::newRow("negative") << -0.25 << QByteArray("-0.25") << QByteArray("-0.25");
    QTest::newRow("third") << 1.0 / 3 << QByteArray("0.3333333333333333")
                           << QByteArray("0.3333333333333333");
}

void tst_GoFormat::floats()
{
    QFETCH(double, value);
    QFETCH(QByteArray, g);
    QFETCH(QByteArray, json);
    QCOMPARE(GoFormat::formatFloatG(value), g);
    QCOMPARE(GoFormat::formatJsonFloat(value), json);
}

void tst_GoFormat::sprint_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("int") << QByteArray("[42]") << QByteArray("42");
    QTest::newRow("big int") << QByteArray("[-12345678901]") << QByteArray("-12345678901");
    QTest::newRow("float") << QByteArray("[1.5]") << QByteArray("1.5");
    QTest::newRow("bool") << QByteArray("[true]") << QByteArray("true");
    QTest::newRow("null") << QByteArray("[null]") << QByteArray("<nil>");
    QTest::newRow("slice") << QByteArray("[[\"a\",1,null]]") << QByteArray("[a 1 <nil>]");
    QTest::newRow("map sorted") << QByteArray("[{\"b\":1,\"a\":\"x\"}]")
                                << QByteArray("map[a:x b:1]");
}

void tst_GoFormat::sprint()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, text);
    QCOMPARE(GoFormat::sprint(QJsonDocument::fromJson(json).array().at(0)), text);
}

QTEST_GUILESS_MAIN(tst_GoFormat)
#include "tst_goformat.moc"
