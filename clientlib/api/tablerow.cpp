#include "tablerow.h"

#include <QJsonArray>

namespace kube {

TableRow TableRow::fromJson(const QJsonObject &object)
{
    TableRow r;
    const QJsonArray cells = object.value(QLatin1String("cells")).toArray();
    r.cells.reserve(cells.size());
    for (const QJsonValue &c : cells)
        r.cells.append(c);
    r.object = object.value(QLatin1String("object")).toObject();
    r.conditions = object.value(QLatin1String("conditions")).toObject();
    return r;
}

QJsonObject TableRow::toJson() const
{
    QJsonArray cellArray;
    for (const QJsonValue &c : cells)
        cellArray.append(c);
    QJsonObject o { { QStringLiteral("cells"), cellArray } };
    if (!object.isEmpty())
        o.insert(QStringLiteral("object"), object);
    return o;
}

} // namespace kube
