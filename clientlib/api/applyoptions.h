#pragma once

#include "patchoptions.h"

#include <QString>
#include <QStringList>

namespace kube {

/*!
 * meta/v1 ApplyOptions: server-side apply. The server requires fieldManager; force takes
 * ownership of fields another manager owns instead of failing with a conflict.
 */
struct ApplyOptions
{
    QStringList dryRun; //!< {"All"} for a server-side dry run
    bool force = false;
    QString fieldManager;

    //! What an apply PATCH sends (force is always sent, as client-go does).
    PatchOptions toPatchOptions() const;
};

} // namespace kube
