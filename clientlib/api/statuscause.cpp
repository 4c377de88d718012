#include "statuscause.h"

#include <QJsonArray>

namespace kube {

QList<StatusCause> StatusCause::fromError(const Error &error)
{
    QList<StatusCause> out;
    const QJsonArray causes = error.details.value(QLatin1String("causes")).toArray();
    for (const QJsonValue &v : causes) {
        const QJsonObject o = v.toObject();
        out.append({ o.value(QLatin1String("reason")).toString(),
                     o.value(QLatin1String("message")).toString(),
                     o.value(QLatin1String("field")).toString() });
    }
    return out;
}

QStringList StatusCause::fieldPath() const
{
    return splitFieldPath(field);
}

QStringList StatusCause::splitFieldPath(const QString &field)
{
    // Brackets hold indexes, map keys (which may contain dots) or list-map keys.
    QStringList out;
    QString current;
    int depth = 0;
    for (const QChar c : field) {
        if (depth == 0 && c == u'.') {
            if (!current.isEmpty())
                out.append(current);
            current.clear();
        } else if (c == u'[') {
            if (depth == 0) {
                if (!current.isEmpty())
                    out.append(current);
                current.clear();
            } else {
                current.append(c);
            }
            ++depth;
        } else if (c == u']' && depth > 0) {
            if (--depth == 0) {
                out.append(current);
                current.clear();
            } else {
                current.append(c);
            }
        } else {
            current.append(c);
        }
    }
    if (!current.isEmpty())
        out.append(current);
    return out;
}

} // namespace kube
