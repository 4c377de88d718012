#include "objectprinter.h"

#include "api/yamlwriter.h"
#include "jsonprinter.h"

#include <QJsonArray>

namespace kube::cli {

QByteArray ObjectPrinter::nameOf(const QJsonObject &object)
{
    const QString apiVersion = object.value(QLatin1String("apiVersion")).toString();
    const qsizetype slash = apiVersion.indexOf(u'/');
    const QString group = slash < 0 ? QString() : apiVersion.left(slash);
    QByteArray kind = object.value(QLatin1String("kind")).toString().toLower().toUtf8();
    if (!group.isEmpty())
        kind += '.' + group.toUtf8();
    const QString name = object.value(QLatin1String("metadata"))
                             .toObject()
                             .value(QLatin1String("name"))
                             .toString();
    return kind + '/' + name.toUtf8();
}

QList<QJsonObject> ObjectPrinter::itemsOf(const QJsonObject &list)
{
    const QString apiVersion = list.value(QLatin1String("apiVersion")).toString();
    QString kind = list.value(QLatin1String("kind")).toString();
    if (kind.endsWith(QLatin1String("List")))
        kind.chop(4);
    QList<QJsonObject> items;
    const QJsonArray array = list.value(QLatin1String("items")).toArray();
    items.reserve(array.size());
    for (const QJsonValue &v : array) {
        QJsonObject item = v.toObject();
        if (!item.contains(QLatin1String("kind"))
            || item.value(QLatin1String("kind")).toString().isEmpty())
            item.insert(QLatin1String("kind"), kind);
        if (!item.contains(QLatin1String("apiVersion"))
            || item.value(QLatin1String("apiVersion")).toString().isEmpty())
            item.insert(QLatin1String("apiVersion"), apiVersion);
        items.append(item);
    }
    return items;
}

QByteArray
ObjectPrinter::print(Format format, const QList<QJsonObject> &objects, bool singleItemImplied)
{
    if (format == Format::Name) {
        QByteArray out;
        for (const QJsonObject &o : objects)
            out += nameOf(o) + '\n';
        return out;
    }
    QJsonObject root;
    if (singleItemImplied && objects.size() == 1) {
        root = objects.first();
    } else {
        QJsonArray items;
        for (const QJsonObject &o : objects)
            items.append(o);
        root.insert(QLatin1String("apiVersion"), QLatin1String("v1"));
        root.insert(QLatin1String("items"), items);
        root.insert(QLatin1String("kind"), QLatin1String("List"));
        root.insert(QLatin1String("metadata"),
                    QJsonObject { { QLatin1String("resourceVersion"), QString() } });
    }
    return format == Format::Json ? JsonPrinter::print(root) : YamlWriter::print(root);
}

} // namespace kube::cli
