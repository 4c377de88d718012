#include "config/tokenfileauthprovider.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using kube::TokenFileAuthProvider;

class tst_TokenFileAuthProvider : public QObject
{
    Q_OBJECT

private:
    void write(const QString &path, const QByteArray &content)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
    }
    QByteArray header(TokenFileAuthProvider &p)
    {
        QByteArray out;
        int calls = 0;
        p.credentials([&](kube::Result<kube::Credentials> c) {
            ++calls;
            out = c ? c->authorizationHeader : QByteArray("error: ") + c.error().message.toUtf8();
        });
        // Answered synchronously, exactly once.
        if (calls != 1)
            return "not called exactly once";
        return out;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void readsAndTrims_data();
    void readsAndTrims();
    void rereadsWhenTheFileChanges();
    void invalidateRereads();
    void keepsLastTokenWhenFileDisappears();
    void errors_data();
    void errors();
};

void tst_TokenFileAuthProvider::readsAndTrims_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QByteArray("abc") << QByteArray("Bearer abc");
    QTest::newRow("trailing newline") << QByteArray("abc\n") << QByteArray("Bearer abc");
    QTest::newRow("surrounding whitespace")
        << QByteArray("  \tabc \r\n") << QByteArray("Bearer abc");
    QTest::newRow("jwt") << QByteArray("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln\n")
                         << QByteArray("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
}

void tst_TokenFileAuthProvider::readsAndTrims()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token"));
    write(path, content);
    auto p = TokenFileAuthProvider::create(path);
    QVERIFY(p);
    QCOMPARE(header(**p), expected);
}

void tst_TokenFileAuthProvider::rereadsWhenTheFileChanges()
{
    // A projected service-account token is rotated in place: the next request uses the new one.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token"));
    write(path, "first-token");
    auto p = TokenFileAuthProvider::create(path);
    QVERIFY(p);
    QCOMPARE(header(**p), QByteArray("Bearer first-token"));
    write(path, "second-token-longer"); // size changes
    QCOMPARE(header(**p), QByteArray("Bearer second-token-longer"));
    // Same size, different content: the modification time tells.
    write(path, "third-token-longer!");
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(
        f.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
    f.close();
    QCOMPARE(header(**p), QByteArray("Bearer third-token-longer!"));
}

void tst_TokenFileAuthProvider::invalidateRereads()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token"));
    write(path, "aaaa");
    auto p = TokenFileAuthProvider::create(path);
    QVERIFY(p);
    const QDateTime mtime = QFileInfo(path).lastModified();
    QCOMPARE(header(**p), QByteArray("Bearer aaaa"));
    // Rewritten with the same size and (forced) the same mtime: only a 401 makes us look again.
    write(path, "bbbb");
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.setFileTime(mtime, QFileDevice::FileModificationTime));
    f.close();
    QCOMPARE(header(**p), QByteArray("Bearer aaaa"));
    (*p)->invalidate();
    QCOMPARE(header(**p), QByteArray("Bearer bbbb"));
}

void tst_TokenFileAuthProvider::keepsLastTokenWhenFileDisappears()
{
    // client-go keeps using the last good token when a re-read fails.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token"));
    write(path, "kept");
    auto p = TokenFileAuthProvider::create(path);
    QVERIFY(p);
    QVERIFY(QFile::remove(path));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("keeping the previous token")));
    QCOMPARE(header(**p), QByteArray("Bearer kept"));
}

void tst_TokenFileAuthProvider::errors_data()
{
    QTest::addColumn<QByteArray>("content"); // null = no file
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing file") << QByteArray()
                                  << "cannot read tokenFile \"PATH\": No such file or directory";
    QTest::newRow("empty file") << QByteArray("") << "read empty token from file \"PATH\"";
    QTest::newRow("only whitespace")
        << QByteArray(" \n\n") << "read empty token from file \"PATH\"";
}

void tst_TokenFileAuthProvider::errors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token"));
    if (!content.isNull())
        write(path, content);
    expected.replace(QStringLiteral("PATH"), path);
    auto p = TokenFileAuthProvider::create(path);
    QVERIFY(!p);
    QCOMPARE(p.error().message, expected);
}

QTEST_GUILESS_MAIN(tst_TokenFileAuthProvider)
#include "tst_tokenfileauthprovider.moc"
