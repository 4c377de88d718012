#include "apiresourcesprinter.h"
#include "goldens.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace kube::cli;
using namespace kube::cli::test;

namespace {

QList<ApiResourceRow> rowsOf(const QJsonObject &list, const QString &group, QSet<QString> *seen)
{
    QList<ApiResourceRow> rows;
    const QString gv = list.value(QLatin1String("groupVersion")).toString();
    for (const QJsonValue &v : list.value(QLatin1String("resources")).toArray()) {
        const QJsonObject r = v.toObject();
        const QString name = r.value(QLatin1String("name")).toString();
        if (name.contains(u'/') || (seen && seen->contains(name)))
            continue;
        if (seen)
            seen->insert(name);
        ApiResourceRow row;
        row.name = name;
        row.group = group;
        row.groupVersion = gv;
        row.namespaced = r.value(QLatin1String("namespaced")).toBool();
        row.kind = r.value(QLatin1String("kind")).toString();
        for (const QJsonValue &s : r.value(QLatin1String("shortNames")).toArray())
            row.shortNames.append(s.toString());
        for (const QJsonValue &s : r.value(QLatin1String("verbs")).toArray())
            row.verbs.append(s.toString());
        for (const QJsonValue &s : r.value(QLatin1String("categories")).toArray())
            row.categories.append(s.toString());
        rows.append(row);
    }
    return rows;
}

// ServerPreferredResources over the fixture server's discovery documents: every group's
// versions in server order, the first version of a resource name wins (the fixtures list the
// preferred version first).
QList<ApiResourceRow> preferredResources()
{
    QList<ApiResourceRow> rows = rowsOf(fixture(QStringLiteral("api_v1")), QString(), nullptr);
    for (const QJsonValue &g :
         fixture(QStringLiteral("apis")).value(QLatin1String("groups")).toArray()) {
        const QString group = g.toObject().value(QLatin1String("name")).toString();
        QSet<QString> seen;
        for (const QJsonValue &v : g.toObject().value(QLatin1String("versions")).toArray()) {
            const QString version = v.toObject().value(QLatin1String("version")).toString();
            rows += rowsOf(fixture(QStringLiteral("apis_") + group + u'_' + version), group, &seen);
        }
    }
    return rows;
}

} // namespace

Q_DECLARE_METATYPE(ApiResourcesPrinter::Options)

class tst_ApiResourcesPrinter : public QObject
{
    Q_OBJECT

private slots:
    void matchesKubectl_data();
    void matchesKubectl();
};

void tst_ApiResourcesPrinter::matchesKubectl_data()
{
    QTest::addColumn<QString>("golden");
    QTest::addColumn<ApiResourcesPrinter::Options>("options");
    using O = ApiResourcesPrinter::Output;
    const auto opts = [](O output, bool noHeaders = false, QString sortBy = {}, QString group = {},
                         std::optional<bool> namespaced = {}) {
        ApiResourcesPrinter::Options o;
        o.output = output;
        o.noHeaders = noHeaders;
        o.sortBy = sortBy;
        o.apiGroup = group;
        o.namespaced = namespaced;
        return o;
    };
    QTest::newRow("plain") << "ar_plain" << opts(O::Default);
    QTest::newRow("wide") << "ar_wide" << opts(O::Wide);
    QTest::newRow("name") << "ar_name" << opts(O::Name);
    QTest::newRow("namespaced=false")
        << "ar_namespaced_false" << opts(O::Default, false, {}, {}, false);
    QTest::newRow("namespaced=true")
        << "ar_namespaced_true" << opts(O::Default, false, {}, {}, true);
    QTest::newRow("api-group apps")
        << "ar_group_apps" << opts(O::Default, false, {}, QStringLiteral("apps"));
    QTest::newRow("api-group example.com wide")
        << "ar_group_example_wide" << opts(O::Wide, false, {}, QStringLiteral("example.com"));
    QTest::newRow("sort by name") << "ar_sort_name"
                                  << opts(O::Default, false, QStringLiteral("name"));
    QTest::newRow("sort by kind wide")
        << "ar_sort_kind_wide" << opts(O::Wide, false, QStringLiteral("kind"));
    QTest::newRow("no headers") << "ar_no_headers" << opts(O::Default, true);
    QTest::newRow("name sorted by kind")
        << "ar_name_sort_kind" << opts(O::Name, false, QStringLiteral("kind"));
}

void tst_ApiResourcesPrinter::matchesKubectl()
{
    QFETCH(QString, golden);
    QFETCH(ApiResourcesPrinter::Options, options);
    QCOMPARE(ApiResourcesPrinter::print(preferredResources(), options), goldenOut(golden));
}

QTEST_GUILESS_MAIN(tst_ApiResourcesPrinter)
#include "tst_apiresourcesprinter.moc"
