// Secrets never leak: kubrowser-cli runs against FakeApiServer with a bearer token, a token
// file, basic auth, an exec plugin and a client key (mutual TLS), at every -v level, with the
// right and with rejected credentials; no byte of any secret may appear on stdout or stderr,
// nor in any file it writes (the cache). kubectl redacts the same way (its -v=8 request dumps
// print "Authorization: Bearer <masked>").

#include "testing/fakeapiserver.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using kube::testing::FakeApiServer;
using kube::testing::FakeApiServerOptions;

namespace {

const QByteArray kToken = "tok-3c1f9b2e7d4a41f0a6c8e5b9d2f7a1c3";
const QByteArray kFileToken = "file-tok-8e2d4c6a0b1f3e5d7c9a2b4d6f8e0a1c";
const QByteArray kPassword = "pw-5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b";
const QByteArray kExecToken = "exec-tok-1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a";

} // namespace

class tst_SecretLeaks final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void noLeak_data();
    void noLeak();

private:
    QTemporaryDir m_dir;
    QString m_cli = QStringLiteral(KUBE_BINARY_DIR "/app/cli/kubrowser-cli");
};

void tst_SecretLeaks::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    if (!QFile::exists(m_cli))
        QSKIP("kubrowser-cli is not built");
}

void tst_SecretLeaks::noLeak_data()
{
    QTest::addColumn<QString>("auth");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("verbosity");
    for (const char *auth : { "token", "tokenFile", "basic", "exec", "clientKey" }) {
        for (bool accepted : { true, false }) {
            if (!accepted && QByteArray(auth) == "clientKey")
                continue; // a wrong key fails the handshake: covered by the accepted rows' -v
            for (const char *v : { "0", "2", "4", "6", "7", "8", "9", "10" }) {
                QTest::addRow("%s-%s-v%s", auth, accepted ? "ok" : "rejected", v)
                    << QString::fromLatin1(auth) << accepted << QString::fromLatin1(v);
            }
        }
    }
}

void tst_SecretLeaks::noLeak()
{
    QFETCH(QString, auth);
    QFETCH(bool, accepted);
    QFETCH(QString, verbosity);

    FakeApiServerOptions options;
    // TLS for every row: like client-go, credentials are never sent over plain http.
    options.tls = true;
    options.requireClientCertificate = auth == QLatin1String("clientKey");
    // The server wants a different secret when this row's must be rejected.
    const QByteArray wrong = "the-server-wants-something-else";
    if (auth == QLatin1String("token"))
        options.bearerToken = QString::fromLatin1(accepted ? kToken : wrong);
    else if (auth == QLatin1String("tokenFile"))
        options.bearerToken = QString::fromLatin1(accepted ? kFileToken : wrong);
    else if (auth == QLatin1String("exec"))
        options.bearerToken = QString::fromLatin1(accepted ? kExecToken : wrong);
    else if (auth == QLatin1String("basic")) {
        options.basicUser = QStringLiteral("admin");
        options.basicPassword = QString::fromLatin1(accepted ? kPassword : wrong);
    }
    FakeApiServer server(options);
    server.loadStockCluster({ .pods = 5 });
    QVERIFY(server.start());

    const QString dir
        = m_dir.filePath(QStringLiteral("%1-%2-%3").arg(auth).arg(accepted).arg(verbosity));
    QVERIFY(QDir().mkpath(dir + QStringLiteral("/home")));
    QList<QByteArray> secrets { kToken, kFileToken, kPassword, kExecToken };

    QByteArray user;
    const QString ca = server.writeCertificates(dir);
    QByteArray cluster = "    server: " + server.url().toEncoded()
        + "\n    certificate-authority: " + ca.toUtf8() + "\n";
    if (auth == QLatin1String("token")) {
        user = "    token: " + kToken + "\n";
    } else if (auth == QLatin1String("tokenFile")) {
        QFile f(dir + QStringLiteral("/token"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kFileToken + "\n");
        user = "    tokenFile: " + f.fileName().toUtf8() + "\n";
    } else if (auth == QLatin1String("basic")) {
        user = "    username: admin\n    password: " + kPassword + "\n";
    } else if (auth == QLatin1String("exec")) {
        QFile f(dir + QStringLiteral("/plugin.sh"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":"
                "\"ExecCredential\",\"status\":{\"token\":\""
                + kExecToken + "\"}}'\n");
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        user = "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: "
            + f.fileName().toUtf8() + "\n      interactiveMode: Never\n";
    } else {
        QFile key(dir + QStringLiteral("/client.key"));
        QVERIFY(key.open(QIODevice::ReadOnly));
        const QByteArray pem = key.readAll();
        // Every base64 line of the key body is a secret, and the base64 of the whole PEM.
        for (const QByteArray &line : pem.split('\n')) {
            if (line.size() > 40 && !line.startsWith("-----"))
                secrets.append(line);
        }
        secrets.append(pem.toBase64().left(64));
        QFile cert(dir + QStringLiteral("/client.crt"));
        QVERIFY2(cert.open(QIODevice::ReadOnly), qPrintable(cert.fileName()));
        user = "    client-certificate-data: " + cert.readAll().toBase64()
            + "\n    client-key-data: " + pem.toBase64() + "\n";
    }
    const QString kubeconfig = dir + QStringLiteral("/kubeconfig");
    {
        QFile f(kubeconfig);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n" + cluster
                + "users:\n- name: u\n  user:\n" + user
                + "contexts:\n- name: x\n  context:\n    cluster: c\n    user: u\n"
                  "current-context: x\n");
    }

    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), dir + QStringLiteral("/home"));
    env.insert(QStringLiteral("KUBECACHEDIR"), dir + QStringLiteral("/home/cache"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("kube.*=true"));
    p.setProcessEnvironment(env);
    p.start(m_cli,
            { QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("-v"), verbosity,
              QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-A") });
    // The server lives on this thread: wait with the event loop running.
    QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 60'000);
    const QByteArray out = p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    if (accepted) {
        QVERIFY2(p.exitCode() == 0, err.constData());
        QVERIFY(out.contains("NAMESPACE"));
    } else {
        QVERIFY(p.exitCode() != 0);
        QVERIFY2(err.contains("nauthorized") || err.contains("401"), err.constData());
    }
    // Requests were logged at -v 6 and above: the log is there, without the secrets.
    if (verbosity.toInt() >= 6)
        QVERIFY2(err.contains("GET "), err.left(500).constData());

    for (const QByteArray &secret : std::as_const(secrets)) {
        QVERIFY2(!out.contains(secret), secret.constData());
        QVERIFY2(!err.contains(secret), (secret + " in stderr:\n" + err.left(2000)).constData());
        // Nor half of one (a log that cuts a token still leaks it).
        QVERIFY2(!err.contains(secret.left(secret.size() / 2)), secret.constData());
    }
    // Nothing it wrote (the discovery and HTTP caches under HOME) holds a secret.
    QDirIterator it(dir + QStringLiteral("/home"), QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        for (const QByteArray &secret : std::as_const(secrets))
            QVERIFY2(!content.contains(secret), qPrintable(f.fileName()));
    }
}

QTEST_GUILESS_MAIN(tst_SecretLeaks)
#include "tst_secretleaks.moc"
