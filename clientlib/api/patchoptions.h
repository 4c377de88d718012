#pragma once

#include "queryparams.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace kube {

//! meta/v1 PatchOptions. fieldManager is required for server-side apply.
struct PatchOptions
{
    QStringList dryRun; //!< {"All"} for a server-side dry run
    std::optional<bool> force; //!< apply patches only: take ownership of conflicting fields
    QString fieldManager;
    QString fieldValidation; //!< Ignore, Warn, Strict

    QueryParams toQuery() const;
};

} // namespace kube
