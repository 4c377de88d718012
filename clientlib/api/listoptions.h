#pragma once

#include "queryparams.h"

#include <QString>

#include <optional>

namespace kube {

/*!
 * meta/v1 ListOptions: what a list or watch asks for. Only set fields become query parameters
 * (Go's omitempty), e.g. `ListOptions{.labelSelector = "app=web", .limit = 500}` gives
 * `labelSelector=app%3Dweb&limit=500`.
 */
struct ListOptions
{
    QString labelSelector;
    QString fieldSelector;
    bool watch = false;
    bool allowWatchBookmarks = false;
    QString resourceVersion;
    QString resourceVersionMatch; //!< NotOlderThan, Exact
    std::optional<qint64> timeoutSeconds;
    qint64 limit = 0; //!< 0 = no limit
    QString continueToken; //!< "continue"
    std::optional<bool> sendInitialEvents;

    QueryParams toQuery() const;
};

} // namespace kube
