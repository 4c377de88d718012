// WatchEventSplitter: a watch body cut into JSON objects, whatever the chunking, with a hard
// limit on the size of one event.

#include "rest/watcheventsplitter.h"

#include <QTest>

class tst_WatchEventSplitter final : public QObject
{
    Q_OBJECT

private slots:
    void split_data();
    void split();
    void limit_data();
    void limit();
    void garbageIsSticky();
};

namespace {

// Feeds \a body in pieces of \a chunk bytes; returns the objects, or "ERROR: <message>".
QList<QByteArray> run(kube::WatchEventSplitter &splitter, const QByteArray &body, int chunk)
{
    QList<QByteArray> out;
    for (qsizetype at = 0; at < body.size(); at += chunk) {
        splitter.append(QByteArrayView(body).sliced(at, qMin<qsizetype>(chunk, body.size() - at)));
        while (true) {
            auto next = splitter.next();
            if (!next) {
                out.append("ERROR: " + next.error().message.toUtf8());
                return out;
            }
            if (!*next)
                break;
            out.append(**next);
        }
    }
    return out;
}

} // namespace

void tst_WatchEventSplitter::split_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<QByteArray>>("expected");
    QTest::addColumn<bool>("inside");
    const QByteArray a = R"({"type":"ADDED","object":{"a":"}{\"]"}})";
    const QByteArray b = R"({"type":"BOOKMARK","object":{"x":[1,{"y":[]}]}})";
    QTest::newRow("newline separated") << a + "\n" + b + "\n" << QList { a, b } << false;
    QTest::newRow("no separators") << a + b << QList { a, b } << false;
    QTest::newRow("crlf and blanks") << "\r\n  " + a + "\r\n\t" + b << QList { a, b } << false;
    QTest::newRow("escaped quote in string")
        << QByteArray(R"({"s":"a\"}b\\"})") << QList<QByteArray> { R"({"s":"a\"}b\\"})" } << false;
    QTest::newRow("truncated last event") << a + "\n" + b.left(10) << QList { a } << true;
    QTest::newRow("empty") << QByteArray() << QList<QByteArray>() << false;
    QTest::newRow("garbage before")
        << "xyz" + a
        << QList<QByteArray> { "ERROR: unexpected data in the watch stream at byte 0: "
                               "expected a JSON object" }
        << false;
    QTest::newRow("array at top level")
        << QByteArray("[1]")
        << QList<QByteArray> { "ERROR: unexpected data in the watch stream at byte 0: expected a "
                               "JSON object" }
        << false;
}

void tst_WatchEventSplitter::split()
{
    QFETCH(QByteArray, body);
    QFETCH(QList<QByteArray>, expected);
    QFETCH(bool, inside);
    // Every chunking gives the same events: one byte at a time up to all at once.
    for (int chunk : { 1, 2, 3, 7, 64, 1 << 20 }) {
        kube::WatchEventSplitter splitter(1 << 20);
        QCOMPARE(run(splitter, body, chunk), expected);
        if (!expected.value(0).startsWith("ERROR"))
            QCOMPARE(splitter.isInsideValue(), inside);
    }
}

void tst_WatchEventSplitter::limit_data()
{
    QTest::addColumn<int>("chunk");
    QTest::newRow("one piece") << (1 << 22);
    QTest::newRow("64 KiB pieces") << (1 << 16);
}

void tst_WatchEventSplitter::limit()
{
    QFETCH(int, chunk);
    // Given a 1 KiB limit, a 100-byte event passes and a 2 KiB one fails, and the buffer
    // never holds much more than the limit plus one chunk.
    kube::WatchEventSplitter splitter(1024);
    const QByteArray small = R"({"type":"ADDED","object":{"n":")" + QByteArray(60, 'a') + "\"}}";
    const QByteArray big = R"({"type":"ADDED","object":{"n":")" + QByteArray(2048, 'b') + "\"}}";
    const QList<QByteArray> out = run(splitter, small + "\n" + big + "\n" + small, chunk);
    QCOMPARE(out.size(), 2);
    QCOMPARE(out[0], small);
    QVERIFY2(out[1].startsWith("ERROR: a watch event is larger than the client's limit"),
             out[1].constData());
    QCOMPARE(splitter.bufferedBytes(), 0);

    // An endless string: the buffer stays bounded by the limit plus one chunk.
    kube::WatchEventSplitter endless(1 << 20);
    endless.append("{\"s\":\"");
    const QByteArray piece(64 * 1024, 'x');
    bool failed = false;
    for (int i = 0; i < 64 && !failed; ++i) {
        endless.append(piece);
        QVERIFY(endless.bufferedBytes() <= (1 << 20) + piece.size() + 16);
        failed = !endless.next();
    }
    QVERIFY(failed);
}

void tst_WatchEventSplitter::garbageIsSticky()
{
    kube::WatchEventSplitter splitter;
    splitter.append("nope{}");
    QVERIFY(!splitter.next());
    splitter.append("{}");
    QVERIFY(!splitter.next());
}

QTEST_GUILESS_MAIN(tst_WatchEventSplitter)
#include "tst_watcheventsplitter.moc"
