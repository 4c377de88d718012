#pragma once

#include "queryparams.h"

#include <QString>

namespace kube {

//! meta/v1 GetOptions.
struct GetOptions
{
    QString resourceVersion; //!< "" = most recent, "0" = any (served from cache)

    QueryParams toQuery() const;
};

} // namespace kube
