#include "yamlhighlighter.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace kube::ui;

namespace {
// The format applied at \a column of line \a line.
QColor colorAt(QTextDocument &doc, int line, int column)
{
    const QTextBlock block = doc.findBlockByNumber(line);
    for (const QTextLayout::FormatRange &r : block.layout()->formats()) {
        if (column >= r.start && column < r.start + r.length)
            return r.format.foreground().color();
    }
    return {};
}
} // namespace

class tst_YamlHighlighter : public QObject
{
    Q_OBJECT

private slots:
    void tokens_data()
    {
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("token");
        QTest::newRow("top key") << 0 << 0 << "key";
        QTest::newRow("string value") << 0 << 12 << "string";
        QTest::newRow("nested key") << 2 << 2 << "key";
        QTest::newRow("number") << 3 << 12 << "number";
        QTest::newRow("list item key") << 5 << 4 << "key";
        QTest::newRow("quoted string") << 5 << 11 << "string";
        QTest::newRow("comment") << 6 << 0 << "comment";
        QTest::newRow("block scalar line") << 8 << 4 << "string";
        QTest::newRow("key after block") << 9 << 0 << "key";
    }
    void tokens()
    {
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, token);
        QTextDocument doc;
        YamlHighlighter hl(&doc);
        doc.setPlainText(QStringLiteral("apiVersion: apps/v1\n"
                                        "metadata:\n"
                                        "  name: web\n"
                                        "  replicas: 3\n"
                                        "containers:\n"
                                        "  - name: \"nginx\"\n"
                                        "# a comment\n"
                                        "script: |\n"
                                        "    echo key: value\n"
                                        "kind: Deployment\n"));
        hl.rehighlight();
        const QColor expected = token == "key" ? hl.keyFormat().foreground().color()
            : token == "string"                ? hl.stringFormat().foreground().color()
            : token == "number"                ? hl.numberFormat().foreground().color()
                                               : hl.commentFormat().foreground().color();
        QCOMPARE(colorAt(doc, line, column), expected);
    }
};

QTEST_MAIN(tst_YamlHighlighter)
#include "tst_yamlhighlighter.moc"
