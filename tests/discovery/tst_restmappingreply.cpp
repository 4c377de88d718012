#include "discovery/diskcachediscovery.h"
#include "discovery/restmappingreply.h"
#include "fixtures.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kube;
using fixtures::FakeDiscovery;

class tst_RestMappingReply : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void foundInCacheWithoutAsking();
    void newCrdAfterCacheWasWritten();
    void unknownNameRetriesOnlyOnce();
    void discoveryFailure();

private:
    QTemporaryDir m_dir;
};

namespace {

DiscoveryData withGizmos()
{
    DiscoveryData d = fixtures::stockData();
    d.groups.append(APIGroup {
        QStringLiteral("gadgets.example.com"), { QStringLiteral("v1") }, QStringLiteral("v1") });
    d.resources.append(
        APIResourceList { QStringLiteral("gadgets.example.com/v1"),
                          { APIResource { QStringLiteral("gizmos"),
                                          QStringLiteral("gizmo"),
                                          true,
                                          {},
                                          {},
                                          QStringLiteral("Gizmo"),
                                          { QStringLiteral("get"), QStringLiteral("list") },
                                          { QStringLiteral("gz") },
                                          {},
                                          {} } } });
    return d;
}

} // namespace

void tst_RestMappingReply::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // A cache written earlier, before gizmos existed.
    DiskCacheDiscovery writer(std::make_unique<FakeDiscovery>(), m_dir.path());
    std::unique_ptr<DiscoveryReply> r(writer.serverGroupsAndResources());
    QVERIFY(r->waitForFinished());
}

void tst_RestMappingReply::foundInCacheWithoutAsking()
{
    auto *fake = new FakeDiscovery(withGizmos());
    DiskCacheDiscovery disk { std::unique_ptr<DiscoveryInterface>(fake), m_dir.path() };
    std::unique_ptr<RestMappingReply> r(
        RestMappingReply::resolve(&disk, QStringLiteral("deploy,po")));
    QVERIFY(r->waitForFinished());
    QVERIFY(r->result());
    QCOMPARE(r->result()->size(), 2);
    QCOMPARE(r->result()->at(0).resource.resource, QStringLiteral("deployments"));
    QVERIFY(!r->retried());
    QCOMPARE(fake->groupCalls + fake->resourceCalls, 0);
}

void tst_RestMappingReply::newCrdAfterCacheWasWritten()
{
    auto *fake = new FakeDiscovery(withGizmos());
    DiskCacheDiscovery disk { std::unique_ptr<DiscoveryInterface>(fake), m_dir.path() };
    std::unique_ptr<RestMappingReply> r(RestMappingReply::resolve(&disk, QStringLiteral("gz")));
    QVERIFY(r->waitForFinished());
    QVERIFY2(r->result(), qPrintable(r->result() ? QString() : r->result().error().message));
    QCOMPARE(r->result()->first().resource,
             (GroupVersionResource { QStringLiteral("gadgets.example.com"), QStringLiteral("v1"),
                                     QStringLiteral("gizmos") }));
    QVERIFY(r->retried());
    QCOMPARE(fake->groupCalls, 1);
    QCOMPARE(fake->invalidations, 1);
    disk.waitForPendingWrites();
}

void tst_RestMappingReply::unknownNameRetriesOnlyOnce()
{
    auto *fake = new FakeDiscovery();
    DiskCacheDiscovery disk { std::unique_ptr<DiscoveryInterface>(fake), m_dir.path() };
    std::unique_ptr<RestMappingReply> r(RestMappingReply::resolve(&disk, QStringLiteral("flurbs")));
    QVERIFY(r->waitForFinished());
    QVERIFY(!r->result());
    QCOMPARE(r->result().error().message,
             QStringLiteral("the server doesn't have a resource type \"flurbs\""));
    QVERIFY(r->retried());
    QCOMPARE(fake->groupCalls, 1);
    disk.waitForPendingWrites();
    // Now everything is fresh: another miss does not ask again.
    std::unique_ptr<RestMappingReply> again(
        RestMappingReply::resolve(&disk, QStringLiteral("flurbs")));
    QVERIFY(again->waitForFinished());
    QVERIFY(!again->result());
    QVERIFY(!again->retried());
    QCOMPARE(fake->groupCalls, 1);
}

void tst_RestMappingReply::discoveryFailure()
{
    QTemporaryDir empty;
    auto *fake = new FakeDiscovery();
    fake->failGroups = true;
    DiskCacheDiscovery disk { std::unique_ptr<DiscoveryInterface>(fake), empty.path() };
    std::unique_ptr<RestMappingReply> r(RestMappingReply::resolve(&disk, QStringLiteral("pods")));
    QVERIFY(r->waitForFinished());
    QVERIFY(!r->result());
    QCOMPARE(r->result().error().message, QStringLiteral("connection refused"));
    QVERIFY(r->mapper().isEmpty());
}

QTEST_GUILESS_MAIN(tst_RestMappingReply)
#include "tst_restmappingreply.moc"
