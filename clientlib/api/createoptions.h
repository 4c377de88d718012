#pragma once

#include "queryparams.h"

#include <QString>
#include <QStringList>

namespace kube {

//! meta/v1 CreateOptions (also used for updates: UpdateOptions has the same fields).
struct CreateOptions
{
    QStringList dryRun; //!< {"All"} for a server-side dry run
    QString fieldManager;
    QString fieldValidation; //!< Ignore, Warn, Strict

    QueryParams toQuery() const;
};

} // namespace kube
