#include "discovery/diskcachediscovery.h"
#include "discovery/memcachediscovery.h"
#include "fixtures.h"
#include "normalize.h"

#include <QDateTime>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kube;
using fixtures::FakeDiscovery;

namespace {

struct Stack
{
    FakeDiscovery *fake = nullptr; // Not owned (the disk cache owns the chain).
    std::unique_ptr<DiskCacheDiscovery> disk;
};

// kubectl's wiring: disk over memory over the live client (here the fake).
Stack makeStack(const QString &dir,
                bool withMemCache = true,
                DiscoveryData data = fixtures::stockData())
{
    Stack s;
    auto fake = std::make_unique<FakeDiscovery>(std::move(data));
    s.fake = fake.get();
    std::unique_ptr<DiscoveryInterface> delegate = std::move(fake);
    if (withMemCache)
        delegate = std::make_unique<MemCacheDiscovery>(std::move(delegate));
    s.disk = std::make_unique<DiskCacheDiscovery>(std::move(delegate), dir);
    return s;
}

std::unique_ptr<DiscoveryReply> run(DiscoveryReply *r)
{
    std::unique_ptr<DiscoveryReply> reply(r);
    if (!reply->waitForFinished(std::chrono::seconds(10)))
        qWarning("discovery reply did not finish");
    return reply;
}

QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(dir).relativeFilePath(it.next()));
    out.sort();
    return out;
}

void age(const QString &file, std::chrono::seconds by)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-by.count()),
                          QFileDevice::FileModificationTime));
}

} // namespace

class tst_DiskCacheDiscovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void hostFolderName_data();
    void hostFolderName();
    void cacheDirAndRoot();
    void coldWritesKubectlLayout();
    void warmStartMakesNoCalls();
    void ttlByModificationTime();
    void invalidateIgnoresOlderFiles();
    void corruptFileIsAMiss_data();
    void corruptFileIsAMiss();
    void failingGroupVersionIsReportedAndNotCached();
    void hostileNamesStayInside();
    void serverPreferredResourcesFromCache();
};

void tst_DiskCacheDiscovery::hostFolderName_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("folder");
    QTest::newRow("https with port") << "https://127.0.0.1:6443"
                                     << "127.0.0.1_6443";
    QTest::newRow("http") << "http://localhost:8080"
                          << "localhost_8080";
    QTest::newRow("path prefix") << "https://rancher.example.com/k8s/clusters/c-m4x2"
                                 << "rancher.example.com/k8s/clusters/c_m4x2";
    QTest::newRow("ipv6") << "https://[::1]:6443"
                          << "___1__6443";
    QTest::newRow("first of each scheme only") << "https://a:1/http://b/https://c"
                                               << "a_1/b/https_//c";
    QTest::newRow("parentheses kept") << "https://a(b)"
                                      << "a(b)";
    QTest::newRow("unicode one per code point")
        << QStringLiteral("https://ü\U0001F600.io") << "__.io";
    QTest::newRow("no scheme") << "10.0.0.1:443"
                               << "10.0.0.1_443";
}

void tst_DiskCacheDiscovery::hostFolderName()
{
    QFETCH(QString, host);
    QFETCH(QString, folder);
    QCOMPARE(DiskCacheDiscovery::hostFolderName(host), folder);
}

void tst_DiskCacheDiscovery::cacheDirAndRoot()
{
    QCOMPARE(DiskCacheDiscovery::discoveryCacheDir(QStringLiteral("/home/u/.kube/cache"),
                                                   QStringLiteral("https://k8s:6443/")),
             QStringLiteral("/home/u/.kube/cache/discovery/k8s_6443"));
    qputenv("KUBECACHEDIR", "/tmp/elsewhere");
    QCOMPARE(DiskCacheDiscovery::defaultCacheRoot(), QStringLiteral("/tmp/elsewhere"));
    qunsetenv("KUBECACHEDIR");
    QCOMPARE(DiskCacheDiscovery::defaultCacheRoot(),
             QDir::homePath() + QStringLiteral("/.kube/cache"));

    QCOMPARE(DiskCacheDiscovery::resourcesFile(QStringLiteral("/c"),
                                               { QString(), QStringLiteral("v1") }),
             QStringLiteral("/c/v1/serverresources.json"));
    QCOMPARE(DiskCacheDiscovery::resourcesFile(QStringLiteral("/c"),
                                               { QStringLiteral("apps"), QStringLiteral("v1") }),
             QStringLiteral("/c/apps/v1/serverresources.json"));
    QVERIFY(!DiskCacheDiscovery::resourcesFile(QStringLiteral("/c"),
                                               { QStringLiteral(".."), QStringLiteral("v1") }));
    QVERIFY(!DiskCacheDiscovery::resourcesFile(QStringLiteral("/c"),
                                               { QStringLiteral("a/b"), QStringLiteral("v1") }));
    QVERIFY(!DiskCacheDiscovery::resourcesFile(
        QStringLiteral("/c"), { QStringLiteral("x"), QStringLiteral("../../etc") }));
    QVERIFY(!DiskCacheDiscovery::resourcesFile(QStringLiteral("/c"),
                                               { QStringLiteral("x"), QString() }));
}

void tst_DiskCacheDiscovery::coldWritesKubectlLayout()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + QStringLiteral("/discovery/127.0.0.1_6443");
    Stack s = makeStack(dir);
    auto reply = run(s.disk->serverGroupsAndResources());
    QVERIFY(!reply->hasError());
    QCOMPARE(fixtures::normalized(reply->data()), fixtures::normalized(fixtures::stockData()));
    QCOMPARE(s.fake->groupCalls, 1);
    s.disk->waitForPendingWrites();
    QVERIFY(s.disk->fresh());

    QStringList expected { QStringLiteral("servergroups.json"),
                           QStringLiteral("v1/serverresources.json") };
    for (const GroupVersion &gv : fixtures::stockData().groupVersions()) {
        if (!gv.isCore())
            expected.append(gv.group + u'/' + gv.version + QStringLiteral("/serverresources.json"));
    }
    expected.sort();
    QCOMPARE(filesUnder(dir), expected); // and no temporary files left behind

    // Permissions: folders 0750, files 0660, like client-go.
    const auto dirPerms = QFileInfo(dir + QStringLiteral("/apps")).permissions() & 0x7777;
    QCOMPARE(int(dirPerms),
             int(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadUser
                 | QFile::WriteUser | QFile::ExeUser | QFile::ReadGroup | QFile::ExeGroup));
    QCOMPARE(int(QFileInfo(tmp.path() + QStringLiteral("/discovery")).permissions() & 0x0007), 0);
    const auto filePerms
        = QFileInfo(dir + QStringLiteral("/apps/v1/serverresources.json")).permissions() & 0x7777;
    QCOMPARE(int(filePerms),
             int(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser
                 | QFile::ReadGroup | QFile::WriteGroup));

    // Same JSON as the legacy endpoints, with kind and apiVersion as client-go writes.
    QFile groups(dir + QStringLiteral("/servergroups.json"));
    QVERIFY(groups.open(QIODevice::ReadOnly));
    const QByteArray g = groups.readAll();
    QVERIFY(g.contains(R"("kind":"APIGroupList")"));
    QVERIFY(g.contains(R"("preferredVersion":{"groupVersion":"autoscaling/v2","version":"v2"})"));
}

void tst_DiskCacheDiscovery::warmStartMakesNoCalls()
{
    QTemporaryDir tmp;
    {
        Stack cold = makeStack(tmp.path());
        QVERIFY(!run(cold.disk->serverGroupsAndResources())->hasError());
    }
    Stack warm = makeStack(tmp.path());
    QElapsedTimer timer;
    timer.start();
    auto reply = run(warm.disk->serverGroupsAndResources());
    const qint64 ms = timer.elapsed();
    QVERIFY(!reply->hasError());
    QCOMPARE(warm.fake->groupCalls, 0);
    QCOMPARE(warm.fake->resourceCalls, 0);
    QCOMPARE(fixtures::normalized(reply->data()), fixtures::normalized(fixtures::stockData()));
    QVERIFY(!warm.disk->fresh()); // everything came from files of another process
    qInfo("warm start from disk (%lld group-versions): %lld ms",
          qlonglong(reply->data().resources.size()), ms);
}

void tst_DiskCacheDiscovery::ttlByModificationTime()
{
    QTemporaryDir tmp;
    {
        Stack cold = makeStack(tmp.path(), false);
        QVERIFY(!run(cold.disk->serverGroupsAndResources())->hasError());
    }
    // Given one resource file older than 6 h, only that group-version is asked for.
    age(tmp.path() + QStringLiteral("/batch/v1/serverresources.json"),
        std::chrono::hours(6) + std::chrono::minutes(1));
    age(tmp.path() + QStringLiteral("/apps/v1/serverresources.json"),
        std::chrono::hours(5) + std::chrono::minutes(59));
    {
        Stack s = makeStack(tmp.path(), false);
        auto reply = run(s.disk->serverGroupsAndResources());
        QVERIFY(!reply->hasError());
        QCOMPARE(s.fake->groupCalls, 0);
        QCOMPARE(s.fake->requested,
                 (QList<GroupVersion> { { QStringLiteral("batch"), QStringLiteral("v1") } }));
    }
    // The file was rewritten, so it is fresh again.
    QVERIFY(QFileInfo(tmp.path() + QStringLiteral("/batch/v1/serverresources.json")).lastModified()
            > QDateTime::currentDateTime().addSecs(-60));
    // An expired servergroups.json means asking for groups again.
    age(tmp.path() + QStringLiteral("/servergroups.json"), std::chrono::hours(7));
    Stack s = makeStack(tmp.path(), false);
    QVERIFY(!run(s.disk->serverGroupsAndResources())->hasError());
    QCOMPARE(s.fake->groupCalls, 1);
    QCOMPARE(s.fake->resourceCalls, 0);
    s.disk->waitForPendingWrites();
    // A shorter TTL applies too.
    FakeDiscovery *fake = new FakeDiscovery;
    DiskCacheDiscovery shortTtl(std::unique_ptr<DiscoveryInterface>(fake), tmp.path(),
                                std::chrono::seconds(1));
    age(tmp.path() + QStringLiteral("/servergroups.json"), std::chrono::seconds(2));
    QVERIFY(!run(shortTtl.serverGroups())->hasError());
    QCOMPARE(fake->groupCalls, 1);
}

void tst_DiskCacheDiscovery::invalidateIgnoresOlderFiles()
{
    QTemporaryDir tmp;
    {
        Stack cold = makeStack(tmp.path());
        QVERIFY(!run(cold.disk->serverGroupsAndResources())->hasError());
    }
    Stack s = makeStack(tmp.path(), false);
    QVERIFY(!run(s.disk->serverGroupsAndResources())->hasError());
    QCOMPARE(s.fake->groupCalls, 0);
    QVERIFY(!s.disk->fresh());

    s.disk->invalidate();
    QVERIFY(s.disk->fresh());
    QCOMPARE(s.fake->invalidations, 1);
    auto reply = run(s.disk->serverGroupsAndResources());
    QVERIFY(!reply->hasError());
    QCOMPARE(s.fake->groupCalls, 1); // the files were not trusted ...
    QCOMPARE(s.fake->resourceCalls, fixtures::stockData().groupVersions().size());
    QVERIFY(s.disk->fresh()); // ... and what came back is ours
    s.disk->waitForPendingWrites();

    // Files written after the invalidation are trusted.
    QVERIFY(!run(s.disk->serverGroupsAndResources())->hasError());
    QCOMPARE(s.fake->groupCalls, 1);
    QVERIFY(s.disk->fresh());
}

void tst_DiskCacheDiscovery::corruptFileIsAMiss_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("garbage") << QByteArray("\x00\x01not json", 10);
    QTest::newRow("truncated") << QByteArray(
        R"({"kind":"APIResourceList","groupVersion":"apps/v1","resources":[{"na)");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("other kind") << QByteArray(R"({"kind":"APIGroupList","groups":[]})");
}

void tst_DiskCacheDiscovery::corruptFileIsAMiss()
{
    QFETCH(QByteArray, content);
    QTemporaryDir tmp;
    {
        Stack cold = makeStack(tmp.path(), false);
        QVERIFY(!run(cold.disk->serverGroupsAndResources())->hasError());
    }
    const QString file = tmp.path() + QStringLiteral("/apps/v1/serverresources.json");
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
    }
    Stack s = makeStack(tmp.path(), false);
    auto reply = run(s.disk->serverGroupsAndResources());
    QVERIFY(!reply->hasError());
    QCOMPARE(fixtures::normalized(reply->data()), fixtures::normalized(fixtures::stockData()));
    QCOMPARE(s.fake->requested,
             (QList<GroupVersion> { { QStringLiteral("apps"), QStringLiteral("v1") } }));
    s.disk->waitForPendingWrites();
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(discoveryjson::parseAPIResourceList(f.readAll())); // repaired

    // A corrupt servergroups.json is a miss as well.
    QFile groups(tmp.path() + QStringLiteral("/servergroups.json"));
    QVERIFY(groups.open(QIODevice::WriteOnly | QIODevice::Truncate));
    groups.write("{\"kind\":\"APIGroupList\",\"groups\":[{\"name\":");
    groups.close();
    Stack s2 = makeStack(tmp.path(), false);
    QVERIFY(!run(s2.disk->serverGroupsAndResources())->hasError());
    QCOMPARE(s2.fake->groupCalls, 1);
}

void tst_DiskCacheDiscovery::failingGroupVersionIsReportedAndNotCached()
{
    QTemporaryDir tmp;
    auto fake = std::make_unique<FakeDiscovery>();
    fake->failing
        = QStringList { QStringLiteral("apps/v1"), QStringLiteral("metrics.k8s.io/v1beta1") };
    DiskCacheDiscovery disk(std::make_unique<MemCacheDiscovery>(std::move(fake)), tmp.path());
    auto reply = run(disk.serverGroupsAndResources());
    QVERIFY(reply->hasError());
    QVERIFY(reply->isPartial());
    QCOMPARE(reply->error().message,
             QStringLiteral("unable to retrieve the complete list of server APIs: apps/v1: the "
                            "server is currently unable to "
                            "handle the request, metrics.k8s.io/v1beta1: the server is currently "
                            "unable to handle the request"));
    QCOMPARE(reply->data().failed.size(), 2);
    QVERIFY(!reply->data().resourcesFor({ QStringLiteral("apps"), QStringLiteral("v1") }));
    QVERIFY(reply->data().resourcesFor({ QStringLiteral("batch"), QStringLiteral("v1") }));
    QVERIFY(reply->data().group(QStringLiteral("apps"))); // the group itself is still listed
    disk.waitForPendingWrites();
    QVERIFY(!QFileInfo::exists(tmp.path() + QStringLiteral("/apps/v1/serverresources.json")));
    QVERIFY(QFileInfo::exists(tmp.path() + QStringLiteral("/batch/v1/serverresources.json")));
}

void tst_DiskCacheDiscovery::hostileNamesStayInside()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + QStringLiteral("/cache/discovery/host");
    DiscoveryData d = fixtures::stockData();
    const QList<GroupVersion> hostile { { QStringLiteral("../x"), QStringLiteral("v1") },
                                        { QStringLiteral("a/b"), QStringLiteral("v1") },
                                        { QStringLiteral("ok.example.com"),
                                          QStringLiteral("../../../escape") },
                                        { QStringLiteral(".."), QStringLiteral("..") } };
    for (const GroupVersion &gv : hostile) {
        d.groups.append(APIGroup { gv.group, { gv.version }, gv.version });
        APIResourceList l { gv.toString(), {} };
        l.resources.append(APIResource { QStringLiteral("things"),
                                         QStringLiteral("thing"),
                                         true,
                                         {},
                                         {},
                                         QStringLiteral("Thing"),
                                         { QStringLiteral("get") },
                                         {},
                                         {},
                                         {} });
        d.resources.append(l);
    }
    for (int round = 0; round < 2; ++round) { // cold, then warm
        Stack s = makeStack(dir, false, d);
        auto reply = run(s.disk->serverGroupsAndResources());
        QVERIFY(!reply->hasError());
        for (const GroupVersion &gv : hostile)
            QVERIFY2(reply->data().resourcesFor(gv), qPrintable(gv.toString()));
        if (round == 1) { // the hostile ones are never cached, so the warm run asks for them
            QCOMPARE(s.fake->groupCalls, 0);
            QCOMPARE(s.fake->requested, hostile);
        }
    }
    // Nothing outside the cache folder; nothing for the hostile names inside it.
    QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList { QStringLiteral("cache") });
    QCOMPARE(QDir(tmp.path() + QStringLiteral("/cache"))
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList { QStringLiteral("discovery") });
    QCOMPARE(QDir(tmp.path() + QStringLiteral("/cache/discovery"))
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList { QStringLiteral("host") });
    QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/a")));
    QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/ok.example.com")));
    for (const QString &f : filesUnder(dir))
        QVERIFY2(!f.contains(QLatin1String("things")) && !f.startsWith(QLatin1String("..")),
                 qPrintable(f));
}

void tst_DiskCacheDiscovery::serverPreferredResourcesFromCache()
{
    QTemporaryDir tmp;
    Stack s = makeStack(tmp.path());
    auto reply = run(s.disk->serverPreferredResources());
    QVERIFY(!reply->hasError());
    const APIResourceList *v2 = nullptr;
    const APIResourceList *v1 = nullptr;
    for (const APIResourceList &l : reply->data().resources) {
        if (l.groupVersion == QLatin1String("autoscaling/v2"))
            v2 = &l;
        if (l.groupVersion == QLatin1String("autoscaling/v1"))
            v1 = &l;
    }
    QVERIFY(v2 && v1);
    QCOMPARE(v2->resources.size(), 1);
    QVERIFY(v1->resources.isEmpty());
    auto ns = run(s.disk->serverPreferredNamespacedResources());
    for (const APIResourceList &l : ns->data().resources) {
        for (const APIResource &r : l.resources)
            QVERIFY2(r.namespaced && !r.isSubresource(), qPrintable(r.name));
    }
}

QTEST_GUILESS_MAIN(tst_DiskCacheDiscovery)
#include "tst_diskcachediscovery.moc"
