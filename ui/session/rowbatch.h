#pragma once

#include "objectrow.h"

#include <QList>
#include <QMetaType>
#include <QStringList>

namespace kube::ui {

/*!
 * What changed in a list during one informer batch interval (≈100 ms), converted to rows: the
 * model applies it in place (one insert for all new rows, one pass for all removals), so
 * selection, scroll position, sort and filter survive. A relist arrives as such a batch too,
 * holding only the differences: it replaces, never appends.
 */
struct RowBatch
{
    QList<ObjectRow> upserts; //!< new or changed rows, matched by ObjectRow::key()
    QStringList removed; //!< keys of rows that are gone
    bool relisted = false; //!< the batch ends a (re)list: the rows now equal the server's

    bool isEmpty() const { return upserts.isEmpty() && removed.isEmpty(); }
};

} // namespace kube::ui

Q_DECLARE_METATYPE(kube::ui::RowBatch)
