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

namespace {

// metav1.LabelSelector as the string kubectl and the API accept ("app=web,tier in (a,b)").
QString selectorString(const QJsonObject &selector)
{
    QStringList parts;
    const QJsonObject labels = selector.value(QLatin1String("matchLabels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts << it.key() + u'=' + it.value().toString();
    for (const QJsonValue &e : selector.value(QLatin1String("matchExpressions")).toArray()) {
        const QJsonObject x = e.toObject();
        const QString key = x.value(QLatin1String("key")).toString();
        const QString op = x.value(QLatin1String("operator")).toString();
        QStringList values;
        for (const QJsonValue &v : x.value(QLatin1String("values")).toArray())
            values << v.toString();
        if (op == QLatin1String("In"))
            parts << QStringLiteral("%1 in (%2)").arg(key, values.join(u','));
        else if (op == QLatin1String("NotIn"))
            parts << QStringLiteral("%1 notin (%2)").arg(key, values.join(u','));
        else if (op == QLatin1String("Exists"))
            parts << key;
        else if (op == QLatin1String("DoesNotExist"))
            parts << u'!' + key;
    }
    return parts.join(u',');
}

void podSpecFacts(const QJsonObject &spec, ObjectFacts &f)
{
    for (const QJsonValue &c : spec.value(QLatin1String("containers")).toArray()) {
        const QJsonObject container = c.toObject();
        f.containers << container.value(QLatin1String("name")).toString();
        for (const QJsonValue &p : container.value(QLatin1String("ports")).toArray()) {
            const QJsonObject port = p.toObject();
            f.ports.append(
                { port.value(QLatin1String("name")).toString(),
                  port.value(QLatin1String("containerPort")).toInt(), QString(),
                  port.value(QLatin1String("protocol")).toString(QStringLiteral("TCP")) });
        }
    }
    for (const QJsonValue &c : spec.value(QLatin1String("initContainers")).toArray())
        f.initContainers << c.toObject().value(QLatin1String("name")).toString();
}

// What logs, exec and port-forward need: containers, the selected pods, ports.
void streamFacts(const Unstructured &u, ObjectFacts &f)
{
    const QJsonObject spec = u.object().value(QLatin1String("spec")).toObject();
    const QString kind = f.kind;
    if (kind == QLatin1String("Pod")) {
        podSpecFacts(spec, f);
        f.phase = u.nestedString(u"status.phase").value_or(QString());
    } else if (kind == QLatin1String("Service")) {
        QStringList parts;
        const QJsonObject sel = spec.value(QLatin1String("selector")).toObject();
        for (auto it = sel.begin(); it != sel.end(); ++it)
            parts << it.key() + u'=' + it.value().toString();
        f.selector = parts.join(u',');
        for (const QJsonValue &p : spec.value(QLatin1String("ports")).toArray()) {
            const QJsonObject port = p.toObject();
            const QJsonValue target = port.value(QLatin1String("targetPort"));
            f.ports.append(
                { port.value(QLatin1String("name")).toString(),
                  port.value(QLatin1String("port")).toInt(),
                  target.isDouble() ? QString::number(target.toInt()) : target.toString(),
                  port.value(QLatin1String("protocol")).toString(QStringLiteral("TCP")) });
        }
    } else if (spec.contains(QLatin1String("selector"))
               && spec.contains(QLatin1String("template"))) {
        // Deployment, StatefulSet, DaemonSet, ReplicaSet, Job: a selector and a pod template.
        f.selector = selectorString(spec.value(QLatin1String("selector")).toObject());
        podSpecFacts(spec.value(QLatin1String("template"))
                         .toObject()
                         .value(QLatin1String("spec"))
                         .toObject(),
                     f);
    }
}

} // namespace

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
    streamFacts(u, f);
    return f;
}

} // namespace kube::ui
