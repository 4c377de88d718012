// Every client of kubeclient against a server that lies (HostileApiServer): truncated and
// invalid JSON, huge strings, bodies that never end, gzip bombs, stalls, wrong framing, absurd
// names. For each: finished() comes, within the configured timeout plus slack, with a clear
// error where the answer is broken; memory stays bounded by the configured limits; no file is
// written outside the discovery cache folder; nothing crashes (the process is the proof; the
// suite also runs under ASan/UBSan with the asan preset).

#include "discovery/discoveryclient.h"
#include "discovery/discoveryreply.h"
#include "discovery/diskcachediscovery.h"
#include "rest/listpager.h"
#include "rest/request.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/watchstream.h"
#include "testing/hostileapiserver.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using kube::testing::HostileApiServer;
using Attack = HostileApiServer::Attack;

namespace {

// Under AddressSanitizer every allocation carries redzones and freed memory waits in a
// 256 MiB quarantine: the same run peaks at ~1.05 GiB there. Unbounded buffering of these
// attacks (100 MB strings, bombs) would still pass several GiB.
#if defined(__has_feature)
#define KUBE_HAS_FEATURE(x) __has_feature(x)
#else
#define KUBE_HAS_FEATURE(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || KUBE_HAS_FEATURE(address_sanitizer)
constexpr qint64 PeakRssBoundMiB = 1536;
#else
constexpr qint64 PeakRssBoundMiB = 512;
#endif

constexpr qint64 kMaxBody = qint64(32) << 20;
constexpr qint64 kMaxEvent = qint64(8) << 20;
constexpr auto kTimeout = 4s;
// finished() must come within the timeout; the slack covers a loaded machine, never a hang.
constexpr int kWaitMs = 60'000;

enum class Expect { Ok, Error, Either };

qint64 statusKb(const QByteArray &field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// What each client should make of each attack. Errors are required where the body is not a
// usable answer; "Either" where the answer is odd but legal (a duplicate key, a giant name)
// or where the outcome depends on which limit is met first.
Expect expectFor(Attack attack, const QString &client)
{
    switch (attack) {
    case Attack::None:
    case Attack::Http10:
        return Expect::Ok;
    case Attack::TruncatedJson:
    case Attack::InvalidUtf8:
    case Attack::DeepNesting:
    case Attack::WrongContentType:
    case Attack::ContentLengthTooLarge:
    case Attack::GzipBomb:
    case Attack::StallAfterHeaders:
        return client == QLatin1String("log") && attack != Attack::ContentLengthTooLarge
                && attack != Attack::GzipBomb && attack != Attack::StallAfterHeaders
            ? Expect::Either // a log is text: any bytes are a log
            : Expect::Error;
    case Attack::HugeString:
    case Attack::HugeWatchLine:
        // Over the 8 MiB event / 32 MiB body limits.
        return Expect::Error;
    case Attack::EndlessBody:
        return Expect::Error;
    case Attack::HugeNumbers:
    case Attack::AbsurdNames:
    case Attack::DuplicateKeys:
    case Attack::ContentLengthTooSmall:
        return Expect::Either;
    }
    return Expect::Either;
}

} // namespace

class tst_HostileServer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void restGet_data() { attackRows(); }
    void restGet();
    void listPager_data() { attackRows(); }
    void listPager();
    void watch_data() { attackRows(); }
    void watch();
    void logs_data() { attackRows(); }
    void logs();
    void discovery_data() { attackRows(); }
    void discovery();
    void cli_data();
    void cli();
    void cleanupTestCase();

private:
    void attackRows();
    kube::RestConfig configFor(const HostileApiServer &server) const;
    std::shared_ptr<kube::RestClient> clientFor(const HostileApiServer &server) const;
    void
    checkOutcome(Attack attack, const QString &client, const std::optional<kube::Error> &error);

    QTemporaryDir m_dir;
    qint64 m_rssBeforeKb = 0;
};

void tst_HostileServer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_rssBeforeKb = statusKb("VmRSS");
}

void tst_HostileServer::attackRows()
{
    QTest::addColumn<Attack>("attack");
    QTest::newRow("None") << Attack::None;
    for (Attack a : HostileApiServer::attacks())
        QTest::newRow(qPrintable(HostileApiServer::name(a))) << a;
}

kube::RestConfig tst_HostileServer::configFor(const HostileApiServer &server) const
{
    kube::RestConfig cfg;
    cfg.host = server.url();
    cfg.timeout = kTimeout;
    cfg.qps = -1; // negative: no client-side limiting (0 is the default 5, as client-go)
    return cfg;
}

std::shared_ptr<kube::RestClient> tst_HostileServer::clientFor(const HostileApiServer &server) const
{
    kube::RestClientOptions options;
    options.maxResponseBytes = kMaxBody;
    options.maxWatchEventBytes = kMaxEvent;
    options.maxRetries = 1;
    options.retryAfterUnit = 10ms;
    return kube::RestClient::create(configFor(server), kube::GroupVersion { QString(), "v1" },
                                    options);
}

void tst_HostileServer::checkOutcome(Attack attack,
                                     const QString &client,
                                     const std::optional<kube::Error> &error)
{
    const Expect expect = expectFor(attack, client);
    if (error) {
        qInfo().noquote() << client << HostileApiServer::name(attack) << "->"
                          << error->message.left(300);
        // A sentence, not the server's garbage: bounded, and never empty.
        QVERIFY(!error->message.trimmed().isEmpty());
        QVERIFY2(error->message.size() < 4096, qPrintable(error->message.left(200)));
        QVERIFY2(expect != Expect::Ok, qPrintable(error->message));
    } else {
        qInfo().noquote() << client << HostileApiServer::name(attack) << "-> ok";
        QVERIFY2(expect != Expect::Error, "a broken answer was accepted");
    }
}

void tst_HostileServer::restGet()
{
    QFETCH(Attack, attack);
    HostileApiServer server(attack);
    auto rest = clientFor(server);
    // Given a get of one pod, when the server lies, then one finished() with an error.
    kube::RestReply *r = rest->get().inNamespace("default").resource("pods").name("web-1").send();
    QSignalSpy done(r, &kube::RestReply::finished);
    QVERIFY(done.wait(kWaitMs));
    std::optional<kube::Error> error = r->result().error;
    if (!error) {
        // The body must also decode, or the caller sees the error then.
        auto obj = r->into<QJsonObject>();
        if (!obj)
            error = obj.error();
    }
    checkOutcome(attack, QStringLiteral("get"), error);
    QCOMPARE(done.count(), 1);
    QVERIFY(r->result().body.size() <= kMaxBody);
    delete r;
}

void tst_HostileServer::listPager()
{
    QFETCH(Attack, attack);
    HostileApiServer server(attack);
    auto rest = clientFor(server);
    kube::ListPager pager(rest->get().inNamespace("default").resource("pods").asTable());
    QSignalSpy done(&pager, &kube::ListPager::finished);
    QSignalSpy pages(&pager, &kube::ListPager::pageReceived);
    pager.start();
    QVERIFY(done.wait(kWaitMs));
    checkOutcome(attack, QStringLiteral("pager"), pager.error());
    QCOMPARE(done.count(), 1);
    if (!pager.error())
        QCOMPARE(pages.count(), 1);
}

void tst_HostileServer::watch()
{
    QFETCH(Attack, attack);
    HostileApiServer server(attack);
    auto rest = clientFor(server);
    kube::ListOptions opts;
    opts.watch = true;
    // The attacks that need volume get time to send it even on a loaded machine; the limit
    // must end them, not the timeout.
    const bool volume = attack == Attack::HugeString || attack == Attack::HugeWatchLine
        || attack == Attack::EndlessBody || attack == Attack::GzipBomb;
    kube::WatchStream *w = rest->get()
                               .inNamespace("default")
                               .resource("pods")
                               .versionedParams(opts)
                               .timeout(volume ? std::chrono::milliseconds(40s) : kTimeout)
                               .watch();
    QSignalSpy done(w, &kube::WatchStream::finished);
    QVERIFY(done.wait(kWaitMs));
    std::optional<kube::Error> error = w->error();
    // A stream that never ends is legal for a watch: it ends at the request's timeout.
    if (attack == Attack::EndlessBody) {
        QVERIFY(error);
        QCOMPARE(error->kind, kube::Error::Kind::Timeout);
        QVERIFY(w->eventCount() > 10);
        delete w;
        return;
    }
    if (attack == Attack::HugeWatchLine || attack == Attack::HugeString) {
        QVERIFY(error);
        QVERIFY2(error->message.contains(QLatin1String("limit")), qPrintable(error->message));
    }
    checkOutcome(attack, QStringLiteral("watch"), error);
    if (attack == Attack::None)
        QCOMPARE(w->eventCount(), 1);
    delete w;
}

void tst_HostileServer::logs()
{
    QFETCH(Attack, attack);
    HostileApiServer server(attack);
    auto rest = clientFor(server);
    kube::RestReply *r = rest->get()
                             .inNamespace("default")
                             .resource("pods")
                             .name("web-1")
                             .subresource("log")
                             .send();
    QSignalSpy done(r, &kube::RestReply::finished);
    QVERIFY(done.wait(kWaitMs));
    checkOutcome(attack, QStringLiteral("log"), r->result().error);
    QVERIFY(r->result().body.size() <= kMaxBody);
    delete r;
}

void tst_HostileServer::discovery()
{
    QFETCH(Attack, attack);
    HostileApiServer server(attack);
    const QString root = m_dir.filePath(QStringLiteral("disc-%1/a/b/cache").arg(int(attack)));
    const QString cacheDir
        = kube::DiskCacheDiscovery::discoveryCacheDir(root, server.url().toString());
    auto live = std::make_unique<kube::DiscoveryClient>(clientFor(server));
    live->setLegacyOnly(true);
    {
        kube::DiskCacheDiscovery disk(std::move(live), cacheDir);
        kube::DiscoveryReply *r = disk.serverGroupsAndResources();
        QSignalSpy done(r, &kube::DiscoveryReply::finished);
        QVERIFY(done.wait(kWaitMs));
        std::optional<kube::Error> error;
        if (r->hasError())
            error = r->error();
        if (attack == Attack::AbsurdNames) {
            // Not a toy: the legal groups are still there.
            QVERIFY(!r->data().groups.isEmpty());
        }
        checkOutcome(attack, QStringLiteral("discovery"), error);
        disk.waitForPendingWrites();
        delete r;
    }
    // Nothing outside the cache folder: every file under the test's folder for this row is
    // inside <root>/discovery/<host>/, and no name is a path trick.
    const QString base = m_dir.filePath(QStringLiteral("disc-%1").arg(int(attack)));
    QDirIterator it(base, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QString path = QFileInfo(it.next()).canonicalFilePath();
        ++files;
        QVERIFY2(path.startsWith(QFileInfo(cacheDir).canonicalFilePath() + u'/'), qPrintable(path));
    }
    // And nothing next to the temporary folder either (../../ from the cache root).
    const QStringList siblings
        = QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    for (const QString &s : siblings)
        QVERIFY2(s.startsWith(QLatin1String("disc-")) || s.startsWith(QLatin1String("cli-")),
                 qPrintable(s));
    if (attack == Attack::None)
        QVERIFY(files >= 2); // servergroups.json and v1/serverresources.json at least
}

void tst_HostileServer::cli_data()
{
    QTest::addColumn<Attack>("attack");
    QTest::addColumn<QStringList>("args");
    const QList<QPair<const char *, QStringList>> commands {
        { "get", { QStringLiteral("get"), QStringLiteral("pods") } },
        { "api-resources", { QStringLiteral("api-resources") } },
    };
    // Both commands start with discovery, so every attack runs against get (discovery, then
    // the Table list); api-resources adds the rows where the discovery documents themselves
    // parse but lie.
    const QList<Attack> apiResourcesAttacks { Attack::None, Attack::AbsurdNames,
                                              Attack::DuplicateKeys, Attack::HugeNumbers,
                                              Attack::Http10 };
    for (const auto &[name, args] : commands) {
        const bool all = args.constFirst() == QLatin1String("get");
        for (Attack a : QList { Attack::None } + HostileApiServer::attacks()) {
            if (all || apiResourcesAttacks.contains(a))
                QTest::addRow("%s-%s", name, qPrintable(HostileApiServer::name(a))) << a << args;
        }
    }
}

void tst_HostileServer::cli()
{
    QFETCH(Attack, attack);
    QFETCH(QStringList, args);
    const QString cli = QStringLiteral(KUBE_BINARY_DIR "/app/cli/kubrowser-cli");
    if (!QFile::exists(cli))
        QSKIP("kubrowser-cli is not built");
    HostileApiServer server(attack);
    const QString dir
        = m_dir.filePath(QStringLiteral("cli-%1-%2").arg(args.constFirst()).arg(int(attack)));
    const QString kubeconfig = server.writeKubeconfig(dir);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), dir);
    env.insert(QStringLiteral("KUBECACHEDIR"), dir + QStringLiteral("/cache"));
    p.setProcessEnvironment(env);
    p.start(cli,
            QStringList { QStringLiteral("--kubeconfig"), kubeconfig,
                          QStringLiteral("--request-timeout"), QStringLiteral("4s") }
                + args);
    QVERIFY(p.waitForStarted());
    QByteArray out, err;
    connect(&p, &QProcess::readyReadStandardOutput, &p, [&] {
        // Keep only the start: a 100 MB name is printed, and need not be kept.
        const QByteArray chunk = p.readAllStandardOutput();
        if (out.size() < 65536)
            out += chunk.left(65536);
    });
    connect(&p, &QProcess::readyReadStandardError, &p, [&] { err += p.readAllStandardError(); });
    QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, kWaitMs);
    err += p.readAllStandardError();
    // No crash, no hang: a normal exit, with an error line when it failed.
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    const Expect expect = expectFor(attack, QStringLiteral("cli"));
    qInfo().noquote() << args.join(u' ') << HostileApiServer::name(attack) << "exit" << p.exitCode()
                      << err.left(300);
    if (p.exitCode() != 0) {
        QVERIFY2(expect != Expect::Ok, err.constData());
        QVERIFY(!err.trimmed().isEmpty());
        QVERIFY(err.size() < 64 * 1024);
    } else if (args.constFirst() == QLatin1String("get")) {
        QVERIFY2(expect != Expect::Error, out.left(200).constData());
    }
    // Files only under the cache folder.
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QVERIFY2(path == kubeconfig || path.startsWith(dir + QStringLiteral("/cache/")),
                 qPrintable(path));
    }
}

void tst_HostileServer::cleanupTestCase()
{
    // Bounded memory: the peak of this process (servers included) after a 100 MB string, a
    // 64 MB line, gzip bombs and endless bodies against 32 MiB/8 MiB limits. Without the
    // limits the peak passes 1 GB (the bomb alone grows until the timeout).
    const qint64 peakKb = statusKb("VmHWM");
    qInfo() << "peak RSS" << peakKb / 1024 << "MiB; at start" << m_rssBeforeKb / 1024 << "MiB";
    // Measured: ~330 MiB (the 100 MB string parsed by the library rows). At the round-2 merge
    // it was ~1 GiB: discovery requested group-versions named by 64 MB and 100 MB strings,
    // and this process's hostile server buffered those request lines; such names are now
    // refused unrequested (DiscoveryClient::dropAbsurdNames).
    QVERIFY2(peakKb - m_rssBeforeKb < PeakRssBoundMiB * 1024, qPrintable(QString::number(peakKb)));
}

QTEST_GUILESS_MAIN(tst_HostileServer)
#include "tst_hostileserver.moc"
