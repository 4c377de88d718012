#include "commandline.h"

#include <QTest>

using namespace kube::cli;

class tst_CommandLine : public QObject
{
    Q_OBJECT

private slots:
    void commandNameSkipsFlagValues_data();
    void commandNameSkipsFlagValues();
    void flagForms();
    void boolFlags_data();
    void boolFlags();
    void errors_data();
    void errors();
    void durations_data();
    void durations();
};

void tst_CommandLine::flagForms()
{
    // kubectl accepts flags anywhere, in every spelling pflag knows.
    QString error;
    const auto c = CommandLine::parse(
        { QStringLiteral("-n"), QStringLiteral("kube-system"), QStringLiteral("get"),
          QStringLiteral("pods,svc"), QStringLiteral("-owide"),
          QStringLiteral("--selector=app=web"), QStringLiteral("web-1"),
          QStringLiteral("--chunk-size"), QStringLiteral("50"), QStringLiteral("-v=6"),
          QStringLiteral("--field-selector"), QStringLiteral("status.phase=Running"),
          QStringLiteral("--"), QStringLiteral("-odd-name") },
        &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->namespaceName, QStringLiteral("kube-system"));
    QCOMPARE(c->command, QStringLiteral("get"));
    QCOMPARE(c->args,
             (QStringList { QStringLiteral("pods,svc"), QStringLiteral("web-1"),
                            QStringLiteral("-odd-name") }));
    QCOMPARE(c->output, QStringLiteral("wide"));
    QCOMPARE(c->selector, QStringLiteral("app=web"));
    QCOMPARE(c->fieldSelector, QStringLiteral("status.phase=Running"));
    QCOMPARE(c->chunkSize, 50);
    QCOMPARE(c->verbosity, 6);

    const auto d
        = CommandLine::parse({ QStringLiteral("get"), QStringLiteral("po"), QStringLiteral("-Aw"),
                               QStringLiteral("-o=json"), QStringLiteral("--v"),
                               QStringLiteral("8"), QStringLiteral("-lapp=db") },
                             &error);
    QVERIFY2(d, qPrintable(error));
    QVERIFY(d->allNamespaces);
    QVERIFY(d->watch);
    QCOMPARE(d->output, QStringLiteral("json"));
    QCOMPARE(d->verbosity, 8);
    QCOMPARE(d->selector, QStringLiteral("app=db"));
}

void tst_CommandLine::boolFlags_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<std::optional<bool>>("namespaced");
    QTest::newRow("absent") << QStringList {} << std::optional<bool>();
    QTest::newRow("bare") << QStringList { QStringLiteral("--namespaced") }
                          << std::optional<bool>(true);
    QTest::newRow("=false") << QStringList { QStringLiteral("--namespaced=false") }
                            << std::optional<bool>(false);
    QTest::newRow("=true") << QStringList { QStringLiteral("--namespaced=true") }
                           << std::optional<bool>(true);
    QTest::newRow("=0") << QStringList { QStringLiteral("--namespaced=0") }
                        << std::optional<bool>(false);
}

void tst_CommandLine::boolFlags()
{
    QFETCH(QStringList, args);
    QFETCH(std::optional<bool>, namespaced);
    const auto c
        = CommandLine::parse(QStringList { QStringLiteral("api-resources") } + args, nullptr);
    QVERIFY(c);
    QCOMPARE(c->namespaced, namespaced);
}

void tst_CommandLine::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown long") << QStringList { QStringLiteral("get"),
                                                   QStringLiteral("--frobnicate") }
                                  << QStringLiteral("unknown flag: --frobnicate");
    QTest::newRow("unknown short") << QStringList { QStringLiteral("get"), QStringLiteral("-z") }
                                   << QStringLiteral("unknown shorthand flag: 'z' in -z");
    QTest::newRow("missing value")
        << QStringList { QStringLiteral("get"), QStringLiteral("--namespace") }
        << QStringLiteral("flag needs an argument: --namespace");
    QTest::newRow("bad bool") << QStringList { QStringLiteral("--namespaced=maybe") }
                              << QStringLiteral(
                                     "invalid argument \"maybe\" for \"--namespaced\" flag");
    QTest::newRow("bad number") << QStringList { QStringLiteral("--chunk-size=lots") }
                                << QStringLiteral(
                                       "invalid argument \"lots\" for \"--chunk-size\" flag");
}

void tst_CommandLine::errors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!CommandLine::parse(args, &error));
    QCOMPARE(error, message);
}

void tst_CommandLine::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("empty") << QString() << qint64(0);
    QTest::newRow("zero") << QStringLiteral("0") << qint64(0);
    QTest::newRow("bare seconds") << QStringLiteral("5") << qint64(5000);
    QTest::newRow("seconds") << QStringLiteral("30s") << qint64(30000);
    QTest::newRow("compound") << QStringLiteral("1m30s") << qint64(90000);
    QTest::newRow("fraction") << QStringLiteral("1.5h") << qint64(5400000);
    QTest::newRow("millis") << QStringLiteral("250ms") << qint64(250);
    QTest::newRow("invalid") << QStringLiteral("soon") << qint64(-1);
    QTest::newRow("trailing junk") << QStringLiteral("5sx") << qint64(-1);
}

void tst_CommandLine::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto d = CommandLine::parseDuration(text);
    if (ms < 0)
        QVERIFY(!d);
    else
        QCOMPARE(d->count(), ms);
}

void tst_CommandLine::commandNameSkipsFlagValues_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("command");
    // kubectl's hint names the command: "See 'kubectl get --help' for usage." It used to
    // name the kubeconfig file after --kubeconfig.
    QTest::newRow("value after flag")
        << QStringList { "--kubeconfig", "FILE", "get", "--bad" } << "get";
    QTest::newRow("short value flag")
        << QStringList { "-n", "kube-system", "get", "pods" } << "get";
    QTest::newRow("attached values")
        << QStringList { "--context=x", "-nfoo", "api-resources" } << "api-resources";
    QTest::newRow("bool flag takes none") << QStringList { "-A", "get" } << "get";
    QTest::newRow("verbosity") << QStringList { "-v", "6", "version" } << "version";
    QTest::newRow("none") << QStringList { "--kubeconfig", "FILE" } << "";
}

void tst_CommandLine::commandNameSkipsFlagValues()
{
    QFETCH(QStringList, args);
    QFETCH(QString, command);
    QCOMPARE(CommandLine::commandName(args), command);
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
