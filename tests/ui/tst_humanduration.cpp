#include "humanduration.h"

#include <QTest>

using namespace kube::ui;

class tst_HumanDuration : public QObject
{
    Q_OBJECT

private slots:
    void format_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("expected");
        // Expected strings are what kubectl prints (apimachinery duration.HumanDuration).
        QTest::newRow("skew") << qint64(-1) << QStringLiteral("0s");
        QTest::newRow("invalid") << qint64(-5) << QStringLiteral("<invalid>");
        QTest::newRow("seconds") << qint64(45) << QStringLiteral("45s");
        QTest::newRow("119s") << qint64(119) << QStringLiteral("119s");
        QTest::newRow("minutes+seconds") << qint64(200) << QStringLiteral("3m20s");
        QTest::newRow("whole minutes") << qint64(300) << QStringLiteral("5m");
        QTest::newRow("minutes") << qint64(45 * 60 + 10) << QStringLiteral("45m");
        QTest::newRow("hours+minutes") << qint64(5 * 3600 + 12 * 60) << QStringLiteral("5h12m");
        QTest::newRow("hours") << qint64(20 * 3600) << QStringLiteral("20h");
        QTest::newRow("days+hours") << qint64(3 * 86400 + 4 * 3600) << QStringLiteral("3d4h");
        QTest::newRow("days") << qint64(40 * 86400) << QStringLiteral("40d");
        QTest::newRow("years+days") << qint64((365 * 3 + 10) * 86400) << QStringLiteral("3y10d");
        QTest::newRow("years") << qint64(365 * 9 * 86400) << QStringLiteral("9y");
    }
    void format()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, expected);
        QCOMPARE(humanDuration(seconds), expected);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("s") << QStringLiteral("45s") << qint64(45);
        QTest::newRow("ms") << QStringLiteral("3m20s") << qint64(200);
        QTest::newRow("dh") << QStringLiteral("3d4h") << qint64(3 * 86400 + 4 * 3600);
        QTest::newRow("y") << QStringLiteral("2y") << qint64(2 * 365 * 86400);
        QTest::newRow("not a duration") << QStringLiteral("Running") << qint64(-1);
        QTest::newRow("number only") << QStringLiteral("12") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const auto parsed = parseHumanDuration(text);
        QCOMPARE(parsed.value_or(-1), seconds);
    }

    void roundTrip()
    {
        for (qint64 s : { 5, 130, 3599, 7200, 90000, 864000, 40000000 })
            QVERIFY2(parseHumanDuration(humanDuration(s)).has_value(),
                     qPrintable(humanDuration(s)));
    }

    void leading_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("value");
        QTest::newRow("int") << QStringLiteral("3") << 3.0;
        QTest::newRow("restarts") << QStringLiteral("12 (5m ago)") << 12.0;
        QTest::newRow("ratio") << QStringLiteral("1/2") << 1.0;
        QTest::newRow("none") << QStringLiteral("<none>") << -1.0;
    }
    void leading()
    {
        QFETCH(QString, text);
        QFETCH(double, value);
        QCOMPARE(leadingNumber(text).value_or(-1.0), value);
    }
};

QTEST_GUILESS_MAIN(tst_HumanDuration)
#include "tst_humanduration.moc"
