#pragma once

#include <QHash>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace kube {

/*!
 * The changes of one interval, coalesced per key (Informer::batchReady): a UI applies one of
 * these per interval instead of one model update per event, however many events arrived.
 *
 * Per key only the net effect survives: added then updated is added (latest state); added then
 * deleted is nothing; updated then deleted is removed; deleted then added again is updated.
 * A key is in at most one of the three lists.
 */
struct InformerBatch
{
    QStringList added;
    QStringList updated;
    QStringList removed;
    //! The latest state of every added or updated key.
    QHash<QString, QJsonObject> objects;
    //! A relist (or the first sync) completed within this interval.
    bool relisted = false;
    //! The informer has synced (the batch after the first complete list sets it).
    bool synced = false;

    bool isEmpty() const { return added.isEmpty() && updated.isEmpty() && removed.isEmpty(); }
    qsizetype size() const { return added.size() + updated.size() + removed.size(); }
};

} // namespace kube

Q_DECLARE_METATYPE(kube::InformerBatch)
