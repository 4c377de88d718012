#pragma once

#include "api/queryparams.h"

#include <QString>
#include <QStringList>

namespace kube::detail {

//! Go's path.Clean: no duplicate slashes, "." and ".." resolved, "" -> ".".
QString goPathClean(const QString &path);
//! Go's path.Join: joins the non-empty elements with '/' and cleans; all empty -> "".
QString goPathJoin(const QStringList &elements);
//! Go's url.QueryEscape: everything but [A-Za-z0-9-_.~] percent-encoded, space as '+'.
QByteArray goQueryEscape(const QString &value);
//! Go's url.Values.Encode: keys sorted (stable for repeated keys), "k=v&k2=v2".
QByteArray encodeQuery(const QueryParams &params);
//! client-go's IsValidPathSegmentName: the problems with \a name as a path segment.
QStringList pathSegmentProblems(const QString &name);

} // namespace kube::detail
