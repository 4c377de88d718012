#include "informer/lister.h"
#include "informer/store.h"

#include <QJsonArray>
#include <QTest>

#include <thread>

using namespace kube;

namespace {

QJsonObject pod(const QString &ns, const QString &name, const QString &rv, const QString &node = {})
{
    QJsonObject meta { { "name", name }, { "resourceVersion", rv } };
    if (!ns.isEmpty())
        meta.insert("namespace", ns);
    return QJsonObject { { "metadata", meta }, { "spec", QJsonObject { { "nodeName", node } } } };
}

QJsonObject tableRow(const QString &ns, const QString &name, const QString &rv)
{
    return QJsonObject { { "cells", QJsonArray { name, "Running" } },
                         { "object",
                           QJsonObject { { "kind", "PartialObjectMetadata" },
                                         { "metadata",
                                           QJsonObject { { "name", name },
                                                         { "namespace", ns },
                                                         { "resourceVersion", rv } } } } } };
}

QStringList changesText(const StoreChanges &changes)
{
    QStringList out;
    for (const StoreChange &c : changes) {
        const char *t = c.type == StoreChange::Type::Added ? "+"
            : c.type == StoreChange::Type::Updated         ? "~"
                                                           : "-";
        out << QString::fromLatin1(t) + c.key + (c.finalStateUnknown ? "?" : "");
    }
    out.sort();
    return out;
}

} // namespace

class tst_Store : public QObject
{
    Q_OBJECT

private slots:
    void keys_data();
    void keys();
    void upsertAndRemove();
    void replaceYieldsOnlyDifferences_data();
    void replaceYieldsOnlyDifferences();
    void relistNeverDuplicates();
    void indexes();
    void listerByNamespace();
    void concurrentReaders();
};

void tst_Store::keys_data()
{
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<QString>("key");
    QTest::newRow("namespaced") << pod("team-a", "web-0", "1") << "team-a/web-0";
    QTest::newRow("cluster-scoped") << pod({}, "node-1", "1") << "node-1";
    QTest::newRow("table row") << tableRow("team-b", "db-0", "7") << "team-b/db-0";
    QTest::newRow("no metadata") << QJsonObject { { "kind", "X" } } << "";
}

void tst_Store::keys()
{
    QFETCH(QJsonObject, object);
    QFETCH(QString, key);
    QCOMPARE(Store::keyOf(object), key);
    QString ns, name;
    Store::splitKey(key, &ns, &name);
    QCOMPARE(ns.isEmpty() ? name : ns + '/' + name, key);
}

void tst_Store::upsertAndRemove()
{
    Store store;
    StoreChange a = store.upsert(pod("ns", "a", "1"));
    QCOMPARE(a.type, StoreChange::Type::Added);
    StoreChange b = store.upsert(pod("ns", "a", "2"));
    QCOMPARE(b.type, StoreChange::Type::Updated);
    QCOMPARE(Store::metadataOf(b.oldObject).value("resourceVersion").toString(), "1");
    QCOMPARE(store.size(), 1);
    QVERIFY(!store.remove(pod("ns", "missing", "3")));
    std::optional<StoreChange> gone = store.remove(pod("ns", "a", "3"));
    QVERIFY(gone);
    QCOMPARE(gone->type, StoreChange::Type::Deleted);
    QVERIFY(!gone->finalStateUnknown);
    QCOMPARE(store.size(), 0);
    QVERIFY(store.byIndex(Store::NamespaceIndex, "ns").isEmpty());
}

void tst_Store::replaceYieldsOnlyDifferences_data()
{
    QTest::addColumn<QList<QJsonObject>>("before");
    QTest::addColumn<QList<QJsonObject>>("after");
    QTest::addColumn<QStringList>("changes");
    const QList<QJsonObject> base { pod("a", "p1", "1"), pod("a", "p2", "2"), pod("b", "p3", "3") };
    QTest::newRow("same list: nothing") << base << base << QStringList {};
    QTest::newRow("into empty: all added")
        << QList<QJsonObject> {} << base << QStringList { "+a/p1", "+a/p2", "+b/p3" };
    QTest::newRow("one modified") << base
                                  << QList<QJsonObject> { pod("a", "p1", "1"), pod("a", "p2", "9"),
                                                          pod("b", "p3", "3") }
                                  << QStringList { "~a/p2" };
    QTest::newRow("one gone: final state unknown")
        << base << QList<QJsonObject> { pod("a", "p1", "1"), pod("b", "p3", "3") }
        << QStringList { "-a/p2?" };
    QTest::newRow("mixed") << base
                           << QList<QJsonObject> { pod("a", "p1", "5"), pod("c", "p4", "6") }
                           << QStringList { "+c/p4", "-a/p2?", "-b/p3?", "~a/p1" };
    QTest::newRow("to empty") << base << QList<QJsonObject> {}
                              << QStringList { "-a/p1?", "-a/p2?", "-b/p3?" };
}

void tst_Store::replaceYieldsOnlyDifferences()
{
    QFETCH(QList<QJsonObject>, before);
    QFETCH(QList<QJsonObject>, after);
    QFETCH(QStringList, changes);
    Store store;
    store.replace(before);
    QCOMPARE(changesText(store.replace(after)), changes);
    QCOMPARE(store.size(), after.size());
    QStringList keys = store.keys();
    keys.sort();
    QStringList expected;
    for (const QJsonObject &o : after)
        expected << Store::keyOf(o);
    expected.sort();
    QCOMPARE(keys, expected);
}

void tst_Store::relistNeverDuplicates()
{
    // The first round's GUI bug: every relist appended the rows again. A store keyed by
    // namespace/name holds each object once, however often the same list is replaced in.
    Store store;
    QList<QJsonObject> list;
    for (int i = 0; i < 1218; ++i)
        list << tableRow("team-a", QStringLiteral("pod-%1").arg(i), QString::number(i + 1));
    for (int round = 0; round < 5; ++round)
        store.replace(list);
    QCOMPARE(store.size(), 1218);
    QCOMPARE(store.byIndex(Store::NamespaceIndex, "team-a").size(), 1218);
}

void tst_Store::indexes()
{
    Store store;
    store.upsert(pod("a", "p1", "1", "node-1"));
    store.addIndexer("node", [](const QJsonObject &o) {
        return QStringList { o.value("spec").toObject().value("nodeName").toString() };
    });
    store.upsert(pod("a", "p2", "2", "node-1"));
    store.upsert(pod("b", "p3", "3", "node-2"));
    QCOMPARE(store.byIndex("node", "node-1").size(), 2);
    // Moving a pod updates its index entries.
    store.upsert(pod("a", "p2", "4", "node-2"));
    QCOMPARE(store.indexKeys("node", "node-1"), QStringList { "a/p1" });
    QCOMPARE(store.byIndex("node", "node-2").size(), 2);
    store.replace({ pod("b", "p3", "3", "node-2") });
    QVERIFY(store.byIndex("node", "node-1").isEmpty());
    QCOMPARE(store.indexKeys("node", "node-2"), QStringList { "b/p3" });
}

void tst_Store::listerByNamespace()
{
    auto store = std::make_shared<Store>();
    store->replace({ pod("a", "p1", "1"), pod("a", "p2", "2"), pod("b", "p3", "3") });
    Lister lister(store);
    QCOMPARE(lister.list().size(), 3);
    QCOMPARE(lister.list("a").size(), 2);
    QCOMPARE(lister.list("zzz").size(), 0);
    QVERIFY(lister.get("b", "p3"));
    QVERIFY(!lister.get("a", "p3"));
}

void tst_Store::concurrentReaders()
{
    // Readers on other threads while the owner writes: no crash, consistent sizes.
    auto store = std::make_shared<Store>();
    std::atomic<bool> stop = false;
    std::atomic<int> reads = 0;
    std::thread reader([&] {
        while (!stop) {
            const qsizetype n = store->list().size();
            if (n < 0 || n > 100)
                qFatal("impossible size");
            store->byIndex(Store::NamespaceIndex, "a");
            ++reads;
        }
    });
    for (int i = 0; i < 2000; ++i) {
        store->upsert(pod("a", QString::number(i % 100), QString::number(i)));
        if (i % 10 == 0)
            store->remove(pod("a", QString::number(i % 100), {}));
    }
    while (reads < 10)
        std::this_thread::yield();
    stop = true;
    reader.join();
    QVERIFY(store->size() <= 100);
}

QTEST_GUILESS_MAIN(tst_Store)
#include "tst_store.moc"
