#include "apiresourcesprinter.h"

#include "tabwriter.h"

#include <algorithm>

namespace kube::cli {

QList<ApiResourceRow> ApiResourcesPrinter::filterAndSort(const QList<ApiResourceRow> &rows,
                                                         const Options &options)
{
    QList<ApiResourceRow> result;
    for (const ApiResourceRow &row : rows) {
        if (row.verbs.isEmpty())
            continue;
        if (!options.apiGroup.isEmpty() && options.apiGroup != row.group)
            continue;
        if (options.namespaced && *options.namespaced != row.namespaced)
            continue;
        if (!std::all_of(options.verbs.begin(), options.verbs.end(),
                         [&](const QString &v) { return row.verbs.contains(v); }))
            continue;
        if (!std::all_of(options.categories.begin(), options.categories.end(),
                         [&](const QString &c) { return row.categories.contains(c); }))
            continue;
        result.append(row);
    }
    const auto key = [&](const ApiResourceRow &r) -> QByteArray {
        if (options.sortBy == QLatin1String("name"))
            return r.name.toUtf8();
        if (options.sortBy == QLatin1String("kind"))
            return r.kind.toUtf8();
        return r.group.toUtf8();
    };
    std::stable_sort(result.begin(), result.end(),
                     [&](const ApiResourceRow &a, const ApiResourceRow &b) {
                         const int c = key(a).compare(key(b));
                         if (c != 0)
                             return c < 0;
                         return a.name.toUtf8() < b.name.toUtf8();
                     });
    return result;
}

QByteArray ApiResourcesPrinter::print(const QList<ApiResourceRow> &input, const Options &options)
{
    const QList<ApiResourceRow> rows = filterAndSort(input, options);
    TabWriter w;
    if (!options.noHeaders && options.output != Output::Name) {
        w.write(options.output == Output::Wide
                    ? "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\tVERBS\tCATEGORIES\n"
                    : "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n");
    }
    for (const ApiResourceRow &r : rows) {
        QByteArray line;
        switch (options.output) {
        case Output::Name:
            line = r.name.toUtf8();
            if (!r.group.isEmpty())
                line += '.' + r.group.toUtf8();
            break;
        case Output::Wide:
        case Output::Default:
            line = r.name.toUtf8() + '\t' + r.shortNames.join(u',').toUtf8() + '\t'
                + r.groupVersion.toUtf8() + '\t' + (r.namespaced ? "true" : "false") + '\t'
                + r.kind.toUtf8();
            if (options.output == Output::Wide)
                line
                    += '\t' + r.verbs.join(u',').toUtf8() + '\t' + r.categories.join(u',').toUtf8();
            break;
        }
        w.write(line + '\n');
    }
    return w.flush();
}

} // namespace kube::cli
