#include "tablecolumndefinition.h"

namespace kube {

TableColumnDefinition TableColumnDefinition::fromJson(const QJsonObject &object)
{
    TableColumnDefinition c;
    c.name = object.value(QLatin1String("name")).toString();
    c.type = object.value(QLatin1String("type")).toString();
    c.format = object.value(QLatin1String("format")).toString();
    c.description = object.value(QLatin1String("description")).toString();
    c.priority = object.value(QLatin1String("priority")).toInt();
    return c;
}

QJsonObject TableColumnDefinition::toJson() const
{
    return { { QStringLiteral("name"), name },
             { QStringLiteral("type"), type },
             { QStringLiteral("format"), format },
             { QStringLiteral("description"), description },
             { QStringLiteral("priority"), priority } };
}

} // namespace kube
