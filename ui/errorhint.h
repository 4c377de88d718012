#pragma once

#include "api/error.h"

#include <QString>

namespace kube::ui {

/*!
 * What the user sees when something fails: a headline (what happened) and a hint (what to do
 * about it). All of the GUI's error wording lives here, in one place.
 */
struct ErrorHint
{
    QString headline;
    QString hint;

    QString toString() const { return hint.isEmpty() ? headline : headline + u' ' + hint; }

    static ErrorHint from(const Error &error, const QString &clusterUrl = {});
};

} // namespace kube::ui
