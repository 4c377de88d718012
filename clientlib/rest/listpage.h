#pragma once

#include "api/listmeta.h"
#include "api/table.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace kube {

//! One page of a chunked list (see ListPager).
struct ListPage
{
    int index = 0; //!< 0-based page number; after a fallback the full list is index 0 again
    bool fullList = false; //!< the one-shot full list after a 410 Expired fallback
    QJsonObject list; //!< the decoded list document (kind PodList, Table ...)
    std::optional<Table> table; //!< set when the server answered with a Table
    ListMeta metadata; //!< resourceVersion, continue, remainingItemCount

    //! The list's items (empty for Tables: use table->rows).
    QJsonArray items() const { return list.value(QLatin1String("items")).toArray(); }
    //! Items or rows on this page.
    qsizetype size() const { return table ? table->rows.size() : items().size(); }
    bool isLast() const { return metadata.continueToken.isEmpty(); }
};

} // namespace kube
