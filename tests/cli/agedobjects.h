#pragma once

// Shared by the kubectl parity tests: kubectl and kubrowser-cli run one after the other against
// the same server, so every AGE column must read the same in both runs.

#include "testing/fakeapiserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace kube::cli::test {

// Moves every timestamp of an object ten days into the past. The stock cluster has objects
// seconds or minutes old, whose ages ("37s", "4m12s ago") change between the kubectl run and
// ours; ten days and more only change once a day.
inline QJsonValue agedTenDays(const QJsonValue &value)
{
    static const QRegularExpression timestamp(
        QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$)"));
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = agedTenDays(it.value());
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (auto it = a.begin(); it != a.end(); ++it)
            *it = agedTenDays(*it);
        return a;
    }
    if (value.isString()) {
        const QRegularExpressionMatch m = timestamp.match(value.toString());
        if (!m.hasMatch())
            return value;
        const QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs).addDays(-10);
        return m.captured(1).isEmpty() ? t.toString(Qt::ISODate) : t.toString(Qt::ISODateWithMs);
    }
    return value;
}

//! Every object of every resource (preferred versions) of \a server, aged ten days.
inline void ageAllObjects(kube::testing::FakeApiServer &server)
{
    for (const kube::testing::FakeResource &r : server.resources()) {
        if (!r.preferredVersion)
            continue;
        for (const QJsonObject &o : server.objects(r.group, r.version, r.resource))
            server.addObject(r.group, r.version, r.resource, agedTenDays(o).toObject());
    }
}

} // namespace kube::cli::test
