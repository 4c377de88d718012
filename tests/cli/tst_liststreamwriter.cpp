// -o json|yaml|name written page by page must be byte for byte the List printed at once.
#include "liststreamwriter.h"
#include "objectprinter.h"

#include <QJsonArray>
#include <QTest>

using namespace kube::cli;

namespace {

QJsonObject pod(int i)
{
    return QJsonObject {
        { "apiVersion", "v1" },
        { "kind", "Pod" },
        { "metadata",
          QJsonObject { { "name", QStringLiteral("web-%1").arg(i) },
                        { "namespace", "default" },
                        { "labels", QJsonObject { { "app", "web <&> \u2028" } } },
                        { "annotations", QJsonObject {} } } },
        { "spec",
          QJsonObject { { "containers",
                          QJsonArray { QJsonObject { { "name", "c" },
                                                     { "args", QJsonArray { "-v", "2" } },
                                                     { "ports", QJsonArray {} } } } } } },
        { "status", QJsonObject { { "phase", i % 2 ? "Running" : "Pending" }, { "restarts", i } } },
    };
}

} // namespace

class tst_ListStreamWriter : public QObject
{
    Q_OBJECT

private slots:
    void identicalToWholeList_data();
    void identicalToWholeList();
};

void tst_ListStreamWriter::identicalToWholeList_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("pageSize");
    for (const auto &[name, format] : { std::pair { "json", ObjectPrinter::Format::Json },
                                        std::pair { "yaml", ObjectPrinter::Format::Yaml },
                                        std::pair { "name", ObjectPrinter::Format::Name } }) {
        QTest::addRow("%s, empty", name) << int(format) << 0 << 1;
        QTest::addRow("%s, one item", name) << int(format) << 1 << 1;
        QTest::addRow("%s, 7 items in pages of 3", name) << int(format) << 7 << 3;
        QTest::addRow("%s, 5 items in one page", name) << int(format) << 5 << 5;
    }
}

void tst_ListStreamWriter::identicalToWholeList()
{
    QFETCH(int, format);
    QFETCH(int, items);
    QFETCH(int, pageSize);
    const auto f = ObjectPrinter::Format(format);
    QList<QJsonObject> all;
    for (int i = 0; i < items; ++i)
        all.append(pod(i));
    QByteArray streamed;
    int pieces = 0;
    ListStreamWriter writer(f, [&](const QByteArray &b) {
        streamed += b;
        ++pieces;
    });
    for (int i = 0; i < items; i += pageSize)
        writer.add(all.mid(i, pageSize));
    // Output leaves with every page, not at the end.
    QCOMPARE(pieces, (items + pageSize - 1) / pageSize);
    writer.finish();
    QCOMPARE(streamed, ObjectPrinter::print(f, all, false));
}

QTEST_GUILESS_MAIN(tst_ListStreamWriter)
#include "tst_liststreamwriter.moc"
