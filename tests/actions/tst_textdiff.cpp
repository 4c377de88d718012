// The line diff behind Review: what the dry run would change, line by line.

#include "actions/textdiff.h"

#include <QTest>

using kube::DiffLine;
using kube::TextDiff;

class tst_TextDiff : public QObject
{
    Q_OBJECT

private slots:
    void diff_data();
    void diff();
};

void tst_TextDiff::diff_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected"); // one sign per line: ' ', '+', '-'
    QTest::newRow("equal") << "a\nb\n"
                           << "a\nb\n"
                           << "  ";
    QTest::newRow("changed line") << "a\nb\nc\n"
                                  << "a\nB\nc\n"
                                  << " -+ ";
    QTest::newRow("added") << "a\nc\n"
                           << "a\nb\nc\n"
                           << " + ";
    QTest::newRow("removed") << "a\nb\nc\n"
                             << "a\nc\n"
                             << " - ";
    QTest::newRow("new object") << ""
                                << "a\nb\n"
                                << "++";
}

void tst_TextDiff::diff()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, expected);
    const QList<DiffLine> d = TextDiff::lines(before, after);
    QString signs;
    for (const DiffLine &l : d)
        signs += l.kind == DiffLine::Kind::Added ? u'+'
            : l.kind == DiffLine::Kind::Removed  ? u'-'
                                                 : u' ';
    QCOMPARE(signs, expected);
    QCOMPARE(TextDiff::hasChanges(d), expected.trimmed().size() > 0);
}

QTEST_GUILESS_MAIN(tst_TextDiff)
#include "tst_textdiff.moc"
