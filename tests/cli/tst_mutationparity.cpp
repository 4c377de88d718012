// End to end: kubectl and kubrowser-cli change the same FakeApiServer, one after the other from
// the same starting state; stdout, stderr, exit code and the resulting objects must be equal.
// Covers server-side apply (conflicts, force, dry run, JSON from stdin), delete, scale,
// rollout restart, cordon/uncordon, create job --from, auth can-i, and a read-only viewer's
// forbidden requests. Skips where kubectl is not installed.

#include "testing/fakeapiserver.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using kube::testing::FakeApiServer;

namespace {

struct Run
{
    QByteArray out;
    QByteArray err;
    int exitCode = -1;
    QByteArray state;
};

const QString AdminToken = QStringLiteral("admin-token");
const QString ViewerToken = QStringLiteral("viewer-token");

QJsonObject deployment(const QString &name, int replicas)
{
    return QJsonObject {
        { u"metadata"_qs,
          QJsonObject {
              { u"name"_qs, name },
              { u"namespace"_qs, u"default"_qs },
              { u"labels"_qs, QJsonObject { { u"app"_qs, name } } },
              // Another tool (as helm does) owns the replicas: a different value conflicts.
              { u"managedFields"_qs,
                QJsonArray { QJsonObject {
                    { u"manager"_qs, u"helm"_qs },
                    { u"operation"_qs, u"Update"_qs },
                    { u"apiVersion"_qs, u"apps/v1"_qs },
                    { u"time"_qs, u"2026-01-01T00:00:00Z"_qs },
                    { u"fieldsType"_qs, u"FieldsV1"_qs },
                    { u"fieldsV1"_qs,
                      QJsonObject {
                          { u"f:spec"_qs,
                            QJsonObject { { u"f:replicas"_qs, QJsonObject {} } } } } } } } } } },
        { u"spec"_qs,
          QJsonObject {
              { u"replicas"_qs, replicas },
              { u"selector"_qs,
                QJsonObject { { u"matchLabels"_qs, QJsonObject { { u"app"_qs, name } } } } },
              { u"template"_qs,
                QJsonObject {
                    { u"metadata"_qs,
                      QJsonObject { { u"labels"_qs, QJsonObject { { u"app"_qs, name } } } } },
                    { u"spec"_qs,
                      QJsonObject { { u"containers"_qs,
                                      QJsonArray { QJsonObject {
                                          { u"name"_qs, name },
                                          { u"image"_qs, u"nginx:1.27"_qs } } } } } } } } } },
        { u"status"_qs, QJsonObject { { u"replicas"_qs, replicas } } }
    };
}

//! What may differ between two runs of the same command: times, uids, versions.
QJsonValue normalized(const QJsonValue &v, const QString &key = {})
{
    static const QStringList volatileKeys { u"resourceVersion"_qs, u"uid"_qs,
                                            u"creationTimestamp"_qs, u"time"_qs };
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (volatileKeys.contains(it.key()) || it.key() == u"kubectl.kubernetes.io/restartedAt")
                it.value() = u"<volatile>"_qs;
            else
                it.value() = normalized(it.value(), it.key());
        }
        return o;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (auto it = a.begin(); it != a.end(); ++it)
            *it = normalized(*it, key);
        return a;
    }
    return v;
}

} // namespace

class tst_MutationParity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameResult_data();
    void sameResult();
    void restartSetsTheAnnotation();
    void conflictNamesManagerAndField();
    void createJobFromCronJob();

private:
    void resetState();
    QByteArray state() const;
    Run run(const QString &program, const QStringList &args, const QByteArray &input);

    QString m_kubectl;
    QString m_cli = QStringLiteral(KUBE_BINARY_DIR "/app/cli/kubrowser-cli");
    QString m_data = QStringLiteral(KUBE_TEST_DATA_DIR "/cli/mutations/");
    QTemporaryDir m_dir;
    std::unique_ptr<FakeApiServer> m_server;
    QString m_kubeconfig;
    int m_caches = 0;
};

void tst_MutationParity::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
    kube::testing::FakeApiServerOptions options;
    options.tls = true; // kubectl sends bearer tokens over TLS only
    options.bearerToken = AdminToken;
    options.viewerToken = ViewerToken;
    m_server = std::make_unique<FakeApiServer>(options);
    FakeApiServer::StockOptions stock;
    stock.pods = 5;
    stock.nodes = 1;
    m_server->loadStockCluster(stock);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_kubeconfig = m_server->writeKubeconfig(m_dir.path());
    m_kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
}

void tst_MutationParity::resetState()
{
    FakeApiServer &s = *m_server;
    s.addObject(u"apps"_qs, u"v1"_qs, u"deployments"_qs, deployment(u"web"_qs, 2));
    QJsonObject db = deployment(u"db"_qs, 1);
    s.addObject(u"apps"_qs, u"v1"_qs, u"statefulsets"_qs, db);
    QJsonObject paused = deployment(u"paused"_qs, 1);
    QJsonObject spec = paused.value(u"spec"_qs).toObject();
    spec.insert(u"paused"_qs, true);
    paused.insert(u"spec"_qs, spec);
    s.addObject(u"apps"_qs, u"v1"_qs, u"deployments"_qs, paused);
    s.addObject(QString(), u"v1"_qs, u"nodes"_qs,
                QJsonObject { { u"metadata"_qs,
                                QJsonObject { { u"name"_qs, u"worker-a"_qs },
                                              { u"labels"_qs,
                                                QJsonObject { { u"kubernetes.io/hostname"_qs,
                                                                u"worker-a"_qs } } } } },
                              { u"spec"_qs, QJsonObject {} } });
    const QJsonObject jobTemplate {
        { u"metadata"_qs,
          QJsonObject { { u"labels"_qs, QJsonObject { { u"job"_qs, u"nightly"_qs } } } } },
        { u"spec"_qs,
          QJsonObject {
              { u"template"_qs,
                QJsonObject { { u"spec"_qs,
                                QJsonObject { { u"restartPolicy"_qs, u"OnFailure"_qs },
                                              { u"containers"_qs,
                                                QJsonArray { QJsonObject {
                                                    { u"name"_qs, u"backup"_qs },
                                                    { u"image"_qs, u"busybox"_qs } } } } } } } } } }
    };
    s.addObject(u"batch"_qs, u"v1"_qs, u"cronjobs"_qs,
                QJsonObject { { u"metadata"_qs,
                                QJsonObject { { u"name"_qs, u"nightly"_qs },
                                              { u"namespace"_qs, u"default"_qs } } },
                              { u"spec"_qs,
                                QJsonObject { { u"schedule"_qs, u"0 3 * * *"_qs },
                                              { u"jobTemplate"_qs, jobTemplate } } } });
    s.removeObject(QString(), u"v1"_qs, u"configmaps"_qs, u"default"_qs, u"settings"_qs);
    s.removeObject(QString(), u"v1"_qs, u"configmaps"_qs, u"default"_qs, u"from-json"_qs);
    s.removeObject(QString(), u"v1"_qs, u"configmaps"_qs, u"kube-system"_qs, u"elsewhere"_qs);
    s.removeObject(u"batch"_qs, u"v1"_qs, u"jobs"_qs, u"default"_qs, u"manual-1"_qs);
}

QByteArray tst_MutationParity::state() const
{
    struct Watched
    {
        QString group, version, resource, ns, name;
    };
    const QList<Watched> watched {
        { u"apps"_qs, u"v1"_qs, u"deployments"_qs, u"default"_qs, u"web"_qs },
        { u"apps"_qs, u"v1"_qs, u"deployments"_qs, u"default"_qs, u"paused"_qs },
        { u"apps"_qs, u"v1"_qs, u"statefulsets"_qs, u"default"_qs, u"db"_qs },
        { QString(), u"v1"_qs, u"nodes"_qs, QString(), u"worker-a"_qs },
        { QString(), u"v1"_qs, u"configmaps"_qs, u"default"_qs, u"settings"_qs },
        { QString(), u"v1"_qs, u"configmaps"_qs, u"default"_qs, u"from-json"_qs },
        { QString(), u"v1"_qs, u"configmaps"_qs, u"kube-system"_qs, u"elsewhere"_qs },
        { u"batch"_qs, u"v1"_qs, u"jobs"_qs, u"default"_qs, u"manual-1"_qs },
    };
    QJsonObject out;
    for (const Watched &w : watched) {
        QJsonValue found = u"<absent>"_qs;
        for (const QJsonObject &o : m_server->objects(w.group, w.version, w.resource, w.ns)) {
            if (o.value(u"metadata"_qs).toObject().value(u"name"_qs).toString() == w.name)
                found = normalized(o);
        }
        out.insert(w.resource + u'/' + w.name, found);
    }
    return QJsonDocument(out).toJson(QJsonDocument::Indented);
}

Run tst_MutationParity::run(const QString &program,
                            const QStringList &args,
                            const QByteArray &input)
{
    resetState();
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
    env.remove(QStringLiteral("KUBECONFIG"));
    env.remove(QStringLiteral("KUBECACHEDIR"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_data);
    QEventLoop loop;
    connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(50000, &loop, &QEventLoop::quit);
    const QString cache = m_dir.filePath(QStringLiteral("cache-%1").arg(++m_caches));
    p.start(program,
            QStringList { QStringLiteral("--kubeconfig"), m_kubeconfig,
                          QStringLiteral("--cache-dir"), cache }
                + args);
    p.write(input);
    p.closeWriteChannel();
    loop.exec();
    Run r;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit && p.state() == QProcess::NotRunning
        ? p.exitCode()
        : -1;
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(2000);
    }
    r.state = state();
    return r;
}

void tst_MutationParity::sameResult_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    const auto row = [](const char *name, const QString &args, const QByteArray &input = {}) {
        QTest::newRow(name) << args.split(u' ', Qt::SkipEmptyParts) << input;
    };
    const QString viewer = u"--token "_qs + ViewerToken + u' ';

    row("apply two documents", u"apply --server-side -f two-docs.yaml"_qs);
    row("apply conflict", u"apply --server-side -f web-replicas5.yaml"_qs);
    row("apply --force-conflicts",
        u"apply --server-side --force-conflicts -f web-replicas5.yaml"_qs);
    row("apply --dry-run=server", u"apply --server-side --dry-run=server -f two-docs.yaml"_qs);
    row("apply --field-manager", u"apply --server-side --field-manager=ci -f two-docs.yaml"_qs);
    row("apply JSON from stdin", u"apply --server-side -f -"_qs, [] {
        QFile f(QStringLiteral(KUBE_TEST_DATA_DIR "/cli/mutations/configmap.json"));
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }());
    row("apply namespace mismatch", u"apply --server-side -n default -f other-namespace.yaml"_qs);
    row("apply other namespace", u"apply --server-side -f other-namespace.yaml"_qs);
    row("apply as viewer", viewer + u"apply --server-side -f two-docs.yaml"_qs);

    row("delete deployment", u"delete deployment web"_qs);
    row("delete TYPE/NAME", u"delete deploy/web statefulset/db"_qs);
    row("delete missing", u"delete deployment nope"_qs);
    row("delete -f", u"delete -f delete-these.yaml"_qs);
    row("delete --dry-run=server", u"delete deployment web --dry-run=server"_qs);
    row("delete --cascade=orphan", u"delete deployment web --cascade=orphan"_qs);
    row("delete --grace-period", u"delete statefulset db --grace-period=30"_qs);
    row("delete as viewer", viewer + u"delete deployment web"_qs);

    row("scale deployment", u"scale deployment/web --replicas=4"_qs);
    row("scale statefulset", u"scale statefulset db --replicas=3"_qs);
    row("scale --dry-run=server", u"scale deploy/web --replicas=7 --dry-run=server"_qs);
    row("scale missing", u"scale deploy/nope --replicas=1"_qs);
    row("scale as viewer", viewer + u"scale deploy/web --replicas=1"_qs);

    row("rollout restart", u"rollout restart deployment/web"_qs);
    row("rollout restart paused", u"rollout restart deployment/paused"_qs);
    row("rollout restart missing", u"rollout restart deployment/nope"_qs);
    row("rollout restart as viewer", viewer + u"rollout restart deployment/web"_qs);

    row("cordon", u"cordon worker-a"_qs);
    row("uncordon an uncordoned node", u"uncordon worker-a"_qs);
    row("cordon missing", u"cordon nope"_qs);
    row("cordon --dry-run=server", u"cordon worker-a --dry-run=server"_qs);
    row("cordon as viewer", viewer + u"cordon worker-a"_qs);

    // create job: kubectl posts the Job as protobuf, which the fake server does not decode
    // (see createJobFromCronJob); the missing CronJob fails before that.
    row("create job --from missing", u"create job manual-1 --from=cronjob/nope"_qs);

    row("can-i create pods", u"auth can-i create pods"_qs);
    row("can-i --list", u"auth can-i --list"_qs);
    row("can-i list nodes", u"auth can-i list nodes"_qs);
    row("can-i unknown resource", u"auth can-i get widgets"_qs);
    row("can-i unknown verb", u"auth can-i frobnicate pods"_qs);
    row("can-i a named object", u"auth can-i delete deployments.apps/web"_qs);
    row("viewer can-i delete pods", viewer + u"auth can-i delete pods"_qs);
    row("viewer can-i get deployments",
        viewer + u"auth can-i get deployments.apps -n kube-system"_qs);
    row("viewer can-i --list", viewer + u"auth can-i --list"_qs);
}

void tst_MutationParity::sameResult()
{
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);

    const Run kubectl = run(m_kubectl, args, input);
    Run cli = run(m_cli, args, input);
    // Where kubectl sends no fieldManager, kube-apiserver names the manager after the
    // User-Agent's product: "kubectl" there, "kubrowser" here. Everything else must match.
    cli.state.replace("\"manager\": \"kubrowser\"", "\"manager\": \"kubectl\"");

    QCOMPARE(cli.err, kubectl.err);
    QCOMPARE(cli.out, kubectl.out);
    QCOMPARE(cli.exitCode, kubectl.exitCode);
    if (cli.state != kubectl.state) {
        // Name the first lines that differ: the whole state is too long for QCOMPARE's output.
        const QList<QByteArray> a = cli.state.split('\n');
        const QList<QByteArray> b = kubectl.state.split('\n');
        QByteArray diff;
        for (qsizetype i = 0; i < qMax(a.size(), b.size()) && diff.size() < 2000; ++i) {
            if (a.value(i) != b.value(i))
                diff += "line " + QByteArray::number(i) + "\n  cli:     " + a.value(i)
                    + "\n  kubectl: " + b.value(i) + '\n';
        }
        QFAIL(diff.constData());
    }
}

void tst_MutationParity::restartSetsTheAnnotation()
{
    // Given the deployment as reset
    const Run cli = run(m_cli, { u"rollout"_qs, u"restart"_qs, u"deploy/web"_qs }, {});
    QCOMPARE(cli.exitCode, 0);
    // Then its pod template carries restartedAt, in RFC 3339 UTC, within the last minute.
    QString at;
    for (const QJsonObject &o :
         m_server->objects(u"apps"_qs, u"v1"_qs, u"deployments"_qs, u"default"_qs)) {
        if (o.value(u"metadata"_qs).toObject().value(u"name"_qs) == u"web"_qs)
            at = o.value(u"spec"_qs)[u"template"_qs][u"metadata"_qs][u"annotations"_qs]
                                    [u"kubectl.kubernetes.io/restartedAt"_qs]
                                        .toString();
    }
    QVERIFY2(
        QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"_qs).match(at).hasMatch(),
        qPrintable(at));
    const qint64 age
        = QDateTime::fromString(at, Qt::ISODate).secsTo(QDateTime::currentDateTimeUtc());
    QVERIFY2(age >= 0 && age < 120, qPrintable(QString::number(age)));
}

void tst_MutationParity::conflictNamesManagerAndField()
{
    const Run cli
        = run(m_cli, { u"apply"_qs, u"--server-side"_qs, u"-f"_qs, u"web-replicas5.yaml"_qs }, {});
    QCOMPARE(cli.exitCode, 1);
    QVERIFY2(cli.err.startsWith("error: Apply failed with 1 conflict: conflict with \"helm\" using "
                                "apps/v1: .spec.replicas\n"),
             cli.err.constData());
    QVERIFY(cli.state.contains("\"replicas\": 2"));
}

void tst_MutationParity::createJobFromCronJob()
{
    // As admin: the Job is the CronJob's template, marked manual and owned by the CronJob.
    Run cli
        = run(m_cli, { u"create"_qs, u"job"_qs, u"manual-1"_qs, u"--from=cronjob/nightly"_qs }, {});
    QCOMPARE(cli.err, QByteArray());
    QCOMPARE(cli.out, QByteArray("job.batch/manual-1 created\n"));
    QCOMPARE(cli.exitCode, 0);
    const QJsonObject state = QJsonDocument::fromJson(cli.state).object();
    const QJsonObject job = state.value(u"jobs/manual-1"_qs).toObject();
    const QJsonObject meta = job.value(u"metadata"_qs).toObject();
    QCOMPARE(meta.value(u"annotations"_qs)[u"cronjob.kubernetes.io/instantiate"_qs].toString(),
             u"manual"_qs);
    QCOMPARE(meta.value(u"labels"_qs)[u"job"_qs].toString(), u"nightly"_qs);
    const QJsonObject owner = meta.value(u"ownerReferences"_qs).toArray().first().toObject();
    QCOMPARE(owner.value(u"kind"_qs).toString(), u"CronJob"_qs);
    QCOMPARE(owner.value(u"name"_qs).toString(), u"nightly"_qs);
    QCOMPARE(owner.value(u"controller"_qs).toBool(), true);
    QCOMPARE(job.value(u"spec"_qs)[u"template"_qs][u"spec"_qs][u"containers"_qs][0][u"image"_qs]
                 .toString(),
             u"busybox"_qs);
    QCOMPARE(meta.value(u"managedFields"_qs)[0][u"manager"_qs].toString(), u"kubectl-create"_qs);

    // With --dry-run=server nothing is stored.
    cli = run(m_cli,
              { u"create"_qs, u"job"_qs, u"manual-1"_qs, u"--from=cronjob/nightly"_qs,
                u"--dry-run=server"_qs },
              {});
    QCOMPARE(cli.out, QByteArray("job.batch/manual-1 created (server dry run)\n"));
    QVERIFY(QJsonDocument::fromJson(cli.state).object().value(u"jobs/manual-1"_qs).isString());

    // As the viewer: kubectl's wording (checked against kubectl 1.32 once, by hand).
    cli = run(m_cli,
              { u"--token"_qs, ViewerToken, u"create"_qs, u"job"_qs, u"manual-1"_qs,
                u"--from=cronjob/nightly"_qs },
              {});
    QCOMPARE(cli.err,
             QByteArray("error: failed to create job: jobs.batch is forbidden: User \"viewer\" "
                        "cannot create resource \"jobs\" in API group \"batch\" in the namespace "
                        "\"default\"\n"));
    QCOMPARE(cli.exitCode, 1);
}

QTEST_GUILESS_MAIN(tst_MutationParity)
#include "tst_mutationparity.moc"
