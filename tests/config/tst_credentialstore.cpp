#include "config/credentialstore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using kube::CredentialReply;
using kube::CredentialStore;

namespace {

// Waits for a reply and checks it finished exactly once.
bool finishOnce(CredentialReply *reply)
{
    QSignalSpy spy(reply, &CredentialReply::finished);
    if (!reply->isFinished() && !spy.wait(20000))
        return false;
    QTest::qWait(0); // a second emission would be queued behind the first
    return spy.count() == 1 || (spy.count() == 0 && reply->isFinished());
}

bool haveSessionBus()
{
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

} // namespace

class tst_CredentialStore : public QObject
{
    Q_OBJECT

private:
    // A service name of our own, so the test never touches a user's real entries.
    CredentialStore m_store { QStringLiteral("kubrowser-test-")
                              + QUuid::createUuid().toString(QUuid::WithoutBraces) };

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void keys();
    void roundTrip_data();
    void roundTrip();
    void contextsAndKindsAreSeparate();
    void unavailableKeychain();
    void unavailableKeychainChild();
};

void tst_CredentialStore::keys()
{
    QCOMPARE(CredentialStore().service(), QStringLiteral("kubrowser"));
    QCOMPARE(CredentialStore::key(QStringLiteral("prod"), CredentialStore::Kind::Token),
             QStringLiteral("token:prod"));
    QCOMPARE(CredentialStore::key(QStringLiteral("a:b"), CredentialStore::Kind::Password),
             QStringLiteral("password:a:b"));
}

void tst_CredentialStore::roundTrip_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("secret");
    QTest::newRow("token") << "prod"
                           << "eyJhbGciOiJSUzI1NiJ9.payload.sig";
    QTest::newRow("unicode password, odd context name")
        << "arn:aws:eks:eu-west-1:1234:cluster/x" << QString::fromUtf8("pä$$wörd 🔑");
}

void tst_CredentialStore::roundTrip()
{
    if (!haveSessionBus())
        QSKIP("no D-Bus session (run via scripts/test.sh, which starts gnome-keyring)");
    QFETCH(QString, context);
    QFETCH(QString, secret);
    const auto kind = CredentialStore::Kind::Password;

    std::unique_ptr<CredentialReply> save(m_store.save(context, kind, secret));
    QVERIFY(!save->isFinished()); // asynchronous: never finished inside the call
    QVERIFY(finishOnce(save.get()));
    QVERIFY2(!save->hasError(), qPrintable(save->error().message));

    std::unique_ptr<CredentialReply> load(m_store.load(context, kind));
    QVERIFY(finishOnce(load.get()));
    QVERIFY2(!load->hasError(), qPrintable(load->error().message));
    QCOMPARE(load->secret(), secret);

    std::unique_ptr<CredentialReply> remove(m_store.remove(context, kind));
    QVERIFY(finishOnce(remove.get()));
    QVERIFY2(!remove->hasError(), qPrintable(remove->error().message));

    std::unique_ptr<CredentialReply> gone(m_store.load(context, kind));
    QVERIFY(finishOnce(gone.get()));
    QVERIFY(gone->hasError());
    QCOMPARE(gone->error().kind, kube::Error::Kind::NotFound);
    QVERIFY2(gone->error().message.contains(context), qPrintable(gone->error().message));

    // Removing again is not an error.
    std::unique_ptr<CredentialReply> again(m_store.remove(context, kind));
    QVERIFY(finishOnce(again.get()));
    QVERIFY(!again->hasError());
}

void tst_CredentialStore::contextsAndKindsAreSeparate()
{
    if (!haveSessionBus())
        QSKIP("no D-Bus session (run via scripts/test.sh, which starts gnome-keyring)");
    struct Entry
    {
        QString context;
        CredentialStore::Kind kind;
        QString secret;
    };
    const QList<Entry> entries = { { "a", CredentialStore::Kind::Token, "token-a" },
                                   { "a", CredentialStore::Kind::Password, "password-a" },
                                   { "b", CredentialStore::Kind::Token, "token-b" } };
    for (const auto &e : entries) {
        std::unique_ptr<CredentialReply> r(m_store.save(e.context, e.kind, e.secret));
        QVERIFY(finishOnce(r.get()));
        QVERIFY2(!r->hasError(), qPrintable(r->error().message));
    }
    for (const auto &e : entries) {
        std::unique_ptr<CredentialReply> r(m_store.load(e.context, e.kind));
        QVERIFY(finishOnce(r.get()));
        QCOMPARE(r->secret(), e.secret);
    }
    for (const auto &e : entries) {
        std::unique_ptr<CredentialReply> r(m_store.remove(e.context, e.kind));
        QVERIFY(finishOnce(r.get()));
    }
}

void tst_CredentialStore::unavailableKeychain()
{
    // QtKeychain binds to the session bus once per process: check the no-bus case in a child
    // process started without DBUS_SESSION_BUS_ADDRESS (and without a display to autolaunch).
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), QStringLiteral("/nonexistent"));
    env.insert(QStringLiteral("KUBE_TEST_NO_KEYCHAIN_CHILD"), QStringLiteral("1"));
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(),
                { QStringLiteral("unavailableKeychainChild") });
    QVERIFY(child.waitForFinished(60000));
    const QString out
        = QString::fromUtf8(child.readAllStandardOutput() + child.readAllStandardError());
    QVERIFY2(child.exitCode() == 0, qPrintable(out));
    QVERIFY2(
        out.contains(QLatin1String("PASS   : tst_CredentialStore::unavailableKeychainChild()")),
        qPrintable(out));
}

void tst_CredentialStore::unavailableKeychainChild()
{
    if (qEnvironmentVariableIsEmpty("KUBE_TEST_NO_KEYCHAIN_CHILD"))
        QSKIP("runs as a child process of unavailableKeychain()");
    CredentialStore store(QStringLiteral("kubrowser-test-nobus"));
    for (auto *reply :
         { store.save(QStringLiteral("ctx"), CredentialStore::Kind::Token, QStringLiteral("s")),
           store.load(QStringLiteral("ctx"), CredentialStore::Kind::Token) }) {
        std::unique_ptr<CredentialReply> r(reply);
        QVERIFY(finishOnce(r.get()));
        QVERIFY(r->hasError());
        QCOMPARE(r->error().reason, QStringLiteral("NoKeychain"));
        QVERIFY2(r->error().message.startsWith(QLatin1String("no keychain available")),
                 qPrintable(r->error().message));
    }
    // And nothing was written as plain text in QtKeychain's fallback settings.
    const QString settingsDir
        = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QVERIFY(!QFileInfo::exists(settingsDir + QStringLiteral("/kubrowser-test-nobus.conf")));
}

QTEST_GUILESS_MAIN(tst_CredentialStore)
#include "tst_credentialstore.moc"
