#include "api/status.h"
#include "api/table.h"
#include "rest/goduration.h"
#include "rest/responseerror.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace kube;
using namespace std::chrono_literals;

namespace {
QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/rest/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}
} // namespace

// Pure decoders over bytes: Status, Table, Warning headers, Retry-After, Go durations.
class tst_Status : public QObject
{
    Q_OBJECT

private slots:
    void statusFixtures_data();
    void statusFixtures();
    void notAStatus_data();
    void notAStatus();
    void statusWithoutMessage();
    void capMessageKeepsUtf8Whole();
    void tableFixture();
    void tableErrors();
    void tableRoundTrip();
    void warningHeaders_data();
    void warningHeaders();
    void retryAfter_data();
    void retryAfter();
    void goDuration_data();
    void goDuration();
};

void tst_Status::statusFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("messageStart");
    QTest::newRow("404") << "status-404.json" << 404 << "NotFound"
                         << R"(pods "nope" not found)";
    QTest::newRow("422") << "status-422.json" << 422 << "Invalid"
                         << R"(Deployment.apps "web" is invalid)";
    QTest::newRow("410 expired") << "status-410-expired.json" << 410 << "Expired"
                                 << "The provided continue parameter is too old";
}

void tst_Status::statusFixtures()
{
    QFETCH(QString, file);
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(QString, messageStart);
    const auto st = Status::fromJson(fixture(file));
    QVERIFY(st);
    QVERIFY(st->isFailure());
    QCOMPARE(st->code, code);
    const Error e = st->toError(code);
    QCOMPARE(e.kind, Error::Kind::Status);
    QCOMPARE(e.httpCode, code);
    QCOMPARE(e.reason, reason);
    QVERIFY(e.message.startsWith(messageStart));
    // errorFromResponse takes the Status as it is.
    const Error viaResponse
        = detail::errorFromResponse(code, fixture(file), "application/json", "GET", "pods", "x");
    QCOMPARE(viaResponse.message, e.message);
    QCOMPARE(viaResponse.reason, reason);
}

void tst_Status::notAStatus_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("html") << QByteArray("<html>502</html>");
    QTest::newRow("other kind") << QByteArray(R"({"kind":"Pod","status":"Failure"})");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("truncated") << QByteArray(R"({"kind":"Status","message":"x)");
}

void tst_Status::notAStatus()
{
    QFETCH(QByteArray, body);
    QVERIFY(!Status::fromJson(body));
}

void tst_Status::statusWithoutMessage()
{
    const auto st = Status::fromJson(R"({"kind":"Status","status":"Failure","code":503})");
    QVERIFY(st);
    const Error e = st->toError(503);
    QCOMPARE(e.message,
             QStringLiteral("the server responded with the status code 503 but did not "
                            "return more information"));
    const auto success = Status::fromJson(fixture("status-success-delete.json"));
    QVERIFY(success);
    QVERIFY(!success->isFailure());
    QCOMPARE(success->details.value("name").toString(), QStringLiteral("web"));
}

void tst_Status::capMessageKeepsUtf8Whole()
{
    const QString s = QString(2047, QLatin1Char('a')) + QStringLiteral("éé");
    const QString capped = Status::capMessage(s);
    QVERIFY(capped.toUtf8().size() <= 2048);
    QCOMPARE(capped, QString(2047, QLatin1Char('a'))); // 'é' is 2 bytes: cut before it
    QCOMPARE(Status::capMessage(QStringLiteral("short")), QStringLiteral("short"));
}

void tst_Status::tableFixture()
{
    const Result<Table> t = Table::fromJson(fixture("pods-table.json"));
    QVERIFY(t);
    QCOMPARE(t->apiVersion, QStringLiteral("meta.k8s.io/v1"));
    QCOMPARE(t->columnDefinitions.size(), 9);
    QCOMPARE(t->columnDefinitions[0].name, QStringLiteral("Name"));
    QCOMPARE(t->columnDefinitions[0].format, QStringLiteral("name"));
    QCOMPARE(t->columnDefinitions[0].type, QStringLiteral("string"));
    QVERIFY(t->columnDefinitions[0].description.startsWith("Name must be unique"));
    QCOMPARE(t->columnDefinitions[5].name, QStringLiteral("IP"));
    QCOMPARE(t->columnDefinitions[5].priority, 1);
    QCOMPARE(t->columnIndex("Restarts"), 3);
    QCOMPARE(t->columnIndex("Nope"), -1);
    QCOMPARE(t->rows.size(), 2);
    QCOMPARE(t->rows[1].cells.size(), 9);
    QCOMPARE(t->rows[1].cells[2].toString(), QStringLiteral("CrashLoopBackOff"));
    QCOMPARE(t->rows[1].cells[7].toString(), QStringLiteral("<none>"));
    QCOMPARE(t->rows[1].name(), QStringLiteral("web-1"));
    QCOMPARE(t->rows[1].namespaceName(), QStringLiteral("default"));
    QCOMPARE(t->rows[1].uid(), QStringLiteral("8c0a8f0e-5a7e-4a31-bd2e-6f3f6e9b1a22"));
    QCOMPARE(t->rows[1].resourceVersion(), QStringLiteral("48200"));
    QCOMPARE(t->metadata.resourceVersion, QStringLiteral("48213"));
    QVERIFY(t->metadata.continueToken.startsWith("eyJ2Ijoi"));
    QCOMPARE(t->metadata.remainingItemCount, 3);
}

void tst_Status::tableErrors()
{
    QCOMPARE(Table::fromJson("not json").error().kind, Error::Kind::Decode);
    const auto notTable = Table::fromJson(R"({"kind":"PodList","items":[]})");
    QVERIFY(!notTable);
    QCOMPARE(notTable.error().message, QStringLiteral(R"(expected a Table, got kind "PodList")"));
}

void tst_Status::tableRoundTrip()
{
    const Result<Table> t = Table::fromJson(fixture("pods-table.json"));
    QVERIFY(t);
    const Result<Table> again = Table::fromJsonObject(t->toJson());
    QVERIFY(again);
    QCOMPARE(again->rows.size(), t->rows.size());
    QCOMPARE(again->rows[0].cells, t->rows[0].cells);
    QCOMPARE(again->columnDefinitions[8].name, QStringLiteral("Readiness Gates"));
    QCOMPARE(again->metadata.continueToken, t->metadata.continueToken);
}

void tst_Status::warningHeaders_data()
{
    QTest::addColumn<QList<QByteArray>>("values");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("one") << QList<QByteArray> { R"(299 - "v1beta1 is deprecated")" }
                         << QStringList { "v1beta1 is deprecated" };
    QTest::newRow("two in one header")
        << QList<QByteArray> { R"(299 - "a", 299 - "b")" } << QStringList { "a", "b" };
    QTest::newRow("escaped quote") << QList<QByteArray> { R"(299 - "unknown field \"spec.x\"")" }
                                   << QStringList { R"(unknown field "spec.x")" };
    QTest::newRow("with date") << QList<QByteArray> {
        R"(299 agent "text" "Sat, 25 Aug 2012 23:34:45 GMT", 299 - "next")"
    } << QStringList { "text", "next" };
    QTest::newRow("other codes ignored")
        << QList<QByteArray> { R"(199 - "misc", 299 - "kept")" } << QStringList { "kept" };
    QTest::newRow("malformed") << QList<QByteArray> { "garbage" } << QStringList {};
    QTest::newRow("empty text ignored") << QList<QByteArray> { R"(299 - "")" } << QStringList {};
    QTest::newRow("unterminated") << QList<QByteArray> { R"(299 - "open)" } << QStringList {};
}

void tst_Status::warningHeaders()
{
    QFETCH(QList<QByteArray>, values);
    QFETCH(QStringList, expected);
    QCOMPARE(detail::parseWarningHeaders(values), expected);
}

void tst_Status::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expected"); // -1 = none
    QTest::newRow("seconds") << QByteArray("5") << 5;
    QTest::newRow("zero") << QByteArray("0") << 0;
    QTest::newRow("spaces") << QByteArray(" 2 ") << 2;
    QTest::newRow("date") << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << -1;
    QTest::newRow("empty") << QByteArray() << -1;
    QTest::newRow("fraction") << QByteArray("1.5") << -1;
    QTest::newRow("negative") << QByteArray("-1") << -1;
}

void tst_Status::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(int, expected);
    const auto r = detail::parseRetryAfter(value);
    QCOMPARE(r.value_or(-1), expected);
}

void tst_Status::goDuration_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    QTest::newRow("0") << qint64(0) << "0s";
    QTest::newRow("500ms") << qint64(500) << "500ms";
    QTest::newRow("1s") << qint64(1000) << "1s";
    QTest::newRow("1.5s") << qint64(1500) << "1.5s";
    QTest::newRow("1.001s") << qint64(1001) << "1.001s";
    QTest::newRow("30s") << qint64(30000) << "30s";
    QTest::newRow("1m0s") << qint64(60000) << "1m0s";
    QTest::newRow("1m30s") << qint64(90000) << "1m30s";
    QTest::newRow("1h0m0s") << qint64(3600000) << "1h0m0s";
    QTest::newRow("2h3m4.5s") << qint64(7384500) << "2h3m4.5s";
}

void tst_Status::goDuration()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(formatGoDuration(std::chrono::milliseconds(ms)), expected);
}

QTEST_GUILESS_MAIN(tst_Status)
#include "tst_status.moc"
