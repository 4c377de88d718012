// The port-forward manager against FakeApiServer (whose pods answer HTTP on their declared
// ports): forwards from a pod, a Deployment and a Service (named targetPort), a real HTTP
// request through the local port, connection and byte counts, stop freeing the local port,
// and forwards living on while the window shows something else.

#include "objectdetailsview.h"
#include "portforwardmanager.h"
#include "portforwardspanel.h"
#include "streamscontroller.h"
#include "streamsfixture.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace kube;
using namespace kube::ui;
using namespace streamstest;
using kube::testing::FakeApiServer;

Q_DECLARE_METATYPE(kube::ui::PortForwardRequest)

namespace {

// One HTTP/1.1 exchange through the forward; the whole answer (headers and body).
QByteArray httpGet(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(10000))
        return "connect failed: " + socket.errorString().toUtf8();
    socket.write("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    QElapsedTimer t;
    t.start();
    while (socket.state() == QAbstractSocket::ConnectedState && t.elapsed() < 30000) {
        // Waiting here keeps the test's event loop (and so the relay) running.
        QTest::qWait(10);
        answer += socket.readAll();
    }
    answer += socket.readAll();
    return answer;
}

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

} // namespace

class tst_PortForwardManager : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void forwardsHttp_data();
    void forwardsHttp();
    void stopFreesTheLocalPort();
    void failuresAreSentences_data();
    void failuresAreSentences();
    void panelStartsForwardOfSelectedObject();
    void forwardsOutliveWhatTheWindowShows();

private:
    std::unique_ptr<FakeApiServer> m_server;
};

void tst_PortForwardManager::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .pods = 10, .deployments = 1 });
    addPod(*m_server,
           { .name = QStringLiteral("pf-0"), .app = QStringLiteral("pf"), .port = 8080 });
    m_server->addObject(
        QString(), QStringLiteral("v1"), QStringLiteral("services"),
        QJsonObject {
            { QStringLiteral("metadata"),
              QJsonObject { { QStringLiteral("name"), QStringLiteral("pf-svc") },
                            { QStringLiteral("namespace"), QStringLiteral("default") } } },
            { QStringLiteral("spec"),
              QJsonObject {
                  { QStringLiteral("selector"),
                    QJsonObject { { QStringLiteral("app"), QStringLiteral("pf") } } },
                  { QStringLiteral("ports"),
                    QJsonArray { QJsonObject {
                        { QStringLiteral("name"), QStringLiteral("web") },
                        { QStringLiteral("port"), 80 },
                        { QStringLiteral("targetPort"), QStringLiteral("http") } } } } } } });
    QVERIFY(m_server->start());
}

void tst_PortForwardManager::forwardsHttp_data()
{
    QTest::addColumn<PortForwardRequest>("request");
    QTest::addColumn<bool>("chooseLocal");
    const QString ns = QStringLiteral("default");
    QTest::newRow("pod, automatic local port")
        << PortForwardRequest { .ns = ns,
                                .kind = QStringLiteral("Pod"),
                                .name = QStringLiteral("pf-0"),
                                .port = 8080,
                                .portName = QStringLiteral("http") }
        << false;
    QTest::newRow("pod, chosen local port")
        << PortForwardRequest { .ns = ns,
                                .kind = QStringLiteral("Pod"),
                                .name = QStringLiteral("pf-0"),
                                .port = 8080,
                                .portName = QStringLiteral("http") }
        << true;
    QTest::newRow("deployment (its selector)")
        << PortForwardRequest { .ns = ns,
                                .kind = QStringLiteral("Deployment"),
                                .name = QStringLiteral("pf"),
                                .selector = QStringLiteral("app=pf"),
                                .port = 8080,
                                .portName = QStringLiteral("http") }
        << false;
    QTest::newRow("service, named targetPort")
        << PortForwardRequest { .ns = ns,
                                .kind = QStringLiteral("Service"),
                                .name = QStringLiteral("pf-svc"),
                                .selector = QStringLiteral("app=pf"),
                                .port = 80,
                                .targetPort = QStringLiteral("http"),
                                .portName = QStringLiteral("web") }
        << false;
}

void tst_PortForwardManager::forwardsHttp()
{
    QFETCH(PortForwardRequest, request);
    QFETCH(bool, chooseLocal);
    PortForwardManager manager;
    QAbstractItemModelTester tester(&manager,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    if (chooseLocal)
        request.localPort = freePort();
    QSignalSpy ready(&manager, &PortForwardManager::forwardReady);
    const int id = manager.start(configFor(*m_server), request);
    QCOMPARE(manager.rowCount(), 1);
    QVERIFY(ready.wait(30000));
    QCOMPARE(manager.status(id), PortForwardManager::Status::Active);
    const quint16 local = manager.localPort(id);
    QVERIFY(local > 0);
    if (chooseLocal)
        QCOMPARE(local, request.localPort);
    QCOMPARE(manager.podName(id), QStringLiteral("pf-0"));
    QCOMPARE(manager.remotePort(id), quint16(8080));
    QCOMPARE(manager.browserUrl(id), QUrl(QStringLiteral("http://localhost:%1/").arg(local)));

    const QByteArray answer = httpGet(local, "/");
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY2(answer.contains("Hello from default/pf-0 port 8080"), answer.constData());
    QTRY_COMPARE_WITH_TIMEOUT(manager.totalConnections(id), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(manager.bytesReceived(id), qint64(answer.size()), 20000);
    QVERIFY(manager.bytesSent(id) > 40);
    // The table says so too.
    const int row = manager.rowOf(id);
    QTRY_VERIFY_WITH_TIMEOUT(manager.data(manager.index(row, PortForwardManager::Connections))
                                 .toString()
                                 .contains(QStringLiteral("1 total")),
                             20000);
    QCOMPARE(manager.data(manager.index(row, PortForwardManager::Local)).toInt(), int(local));

    // A bigger body, to count bytes that span many WebSocket frames.
    const QByteArray big = httpGet(local, "/bytes/300000");
    QVERIFY2(big.startsWith("HTTP/1.1 200"), big.left(200).constData());
    QTRY_COMPARE_WITH_TIMEOUT(manager.bytesReceived(id), qint64(answer.size() + big.size()), 20000);
    QCOMPARE(manager.totalConnections(id), 2);
    manager.stopAll();
}

void tst_PortForwardManager::stopFreesTheLocalPort()
{
    PortForwardManager manager;
    QSignalSpy ready(&manager, &PortForwardManager::forwardReady);
    QSignalSpy stopped(&manager, &PortForwardManager::forwardStopped);
    const int id = manager.start(
        configFor(*m_server),
        { .ns = QStringLiteral("default"), .name = QStringLiteral("pf-0"), .port = 8080 });
    QVERIFY(ready.wait(30000));
    const quint16 local = manager.localPort(id);
    QVERIFY(httpGet(local, "/").contains("Hello from"));
    {
        QTcpServer taken;
        QVERIFY(!taken.listen(QHostAddress::LocalHost, local)); // in use by the forward
    }
    manager.stop(id);
    QCOMPARE(stopped.size(), 1);
    QCOMPARE(manager.status(id), PortForwardManager::Status::Stopped);
    QTcpServer again;
    QVERIFY2(again.listen(QHostAddress::LocalHost, local), qPrintable(again.errorString()));
    again.close();
    // The counts stay readable after the stop; Clear finished removes the row.
    QCOMPARE(manager.totalConnections(id), 1);
    QVERIFY(manager.bytesReceived(id) > 0);
    QCOMPARE(manager.activeCount(), 0);
    manager.removeFinished();
    QCOMPARE(manager.rowCount(), 0);
}

void tst_PortForwardManager::failuresAreSentences_data()
{
    QTest::addColumn<PortForwardRequest>("request");
    QTest::addColumn<QString>("words");
    QTest::newRow("selector without pods")
        << PortForwardRequest { .ns = QStringLiteral("default"),
                                .kind = QStringLiteral("Deployment"),
                                .name = QStringLiteral("ghost"),
                                .selector = QStringLiteral("app=ghost"),
                                .port = 80 }
        << QStringLiteral("No running pod matches Deployment ghost");
    QTest::newRow("service without selector")
        << PortForwardRequest { .ns = QStringLiteral("default"),
                                .kind = QStringLiteral("Service"),
                                .name = QStringLiteral("external"),
                                .port = 80 }
        << QStringLiteral("has no selector");
    QTest::newRow("named targetPort the pod lacks")
        << PortForwardRequest { .ns = QStringLiteral("default"),
                                .kind = QStringLiteral("Service"),
                                .name = QStringLiteral("pf-svc"),
                                .selector = QStringLiteral("app=pf"),
                                .port = 80,
                                .targetPort = QStringLiteral("grpc") }
        << QStringLiteral("no container port named \"grpc\"");
}

void tst_PortForwardManager::failuresAreSentences()
{
    QFETCH(PortForwardRequest, request);
    QFETCH(QString, words);
    PortForwardManager manager;
    QSignalSpy failed(&manager, &PortForwardManager::forwardFailed);
    const int id = manager.start(configFor(*m_server), request);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
    QCOMPARE(manager.status(id), PortForwardManager::Status::Failed);
    QVERIFY2(manager.errorText(id).contains(words), qPrintable(manager.errorText(id)));
    QVERIFY(manager.data(manager.index(0, PortForwardManager::State))
                .toString()
                .startsWith(QStringLiteral("Failed: ")));
    QVERIFY(!manager.browserUrl(id).isValid());
}

void tst_PortForwardManager::panelStartsForwardOfSelectedObject()
{
    PortForwardManager manager;
    PortForwardsPanel panel(&manager);
    panel.show();
    panel.setConfig(configFor(*m_server));
    ObjectFacts svc;
    svc.kind = QStringLiteral("Service");
    svc.name = QStringLiteral("pf-svc");
    svc.ns = QStringLiteral("default");
    svc.selector = QStringLiteral("app=pf");
    svc.ports.append({ QStringLiteral("web"), 80, QStringLiteral("http"), QStringLiteral("TCP") });
    svc.ports.append({ QStringLiteral("dns"), 53, QString(), QStringLiteral("UDP") });
    panel.setObject(svc);
    QCOMPARE(panel.portBox()->count(), 1); // UDP cannot be forwarded
    QCOMPARE(panel.portBox()->itemText(0), QStringLiteral("80 (web)"));
    QSignalSpy ready(&manager, &PortForwardManager::forwardReady);
    QTest::mouseClick(panel.startButton(), Qt::LeftButton);
    QVERIFY(ready.wait(30000));
    const int id = ready.first().first().toInt();
    QVERIFY(httpGet(manager.localPort(id), "/").contains("Hello from default/pf-0 port 8080"));
    QTRY_VERIFY_WITH_TIMEOUT(panel.stopButton()->isEnabled(), 10000);
    QVERIFY(panel.browserButton()->isEnabled());
    QTest::mouseClick(panel.stopButton(), Qt::LeftButton);
    QCOMPARE(manager.status(id), PortForwardManager::Status::Stopped);
}

void tst_PortForwardManager::forwardsOutliveWhatTheWindowShows()
{
    QWidget window;
    ObjectDetailsView details(&window);
    auto *controller = new StreamsController(&details, &window);
    controller->setSession(configFor(*m_server), QString(), QStringLiteral("fake"));
    controller->setObject(
        podFacts({ .name = QStringLiteral("pf-0"), .app = QStringLiteral("pf") }));
    QVERIFY(controller->forwardAction()->isEnabled());
    QVERIFY(controller->shellAction()->isEnabled());
    QSignalSpy ready(controller->portForwards(), &PortForwardManager::forwardReady);
    const int id = controller->portForwardsPanel()->startForward(8080, 0);
    QVERIFY(ready.wait(30000));
    const quint16 local = controller->portForwards()->localPort(id);
    // Another object, no object, another session: the forward goes on.
    ObjectFacts ns;
    ns.kind = QStringLiteral("Namespace");
    ns.name = QStringLiteral("default");
    controller->setObject(ns);
    QVERIFY(!controller->forwardAction()->isEnabled());
    QVERIFY(!controller->shellAction()->isEnabled());
    controller->clearObject();
    controller->setSession(configFor(*m_server), QString(), QStringLiteral("other"));
    QCOMPARE(controller->portForwards()->status(id), PortForwardManager::Status::Active);
    QVERIFY(httpGet(local, "/").contains("Hello from default/pf-0"));
}

QTEST_MAIN(tst_PortForwardManager)
#include "tst_portforwardmanager.moc"
