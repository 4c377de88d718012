// kubectl end-to-end against FakeApiServer: the real client must accept our wire format.
// Skips where kubectl is not installed.

#include "testing/fakeapiserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kube::testing;

namespace {

struct KubectlResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class tst_FakeApiServerKubectl : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void apiResources_data();
    void apiResources();
    void getPodsAllNamespaces();
    void getPodsWide();
    void getNamespaces();
    void getRawApis();
    void getSeveralKinds();
    void getCustomResources();
    void notFound();
    void createAndDelete();
    void eventsV1AndServerSideApply();
    void tlsAndToken();

private:
    //! Runs kubectl without blocking the event loop the server lives in.
    KubectlResult kubectl(const QStringList &args, const QString &kubeconfig = {});

    QString m_kubectl;
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_kubeconfig;
};

void tst_FakeApiServerKubectl::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_kubectl = QStandardPaths::findExecutable(u"kubectl"_qs);
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not installed (not on PATH); skipping the kubectl end-to-end tests");
}

void tst_FakeApiServerKubectl::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_server->loadStockCluster({ .pods = 30 });
    QVERIFY(m_server->start());
    m_dir = std::make_unique<QTemporaryDir>();
    m_kubeconfig = m_server->writeKubeconfig(m_dir->path());
    QVERIFY(!m_kubeconfig.isEmpty());
}

KubectlResult tst_FakeApiServerKubectl::kubectl(const QStringList &args, const QString &kubeconfig)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_qs, m_dir->path()); // never the user's ~/.kube
    env.remove(u"KUBECONFIG"_qs);
    process.setProcessEnvironment(env);
    // An empty cache dir each run: kubectl must discover everything from the server.
    const QString cache
        = m_dir->filePath(u"cache-%1"_qs.arg(QRandomGenerator::global()->generate()));
    QStringList all { u"--kubeconfig"_qs, kubeconfig.isEmpty() ? m_kubeconfig : kubeconfig,
                      u"--cache-dir"_qs, cache, u"--request-timeout=20s"_qs };
    all += args;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(m_kubectl, all);
    KubectlResult r;
    if (!process.waitForStarted(10000))
        return r;
    if (!finished.wait(60000)) {
        process.kill();
        process.waitForFinished();
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

void tst_FakeApiServerKubectl::apiResources_data()
{
    QTest::addColumn<bool>("aggregated");
    QTest::newRow("aggregated discovery") << true;
    QTest::newRow("legacy discovery") << false;
}

void tst_FakeApiServerKubectl::apiResources()
{
    QFETCH(bool, aggregated);
    m_server->setAggregatedDiscovery(aggregated);
    const KubectlResult r = kubectl({ u"api-resources"_qs, u"--no-headers"_qs });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    // Every stock resource type (subresources aside) appears with its group-version.
    QSet<QString> lines;
    for (const QByteArray &line : r.out.split('\n')) {
        const QStringList fields = QString::fromUtf8(line).split(u' ', Qt::SkipEmptyParts);
        if (fields.size() >= 4)
            lines << fields.first() + u'|' + fields.at(fields.size() - 3);
    }
    int checked = 0;
    for (const FakeResource &res : m_server->resources()) {
        if (!res.preferredVersion)
            continue; // kubectl prints the preferred version of each group
        const QString gv = res.group.isEmpty() ? res.version : res.group + u'/' + res.version;
        QVERIFY2(lines.contains(res.resource + u'|' + gv), qPrintable(res.resource + u' ' + gv));
        ++checked;
    }
    QVERIFY(checked > 60);
    QVERIFY(r.out.contains("pods "));
    QVERIFY(r.out.contains("crontabs "));
    const int discoveryRequests = m_server->requestCount(u"/api"_qs);
    if (aggregated)
        QVERIFY2(m_server->requestCount(u"/apis/"_qs) == 0, "aggregated: no per-group requests");
    else
        QVERIFY(discoveryRequests > 20);
}

void tst_FakeApiServerKubectl::getPodsAllNamespaces()
{
    const KubectlResult r = kubectl({ u"get"_qs, u"pods"_qs, u"-A"_qs });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.first().simplified(), QByteArray("NAMESPACE NAME READY STATUS RESTARTS AGE"));
    const QList<QJsonObject> pods = m_server->objects(u""_qs, u"v1"_qs, u"pods"_qs);
    QCOMPARE(lines.size() - 1, pods.size());
    for (const QJsonObject &pod : pods) {
        const QJsonObject meta = pod.value(u"metadata").toObject();
        const QByteArray row
            = (meta.value(u"namespace").toString() + u' ' + meta.value(u"name").toString())
                  .toUtf8();
        bool found = false;
        for (const QByteArray &line : lines)
            found = found || line.simplified().startsWith(row + ' ');
        QVERIFY2(found, row.constData());
    }
    // kubectl asked for the Table format.
    QVERIFY(m_server->requests().last().accept.contains("as=Table"));
}

void tst_FakeApiServerKubectl::getPodsWide()
{
    const KubectlResult r
        = kubectl({ u"get"_qs, u"pods"_qs, u"-n"_qs, u"kube-system"_qs, u"-o"_qs, u"wide"_qs });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.split('\n').first().simplified(),
             QByteArray("NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES"));
    QVERIFY(r.out.contains("coredns-"));
    QVERIFY(r.out.contains("demo-worker"));
}

void tst_FakeApiServerKubectl::getNamespaces()
{
    const KubectlResult r = kubectl({ u"get"_qs, u"ns"_qs });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    for (const QJsonObject &ns : m_server->objects(u""_qs, u"v1"_qs, u"namespaces"_qs)) {
        const QByteArray name = ns.value(u"metadata").toObject().value(u"name").toString().toUtf8();
        QVERIFY2(r.out.contains('\n' + name + ' '), name.constData());
    }
    QVERIFY(r.out.contains("Active"));
}

void tst_FakeApiServerKubectl::getRawApis()
{
    const KubectlResult r = kubectl({ u"get"_qs, u"--raw"_qs, u"/apis"_qs });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(doc.value(u"kind").toString(), u"APIGroupList"_qs);
    QStringList groups;
    for (const auto &g : doc.value(u"groups").toArray())
        groups << g.toObject().value(u"name").toString();
    QVERIFY(groups.contains(u"apps"_qs));
    QVERIFY(groups.contains(u"stable.example.com"_qs));
}

void tst_FakeApiServerKubectl::getSeveralKinds()
{
    const KubectlResult r = kubectl({ u"get"_qs, u"deploy,svc"_qs, u"-A"_qs });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("deployment.apps/coredns"));
    QVERIFY(r.out.contains("service/kubernetes"));
    QVERIFY(r.out.contains("UP-TO-DATE"));
    QVERIFY(r.out.contains("CLUSTER-IP"));
    const KubectlResult all = kubectl({ u"get"_qs, u"all"_qs, u"-n"_qs, u"kube-system"_qs });
    QVERIFY2(all.exitCode == 0, all.err.constData());
    QVERIFY(all.out.contains("pod/coredns-"));
    QVERIFY(all.out.contains("replicaset.apps/coredns-"));
}

void tst_FakeApiServerKubectl::getCustomResources()
{
    const KubectlResult r = kubectl({ u"get"_qs, u"ct"_qs, u"-A"_qs });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.split('\n').first().simplified(),
             QByteArray("NAMESPACE NAME SPEC REPLICAS AGE"));
    QVERIFY(r.out.contains("cron-1"));
    const KubectlResult crds = kubectl({ u"get"_qs, u"crds"_qs });
    QVERIFY2(crds.exitCode == 0, crds.err.constData());
    QVERIFY(crds.out.contains("crontabs.stable.example.com"));
}

void tst_FakeApiServerKubectl::notFound()
{
    const KubectlResult r = kubectl({ u"get"_qs, u"pod"_qs, u"nope"_qs });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.trimmed(), QByteArray("Error from server (NotFound): pods \"nope\" not found"));
}

void tst_FakeApiServerKubectl::createAndDelete()
{
    // kubectl's typed "create configmap" sends protobuf; manifests go through JSON.
    const QString manifest = m_dir->filePath(u"cm.json"_qs);
    QFile f(manifest);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"e2e"},"data":{"k":"v"}})");
    f.close();
    KubectlResult r = kubectl({ u"create"_qs, u"-f"_qs, manifest });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), QByteArray("configmap/e2e created"));
    r = kubectl({ u"get"_qs, u"cm"_qs, u"e2e"_qs, u"-o"_qs, u"jsonpath={.data.k}"_qs });
    QCOMPARE(r.out, QByteArray("v"));
    r = kubectl({ u"label"_qs, u"cm"_qs, u"e2e"_qs, u"color=blue"_qs });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = kubectl({ u"get"_qs, u"cm"_qs, u"-l"_qs, u"color=blue"_qs, u"--no-headers"_qs });
    QVERIFY(r.out.startsWith("e2e "));
    r = kubectl({ u"delete"_qs, u"cm"_qs, u"e2e"_qs });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), QByteArray("configmap \"e2e\" deleted"));
}

void tst_FakeApiServerKubectl::eventsV1AndServerSideApply()
{
    // events.k8s.io/v1 serves the stock core events with the Event printer's columns.
    KubectlResult r = kubectl({ u"get"_qs, u"events.v1.events.k8s.io"_qs, u"-A"_qs });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.split('\n').first().simplified(),
             QByteArray("NAMESPACE LAST SEEN TYPE REASON OBJECT MESSAGE"));
    QVERIFY(r.out.count('\n') > 1);

    // Server-side apply of an object that does not exist creates it.
    const QString manifest = m_dir->filePath(u"ssa.json"_qs);
    QFile f(manifest);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ssa"},"data":{"k":"v"}})");
    f.close();
    r = kubectl({ u"apply"_qs, u"--server-side"_qs, u"-f"_qs, manifest });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), QByteArray("configmap/ssa serverside-applied"));
    r = kubectl({ u"get"_qs, u"cm"_qs, u"ssa"_qs, u"-o"_qs, u"jsonpath={.data.k}"_qs });
    QCOMPARE(r.out, QByteArray("v"));
}

void tst_FakeApiServerKubectl::tlsAndToken()
{
    FakeApiServer server(FakeApiServerOptions { .tls = true, .bearerToken = u"sekret"_qs });
    server.loadStockCluster({ .pods = 5 });
    QVERIFY(server.start());
    QTemporaryDir dir;
    const QString kubeconfig = server.writeKubeconfig(dir.path());
    KubectlResult r = kubectl({ u"get"_qs, u"ns"_qs, u"--no-headers"_qs }, kubeconfig);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("kube-system"));
    // Verified against the generated CA under another name in its certificate.
    r = kubectl({ u"get"_qs, u"ns"_qs, u"--tls-server-name=kubernetes.default.svc"_qs },
                kubeconfig);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = kubectl({ u"get"_qs, u"ns"_qs, u"--token=wrong"_qs }, kubeconfig);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("Unauthorized") || r.err.contains("credentials"), r.err.constData());

    FakeApiServer mtls(FakeApiServerOptions { .tls = true, .requireClientCertificate = true });
    mtls.loadStockCluster({});
    QVERIFY(mtls.start());
    QTemporaryDir mdir;
    r = kubectl({ u"api-resources"_qs, u"--no-headers"_qs }, mtls.writeKubeconfig(mdir.path()));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("deployments"));
}

QTEST_GUILESS_MAIN(tst_FakeApiServerKubectl)
#include "tst_fakeapiserver_kubectl.moc"
