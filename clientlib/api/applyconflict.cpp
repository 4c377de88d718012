#include "applyconflict.h"

#include "statuscause.h"

namespace kube {

std::optional<ApplyConflict> ApplyConflict::fromError(const Error &error)
{
    if (!error.isStatus(409))
        return std::nullopt;
    ApplyConflict out;
    out.message = error.message;
    for (const StatusCause &c : StatusCause::fromError(error)) {
        if (c.reason != QLatin1String("FieldManagerConflict"))
            continue;
        // "conflict with \"name\" using apps/v1": the name is quoted Go-style (%q).
        Field f;
        f.field = c.field;
        const qsizetype open = c.message.indexOf(u'"');
        qsizetype close = open;
        while (open >= 0) {
            close = c.message.indexOf(u'"', close + 1);
            if (close < 0 || c.message.at(close - 1) != u'\\')
                break;
        }
        if (open >= 0 && close > open) {
            f.manager = c.message.mid(open + 1, close - open - 1)
                            .replace(QLatin1String("\\\""), QLatin1String("\""));
            f.detail = c.message.mid(close + 1).trimmed();
        } else {
            f.manager = c.message;
        }
        out.fields.append(f);
    }
    if (out.fields.isEmpty())
        return std::nullopt;
    return out;
}

QStringList ApplyConflict::managers() const
{
    QStringList out;
    for (const Field &f : fields) {
        if (!out.contains(f.manager))
            out.append(f.manager);
    }
    return out;
}

QStringList ApplyConflict::fieldsOf(const QString &manager) const
{
    QStringList out;
    for (const Field &f : fields) {
        if (f.manager == manager)
            out.append(f.field);
    }
    return out;
}

} // namespace kube
