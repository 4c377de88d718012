#include "api/result.h"

#include <QTest>

class tst_Result : public QObject
{
    Q_OBJECT

private slots:
    void valueAndError();
    void voidResult();
    void errorToString_data();
    void errorToString();
};

void tst_Result::valueAndError()
{
    kube::Result<int> ok = 42;
    QVERIFY(ok);
    QCOMPARE(*ok, 42);

    kube::Result<int> failed = kube::Error::make(kube::Error::Kind::Decode, QStringLiteral("bad"));
    QVERIFY(!failed);
    QCOMPARE(failed.error().kind, kube::Error::Kind::Decode);
    QCOMPARE(failed.valueOr(7), 7);
}

void tst_Result::voidResult()
{
    kube::VoidResult ok;
    QVERIFY(ok);
    kube::VoidResult failed = kube::Error::make(kube::Error::Kind::Io, QStringLiteral("disk"));
    QVERIFY(!failed);
    QCOMPARE(failed.error().message, QStringLiteral("disk"));
}

void tst_Result::errorToString_data()
{
    QTest::addColumn<int>("httpCode");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("expected");
    QTest::newRow("status with reason") << 404 << "NotFound"
                                        << "NotFound (404): gone";
    QTest::newRow("status without reason") << 500 << ""
                                           << "HTTP 500: gone";
}

void tst_Result::errorToString()
{
    QFETCH(int, httpCode);
    QFETCH(QString, reason);
    QFETCH(QString, expected);
    kube::Error e;
    e.kind = kube::Error::Kind::Status;
    e.httpCode = httpCode;
    e.reason = reason;
    e.message = QStringLiteral("gone");
    QCOMPARE(e.toString(), expected);
}

QTEST_GUILESS_MAIN(tst_Result)
#include "tst_result.moc"
