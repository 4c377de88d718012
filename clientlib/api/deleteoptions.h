#pragma once

#include "queryparams.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace kube {

/*!
 * meta/v1 DeleteOptions. client-go sends them as the JSON body of a DELETE (toJson()); the
 * same fields are accepted as query parameters (toQuery()) for callers that send no body.
 */
struct DeleteOptions
{
    std::optional<qint64> gracePeriodSeconds;
    QString propagationPolicy; //!< Orphan, Background, Foreground; empty = server default
    QStringList dryRun; //!< {"All"} for a server-side dry run
    QString preconditionUid; //!< preconditions.uid (body only)
    QString preconditionResourceVersion; //!< preconditions.resourceVersion (body only)

    QueryParams toQuery() const;
    //! {"kind":"DeleteOptions","apiVersion":"v1", ...set fields}
    QJsonObject toJson() const;
};

} // namespace kube
