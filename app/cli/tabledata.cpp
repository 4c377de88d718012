#include "tabledata.h"

namespace kube::cli {

bool TableData::isTable(const QJsonObject &object)
{
    return object.value(QLatin1String("kind")).toString() == QLatin1String("Table")
        && object.value(QLatin1String("apiVersion"))
               .toString()
               .startsWith(QLatin1String("meta.k8s.io/"));
}

TableData TableData::fromJson(const QJsonObject &table)
{
    TableData data;
    const QJsonObject metadata = table.value(QLatin1String("metadata")).toObject();
    data.resourceVersion = metadata.value(QLatin1String("resourceVersion")).toString();
    data.continueToken = metadata.value(QLatin1String("continue")).toString();
    const QJsonArray columns = table.value(QLatin1String("columnDefinitions")).toArray();
    data.columns.reserve(columns.size());
    for (const QJsonValue &c : columns) {
        const QJsonObject o = c.toObject();
        data.columns.append(TableColumn { o.value(QLatin1String("name")).toString(),
                                          o.value(QLatin1String("type")).toString(),
                                          o.value(QLatin1String("format")).toString(),
                                          o.value(QLatin1String("priority")).toInt() });
    }
    const QJsonArray rows = table.value(QLatin1String("rows")).toArray();
    data.rows.reserve(rows.size());
    for (const QJsonValue &r : rows) {
        const QJsonObject o = r.toObject();
        data.rows.append(TableRow { o.value(QLatin1String("cells")).toArray(),
                                    o.value(QLatin1String("object"))
                                        .toObject()
                                        .value(QLatin1String("metadata"))
                                        .toObject() });
    }
    return data;
}

} // namespace kube::cli
