#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace kube::ui {

/*!
 * Key ("namespace/name") to row number for a list whose rows are removed from the middle.
 *
 * Removing a row shifts every later row up. Re-inserting each later key into a hash after
 * every removal costs a hash update (and a key string) per row: on a 50,000-row live list that
 * is most of the GUI thread's time. Here each key owns a stable slot; a removal only rewrites
 * plain integers (slot -> row) for the rows that moved.
 */
class RowKeyIndex final
{
public:
    void clear();
    void reserve(qsizetype rows);
    qsizetype size() const { return m_slotOfRow.size(); }

    //! Appends a row with \a key (the next row number). A key already present is moved to it.
    void append(const QString &key);
    //! The row of \a key, or -1.
    int find(const QString &key) const;
    //! Removes rows [first, first + count); the rows after them move up by \a count.
    void removeRows(int first, int count);

private:
    QHash<QString, int> m_slotOfKey;
    QList<QString> m_keyOfSlot;
    QList<int> m_rowOfSlot; // -1 for a free slot
    QList<int> m_slotOfRow;
    QList<int> m_freeSlots;
};

} // namespace kube::ui
