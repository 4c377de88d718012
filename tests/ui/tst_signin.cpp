// Sign-in that works: a 401 without a plugin asks for a token that goes to the keychain and is
// used at once (and found there next time); an exec plugin's device code is shown while it
// runs, with Cancel and "Sign in again".

#include "authcontroller.h"
#include "config/credentialstore.h"
#include "guitestutil.h"
#include "mainwindow.h"
#include "objectlistmodel.h"
#include "objectlistview.h"
#include "signindialog.h"
#include "testing/fakeapiserver.h"
#include "tokendialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUuid>

using namespace kube::ui;
using kube::testing::FakeApiServer;

namespace {
constexpr int Timeout = 30000;
constexpr int Pods = 1200; // more than two pages of 500
const QString Token = QStringLiteral("s3cret-token");

QString execScript(const QString &name)
{
    return QStringLiteral(KUBE_TEST_DATA_DIR "/config/exec/") + name;
}
} // namespace

class tst_SignIn : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeApiServer> m_server;

    MainWindow::Options options(const QString &kubeconfig) const
    {
        MainWindow::Options o;
        o.kubeconfig = kubeconfig;
        o.cacheRoot = m_dir.filePath(QUuid::createUuid().toString(QUuid::WithoutBraces));
        o.namespaceName = QString(); // all namespaces
        o.resource = QStringLiteral("pods");
        o.watchLists = true;
        return o;
    }

    static bool haveKeychain() { return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        kube::testing::FakeApiServerOptions so;
        so.bearerToken = Token;
        so.tls = true; // kubectl's rules: credentials go only to https servers
        m_server = std::make_unique<FakeApiServer>(so);
        m_server->loadStockCluster({ .namespaces = 4, .pods = Pods, .deployments = 5, .nodes = 3 });
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void unauthorizedAsksForTokenKeepsItInKeychain()
    {
        if (!haveKeychain())
            QSKIP("no D-Bus session (run via scripts/test.sh, which starts gnome-keyring)");
        const QString service = QStringLiteral("kubrowser-test-%1")
                                    .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        const QString kubeconfig
            = guitest::writeKubeconfig(m_dir.filePath(QStringLiteral("token-kubeconfig")),
                                       { { QStringLiteral("locked"), m_server->url(),
                                           QStringLiteral("{}"), m_server->caCertificatePem() } },
                                       QStringLiteral("locked"));

        {
            // Given a context whose user has no credentials: the server answers 401.
            MainWindow::Options o = options(kubeconfig);
            o.keychainService = service;
            MainWindow w(o);
            w.show();
            QSignalSpy loaded(&w, &MainWindow::listLoaded);
            // Then the window asks for a token (nothing in the keychain yet).
            QTRY_VERIFY_WITH_TIMEOUT(
                w.authController()->prompt() && w.authController()->prompt()->isVisible(), Timeout);
            TokenDialog *prompt = w.authController()->prompt();
            auto *ok = prompt->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            QVERIFY(!ok->isEnabled()); // nothing typed yet
            QTest::keyClicks(prompt->tokenEdit(), Token);
            QVERIFY(ok->isEnabled());
            QTest::keyClick(prompt->tokenEdit(), Qt::Key_Return); // the default button: Sign in
            QTRY_VERIFY_WITH_TIMEOUT(!w.authController()->prompt(), Timeout);

            // Then the token is used at once: the whole list loads, in the namespace chosen
            // before (all of them), not the kubeconfig's default one.
            QTRY_VERIFY2_WITH_TIMEOUT(!loaded.isEmpty() && loaded.last().at(0).toBool(),
                                      qPrintable(w.lastError()), Timeout);
            QTRY_COMPARE_WITH_TIMEOUT(w.objectList()->model()->rowCount(), Pods, Timeout);

            // And it is in the keychain under the context.
            kube::CredentialStore store(service);
            auto *r = store.load(QStringLiteral("locked"), kube::CredentialStore::Kind::Token);
            QSignalSpy done(r, &kube::CredentialReply::finished);
            QVERIFY(done.wait(Timeout));
            QVERIFY2(!r->hasError(), qPrintable(r->error().message));
            QCOMPARE(r->secret(), Token);
            delete r;
        }

        // On the next start the keychain answers: no question, the list loads.
        MainWindow::Options o = options(kubeconfig);
        o.keychainService = service;
        MainWindow w(o);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        bool asked = false;
        QTRY_VERIFY_WITH_TIMEOUT((asked = asked || w.authController()->prompt())
                                     || (!loaded.isEmpty() && loaded.last().at(0).toBool()),
                                 Timeout);
        QVERIFY(!asked);
        QTRY_COMPARE_WITH_TIMEOUT(w.objectList()->model()->rowCount(), Pods, Timeout);

        kube::CredentialStore store(service);
        auto *r = store.remove(QStringLiteral("locked"), kube::CredentialStore::Kind::Token);
        QSignalSpy removed(r, &kube::CredentialReply::finished);
        QVERIFY(removed.wait(Timeout));
        delete r;
    }

    void deviceCodeShownWhilePluginRuns()
    {
        QTemporaryDir state;
        const QString gate = state.filePath(QStringLiteral("signed-in"));
        const QString user
            = QStringLiteral("\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                             "      command: %1\n      args: [client.authentication.k8s.io/v1, "
                             "%2]\n      interactiveMode: Never\n      env:\n      - name: "
                             "EXEC_WAIT_FOR\n        value: %3")
                  .arg(execScript(QStringLiteral("devicecode.sh")), Token, gate);
        const QString kubeconfig = guitest::writeKubeconfig(
            m_dir.filePath(QStringLiteral("exec-kubeconfig")),
            { { QStringLiteral("sso"), m_server->url(), user, m_server->caCertificatePem() } },
            QStringLiteral("sso"));

        MainWindow w(options(kubeconfig));
        w.show();
        SignInDialog *dialog = w.signInDialog();
        // The plugin prints a URL and a code and waits for the user: both are shown, the URL
        // as a link.
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible()
                                     && dialog->transcript().contains(QLatin1String("KBRW-4821")),
                                 Timeout);
        QVERIFY(dialog->output()->toHtml().contains(
            QLatin1String("href=\"https://login.example.test/device\"")));
        QVERIFY(dialog->output()->openExternalLinks());

        // Cancel stops it: the window says so.
        QVERIFY(dialog->cancelButton()->isEnabled());
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w.lastError().contains(QLatin1String("cancelled")), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->signInAgainButton()->isEnabled(), Timeout);

        // "Sign in again" reruns it; once the user signed in, the list loads.
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        const quint64 firstRun = dialog->currentRun();
        QTest::mouseClick(dialog->signInAgainButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->currentRun() != firstRun
                                     && dialog->transcript().contains(QLatin1String("KBRW-4821")),
                                 Timeout);
        QFile(gate).open(QIODevice::WriteOnly);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && loaded.last().at(0).toBool(), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(w.objectList()->model()->rowCount(), Pods, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible(), Timeout);
    }

    void forbiddenSaysWhatWasRefused()
    {
        // A 403 on the list names the verb, the resource and the namespace.
        kube::testing::Fault fault;
        fault.statusCode = 403;
        m_server->addFault(QStringLiteral("/api/v1/namespaces/payments/pods"), fault);
        MainWindow::Options o = options(QString());
        const QString kubeconfig = guitest::writeKubeconfig(
            m_dir.filePath(QStringLiteral("rbac-kubeconfig")),
            { { QStringLiteral("rbac"), m_server->url(),
                QStringLiteral("\n    token: %1").arg(Token), m_server->caCertificatePem() } },
            QStringLiteral("rbac"));
        o.kubeconfig = kubeconfig;
        o.namespaceName = QStringLiteral("payments");
        MainWindow w(o);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::listLoaded);
        QVERIFY(loaded.wait(Timeout));
        QCOMPARE(loaded.last().at(0).toBool(), false);
        bool found = false;
        for (QLabel *l : w.objectList()->findChildren<QLabel *>()) {
            if (l->text().contains(QLatin1String("may not list pods in namespace payments")))
                found = l->isVisibleTo(&w);
        }
        QVERIFY(found);
        m_server->clearFaults();
    }
};

QTEST_MAIN(tst_SignIn)
#include "tst_signin.moc"
