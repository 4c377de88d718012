// kubeclient's streams against FakeApiServer: exec over v5 and v4 (exit codes, stdin, resize),
// a followed log across a dropped connection, port-forward of 10 MB both ways and 20
// concurrent connections.

#include "streams/logstream.h"
#include "streams/portforwarder.h"
#include "streams/remotecommand.h"
#include "testing/fakeapiserver.h"
#include "testing/podlogs.h"
#include "testing/podstreamserver.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(kube::PodLogOptions)

using namespace kube;
using namespace kube::testing;
using namespace Qt::StringLiterals;

class tst_Streams : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void execOutputAndExitCode_data();
    void execOutputAndExitCode();
    void serverWithoutV5FallsBackToV4();
    void execStdin_data();
    void execStdin();
    void execTtyResize();
    void execErrors_data();
    void execErrors();
    void logsFollowSurvivesDroppedConnection();
    void logsOptions_data();
    void logsOptions();
    void portForwardTenMegabytesBothWays();
    void portForwardConcurrentConnections();
    void portForwardUndeclaredPort();

private:
    struct Exec
    {
        QByteArray out;
        QByteArray err;
        Result<int> code = 0;
        QString protocol;
    };
    Exec exec(const RemoteCommandOptions &options, const QByteArray &input = {}, bool close = true);

    std::unique_ptr<FakeApiServer> m_server;
    RestConfig m_config;
    QString m_ns;
    QString m_pod;
    int m_port = 0;
};

void tst_Streams::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .pods = 8, .deployments = 2 });
    QVERIFY(m_server->start());
    m_config.host = m_server->url();
    m_config.qps = -1; // negative: no client-side limiting (0 is the default 5, as client-go)
    const QList<QJsonObject> pods = m_server->objects(QString(), u"v1"_s, u"pods"_s);
    QVERIFY(!pods.isEmpty());
    const QJsonObject pod = pods.last();
    m_ns = pod.value(u"metadata"_s).toObject().value(u"namespace"_s).toString();
    m_pod = pod.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    m_port = pod.value(u"spec"_s)
                 .toObject()
                 .value(u"containers"_s)
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"ports"_s)
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"containerPort"_s)
                 .toInt();
    QVERIFY(m_port > 0);
}

void tst_Streams::cleanup()
{
    m_server.reset();
}

tst_Streams::Exec
tst_Streams::exec(const RemoteCommandOptions &options, const QByteArray &input, bool close)
{
    Exec r;
    std::unique_ptr<RemoteCommand> cmd(RemoteCommand::exec(m_config, m_ns, m_pod, options));
    connect(cmd.get(), &RemoteCommand::stdoutReceived, this,
            [&](const QByteArray &d) { r.out += d; });
    connect(cmd.get(), &RemoteCommand::stderrReceived, this,
            [&](const QByteArray &d) { r.err += d; });
    QSignalSpy finished(cmd.get(), &RemoteCommand::finished);
    if (!input.isEmpty())
        cmd->writeStdin(input);
    if (close)
        cmd->closeStdin();
    if (!finished.wait(30000)) {
        r.code = Error::make(Error::Kind::Timeout, u"no finished() in 30 s"_s);
        return r;
    }
    r.code = cmd->exitCode();
    r.protocol = cmd->protocol();
    return r;
}

void tst_Streams::execOutputAndExitCode_data()
{
    QTest::addColumn<QStringList>("protocols");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<QByteArray>("err");
    QTest::addColumn<int>("code");
    const QStringList v5v4 { u"v5.channel.k8s.io"_s, u"v4.channel.k8s.io"_s };
    const QStringList v4 { u"v4.channel.k8s.io"_s };
    for (const auto &[name, protocols] : { std::pair { "v5", v5v4 }, std::pair { "v4", v4 } }) {
        QTest::addRow("%s echo", name)
            << protocols << QStringList { u"echo"_s, u"hello"_s, u"world"_s }
            << QByteArray("hello world\n") << QByteArray() << 0;
        QTest::addRow("%s exit 3", name)
            << protocols << QStringList { u"sh"_s, u"-c"_s, u"echo before; exit 3"_s }
            << QByteArray("before\n") << QByteArray() << 3;
        QTest::addRow("%s false", name)
            << protocols << QStringList { u"false"_s } << QByteArray() << QByteArray() << 1;
        QTest::addRow("%s not found in sh", name)
            << protocols << QStringList { u"sh"_s, u"-c"_s, u"nosuch"_s } << QByteArray()
            << QByteArray("sh: nosuch: not found\n") << 127;
        QTest::addRow("%s exit 255", name)
            << protocols << QStringList { u"sh"_s, u"-c"_s, u"exit 255"_s } << QByteArray()
            << QByteArray() << 255;
    }
}

void tst_Streams::execOutputAndExitCode()
{
    QFETCH(QStringList, protocols);
    QFETCH(QStringList, command);
    RemoteCommandOptions o;
    o.command = command;
    o.protocols = protocols;
    const Exec r = exec(o);
    QVERIFY2(r.code, qPrintable(r.code ? QString() : r.code.error().message));
    QCOMPARE(r.protocol, protocols.first());
    QTEST(r.out, "out");
    QTEST(r.err, "err");
    QTEST(*r.code, "code");
}

void tst_Streams::serverWithoutV5FallsBackToV4()
{
    m_server->podStreams()->setSubprotocols({ u"v4.channel.k8s.io"_s, u"portforward.k8s.io"_s });
    RemoteCommandOptions o;
    o.command = { u"sh"_s, u"-c"_s, u"hostname; exit 4"_s };
    const Exec r = exec(o);
    QVERIFY(r.code);
    QCOMPARE(r.protocol, u"v4.channel.k8s.io"_s);
    QCOMPARE(r.out, m_pod.toUtf8() + '\n');
    QCOMPARE(*r.code, 4);
}

void tst_Streams::execStdin_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<int>("code");
    QByteArray big;
    for (int i = 0; i < 20000; ++i)
        big += "line " + QByteArray::number(i) + '\n';
    QTest::newRow("cat") << QStringList { u"cat"_s } << QByteArray("abc\ndef\n")
                         << QByteArray("abc\ndef\n") << 0;
    QTest::newRow("cat 200 KB") << QStringList { u"cat"_s } << big << big << 0;
    QTest::newRow("sh reads lines")
        << QStringList { u"sh"_s } << QByteArray("echo one\nhostname\nexit 6\necho never\n")
        << QByteArray("one\n") + m_pod.toUtf8() + '\n'
        << 6;
}

void tst_Streams::execStdin()
{
    QFETCH(QStringList, command);
    QFETCH(QByteArray, input);
    RemoteCommandOptions o;
    o.command = command;
    o.useStdin = true;
    const Exec r = exec(o, input);
    QVERIFY2(r.code, qPrintable(r.code ? QString() : r.code.error().message));
    QCOMPARE(r.protocol, u"v5.channel.k8s.io"_s); // half-close needs v5
    QTEST(r.out, "out");
    QTEST(*r.code, "code");
}

void tst_Streams::execTtyResize()
{
    QSignalSpy resized(m_server->podStreams(), &PodStreamServer::resized);
    RemoteCommandOptions o;
    o.command = { u"sh"_s };
    o.useStdin = true;
    o.tty = true;
    std::unique_ptr<RemoteCommand> cmd(RemoteCommand::exec(m_config, m_ns, m_pod, o));
    QByteArray out;
    connect(cmd.get(), &RemoteCommand::stdoutReceived, this,
            [&](const QByteArray &d) { out += d; });
    QSignalSpy finished(cmd.get(), &RemoteCommand::finished);
    cmd->resize(120, 40);
    cmd->writeStdin("stty size\r");
    QTRY_VERIFY_WITH_TIMEOUT(out.contains("40 120\r\n"), 30000);
    cmd->resize(90, 30);
    QTRY_COMPARE_WITH_TIMEOUT(resized.size(), 2, 30000);
    QCOMPARE(resized.last().at(0).toInt(), 90);
    QCOMPARE(resized.last().at(1).toInt(), 30);
    cmd->writeStdin("stty size\rexit 9\r");
    QVERIFY(finished.wait(30000));
    QVERIFY(out.contains("30 90\r\n"));
    QVERIFY(out.contains("/ # ")); // the prompt of a terminal
    QCOMPARE(cmd->exitCode().value(), 9);
}

void tst_Streams::execErrors_data()
{
    QTest::addColumn<QString>("pod");
    QTest::addColumn<QString>("container");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<int>("httpCode");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no such pod") << u"nope"_s << QString() << QStringList { u"ls"_s } << 404
                                 << QString();
    QTest::newRow("no such container")
        << QString() << u"nope"_s << QStringList { u"ls"_s } << 400 << QString();
    QTest::newRow("executable not found")
        << QString() << QString() << QStringList { u"nosuch"_s } << 500 << u"InternalError"_s;
}

void tst_Streams::execErrors()
{
    QFETCH(QString, pod);
    QFETCH(QString, container);
    QFETCH(QStringList, command);
    RemoteCommandOptions o;
    o.command = command;
    o.container = container;
    std::unique_ptr<RemoteCommand> cmd(
        RemoteCommand::exec(m_config, m_ns, pod.isEmpty() ? m_pod : pod, o));
    QSignalSpy finished(cmd.get(), &RemoteCommand::finished);
    QVERIFY(finished.wait(30000));
    const Result<int> code = cmd->exitCode();
    QVERIFY(!code);
    QVERIFY2(code.error().kind == Error::Kind::Status, qPrintable(code.error().message));
    QTEST(code.error().httpCode, "httpCode");
    QTEST(code.error().reason, "reason");
    QVERIFY(!code.error().message.isEmpty());
}

void tst_Streams::logsFollowSurvivesDroppedConnection()
{
    m_server->podLogs()->setLineInterval(std::chrono::milliseconds(20));
    PodLogOptions o;
    o.follow = true;
    o.tailLines = 5;
    LogStream stream(m_config, m_ns, m_pod, o);
    QList<qint64> numbers;
    static const QRegularExpression number(u"handled request (\\d+) "_s);
    connect(&stream, &LogStream::linesReceived, this, [&](const QList<LogLine> &lines) {
        for (const LogLine &l : lines) {
            QVERIFY(l.timeNs > 0);
            QVERIFY(!l.text.startsWith("20")); // the timestamp was not asked for: stripped
            numbers << number.match(QString::fromUtf8(l.text)).captured(1).toLongLong();
        }
    });
    QSignalSpy resuming(&stream, &LogStream::resuming);
    stream.start();
    QTRY_VERIFY_WITH_TIMEOUT(numbers.size() >= 20, 30000);
    m_server->podLogs()->dropFollowers();
    QVERIFY(resuming.wait(30000));
    const qsizetype before = numbers.size();
    QTRY_VERIFY_WITH_TIMEOUT(numbers.size() >= before + 30, 30000);
    m_server->podLogs()->dropFollowers();
    QTRY_VERIFY_WITH_TIMEOUT(resuming.size() == 2, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(numbers.size() >= before + 60, 30000);
    stream.stop();
    QVERIFY(!stream.error());
    // Every line exactly once, in order, across both drops.
    for (qsizetype i = 1; i < numbers.size(); ++i)
        QCOMPARE(numbers.at(i), numbers.at(i - 1) + 1);
}

void tst_Streams::logsOptions_data()
{
    QTest::addColumn<PodLogOptions>("options");
    QTest::addColumn<int>("lines");
    QTest::addColumn<bool>("timestamps");
    QTest::newRow("tail 3") << PodLogOptions { .tailLines = 3 } << 3 << false;
    QTest::newRow("tail 0") << PodLogOptions { .tailLines = 0 } << 0 << false;
    QTest::newRow("timestamps") << PodLogOptions { .timestamps = true, .tailLines = 4 } << 4
                                << true;
    QTest::newRow("limitBytes") << PodLogOptions { .limitBytes = 10 } << 1 << false;
}

void tst_Streams::logsOptions()
{
    QFETCH(PodLogOptions, options);
    LogStream stream(m_config, m_ns, m_pod, options);
    QList<LogLine> got;
    connect(&stream, &LogStream::linesReceived, this, [&](const QList<LogLine> &l) { got += l; });
    QSignalSpy finished(&stream, &LogStream::finished);
    stream.start();
    QVERIFY(finished.wait(30000));
    QVERIFY(!stream.error());
    QTEST(int(got.size()), "lines");
    QFETCH(bool, timestamps);
    for (const LogLine &l : std::as_const(got))
        QCOMPARE(LogStream::parseTimestampNs(l.text.left(l.text.indexOf(' '))) > 0, timestamps);
}

void tst_Streams::portForwardTenMegabytesBothWays()
{
    PortForwarder forwarder(m_config, m_ns, m_pod, { { 0, quint16(m_port) } });
    forwarder.start();
    QVERIFY(forwarder.isRunning());
    const quint16 local = forwarder.mappings().first().local;
    QVERIFY(local > 0);
    QByteArray body(10 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char((i * 7919) >> 3);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, local);
    QVERIFY(socket.waitForConnected(10000) || socket.state() == QAbstractSocket::ConnectedState);
    socket.write("POST /echo HTTP/1.1\r\nHost: pod\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n");
    socket.write(body);
    QByteArray response;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { response += socket.readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState
                                 || response.size() >= body.size() + 60,
                             60000);
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 30000);
    response += socket.readAll();
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    QVERIFY(headerEnd > 0);
    QVERIFY(response.startsWith("HTTP/1.1 200 OK"));
    QCOMPARE(response.size() - headerEnd - 4, body.size());
    QVERIFY(response.mid(headerEnd + 4) == body);
    QTRY_COMPARE_WITH_TIMEOUT(forwarder.activeConnections(), 0, 30000);
    QCOMPARE(forwarder.totalConnections(), 1);
    QVERIFY(forwarder.bytesSent() > body.size());
    QVERIFY(forwarder.bytesReceived() > body.size());
}

void tst_Streams::portForwardConcurrentConnections()
{
    PortForwarder forwarder(m_config, m_ns, m_pod, { { 0, quint16(m_port) } });
    QSignalSpy opened(&forwarder, &PortForwarder::connectionOpened);
    forwarder.start();
    QVERIFY(forwarder.isRunning());
    const quint16 local = forwarder.mappings().first().local;
    constexpr int count = 20;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    QList<QByteArray> responses(count);
    for (int i = 0; i < count; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        QTcpSocket *s = sockets.back().get();
        connect(s, &QTcpSocket::readyRead, this,
                [&responses, s, i] { responses[i] += s->readAll(); });
        s->connectToHost(QHostAddress::LocalHost, local);
        // Different sizes, so that answers crossing connections would show.
        s->write("GET /bytes/" + QByteArray::number(1000 * (i + 1))
                 + " HTTP/1.1\r\nHost: pod\r\nConnection: close\r\n\r\n");
    }
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), count, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(forwarder.activeConnections(), 0, 60000);
    for (int i = 0; i < count; ++i) {
        const QByteArray &r = responses.at(i);
        const qsizetype headerEnd = r.indexOf("\r\n\r\n");
        QVERIFY2(headerEnd > 0, qPrintable(u"connection %1 got no answer"_s.arg(i)));
        const QByteArray payload = r.mid(headerEnd + 4);
        QCOMPARE(payload.size(), 1000 * (i + 1));
        QCOMPARE(payload.at(payload.size() - 1), char('a' + (payload.size() - 1) % 26));
    }
    QCOMPARE(forwarder.totalConnections(), count);
}

void tst_Streams::portForwardUndeclaredPort()
{
    PortForwarder forwarder(m_config, m_ns, m_pod, { { 0, 1 } });
    QSignalSpy errors(&forwarder, &PortForwarder::connectionError);
    forwarder.start();
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, forwarder.mappings().first().local);
    s.write("GET / HTTP/1.1\r\nHost: pod\r\n\r\n");
    QVERIFY(errors.wait(30000));
    QVERIFY(errors.first().first().toString().contains(u"connection refused"_s));
    QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, 30000);
    QVERIFY(forwarder.isRunning()); // one failed connection does not end the forward
}

QTEST_MAIN(tst_Streams)
#include "tst_streams.moc"
