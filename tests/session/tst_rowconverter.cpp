// RowConverter::facts() for the streams features, on fixture objects (tests/data/session):
// containers, init containers, the selector of workloads and Services as a label selector
// string (matchExpressions included, as kubectl prints them), and ports.

#include "api/unstructured.h"
#include "rowconverter.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace kube;
using namespace kube::ui;

class tst_RowConverter : public QObject
{
    Q_OBJECT

private slots:
    void streamFacts_data();
    void streamFacts();
    void ports();
};

namespace {

Unstructured fixture(const QString &name)
{
    QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/session/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return Unstructured(QJsonDocument::fromJson(f.readAll()).object());
}

} // namespace

void tst_RowConverter::streamFacts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("containers");
    QTest::addColumn<QStringList>("initContainers");
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("phase");
    QTest::newRow("pod") << QStringLiteral("pod-two-containers.json")
                         << QStringList { QStringLiteral("app"), QStringLiteral("proxy") }
                         << QStringList { QStringLiteral("migrate") } << QString()
                         << QStringLiteral("Running");
    QTest::newRow("deployment, matchExpressions")
        << QStringLiteral("deployment-expressions.json") << QStringList { QStringLiteral("app") }
        << QStringList()
        << QStringLiteral("app=web,tier in (front,edge),!canary,track notin (old),team")
        << QString();
    QTest::newRow("service") << QStringLiteral("service-named-target.json") << QStringList()
                             << QStringList() << QStringLiteral("app=web") << QString();
    QTest::newRow("job") << QStringLiteral("job.json") << QStringList { QStringLiteral("backup") }
                         << QStringList() << QStringLiteral("batch.kubernetes.io/controller-uid=c1")
                         << QString();
    QTest::newRow("configmap: none") << QStringLiteral("configmap.json") << QStringList()
                                     << QStringList() << QString() << QString();
}

void tst_RowConverter::streamFacts()
{
    QFETCH(QString, file);
    const ObjectFacts f = RowConverter::facts(fixture(file));
    QTEST(f.containers, "containers");
    QTEST(f.initContainers, "initContainers");
    QTEST(f.selector, "selector");
    QTEST(f.phase, "phase");
}

void tst_RowConverter::ports()
{
    const ObjectFacts pod = RowConverter::facts(fixture(QStringLiteral("pod-two-containers.json")));
    const QList<ObjectPort> podPorts {
        { QStringLiteral("http"), 8080, QString(), QStringLiteral("TCP") },
        { QString(), 9090, QString(), QStringLiteral("TCP") },
        { QStringLiteral("dns"), 53, QString(), QStringLiteral("UDP") }
    };
    QCOMPARE(pod.ports, podPorts);
    const ObjectFacts svc
        = RowConverter::facts(fixture(QStringLiteral("service-named-target.json")));
    const QList<ObjectPort> svcPorts {
        { QStringLiteral("web"), 80, QStringLiteral("http"), QStringLiteral("TCP") },
        { QStringLiteral("metrics"), 9090, QStringLiteral("9100"), QStringLiteral("TCP") },
        { QString(), 443, QString(), QStringLiteral("TCP") }
    };
    QCOMPARE(svc.ports, svcPorts);
    const ObjectFacts deploy
        = RowConverter::facts(fixture(QStringLiteral("deployment-expressions.json")));
    QCOMPARE(deploy.ports.size(), 1);
    QCOMPARE(deploy.ports.first().port, 8080);
}

QTEST_GUILESS_MAIN(tst_RowConverter)
#include "tst_rowconverter.moc"
