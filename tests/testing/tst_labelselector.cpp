#include "testing/labelselector.h"

#include <QTest>

using kube::testing::detail::LabelSelector;
using Labels = QMap<QString, QString>;

class tst_LabelSelector : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void parseErrors_data();
    void parseErrors();
};

void tst_LabelSelector::matches_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<Labels>("labels");
    QTest::addColumn<bool>("expected");
    const Labels web { { u"app"_qs, u"web"_qs },
                       { u"tier"_qs, u"fe"_qs },
                       { u"replicas"_qs, u"3"_qs } };
    QTest::newRow("empty matches all") << QString() << web << true;
    QTest::newRow("=") << u"app=web"_qs << web << true;
    QTest::newRow("= other") << u"app=api"_qs << web << false;
    QTest::newRow("==") << u"app==web"_qs << web << true;
    QTest::newRow("!= other") << u"app!=api"_qs << web << true;
    QTest::newRow("!= same") << u"app!=web"_qs << web << false;
    QTest::newRow("!= absent key") << u"zone!=a"_qs << web << true;
    QTest::newRow("in") << u"app in (api, web)"_qs << web << true;
    QTest::newRow("in, not listed") << u"app in (api)"_qs << web << false;
    QTest::newRow("in, absent key") << u"zone in (a)"_qs << web << false;
    QTest::newRow("notin") << u"app notin (api)"_qs << web << true;
    QTest::newRow("notin, listed") << u"app notin (api,web)"_qs << web << false;
    QTest::newRow("notin, absent key") << u"zone notin (a)"_qs << web << true;
    QTest::newRow("exists") << u"tier"_qs << web << true;
    QTest::newRow("exists, absent") << u"zone"_qs << web << false;
    QTest::newRow("!exists") << u"!zone"_qs << web << true;
    QTest::newRow("!exists, present") << u"!tier"_qs << web << false;
    QTest::newRow("gt") << u"replicas>2"_qs << web << true;
    QTest::newRow("lt") << u"replicas<2"_qs << web << false;
    QTest::newRow("and, all true") << u"app=web,tier in (fe),!zone"_qs << web << true;
    QTest::newRow("and, one false") << u"app=web,tier=be"_qs << web << false;
    QTest::newRow("prefixed key") << u"app.kubernetes.io/name=x"_qs
                                  << Labels { { u"app.kubernetes.io/name"_qs, u"x"_qs } } << true;
    QTest::newRow("empty value") << u"flag="_qs << Labels { { u"flag"_qs, QString() } } << true;
}

void tst_LabelSelector::matches()
{
    QFETCH(QString, selector);
    QFETCH(Labels, labels);
    QFETCH(bool, expected);
    LabelSelector s;
    QString error;
    QVERIFY2(s.parse(selector, &error), qPrintable(error));
    QCOMPARE(s.matches(labels), expected);
}

void tst_LabelSelector::parseErrors_data()
{
    QTest::addColumn<QString>("selector");
    QTest::newRow("bad key") << u"-app=web"_qs;
    QTest::newRow("bad value") << u"app=we b"_qs;
    QTest::newRow("empty term") << u"app=web,,tier=fe"_qs;
    QTest::newRow("non-numeric gt") << u"replicas>many"_qs;
}

void tst_LabelSelector::parseErrors()
{
    QFETCH(QString, selector);
    LabelSelector s;
    QString error;
    QVERIFY(!s.parse(selector, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(tst_LabelSelector)
#include "tst_labelselector.moc"
