#include "rowconverter.h"

#include "api/tablerow.h"
#include "api/unstructured.h"

#include <QJsonArray>
#include <QSet>

namespace kube::ui {

namespace {

class Interner
{
public:
    QVariant intern(const QJsonValue &v)
    {
        if (!v.isString())
            return v.isNull() || v.isUndefined() ? QVariant() : v.toVariant();
        const QString s = v.toString();
        if (s.size() > 48)
            return s;
        return internString(s);
    }
    QString internString(const QString &s)
    {
        auto it = m_strings.constFind(s);
        if (it == m_strings.cend())
            it = m_strings.insert(s);
        return *it;
    }

private:
    QSet<QString> m_strings;
};

thread_local Interner t_interner;

qint64 createdSecsOf(const QString &timestamp)
{
    if (timestamp.isEmpty())
        return 0;
    const QDateTime t = QDateTime::fromString(timestamp, Qt::ISODate);
    return t.isValid() ? t.toSecsSinceEpoch() : 0;
}

} // namespace

void RowConverter::resetInterning()
{
    t_interner = Interner();
}

ObjectRow RowConverter::fromStored(const QJsonObject &stored, bool namespaced, bool namespaceCell)
{
    const auto cells = stored.constFind(QLatin1String("cells"));
    if (cells == stored.constEnd())
        return fromObject(Unstructured(stored), namespaced);
    const QJsonObject meta = stored.value(QLatin1String("object"))
                                 .toObject()
                                 .value(QLatin1String("metadata"))
                                 .toObject();
    ObjectRow row;
    row.name = meta.value(QLatin1String("name")).toString();
    row.ns = t_interner.internString(meta.value(QLatin1String("namespace")).toString());
    row.uid = meta.value(QLatin1String("uid")).toString();
    row.resourceVersion = meta.value(QLatin1String("resourceVersion")).toString();
    row.createdSecs = createdSecsOf(meta.value(QLatin1String("creationTimestamp")).toString());
    const QJsonArray values = cells->toArray();
    row.cells.reserve(values.size() + 1);
    if (namespaceCell)
        row.cells.append(row.ns);
    for (const QJsonValue &c : values)
        row.cells.append(t_interner.intern(c));
    return row;
}

ObjectRow RowConverter::fromTableRow(const TableRow &tr, bool namespaceCell)
{
    ObjectRow row;
    row.name = tr.name();
    row.ns = t_interner.internString(tr.namespaceName());
    row.uid = tr.uid();
    row.resourceVersion = tr.resourceVersion();
    row.createdSecs
        = createdSecsOf(tr.metadata().value(QLatin1String("creationTimestamp")).toString());
    row.cells.reserve(tr.cells.size() + 1);
    if (namespaceCell)
        row.cells.append(row.ns);
    for (const QJsonValue &c : tr.cells)
        row.cells.append(t_interner.intern(c));
    return row;
}

ObjectRow RowConverter::fromObject(const Unstructured &u, bool namespaced)
{
    ObjectRow row;
    row.name = u.name();
    row.ns = t_interner.internString(u.namespaceName());
    row.uid = u.uid();
    row.resourceVersion = u.resourceVersion();
    const QDateTime created = u.creationTimestamp();
    row.createdSecs = created.isValid() ? created.toSecsSinceEpoch() : 0;
    row.cells = { row.name };
    if (namespaced)
        row.cells.append(row.ns);
    row.cells.append(QVariant());
    return row;
}

QList<TableColumn> RowConverter::columns(const QList<TableColumnDefinition> &defs)
{
    QList<TableColumn> cols;
    cols.reserve(defs.size());
    for (const auto &d : defs)
        cols.append({ d.name, d.type, d.format, d.description, int(d.priority) });
    return cols;
}

TableColumn RowConverter::namespaceColumn()
{
    return { QStringLiteral("Namespace"), QStringLiteral("string"), QString(),
             QStringLiteral("Namespace of the object."), 0 };
}

QList<TableColumn> RowConverter::fallbackColumns(bool namespaced)
{
    QList<TableColumn> cols;
    cols.append({ QStringLiteral("Name"), QStringLiteral("string"), QStringLiteral("name"),
                  QStringLiteral("Name of the object."), 0 });
    if (namespaced)
        cols.append(namespaceColumn());
    cols.append({ QStringLiteral("Age"), QStringLiteral("string"), QString(),
                  QStringLiteral("Time since the object was created."), 0 });
    return cols;
}

ObjectFacts RowConverter::facts(const Unstructured &u)
{
    ObjectFacts f;
    f.kind = u.kind();
    f.apiVersion = u.apiVersion();
    f.name = u.name();
    f.ns = u.namespaceName();
    f.uid = u.uid();
    const QDateTime created = u.creationTimestamp();
    f.createdSecs = created.isValid() ? created.toSecsSinceEpoch() : 0;
    const auto labels = u.labels();
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        f.labels.append({ it.key(), it.value() });
    f.annotationCount = int(u.annotations().size());
    const auto owners = u.ownerReferences();
    for (const auto &o : owners) {
        const QString text = o.kind + u'/' + o.name;
        if (o.controller.value_or(false))
            f.owners.prepend(text);
        else
            f.owners.append(text);
    }
    if (const QDateTime d = u.deletionTimestamp(); d.isValid())
        f.deletionTimestamp = d.toString(Qt::ISODate);
    return f;
}

} // namespace kube::ui
