// The examples/ programs, built the way a user builds them: kubeclient is installed into a
// temporary prefix with `cmake --install` (components Library and Development only), and
// examples/ is configured on its own with find_package(KubeClient CONFIG). They then run against
// FakeApiServer with a kubeconfig, and their output is compared with what kubectl prints for the
// same server (rows that need kubectl skip without it). The installed tree itself is checked
// too: public headers only, every include of an installed header resolvable in the prefix,
// the library's SONAME, and kubeclient.pc.

#include "testing/fakeapiserver.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
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
};

// Runs a program while this thread's event loop keeps serving FakeApiServer.
Run run(const QString &program,
        const QStringList &args,
        int timeoutMs = 120000,
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (p.state() != QProcess::NotRunning)
        loop.exec();
    Run r;
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(5000);
        r.err = "timed out: " + program.toUtf8();
    }
    r.out = p.readAllStandardOutput();
    r.err += p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

QByteArrayList sortedLines(const QByteArray &text)
{
    QByteArrayList lines = text.split('\n');
    lines.removeAll(QByteArray());
    std::sort(lines.begin(), lines.end());
    return lines;
}

} // namespace

class tst_Examples : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void installedTreeHasOnlyPublicHeaders();
    void installedHeadersIncludeOnlyInstalledHeaders();
    void sharedLibraryHasSoname();
    void pkgConfigFileResolves();
    void podExamplesPrintKubectlsPods_data();
    void podExamplesPrintKubectlsPods();
    void discoveryIncludesSubresourcesAsTheServerLists();
    void cliDiscoveryPrintsTheSameLines();
    void cachedDiscoverySecondRunSendsNoRequest();
    void cachedDiscoveryReadsKubectlsCache();
    void watchPrintsAddsUpdatesAndDeletes();
    void informerPrintsAddsUpdatesAndDeletes();
    void everyExampleHasHelpAndVersion_data();
    void everyExampleHasHelpAndVersion();
    void missingKubeconfigFileIsAnError();
    void testingComponentGivesFakeApiServer();

private:
    QString example(const QString &name) const
    {
        return m_dir.filePath(QStringLiteral("build/%1/%1").arg(name));
    }
    QStringList kubeconfigArgs() const { return { QStringLiteral("--kubeconfig"), m_kubeconfig }; }

    QTemporaryDir m_dir;
    QString m_prefix;
    QString m_kubeconfig;
    QString m_kubectl;
    FakeApiServer m_server;
};

void tst_Examples::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_prefix = m_dir.filePath(QStringLiteral("prefix"));
    const QString cmake = QStandardPaths::findExecutable(QStringLiteral("cmake"));
    QVERIFY(!cmake.isEmpty());

    // cmake --install, only what libkubeclient0 and libkubeclient-dev ship.
    for (const QString &component : { QStringLiteral("Library"), QStringLiteral("Development") }) {
        const Run install = run(cmake,
                                { QStringLiteral("--install"), QStringLiteral(KUBE_BINARY_DIR),
                                  QStringLiteral("--prefix"), m_prefix,
                                  QStringLiteral("--component"), component });
        QVERIFY2(install.exitCode == 0, install.err.constData());
    }
    // examples/ on its own, against the prefix alone.
    const QString build = m_dir.filePath(QStringLiteral("build"));
    const Run configure
        = run(cmake,
              { QStringLiteral("-S"), QStringLiteral(KUBE_SOURCE_DIR "/examples"),
                QStringLiteral("-B"), build, QStringLiteral("-G"), QStringLiteral("Ninja"),
                QStringLiteral("-DCMAKE_BUILD_TYPE=Release"),
                QStringLiteral("-DCMAKE_PREFIX_PATH=") + m_prefix },
              300000);
    QVERIFY2(configure.exitCode == 0, (configure.out + configure.err).constData());
    const Run compile
        = run(cmake, { QStringLiteral("--build"), build, QStringLiteral("-j2") }, 1200000);
    QVERIFY2(compile.exitCode == 0, (compile.out + compile.err).constData());
    // Warning-free against the installed headers too.
    QVERIFY2(!compile.out.contains("warning:"), compile.out.constData());

    m_server.loadStockCluster({ .pods = 40 });
    // Some pods of our own in default: a pod without a status prints Go's "[]" for its phase.
    for (const auto &[name, phase] : QList<QPair<QString, QString>> {
             { QStringLiteral("example-running"), QStringLiteral("Running") },
             { QStringLiteral("example-no-status"), QString() },
             { QStringLiteral("example-failed"), QStringLiteral("Failed") } }) {
        QJsonObject pod { { QStringLiteral("metadata"),
                            QJsonObject {
                                { QStringLiteral("name"), name },
                                { QStringLiteral("namespace"), QStringLiteral("default") } } } };
        if (!phase.isEmpty())
            pod.insert(QStringLiteral("status"),
                       QJsonObject { { QStringLiteral("phase"), phase } });
        m_server.addObject(QString(), QStringLiteral("v1"), QStringLiteral("pods"), pod);
    }
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_kubeconfig = m_server.writeKubeconfig(m_dir.path());
    m_kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
}

void tst_Examples::installedTreeHasOnlyPublicHeaders()
{
    const QDir include(m_prefix + QStringLiteral("/include/kubeclient"));
    QVERIFY(include.exists(QStringLiteral("rest/restclient.h")));
    QVERIFY(include.exists(QStringLiteral("typed/generated/core_v1_client.h")));
    QVERIFY(include.exists(QStringLiteral("kubeclient_version.h")));
    QVERIFY(include.exists(QStringLiteral("testing/fakeapiserver.h")));
    for (const char *streamsHeader :
         { "streams/logstream.h", "streams/remotecommand.h", "streams/portforwarder.h",
           "streams/channelwebsocket.h", "api/podlogoptions.h" })
        QVERIFY2(include.exists(QLatin1String(streamsHeader)), streamsHeader);
    // Private: yaml-cpp types, logging categories, FakeApiServer's internals.
    for (const char *privateHeader :
         { "config/yamlnode.h", "rest/restlogging.h", "discovery/discoverylogging.h",
           "testing/objectstore.h", "testing/fakehttpserver.h", "streams/streamslogging.h",
           "streams/portforwardconnection.h" })
        QVERIFY2(!include.exists(QLatin1String(privateHeader)), privateHeader);
    // Nothing but headers under include/.
    QDirIterator it(include.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QVERIFY2(path.endsWith(QLatin1String(".h")), qPrintable(path));
    }
}

void tst_Examples::installedHeadersIncludeOnlyInstalledHeaders()
{
    // A public header including a private one would break every user's build.
    static const QRegularExpression quoted(QStringLiteral("^\\s*#\\s*include\\s+\"([^\"]+)\""),
                                           QRegularExpression::MultilineOption);
    const QString root = m_prefix + QStringLiteral("/include/kubeclient");
    QDirIterator it(root, { QStringLiteral("*.h") }, QDir::Files, QDirIterator::Subdirectories);
    int headers = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        auto matches = quoted.globalMatch(text);
        while (matches.hasNext()) {
            const QString inc = matches.next().captured(1);
            const bool found = QFileInfo::exists(QFileInfo(path).dir().filePath(inc))
                || QFileInfo::exists(root + u'/' + inc);
            QVERIFY2(found, qPrintable(path + QStringLiteral(" includes missing ") + inc));
        }
        ++headers;
    }
    QVERIFY(headers > 100);
}

void tst_Examples::sharedLibraryHasSoname()
{
    const QString lib = m_prefix + QStringLiteral("/lib/libkubeclient.so");
    QVERIFY2(QFileInfo(lib).isSymLink(), qPrintable(lib));
    QVERIFY(QFileInfo::exists(m_prefix + QStringLiteral("/lib/libkubeclient.so.0")));
    QVERIFY(QFileInfo::exists(m_prefix + QStringLiteral("/lib/libkubeclient-testing.so.0")));
    const QString objdump = QStandardPaths::findExecutable(QStringLiteral("objdump"));
    if (objdump.isEmpty())
        QSKIP("objdump is not installed");
    const Run r = run(objdump, { QStringLiteral("-p"), lib });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("SONAME               libkubeclient.so.0"), r.out.constData());
}

void tst_Examples::pkgConfigFileResolves()
{
    const QString pkgConfig = QStandardPaths::findExecutable(QStringLiteral("pkg-config"));
    if (pkgConfig.isEmpty())
        QSKIP("pkg-config is not installed");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PKG_CONFIG_PATH"), m_prefix + QStringLiteral("/lib/pkgconfig"));
    const Run version = run(
        pkgConfig, { QStringLiteral("--modversion"), QStringLiteral("kubeclient") }, 60000, env);
    QVERIFY2(version.exitCode == 0, version.err.constData());
    QCOMPARE(version.out.trimmed(), QByteArray(KUBE_PROJECT_VERSION));
    const Run flags = run(
        pkgConfig,
        { QStringLiteral("--cflags"), QStringLiteral("--libs"), QStringLiteral("kubeclient") },
        60000, env);
    QVERIFY2(flags.exitCode == 0, flags.err.constData());
    // The prefix is found relative to the .pc file, whatever prefix it was installed to.
    const QString includeDir = QDir::cleanPath(m_prefix + QStringLiteral("/include/kubeclient"));
    bool hasInclude = false;
    for (const QByteArray &flag : flags.out.trimmed().split(' ')) {
        if (flag.startsWith("-I") && QDir::cleanPath(QString::fromUtf8(flag.mid(2))) == includeDir)
            hasInclude = true;
    }
    QVERIFY2(hasInclude, flags.out.constData());
    QVERIFY2(flags.out.contains("-lkubeclient"), flags.out.constData());
    QVERIFY2(flags.out.contains("-lQt6Network"), flags.out.constData());
}

void tst_Examples::podExamplesPrintKubectlsPods_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("RESTClient") << QStringLiteral("restclient-pods");
    QTest::newRow("Clientset") << QStringLiteral("clientset-pods");
    QTest::newRow("DynamicClient") << QStringLiteral("dynamic-pods");
}

void tst_Examples::podExamplesPrintKubectlsPods()
{
    QFETCH(QString, name);
    const Run ours = run(example(name), kubeconfigArgs());
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QVERIFY2(ours.out.contains("example-running \t [Running]\n"), ours.out.constData());
    QVERIFY2(ours.out.contains("example-no-status \t []\n"), ours.out.constData());
    QVERIFY2(ours.out.contains("example-failed \t [Failed]\n"), ours.out.constData());
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    // Go's fmt.Printf("%v \t [%v]\n", name, phase), as a kubectl template, same order.
    const Run kubectl
        = run(m_kubectl,
              { QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("get"),
                QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("default"),
                QStringLiteral("-o"),
                QStringLiteral("go-template={{range .items}}{{.metadata.name}} \\t [{{with "
                               ".status.phase}}{{.}}{{end}}]{{\"\\n\"}}{{end}}") });
    QVERIFY2(kubectl.exitCode == 0, kubectl.err.constData());
    QByteArray expected = kubectl.out;
    expected.replace("\\t", "\t");
    QCOMPARE(ours.out, expected);
}

void tst_Examples::discoveryIncludesSubresourcesAsTheServerLists()
{
    const Run ours = run(example(QStringLiteral("discovery-resources")), kubeconfigArgs());
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QVERIFY2(ours.out.contains("[G] [V]v1 [R]pods\n"), ours.out.constData());
    QVERIFY2(ours.out.contains("[G] [V]v1 [R]pods/status\n"), ours.out.constData());
    QVERIFY2(ours.out.contains("[G] [V]v1 [R]pods/log\n"), ours.out.constData());
    QVERIFY2(ours.out.contains("[G]apps [V]v1 [R]deployments/scale\n"), ours.out.constData());
    // A subresource follows its resource, as client-go's aggregated discovery conversion does.
    QVERIFY(ours.out.indexOf("[R]pods\n") < ours.out.indexOf("[R]pods/status\n"));
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    // The same set as every group-version's own (legacy) discovery document, via kubectl.
    const QStringList base { QStringLiteral("--kubeconfig"), m_kubeconfig };
    const Run versions = run(m_kubectl, base + QStringList { QStringLiteral("api-versions") });
    QVERIFY2(versions.exitCode == 0, versions.err.constData());
    QByteArray expected;
    for (const QByteArray &gvText : sortedLines(versions.out)) {
        const QString gv = QString::fromUtf8(gvText);
        const QString path
            = gv.contains(u'/') ? QStringLiteral("/apis/") + gv : QStringLiteral("/api/") + gv;
        const Run doc = run(
            m_kubectl, base + QStringList { QStringLiteral("get"), QStringLiteral("--raw"), path });
        QVERIFY2(doc.exitCode == 0, doc.err.constData());
        const QJsonObject list = QJsonDocument::fromJson(doc.out).object();
        const qsizetype slash = gv.indexOf(u'/');
        const QString group = slash < 0 ? QString() : gv.left(slash);
        const QString version = gv.mid(slash + 1);
        for (const QJsonValue &r : list.value(QLatin1String("resources")).toArray()) {
            expected += "[G]" + group.toUtf8() + " [V]" + version.toUtf8() + " [R]"
                + r.toObject().value(QLatin1String("name")).toString().toUtf8() + '\n';
        }
    }
    QCOMPARE(sortedLines(ours.out), sortedLines(expected));
}

void tst_Examples::cliDiscoveryPrintsTheSameLines()
{
    // `kubrowser-cli discovery` is the same program; it printed top-level resources only once.
    const Run example = run(this->example(QStringLiteral("discovery-resources")), kubeconfigArgs());
    QVERIFY2(example.exitCode == 0, example.err.constData());
    QTemporaryDir cache;
    const Run cli = run(QStringLiteral(KUBE_BINARY_DIR "/app/cli/kubrowser-cli"),
                        kubeconfigArgs()
                            + QStringList { QStringLiteral("--cache-dir"), cache.path(),
                                            QStringLiteral("discovery") });
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    QCOMPARE(cli.out, example.out);
    const int lines = int(sortedLines(example.out).size());
    QVERIFY2(cli.err.startsWith(QByteArray::number(lines) + " resources"), cli.err.constData());
}

void tst_Examples::cachedDiscoverySecondRunSendsNoRequest()
{
    QTemporaryDir cache;
    const QStringList args
        = kubeconfigArgs() + QStringList { QStringLiteral("--cache-dir"), cache.path() };
    const QString program = example(QStringLiteral("cached-discovery-resources"));
    m_server.clearRequests();
    const Run first = run(program, args);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QVERIFY(m_server.requestCount() > 0);
    const Run live = run(example(QStringLiteral("discovery-resources")), kubeconfigArgs());
    QCOMPARE(first.out, live.out);

    m_server.clearRequests();
    const Run second = run(program, args);
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QCOMPARE(m_server.requestCount(), 0);
    QCOMPARE(second.out, first.out);
}

void tst_Examples::cachedDiscoveryReadsKubectlsCache()
{
    if (m_kubectl.isEmpty())
        QSKIP("kubectl is not installed");
    // kubectl fills the cache; the example, sharing kubectl's layout, then asks nothing.
    QTemporaryDir cache;
    const Run kubectl = run(m_kubectl,
                            kubeconfigArgs()
                                + QStringList { QStringLiteral("--cache-dir"), cache.path(),
                                                QStringLiteral("api-resources") });
    QVERIFY2(kubectl.exitCode == 0, kubectl.err.constData());
    m_server.clearRequests();
    const Run ours
        = run(example(QStringLiteral("cached-discovery-resources")),
              kubeconfigArgs() + QStringList { QStringLiteral("--cache-dir"), cache.path() });
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QCOMPARE(m_server.requestCount(), 0);
    const Run live = run(example(QStringLiteral("discovery-resources")), kubeconfigArgs());
    QCOMPARE(sortedLines(ours.out), sortedLines(live.out));
}

void tst_Examples::watchPrintsAddsUpdatesAndDeletes()
{
    QProcess watch;
    watch.start(example(QStringLiteral("watch-pods")),
                kubeconfigArgs()
                    + QStringList { QStringLiteral("--timeout-seconds"), QStringLiteral("10") });
    QByteArray out;
    connect(&watch, &QProcess::readyReadStandardOutput, this,
            [&] { out += watch.readAllStandardOutput(); });
    const QList<QJsonObject> pods = m_server.objects(
        QString(), QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("default"));
    // The initial ADDED events: one per pod in default.
    QTRY_VERIFY_WITH_TIMEOUT(out.count("ADDED \t") == pods.size(), 30000);
    QVERIFY2(out.contains("ADDED \t example-running \t [Running]\n"), out.constData());

    QJsonObject changed;
    for (const QJsonObject &pod : pods) {
        if (pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("name"))
            == QLatin1String("example-running"))
            changed = pod;
    }
    const QString changedName = changed.value(QLatin1String("metadata"))
                                    .toObject()
                                    .value(QLatin1String("name"))
                                    .toString();
    changed.insert(QStringLiteral("status"),
                   QJsonObject { { QStringLiteral("phase"), QStringLiteral("Succeeded") } });
    m_server.addObject(QString(), QStringLiteral("v1"), QStringLiteral("pods"), changed);
    QVERIFY(m_server.removeObject(QString(), QStringLiteral("v1"), QStringLiteral("pods"),
                                  QStringLiteral("default"), QStringLiteral("example-failed")));

    QSignalSpy finished(&watch, &QProcess::finished);
    // --timeout-seconds 10: the server ends the watch and the program exits by itself.
    QVERIFY(finished.wait(30000) || watch.state() == QProcess::NotRunning);
    out += watch.readAllStandardOutput();
    QCOMPARE(watch.exitCode(), 0);
    QVERIFY2(out.contains("MODIFIED \t " + changedName.toUtf8() + " \t [Succeeded]\n"),
             out.constData());
    QVERIFY2(out.contains("DELETED \t example-failed \t [Failed]\n"), out.constData());
    QVERIFY(out.indexOf("MODIFIED") < out.indexOf("DELETED"));
    // Restore for other tests.
    changed.insert(QStringLiteral("status"),
                   QJsonObject { { QStringLiteral("phase"), QStringLiteral("Running") } });
    m_server.addObject(QString(), QStringLiteral("v1"), QStringLiteral("pods"), changed);
    m_server.addObject(
        QString(), QStringLiteral("v1"), QStringLiteral("pods"),
        QJsonObject {
            { QStringLiteral("metadata"),
              QJsonObject { { QStringLiteral("name"), QStringLiteral("example-failed") },
                            { QStringLiteral("namespace"), QStringLiteral("default") } } },
            { QStringLiteral("status"),
              QJsonObject { { QStringLiteral("phase"), QStringLiteral("Failed") } } } });
}

void tst_Examples::informerPrintsAddsUpdatesAndDeletes()
{
    QProcess informer;
    informer.start(example(QStringLiteral("informer-pods")),
                   kubeconfigArgs()
                       + QStringList { QStringLiteral("--run-seconds"), QStringLiteral("120") });
    QByteArray out;
    connect(&informer, &QProcess::readyReadStandardOutput, this,
            [&] { out += informer.readAllStandardOutput(); });
    const QList<QJsonObject> pods = m_server.objects(
        QString(), QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("default"));
    // The pods already there arrive as adds, then the informer reports it has synced.
    QTRY_VERIFY_WITH_TIMEOUT(out.contains("synced\n"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(out.count("ADD \t"), pods.size(), 30000);
    QVERIFY2(out.contains("ADD \t example-running \t [Running]\n"), out.constData());

    m_server.addObject(
        QString(), QStringLiteral("v1"), QStringLiteral("pods"),
        QJsonObject {
            { QStringLiteral("metadata"),
              QJsonObject { { QStringLiteral("name"), QStringLiteral("example-new") },
                            { QStringLiteral("namespace"), QStringLiteral("default") } } },
            { QStringLiteral("status"),
              QJsonObject { { QStringLiteral("phase"), QStringLiteral("Pending") } } } });
    QTRY_VERIFY_WITH_TIMEOUT(out.contains("ADD \t example-new \t [Pending]\n"), 30000);
    QJsonObject running = m_server
                              .objects(QString(), QStringLiteral("v1"), QStringLiteral("pods"),
                                       QStringLiteral("default"))
                              .last();
    for (const QJsonObject &pod : m_server.objects(
             QString(), QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("default"))) {
        if (pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("name"))
            == QLatin1String("example-new"))
            running = pod;
    }
    running.insert(QStringLiteral("status"),
                   QJsonObject { { QStringLiteral("phase"), QStringLiteral("Running") } });
    m_server.addObject(QString(), QStringLiteral("v1"), QStringLiteral("pods"), running);
    QTRY_VERIFY_WITH_TIMEOUT(out.contains("UPDATE \t example-new \t [Pending -> Running]\n"),
                             30000);
    QVERIFY(m_server.removeObject(QString(), QStringLiteral("v1"), QStringLiteral("pods"),
                                  QStringLiteral("default"), QStringLiteral("example-new")));
    QTRY_VERIFY_WITH_TIMEOUT(out.contains("DELETE \t example-new \t [Running]\n"), 30000);
    informer.kill();
    informer.waitForFinished(10000);
}

void tst_Examples::everyExampleHasHelpAndVersion_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name :
         { "restclient-pods", "clientset-pods", "dynamic-pods", "discovery-resources",
           "cached-discovery-resources", "watch-pods", "informer-pods" })
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_Examples::everyExampleHasHelpAndVersion()
{
    QFETCH(QString, name);
    const Run help = run(example(name), { QStringLiteral("--help") });
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains("--kubeconfig <file>"), help.out.constData());
    QVERIFY2(help.out.contains("--context <name>"), help.out.constData());
    const Run version = run(example(name), { QStringLiteral("--version") });
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.out.contains(KUBE_PROJECT_VERSION), version.out.constData());
}

void tst_Examples::missingKubeconfigFileIsAnError()
{
    const Run r = run(example(QStringLiteral("clientset-pods")),
                      { QStringLiteral("--kubeconfig"), m_dir.filePath(QStringLiteral("nope")) });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("nope"), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void tst_Examples::testingComponentGivesFakeApiServer()
{
    // find_package(KubeClient COMPONENTS Testing): a user's test program on FakeApiServer.
    const QString cmake = QStandardPaths::findExecutable(QStringLiteral("cmake"));
    const QString build = m_dir.filePath(QStringLiteral("testing-consumer"));
    const Run configure = run(
        cmake,
        { QStringLiteral("-S"), QStringLiteral(KUBE_SOURCE_DIR "/tests/examples/testing-consumer"),
          QStringLiteral("-B"), build, QStringLiteral("-G"), QStringLiteral("Ninja"),
          QStringLiteral("-DCMAKE_PREFIX_PATH=") + m_prefix },
        300000);
    QVERIFY2(configure.exitCode == 0, (configure.out + configure.err).constData());
    const Run compile = run(cmake, { QStringLiteral("--build"), build }, 900000);
    QVERIFY2(compile.exitCode == 0, (compile.out + compile.err).constData());
    const Run r = run(build + QStringLiteral("/testing-consumer"), {});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.trimmed().toInt() > 0, r.out.constData());
}

QTEST_GUILESS_MAIN(tst_Examples)
#include "tst_examples.moc"
