#include "testing/fakeapiserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using kube::testing::FakeApiServer;
using kube::testing::WatchFaults;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(kube::testing::WatchFaults)

// kubrowser-cli get -w on a reflector: it keeps printing across server-ended watches, cut
// connections and 410 relists, and the printed events always rebuild the server's state.

namespace {

const QString Ns = QStringLiteral("team-a");

QJsonObject podJson(const QString &name, const QString &phase = QStringLiteral("Running"))
{
    return QJsonObject {
        { "metadata", QJsonObject { { "name", name }, { "namespace", Ns } } },
        { "spec",
          QJsonObject {
              { "containers",
                QJsonArray { QJsonObject { { "name", "c" }, { "image", "nginx" } } } } } },
        { "status", QJsonObject { { "phase", phase } } },
    };
}

class Watcher
{
public:
    Watcher(const QString &program, const QStringList &args, const QString &home)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home);
        env.remove(QStringLiteral("KUBECONFIG"));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(program, args);
        m_process.waitForStarted(10000);
    }
    ~Watcher()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    //! Waits until the output has at least \a lines lines.
    bool waitForLines(int lines, int timeoutMs = 20000)
    {
        QEventLoop loop;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        const auto check = [&] {
            m_out += m_process.readAllStandardOutput();
            if (m_out.count('\n') >= lines)
                loop.quit();
        };
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &loop, check);
        QObject::connect(&m_process, &QProcess::finished, &loop, &QEventLoop::quit);
        check();
        if (m_out.count('\n') < lines && m_process.state() == QProcess::Running)
            loop.exec();
        m_out += m_process.readAllStandardOutput();
        return m_out.count('\n') >= lines;
    }
    QList<QByteArray> lines() const
    {
        QList<QByteArray> out = m_out.split('\n');
        if (!out.isEmpty() && out.last().isEmpty())
            out.removeLast();
        return out;
    }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    QByteArray errors() { return m_process.readAllStandardError(); }

private:
    QProcess m_process;
    QByteArray m_out;
};

//! Replays "EVENT NAME ..." lines into the set of names they describe.
QSet<QString> replay(const QList<QByteArray> &lines, QStringList *problems)
{
    QSet<QString> names;
    for (const QByteArray &line : lines.mid(1)) { // after the header
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 2)
            continue;
        const QString name = QString::fromUtf8(f.at(1));
        if (f.at(0) == "ADDED") {
            if (names.contains(name))
                problems->append(QStringLiteral("ADDED twice: ") + name);
            names.insert(name);
        } else if (f.at(0) == "MODIFIED") {
            if (!names.contains(name))
                problems->append(QStringLiteral("MODIFIED unknown: ") + name);
        } else if (f.at(0) == "DELETED") {
            if (!names.remove(name))
                problems->append(QStringLiteral("DELETED unknown: ") + name);
        } else {
            problems->append(QStringLiteral("not an event line: ") + QString::fromUtf8(line));
        }
    }
    return names;
}

} // namespace

class tst_GetWatch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void keepsWatchingAndRebuildsState_data();
    void keepsWatchingAndRebuildsState();
    void eventColumnLikeKubectl();

private:
    QStringList args(const QStringList &extra) const
    {
        return QStringList { QStringLiteral("--kubeconfig"), m_kubeconfig,
                             QStringLiteral("--cache-dir"), m_dir.filePath("cache") }
        + extra;
    }
    QSet<QString> serverNames() const
    {
        QSet<QString> out;
        for (const QJsonObject &o : m_server->objects({}, "v1", "pods", Ns))
            out.insert(o.value("metadata").toObject().value("name").toString());
        return out;
    }

    QString m_cli = QStringLiteral(KUBE_BINARY_DIR "/app/cli/kubrowser-cli");
    QTemporaryDir m_dir;
    QString m_kubeconfig;
    std::unique_ptr<FakeApiServer> m_server;
};

void tst_GetWatch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    if (!QFile::exists(m_cli))
        QSKIP("kubrowser-cli is not built");
}

void tst_GetWatch::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .namespaces = 1, .pods = 0, .deployments = 0, .nodes = 1 });
    QVERIFY(m_server->start());
    for (int i = 0; i < 5; ++i)
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("pod-%1").arg(i)));
    m_kubeconfig = m_server->writeKubeconfig(m_dir.path());
}

void tst_GetWatch::cleanup()
{
    m_server.reset();
}

void tst_GetWatch::keepsWatchingAndRebuildsState_data()
{
    QTest::addColumn<WatchFaults>("faults");
    QTest::newRow("server ends watches") << WatchFaults { .endAfter = 300ms };
    QTest::newRow("connections cut") << WatchFaults { .cutAfter = 300ms };
    QTest::newRow("410 on every resumption")
        << WatchFaults { .endAfter = 300ms, .expireResumptions = -1 };
}

void tst_GetWatch::keepsWatchingAndRebuildsState()
{
    QFETCH(WatchFaults, faults);
    m_server->setWatchFaults(faults);
    Watcher w(m_cli, args({ "get", "pods", "-n", Ns, "-w", "--output-watch-events" }),
              m_dir.path());
    QVERIFY(w.waitForLines(1 + 5));
    QVERIFY(w.lines().first().startsWith("EVENT"));
    // Pods come, change and go while the server misbehaves for many watch lifetimes.
    for (int i = 0; i < 12; ++i) {
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("new-%1").arg(i)));
        if (i < 5)
            m_server->removeObject({}, "v1", "pods", Ns, QStringLiteral("pod-%1").arg(i));
        m_server->addObject({}, "v1", "pods", podJson(QStringLiteral("new-%1").arg(i), "Failed"));
        QTest::qWait(150);
    }
    // Cut connections and 410s back off (800 ms doubling, as client-go): three rounds suffice.
    QTRY_VERIFY_WITH_TIMEOUT(m_server->watchRequestCount() >= 4, 60000);
    m_server->setWatchFaults({});
    m_server->addObject({}, "v1", "pods", podJson("last"));
    // The printed stream rebuilds exactly the server's pods, without duplicates.
    QStringList problems;
    QElapsedTimer clock;
    clock.start();
    while (!replay(w.lines(), &problems).contains("last") && clock.elapsed() < 30000)
        w.waitForLines(int(w.lines().size()) + 1, 500);
    problems.clear();
    QCOMPARE(replay(w.lines(), &problems), serverNames());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    QVERIFY2(w.isRunning(), w.errors().constData());
}

void tst_GetWatch::eventColumnLikeKubectl()
{
    const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    // Both print the current pods as ADDED events with kubectl's columns, EVENT first; with -A
    // NAMESPACE comes after EVENT.
    for (const QStringList &scope : { QStringList { "-n", Ns }, QStringList { "-A" } }) {
        const QStringList a
            = QStringList { "get", "pods" } + scope + QStringList { "-w", "--output-watch-events" };
        Watcher ours(m_cli, args(a), m_dir.path());
        Watcher theirs(kubectl,
                       QStringList { "--kubeconfig", m_kubeconfig, "--cache-dir",
                                     m_dir.filePath("kubectl-cache") }
                           + a,
                       m_dir.path());
        const int expected = 1
            + int(m_server->objects({}, "v1", "pods", scope.size() == 2 ? Ns : QString()).size());
        QVERIFY(ours.waitForLines(expected));
        QVERIFY(theirs.waitForLines(expected));
        // The AGE cell is the server's, computed when each tool's list was answered: it may
        // differ by a second. Everything else must be equal.
        const auto withoutAge = [](const QList<QByteArray> &lines) {
            QList<QByteArray> out;
            for (const QByteArray &l : lines)
                out << l.left(l.trimmed().lastIndexOf(' ')).trimmed();
            return out;
        };
        QCOMPARE(ours.lines().first(), theirs.lines().first());
        QCOMPARE(withoutAge(ours.lines().mid(0, expected)),
                 withoutAge(theirs.lines().mid(0, expected)));
    }
}

QTEST_GUILESS_MAIN(tst_GetWatch)
#include "tst_getwatch.moc"
