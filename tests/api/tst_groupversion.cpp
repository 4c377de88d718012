#include "api/groupversion.h"

#include <QTest>

class tst_GroupVersion : public QObject
{
    Q_OBJECT

private slots:
    void fromApiVersion_data();
    void fromApiVersion();
    void gvrToString_data();
    void gvrToString();
};

void tst_GroupVersion::fromApiVersion_data()
{
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("version");
    QTest::newRow("core") << "v1"
                          << ""
                          << "v1";
    QTest::newRow("apps") << "apps/v1"
                          << "apps"
                          << "v1";
    QTest::newRow("crd") << "stable.example.com/v1beta1"
                         << "stable.example.com"
                         << "v1beta1";
}

void tst_GroupVersion::fromApiVersion()
{
    QFETCH(QString, apiVersion);
    QFETCH(QString, group);
    QFETCH(QString, version);
    const auto gv = kube::GroupVersion::fromApiVersion(apiVersion);
    QCOMPARE(gv.group, group);
    QCOMPARE(gv.version, version);
    QCOMPARE(gv.toString(), apiVersion);
}

void tst_GroupVersion::gvrToString_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("expected");
    QTest::newRow("core") << ""
                          << "pods";
    QTest::newRow("grouped") << "apps"
                             << "pods.v1.apps";
}

void tst_GroupVersion::gvrToString()
{
    QFETCH(QString, group);
    QFETCH(QString, expected);
    const kube::GroupVersionResource gvr { group, QStringLiteral("v1"), QStringLiteral("pods") };
    QCOMPARE(gvr.toString(), expected);
}

QTEST_GUILESS_MAIN(tst_GroupVersion)
#include "tst_groupversion.moc"
