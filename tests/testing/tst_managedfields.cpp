// Server-side apply's field ownership in the fake server (structured-merge-diff's rules):
// conflicts only where another manager owns a field with a different value, force moves
// ownership, fields an applier stops applying are removed unless someone else owns them,
// lists of objects merge by key, and updates take ownership of what they change.

#include "testing/managedfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using kube::testing::detail::ManagedFields;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

QStringList managers(const QJsonObject &o)
{
    QStringList out;
    for (const ManagedFields::Entry &e : ManagedFields::entries(o))
        out << e.manager + u'/' + e.operation;
    return out;
}

} // namespace

class tst_ManagedFields : public QObject
{
    Q_OBJECT

private slots:
    void fieldsAndDisplayPaths();
    void fieldsV1RoundTrip();
    void applyConflicts_data();
    void applyConflicts();
    void conflictStatusWording();
    void forceMovesOwnership();
    void droppedFieldsAreRemoved();
    void keyedListsMerge();
    void updateTakesChangedFields();
};

void tst_ManagedFields::fieldsAndDisplayPaths()
{
    const QSet<QString> f = ManagedFields::fieldsOf(
        json(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b"}},
                 "spec":{"containers":[{"name":"web","image":"x","ports":[{"containerPort":80,"protocol":"TCP"}]}]},
                 "status":{"phase":"Running"}})"),
        false);
    QStringList shown;
    for (const QString &p : f)
        shown << ManagedFields::displayPath(p);
    shown.sort();
    QCOMPARE(
        shown,
        QStringList(
            { u".metadata.labels.a"_qs, u".spec.containers[name=\"web\"]"_qs,
              u".spec.containers[name=\"web\"].image"_qs, u".spec.containers[name=\"web\"].name"_qs,
              u".spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"]"_qs,
              u".spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"].containerPort"_qs,
              u".spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"].protocol"_qs }));
}

void tst_ManagedFields::fieldsV1RoundTrip()
{
    const QJsonObject v1 = json(
        R"({"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}}})");
    const QSet<QString> fields = ManagedFields::fromFieldsV1(v1);
    QCOMPARE(fields.size(), 3);
    QCOMPARE(ManagedFields::toFieldsV1(fields), v1);
}

void tst_ManagedFields::applyConflicts_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<int>("conflicts");
    QTest::newRow("same value: co-owned") << QByteArray(R"({"spec":{"replicas":2}})") << 0;
    QTest::newRow("different value") << QByteArray(R"({"spec":{"replicas":3}})") << 1;
    QTest::newRow("unowned field") << QByteArray(R"({"spec":{"paused":true}})") << 0;
    QTest::newRow("two owned fields changed")
        << QByteArray(R"({"spec":{"replicas":3,"minReadySeconds":9}})") << 2;
}

void tst_ManagedFields::applyConflicts()
{
    QFETCH(QByteArray, config);
    QFETCH(int, conflicts);
    QJsonObject live
        = json(R"({"metadata":{"name":"d"},"spec":{"replicas":2,"minReadySeconds":1}})");
    ManagedFields::recordUpdate({}, &live, u"helm"_qs, u"apps/v1"_qs, {});
    const auto r = ManagedFields::apply(live, QJsonDocument::fromJson(config).object(), u"me"_qs,
                                        false, u"apps/v1"_qs, {});
    QCOMPARE(r.conflicts.size(), conflicts);
    if (conflicts == 0)
        QCOMPARE(managers(r.object), QStringList({ u"helm/Update"_qs, u"me/Apply"_qs }));
    else
        QCOMPARE(r.conflicts.first().manager, u"\"helm\" using apps/v1"_qs);
}

void tst_ManagedFields::conflictStatusWording()
{
    const auto one
        = ManagedFields::conflictStatus({ { u"\"helm\" using apps/v1"_qs, u".spec.replicas"_qs } });
    QCOMPARE(one.code, 409);
    QCOMPARE(one.reason, u"Conflict"_qs);
    QCOMPARE(
        one.message,
        u"Apply failed with 1 conflict: conflict with \"helm\" using apps/v1: .spec.replicas"_qs);
    const QJsonObject cause = one.details.value(u"causes"_qs).toArray().first().toObject();
    QCOMPARE(cause.value(u"reason"_qs).toString(), u"FieldManagerConflict"_qs);
    QCOMPARE(cause.value(u"message"_qs).toString(), u"conflict with \"helm\" using apps/v1"_qs);
    QCOMPARE(cause.value(u"field"_qs).toString(), u".spec.replicas"_qs);
    const auto two = ManagedFields::conflictStatus(
        { { u"\"b\""_qs, u".x"_qs }, { u"\"a\""_qs, u".y"_qs }, { u"\"b\""_qs, u".z"_qs } });
    QCOMPARE(two.message,
             u"Apply failed with 3 conflicts: conflicts with \"a\":\n- .y\n"
             "conflicts with \"b\":\n- .x\n- .z"_qs);
}

void tst_ManagedFields::forceMovesOwnership()
{
    QJsonObject live = json(R"({"metadata":{"name":"d"},"spec":{"replicas":2}})");
    ManagedFields::recordUpdate({}, &live, u"helm"_qs, u"apps/v1"_qs, {});
    const auto r = ManagedFields::apply(live, json(R"({"spec":{"replicas":5}})"), u"me"_qs, true,
                                        u"apps/v1"_qs, {});
    QVERIFY(r.conflicts.isEmpty());
    QCOMPARE(r.object.value(u"spec"_qs)[u"replicas"_qs].toInt(), 5);
    // helm owned only replicas: with it gone, helm's entry goes too
    QCOMPARE(managers(r.object), QStringList({ u"me/Apply"_qs }));
}

void tst_ManagedFields::droppedFieldsAreRemoved()
{
    auto first
        = ManagedFields::apply({}, json(R"({"metadata":{"name":"c","labels":{"a":"1","b":"2"}}})"),
                               u"me"_qs, false, u"v1"_qs, {});
    // b is also set by someone else: only a goes when me stops applying both
    QJsonObject live = first.object;
    auto other = ManagedFields::apply(live, json(R"({"metadata":{"labels":{"b":"2"}}})"),
                                      u"other"_qs, false, u"v1"_qs, {});
    QVERIFY(other.conflicts.isEmpty());
    const auto second = ManagedFields::apply(other.object, json(R"({"metadata":{"name":"c"}})"),
                                             u"me"_qs, false, u"v1"_qs, {});
    const QJsonObject labels = second.object.value(u"metadata"_qs)[u"labels"_qs].toObject();
    QCOMPARE(labels, json(R"({"b":"2"})"));
}

void tst_ManagedFields::keyedListsMerge()
{
    QJsonObject live
        = json(R"({"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}})");
    const auto r
        = ManagedFields::apply(live, json(R"({"spec":{"containers":[{"name":"b","image":"3"}]}})"),
                               u"me"_qs, false, u"v1"_qs, {});
    QCOMPARE(r.object.value(u"spec"_qs)[u"containers"_qs].toArray(),
             json(R"({"x":[{"name":"a","image":"1"},{"name":"b","image":"3"}]})")
                 .value(u"x"_qs)
                 .toArray());
}

void tst_ManagedFields::updateTakesChangedFields()
{
    QJsonObject live = json(R"({"spec":{"replicas":2,"paused":false}})");
    ManagedFields::recordUpdate({}, &live, u"creator"_qs, u"apps/v1"_qs, {});
    QJsonObject after = live;
    after.insert(u"spec"_qs, json(R"({"replicas":4,"paused":false})"));
    ManagedFields::recordUpdate(live, &after, u"kubectl-scale"_qs, u"apps/v1"_qs, u"scale"_qs);
    const auto entries = ManagedFields::entries(after);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(1).manager, u"kubectl-scale"_qs);
    QCOMPARE(entries.at(1).subresource, u"scale"_qs);
    QCOMPARE(entries.at(1).fields, QSet<QString>({ u"f:spec\nf:replicas"_qs }));
    QCOMPARE(entries.at(0).fields, QSet<QString>({ u"f:spec\nf:paused"_qs }));
}

QTEST_GUILESS_MAIN(tst_ManagedFields)
#include "tst_managedfields.moc"
