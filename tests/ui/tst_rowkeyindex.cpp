// RowKeyIndex against the obvious model (a list of keys searched linearly): the same answers
// after every append and removal, whatever the order of operations.

#include "rowkeyindex.h"

#include <QRandomGenerator>
#include <QTest>

using kube::ui::RowKeyIndex;

class tst_RowKeyIndex : public QObject
{
    Q_OBJECT

private:
    static void
    verifySame(const RowKeyIndex &index, const QStringList &reference, const QStringList &gone)
    {
        QCOMPARE(index.size(), reference.size());
        for (int row = 0; row < reference.size(); ++row)
            QCOMPARE(index.find(reference[row]), int(reference.lastIndexOf(reference[row])));
        for (const QString &key : gone) {
            if (!reference.contains(key))
                QCOMPARE(index.find(key), -1);
        }
    }

private slots:
    void matchesALinearSearch_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("operations");
        QTest::addColumn<int>("maxRun");
        QTest::newRow("single removals") << 1u << 3000 << 1;
        QTest::newRow("runs of up to 20") << 2u << 3000 << 20;
        QTest::newRow("large runs, slots reused many times") << 3u << 5000 << 200;
    }

    void matchesALinearSearch()
    {
        QFETCH(quint32, seed);
        QFETCH(int, operations);
        QFETCH(int, maxRun);
        QRandomGenerator rng(seed);
        RowKeyIndex index;
        QStringList reference;
        QStringList gone;
        int next = 0;
        for (int op = 0; op < operations; ++op) {
            if (reference.isEmpty() || rng.bounded(3) != 0) {
                const QString key = QStringLiteral("ns-%1/pod-%2").arg(next % 7).arg(next);
                ++next;
                index.append(key);
                reference.append(key);
            } else {
                const int first = int(rng.bounded(quint32(reference.size())));
                const int count = 1
                    + int(rng.bounded(
                        quint32(std::min<qsizetype>(maxRun, reference.size() - first))));
                for (int k = first; k < first + count; ++k)
                    gone.append(reference[k]);
                index.removeRows(first, count);
                reference.remove(first, count);
            }
            if (op % 97 == 0)
                verifySame(index, reference, gone);
        }
        verifySame(index, reference, gone);
    }

    void removingEverythingLeavesNothing()
    {
        RowKeyIndex index;
        for (int i = 0; i < 600; ++i)
            index.append(QStringLiteral("default/p%1").arg(i));
        index.removeRows(100, 400);
        QCOMPARE(index.find(QStringLiteral("default/p99")), 99);
        QCOMPARE(index.find(QStringLiteral("default/p500")), 100);
        QCOMPARE(index.find(QStringLiteral("default/p300")), -1);
        index.removeRows(0, 200);
        QCOMPARE(index.size(), 0);
        QCOMPARE(index.find(QStringLiteral("default/p599")), -1);
        index.append(QStringLiteral("default/p300"));
        QCOMPARE(index.find(QStringLiteral("default/p300")), 0);
    }

    void outOfRangeRemovalIsIgnored()
    {
        RowKeyIndex index;
        index.append(QStringLiteral("a"));
        index.removeRows(0, 2);
        index.removeRows(-1, 1);
        QCOMPARE(index.find(QStringLiteral("a")), 0);
    }
};

QTEST_APPLESS_MAIN(tst_RowKeyIndex)
#include "tst_rowkeyindex.moc"
