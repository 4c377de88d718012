// Faults of the discovery disk cache (the folder kubectl shares): the disk full while writing
// it, the process killed while writing it, files left half-written by someone else, and
// kubectl writing the same folder at the same time. The cache must stay valid: every file is
// whole JSON or absent, and a later run reads it or refetches; a run never fails because of it.

#include "discovery/discoveryreply.h"
#include "discovery/diskcachediscovery.h"
#include "rest/restconfig.h"
#include "testing/fakeapiserver.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace kube;
using kube::testing::FakeApiServer;
using namespace std::chrono_literals;

namespace {

constexpr int WaitMs = 120'000;

QString cliPath()
{
    return QStringLiteral(KUBE_BINARY_DIR "/app/cli/kubrowser-cli");
}

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
};

QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("KUBECONFIG"));
    env.remove(QStringLiteral("KUBECACHEDIR"));
    return env;
}

//! Waits for \a p while this thread's event loop serves the fake server.
Run finish(QProcess &p)
{
    Run run;
    QElapsedTimer t;
    t.start();
    while (p.state() != QProcess::NotRunning && t.elapsed() < WaitMs)
        QTest::qWait(5);
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        return run;
    }
    run.exitCode = p.exitCode();
    run.status = p.exitStatus();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

Run runProgram(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(cleanEnvironment());
    p.start(program, args);
    return finish(p);
}

//! Every file under \a dir: JSON files that do not parse, and files that are not *.json.
struct CacheCheck
{
    QStringList invalid;
    QStringList other;
    int json = 0;
};

CacheCheck checkCache(const QString &dir)
{
    CacheCheck c;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.endsWith(QLatin1String(".json"))) {
            c.other.append(path);
            continue;
        }
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            c.invalid.append(path);
            continue;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            c.invalid.append(path);
        else
            ++c.json;
    }
    return c;
}

int countFiles(const QString &dir)
{
    int n = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

//! Lowers RLIMIT_FSIZE for this process (writes past it fail with EFBIG) until destroyed.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN); // fail the write instead of killing us
        rlimit lowered = m_saved;
        lowered.rlim_cur = bytes;
        m_ok = setrlimit(RLIMIT_FSIZE, &lowered) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    bool ok() const { return m_ok; }

private:
    rlimit m_saved {};
    void (*m_oldHandler)(int) = nullptr;
    bool m_ok = false;
};

QStringList resourceNames(const DiscoveryData &d)
{
    QStringList out;
    for (const APIResourceList &l : d.resources)
        for (const APIResource &r : l.resources)
            out.append(l.groupVersion + u'/' + r.name);
    out.sort();
    return out;
}

} // namespace

class tst_CacheFaults : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void diskFullInProcess_data();
    void diskFullInProcess();
    void diskFullCli_data();
    void diskFullCli();
    void halfWrittenFiles_data();
    void halfWrittenFiles();
    void killedDuringWrite();
    void kubectlWritesAtTheSameTime_data();
    void kubectlWritesAtTheSameTime();

private:
    QStringList cli(const QString &cacheDir, const QStringList &args) const
    {
        return QStringList { QStringLiteral("--kubeconfig"), m_kubeconfig,
                             QStringLiteral("--cache-dir"), cacheDir }
        + args;
    }
    QByteArray reference(); //!< api-resources output with no fault

    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_kubeconfig;
    QByteArray m_reference;
};

void tst_CacheFaults::init()
{
    m_server = std::make_unique<FakeApiServer>();
    // Many group-versions: many files, and a write phase long enough to be killed inside.
    m_server->loadStockCluster({ .namespaces = 1, .pods = 5, .crdGroups = 150 });
    QVERIFY(m_server->start());
    m_dir = std::make_unique<QTemporaryDir>();
    m_kubeconfig = m_server->writeKubeconfig(m_dir->path());
    m_reference.clear();
}

void tst_CacheFaults::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

QByteArray tst_CacheFaults::reference()
{
    if (m_reference.isEmpty()) {
        const Run run
            = runProgram(cliPath(), cli(m_dir->filePath("reference-cache"), { "api-resources" }));
        if (run.exitCode == 0)
            m_reference = run.out;
    }
    return m_reference;
}

void tst_CacheFaults::diskFullInProcess_data()
{
    QTest::addColumn<int>("limit");
    QTest::newRow("no byte can be written") << 0;
    QTest::newRow("files over 2 KiB cannot be written") << 2048;
    QTest::newRow("files over 16 KiB cannot be written") << 16384;
}

void tst_CacheFaults::diskFullInProcess()
{
    // Writes to the cache fail (EFBIG, as ENOSPC would) while discovery runs: discovery still
    // answers from the network, the folder holds only whole files, and the next run (limit
    // gone) reads what was written and fetches the rest.
    QFETCH(int, limit);
    RestConfig cfg;
    cfg.host = m_server->url();
    const QString root = m_dir->filePath("cache");
    const QString cacheDir = DiskCacheDiscovery::discoveryCacheDir(root, cfg.host.toString());
    QStringList live;
    {
        auto disc = DiskCacheDiscovery::create(cfg, root);
        QVERIFY(disc);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("cannot write cache file"));
        FileSizeLimit guard { rlim_t(limit) };
        QVERIFY(guard.ok());
        std::unique_ptr<DiscoveryReply> reply((*disc)->serverGroupsAndResources());
        QVERIFY(reply->waitForFinished(60s));
        QVERIFY2(!reply->hasError(), qPrintable(reply->error().message));
        live = resourceNames(reply->data());
        QVERIFY(live.size() > 150);
        (*disc)->waitForPendingWrites();
    }
    const CacheCheck after = checkCache(cacheDir);
    QVERIFY2(after.invalid.isEmpty(), qPrintable(after.invalid.join(", ")));
    QVERIFY2(after.other.isEmpty(), qPrintable(after.other.join(", "))); // no temp files left
    if (limit == 0)
        QCOMPARE(after.json, 0);
    else
        QVERIFY(after.json > 0); // the small files fit

    // A later run: reads the whole files, fetches what is missing, and fills the cache.
    m_server->clearRequests();
    auto disc = DiskCacheDiscovery::create(cfg, root);
    QVERIFY(disc);
    std::unique_ptr<DiscoveryReply> reply((*disc)->serverGroupsAndResources());
    QVERIFY(reply->waitForFinished(60s));
    QVERIFY2(!reply->hasError(), qPrintable(reply->error().message));
    QCOMPARE(resourceNames(reply->data()), live);
    QVERIFY(m_server->requestCount() > 0);
    (*disc)->waitForPendingWrites();
    const CacheCheck filled = checkCache(cacheDir);
    QVERIFY(filled.invalid.isEmpty());
    QVERIFY(filled.json > after.json);
}

void tst_CacheFaults::diskFullCli_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("RLIMIT_FSIZE 0 (any user)") << QStringLiteral("rlimit");
    QTest::newRow("tmpfs with no space left (root)") << QStringLiteral("tmpfsFull");
    QTest::newRow("tmpfs with 8 KiB left (root)") << QStringLiteral("tmpfsAlmostFull");
}

void tst_CacheFaults::diskFullCli()
{
    // kubrowser-cli on a cache folder where nothing (or only some) fits: the command works
    // and prints what it prints with a healthy disk; the folder holds whole files only; a
    // second run on that full disk works as well.
    QFETCH(QString, how);
    if (!QFile::exists(cliPath()))
        QSKIP("kubrowser-cli is not built");
    const QByteArray expected = reference();
    QVERIFY(!expected.isEmpty());
    const QString cacheDir = m_dir->filePath("full-cache");
    QVERIFY(QDir().mkpath(cacheDir));

    if (how == "rlimit") {
        for (int round = 0; round < 2; ++round) {
            QProcess p;
            p.setProcessEnvironment(cleanEnvironment());
            p.setChildProcessModifier([] {
                ::signal(SIGXFSZ, SIG_IGN);
                rlimit zero { 0, RLIM_INFINITY };
                ::setrlimit(RLIMIT_FSIZE, &zero);
            });
            p.start(cliPath(), cli(cacheDir, { "api-resources" }));
            const Run run = finish(p);
            QCOMPARE(run.status, QProcess::NormalExit);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QCOMPARE(run.out, expected);
        }
        const CacheCheck check = checkCache(cacheDir);
        QVERIFY2(check.invalid.isEmpty(), qPrintable(check.invalid.join(", ")));
        QVERIFY2(check.other.isEmpty(), qPrintable(check.other.join(", ")));
        QCOMPARE(check.json, 0);
        return;
    }

    // A real ENOSPC: a small tmpfs in a private mount namespace (needs root, as in CI).
    const QString unshare = QStandardPaths::findExecutable(QStringLiteral("unshare"));
    if (geteuid() != 0 || unshare.isEmpty())
        QSKIP("a private tmpfs needs root and unshare(1); the RLIMIT_FSIZE row covers this");
    // Inside the namespace: mount, fill, run twice, then report every cache file that does not
    // parse (the mount vanishes with the namespace, so the check runs inside).
    const QString script = QStringLiteral(R"(set -u
mount -t tmpfs -o size=256k tmpfs "$1" || exit 90
if [ "$2" = full ]; then dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null
else dd if=/dev/zero of="$1/filler" bs=4k count=62 2>/dev/null; fi
cli=$3; shift 3
"$cli" "$@" > "$TMPDIR/out1" 2> "$TMPDIR/err1"; echo "rc1=$?"
"$cli" "$@" > "$TMPDIR/out2" 2> "$TMPDIR/err2"; echo "rc2=$?"
find "$CACHE" -type f ! -name filler | while read -r f; do
  case "$f" in *.json) /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$f" 2>/dev/null && echo "ok $f" || echo "invalid $f";;
  *) echo "other $f";; esac
done
)");
    QProcess p;
    QProcessEnvironment env = cleanEnvironment();
    env.insert(QStringLiteral("TMPDIR"), m_dir->path());
    env.insert(QStringLiteral("CACHE"), cacheDir);
    p.setProcessEnvironment(env);
    p.start(unshare,
            QStringList { QStringLiteral("--mount"), QStringLiteral("sh"), QStringLiteral("-c"),
                          script, QStringLiteral("sh"), cacheDir,
                          how == "tmpfsFull" ? QStringLiteral("full") : QStringLiteral("almost"),
                          cliPath() }
                + cli(cacheDir, { "api-resources" }));
    const Run run = finish(p);
    if (run.exitCode == 90 || run.err.contains("unshare failed"))
        QSKIP(qPrintable("cannot mount a private tmpfs here: " + QString::fromUtf8(run.err)));
    QCOMPARE(run.status, QProcess::NormalExit);
    const QByteArray report = run.out;
    QVERIFY2(report.contains("rc1=0\n") && report.contains("rc2=0\n"), report.constData());
    for (const char *name : { "out1", "out2" }) {
        QFile f(m_dir->filePath(QString::fromLatin1(name)));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), expected);
    }
    QVERIFY2(!report.contains("invalid "), report.constData());
    QVERIFY2(!report.contains("other "), report.constData());
    if (how == "tmpfsFull")
        QVERIFY2(!report.contains("ok "), report.constData());
}

void tst_CacheFaults::halfWrittenFiles_data()
{
    QTest::addColumn<QString>("file"); // relative to the host's discovery folder
    QTest::addColumn<QByteArray>("content");
    const QByteArray half = R"({"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"ap)";
    QTest::newRow("servergroups.json cut short") << QStringLiteral("servergroups.json") << half;
    QTest::newRow("servergroups.json empty") << QStringLiteral("servergroups.json") << QByteArray();
    QTest::newRow("servergroups.json binary junk")
        << QStringLiteral("servergroups.json") << QByteArray("\x00\xff\x7f{{", 5);
    QTest::newRow("core serverresources.json cut short")
        << QStringLiteral("v1/serverresources.json")
        << QByteArray(R"({"kind":"APIResourceList","groupVersion":"v1","resources":[{"na)");
    QTest::newRow("apps serverresources.json empty")
        << QStringLiteral("apps/v1/serverresources.json") << QByteArray();
}

void tst_CacheFaults::halfWrittenFiles()
{
    // Someone else's crash (or a writer without temp + rename) left a half file in a cache
    // that is otherwise fresh: the run refetches, prints the full answer, and repairs the file.
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    if (!QFile::exists(cliPath()))
        QSKIP("kubrowser-cli is not built");
    const QByteArray expected = reference();
    QVERIFY(!expected.isEmpty());
    const QString root = m_dir->filePath("cache");
    const Run fill = runProgram(cliPath(), cli(root, { "api-resources" }));
    QCOMPARE(fill.exitCode, 0);
    const QString hostDir = DiskCacheDiscovery::discoveryCacheDir(root, m_server->url().toString());
    QFile f(hostDir + u'/' + file);
    QVERIFY2(f.exists(), qPrintable(f.fileName()));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
    f.close();

    const Run run = runProgram(cliPath(), cli(root, { "api-resources" }));
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out, expected);
    const CacheCheck check = checkCache(hostDir);
    QVERIFY2(check.invalid.isEmpty(), qPrintable(check.invalid.join(", ")));
    // kubectl reads the repaired folder with the server gone.
    if (const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
        !kubectl.isEmpty()) {
        m_server->stop();
        const Run k = runProgram(kubectl,
                                 { QStringLiteral("--kubeconfig"), m_kubeconfig,
                                   QStringLiteral("--cache-dir"), root,
                                   QStringLiteral("api-resources"), QStringLiteral("--cached") });
        QVERIFY2(k.exitCode == 0, k.err.constData());
        QCOMPARE(k.out, expected);
    }
}

void tst_CacheFaults::killedDuringWrite()
{
    // kubrowser-cli is SIGKILLed at many moments while it writes ~300 cache files (after the
    // first file, a quarter, half, ...). After every kill each cache file is whole JSON; the
    // next run (not killed) in the same folder succeeds with the full answer.
    if (!QFile::exists(cliPath()))
        QSKIP("kubrowser-cli is not built");
    const QByteArray expected = reference();
    QVERIFY(!expected.isEmpty());
    const QString hostName = DiskCacheDiscovery::hostFolderName(m_server->url().toString());
    const int total = countFiles(m_dir->filePath("reference-cache/discovery/") + hostName);
    QVERIFY2(total > 150, QByteArray::number(total).constData());

    int killedMidWrite = 0;
    const QList<double> fractions = { 0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 };
    for (int i = 0; i < fractions.size(); ++i) {
        const QString root = m_dir->filePath(QStringLiteral("killed-%1").arg(i));
        const QString hostDir = root + QStringLiteral("/discovery/") + hostName;
        const int target = qMax(1, int(total * fractions.at(i)));
        QProcess p;
        p.setProcessEnvironment(cleanEnvironment());
        p.start(cliPath(), cli(root, { "api-resources" }));
        QVERIFY(p.waitForStarted());
        QElapsedTimer t;
        t.start();
        // Poll without a sleep: the write phase lasts milliseconds.
        while (p.state() == QProcess::Running && countFiles(hostDir) < target
               && t.elapsed() < WaitMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        if (p.state() == QProcess::Running) {
            ::kill(pid_t(p.processId()), SIGKILL);
            ++killedMidWrite;
        }
        p.waitForFinished(WaitMs);
        const CacheCheck check = checkCache(hostDir);
        QVERIFY2(check.invalid.isEmpty(),
                 qPrintable(QStringLiteral("after a kill at %1 files: %2")
                                .arg(target)
                                .arg(check.invalid.join(", "))));
        // A kill between open and rename leaves a temp file: harmless, never read as cache.
        for (const QString &other : check.other)
            QVERIFY2(QFileInfo(other).fileName().contains(QLatin1String(".json.")),
                     qPrintable(other));

        const Run next = runProgram(cliPath(), cli(root, { "api-resources" }));
        QCOMPARE(next.status, QProcess::NormalExit);
        QVERIFY2(next.exitCode == 0, next.err.constData());
        QCOMPARE(next.out, expected);
        QVERIFY(checkCache(hostDir).invalid.isEmpty());
        QCOMPARE(checkCache(hostDir).json, total);
        // And the cache alone serves a third run.
        const Run cached = runProgram(cliPath(), cli(root, { "api-resources", "--cached" }));
        QVERIFY2(cached.exitCode == 0, cached.err.constData());
        QCOMPARE(cached.out, expected);
    }
    qInfo("killed %d of %d runs in the middle of their cache writes", killedMidWrite,
          int(fractions.size()));
    QVERIFY(killedMidWrite >= fractions.size() / 2);
}

void tst_CacheFaults::kubectlWritesAtTheSameTime_data()
{
    QTest::addColumn<QString>("start");
    QTest::newRow("empty cache") << QStringLiteral("empty");
    QTest::newRow("stale cache written by us") << QStringLiteral("ours");
    QTest::newRow("stale cache written by kubectl") << QStringLiteral("kubectl");
}

void tst_CacheFaults::kubectlWritesAtTheSameTime()
{
    // kubectl and kubrowser-cli started together on one cache folder, five times over: both
    // succeed with the same output, every file is whole JSON, and afterwards each reads the
    // folder (written by both) with the server gone.
    QFETCH(QString, start);
    const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    if (!QFile::exists(cliPath()))
        QSKIP("kubrowser-cli is not built");
    const QByteArray expected = reference();
    QVERIFY(!expected.isEmpty());
    const QString root = m_dir->filePath("shared-cache");
    const QString hostDir = DiskCacheDiscovery::discoveryCacheDir(root, m_server->url().toString());
    const QStringList kubectlArgs { QStringLiteral("--kubeconfig"), m_kubeconfig,
                                    QStringLiteral("--cache-dir"), root,
                                    QStringLiteral("api-resources") };
    if (start != "empty") {
        const Run fill = start == "ours" ? runProgram(cliPath(), cli(root, { "api-resources" }))
                                         : runProgram(kubectl, kubectlArgs);
        QCOMPARE(fill.exitCode, 0);
    }
    for (int round = 0; round < 5; ++round) {
        if (start != "empty") {
            // Make the folder stale so both refetch and rewrite it at once (kubectl's TTL is
            // 6 h, ours too): age every file by a day.
            const QDateTime old = QDateTime::currentDateTimeUtc().addDays(-1);
            QDirIterator it(hostDir, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.open(QIODevice::ReadWrite))
                    f.setFileTime(old, QFileDevice::FileModificationTime);
            }
        } else {
            QDir(root).removeRecursively();
        }
        QProcess ours;
        QProcess theirs;
        ours.setProcessEnvironment(cleanEnvironment());
        theirs.setProcessEnvironment(cleanEnvironment());
        ours.start(cliPath(), cli(root, { "api-resources" }));
        theirs.start(kubectl, kubectlArgs);
        const Run a = finish(ours);
        const Run b = finish(theirs);
        QVERIFY2(a.exitCode == 0, a.err.constData());
        QVERIFY2(b.exitCode == 0, b.err.constData());
        QCOMPARE(a.out, expected);
        QCOMPARE(b.out, expected);
        const CacheCheck check = checkCache(hostDir);
        QVERIFY2(check.invalid.isEmpty(), qPrintable(check.invalid.join(", ")));
        QVERIFY(check.json > 150);
    }
    m_server->stop();
    const Run a = runProgram(cliPath(), cli(root, { "api-resources", "--cached" }));
    QVERIFY2(a.exitCode == 0, a.err.constData());
    QCOMPARE(a.out, expected);
    const Run b = runProgram(kubectl, kubectlArgs + QStringList { QStringLiteral("--cached") });
    QVERIFY2(b.exitCode == 0, b.err.constData());
    QCOMPARE(b.out, expected);
}

QTEST_GUILESS_MAIN(tst_CacheFaults)
#include "tst_cachefaults.moc"
