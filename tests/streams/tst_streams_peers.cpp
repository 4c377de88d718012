// The independent proof that FakeApiServer's streams are the real protocols: kubectl exec
// (WebSocket v5), kubectl logs -f, and the official Python client's stream() exec and
// portforward (v4.channel.k8s.io) against it. Skips where kubectl or the Debian packages
// python3-kubernetes / python3-websocket are missing.
//
// kubectl port-forward is not here: kubectl ≥ 1.31 speaks SPDY/3.1 tunneled in a WebSocket
// (SPDY/3.1+portforward.k8s.io) with a plain SPDY upgrade as fallback, and FakeApiServer
// serves the WebSocket channel protocols only (it answers such requests with a 400 that says so).

#include "testing/fakeapiserver.h"
#include "testing/podlogs.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace kube::testing;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -2;
    QByteArray out;
    QByteArray err;
};

} // namespace

class tst_StreamsPeers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void kubectlExec_data();
    void kubectlExec();
    void kubectlExecStdin();
    void kubectlLogsFollow();
    void pythonExec_data();
    void pythonExec();
    void pythonPortForward();

private:
    Run run(const QString &program,
            const QStringList &args,
            const QByteArray &input = {},
            int timeoutMs = 60000);
    Run kubectl(const QStringList &args, const QByteArray &input = {});
    void requireKubectl();
    void requirePython();

    QString m_kubectl;
    bool m_python = false;
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_kubeconfig;
    QString m_ns;
    QString m_pod;
    int m_port = 0;
};

void tst_StreamsPeers::initTestCase()
{
    m_kubectl = QStandardPaths::findExecutable(u"kubectl"_s);
    QProcess probe;
    probe.start(u"/usr/bin/python3"_s, { u"-c"_s, u"import kubernetes.stream, websocket"_s });
    m_python = probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit
        && probe.exitCode() == 0;
}

void tst_StreamsPeers::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .pods = 6, .deployments = 2 });
    QVERIFY(m_server->start());
    m_dir = std::make_unique<QTemporaryDir>();
    m_kubeconfig = m_server->writeKubeconfig(m_dir->path());
    const QJsonObject pod = m_server->objects(QString(), u"v1"_s, u"pods"_s).last();
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
}

void tst_StreamsPeers::cleanup()
{
    m_server.reset();
}

void tst_StreamsPeers::requireKubectl()
{
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not installed (not on PATH)");
}

void tst_StreamsPeers::requirePython()
{
    if (!m_python)
        QSKIP("/usr/bin/python3 with python3-kubernetes and python3-websocket is not installed");
}

Run tst_StreamsPeers::run(const QString &program,
                          const QStringList &args,
                          const QByteArray &input,
                          int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, m_dir->path());
    env.remove(u"KUBECONFIG"_s);
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, args);
    Run r;
    if (!process.waitForStarted(10000))
        return r;
    process.write(input);
    process.closeWriteChannel();
    // The server lives on this thread: wait with the event loop running.
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

Run tst_StreamsPeers::kubectl(const QStringList &args, const QByteArray &input)
{
    return run(m_kubectl,
               QStringList { u"--kubeconfig"_s, m_kubeconfig, u"--cache-dir"_s,
                             m_dir->filePath(u"cache"_s), u"-n"_s, m_ns }
                   + args,
               input);
}

void tst_StreamsPeers::kubectlExec_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("err");
    QTest::newRow("echo") << QStringList { u"echo"_s, u"hello"_s, u"from kubectl"_s }
                          << QByteArray("hello from kubectl\n") << 0 << QByteArray();
    QTest::newRow("exit 3") << QStringList { u"sh"_s, u"-c"_s, u"echo partial; exit 3"_s }
                            << QByteArray("partial\n") << 3
                            << QByteArray("command terminated with exit code 3\n");
    QTest::newRow("env has HOSTNAME")
        << QStringList { u"printenv"_s, u"HOSTNAME"_s } << QByteArray() << 0 << QByteArray();
}

void tst_StreamsPeers::kubectlExec()
{
    requireKubectl();
    QFETCH(QStringList, command);
    QFETCH(QByteArray, out);
    const Run r = kubectl(QStringList { u"exec"_s, m_pod, u"--"_s } + command);
    QTEST(r.exitCode, "code");
    QCOMPARE(r.out, out.isEmpty() && command.first() == u"printenv" ? m_pod.toUtf8() + '\n' : out);
    QTEST(r.err, "err");
}

void tst_StreamsPeers::kubectlExecStdin()
{
    requireKubectl();
    const Run r = kubectl({ u"exec"_s, u"-i"_s, m_pod, u"--"_s, u"cat"_s }, "one\ntwo\n");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("one\ntwo\n"));
}

void tst_StreamsPeers::kubectlLogsFollow()
{
    requireKubectl();
    m_server->podLogs()->setLineInterval(std::chrono::milliseconds(20));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, m_dir->path());
    process.setProcessEnvironment(env);
    process.start(m_kubectl,
                  { u"--kubeconfig"_s, m_kubeconfig, u"-n"_s, m_ns, u"logs"_s, u"-f"_s,
                    u"--tail=2"_s, m_pod });
    QVERIFY(process.waitForStarted(10000));
    QByteArray out;
    connect(&process, &QProcess::readyReadStandardOutput, this,
            [&] { out += process.readAllStandardOutput(); });
    // Lines keep coming while kubectl follows: more than the 2 of the tail.
    QTRY_VERIFY_WITH_TIMEOUT(out.count('\n') >= 30, 60000);
    QCOMPARE(m_server->podLogs()->followerCount(), 1);
    process.kill();
    process.waitForFinished();
    static const QRegularExpression number(u"handled request (\\d+) "_s);
    qint64 previous = -1;
    for (const QByteArray &line : out.split('\n')) {
        if (line.isEmpty())
            continue;
        const qint64 n = number.match(QString::fromUtf8(line)).captured(1).toLongLong();
        if (previous >= 0)
            QCOMPARE(n, previous + 1);
        previous = n;
    }
}

void tst_StreamsPeers::pythonExec_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("expected");
    QTest::newRow("echo and exit code")
        << u"r = stream(api.connect_get_namespaced_pod_exec, POD, NS, command=['sh', '-c', "
           "'echo py; exit 4'], stderr=True, stdin=False, stdout=True, tty=False, "
           "_preload_content=False)\n"
           "r.run_forever(timeout=30)\n"
           "print(repr(r.read_stdout()), r.returncode)\n"_s
        << u"'py\\n' 4\n"_s;
}

void tst_StreamsPeers::pythonExec()
{
    requirePython();
    QFETCH(QString, script);
    const QString program = u"from kubernetes import config, client\n"
                            "from kubernetes.stream import stream\n"
                            "config.load_kube_config('%1')\n"
                            "api = client.CoreV1Api()\n"
                            "POD, NS = '%2', '%3'\n"_s.arg(m_kubeconfig, m_pod, m_ns)
        + script;
    const Run r = run(u"/usr/bin/python3"_s, { u"-c"_s, program });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QTEST(QString::fromUtf8(r.out), "expected");
}

void tst_StreamsPeers::pythonPortForward()
{
    requirePython();
    const QString program
        = u"from kubernetes import config, client\n"
          "from kubernetes.stream import portforward\n"
          "config.load_kube_config('%1')\n"
          "api = client.CoreV1Api()\n"
          "pf = portforward(api.connect_get_namespaced_pod_portforward, '%2', '%3', ports='%4')\n"
          "s = pf.socket(%4)\n"
          "s.setblocking(True)\n"
          "body = bytes(range(256)) * 4096\n"
          "s.sendall(b'POST /echo HTTP/1.1\\r\\nHost: p\\r\\nContent-Length: %5\\r\\n"
          "Connection: close\\r\\n\\r\\n' + body)\n"
          "data = b''\n"
          "while True:\n"
          "    d = s.recv(65536)\n"
          "    if not d: break\n"
          "    data += d\n"
          "head, _, payload = data.partition(b'\\r\\n\\r\\n')\n"
          "print(head.split(b'\\r\\n')[0].decode(), payload == body, len(payload))\n"_s
              .arg(m_kubeconfig, m_pod, m_ns)
              .arg(m_port)
              .arg(256 * 4096);
    const Run r = run(u"/usr/bin/python3"_s, { u"-c"_s, program });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("HTTP/1.1 200 OK True 1048576\n"));
}

QTEST_MAIN(tst_StreamsPeers)
#include "tst_streams_peers.moc"
