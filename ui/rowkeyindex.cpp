#include "rowkeyindex.h"

namespace kube::ui {

void RowKeyIndex::clear()
{
    m_slotOfKey.clear();
    m_keyOfSlot.clear();
    m_rowOfSlot.clear();
    m_slotOfRow.clear();
    m_freeSlots.clear();
}

void RowKeyIndex::reserve(qsizetype rows)
{
    m_slotOfKey.reserve(rows);
    m_keyOfSlot.reserve(rows);
    m_rowOfSlot.reserve(rows);
    m_slotOfRow.reserve(rows);
}

void RowKeyIndex::append(const QString &key)
{
    const int row = int(m_slotOfRow.size());
    const auto existing = m_slotOfKey.constFind(key);
    if (existing != m_slotOfKey.constEnd()) {
        // The same key twice: the newer row owns it; the older row keeps a keyless slot.
        const int old = *existing;
        m_keyOfSlot[old].clear();
        m_slotOfKey.erase(existing);
    }
    int slot;
    if (!m_freeSlots.isEmpty()) {
        slot = m_freeSlots.takeLast();
        m_keyOfSlot[slot] = key;
        m_rowOfSlot[slot] = row;
    } else {
        slot = int(m_keyOfSlot.size());
        m_keyOfSlot.append(key);
        m_rowOfSlot.append(row);
    }
    m_slotOfKey.insert(key, slot);
    m_slotOfRow.append(slot);
}

int RowKeyIndex::find(const QString &key) const
{
    const auto it = m_slotOfKey.constFind(key);
    return it == m_slotOfKey.constEnd() ? -1 : m_rowOfSlot.at(*it);
}

void RowKeyIndex::removeRows(int first, int count)
{
    if (count <= 0 || first < 0 || first + count > m_slotOfRow.size())
        return;
    for (int row = first; row < first + count; ++row) {
        const int slot = m_slotOfRow.at(row);
        QString &key = m_keyOfSlot[slot];
        if (!key.isNull()) {
            const auto it = m_slotOfKey.constFind(key);
            if (it != m_slotOfKey.constEnd() && *it == slot)
                m_slotOfKey.erase(it);
        }
        key = QString();
        m_rowOfSlot[slot] = -1;
        m_freeSlots.append(slot);
    }
    m_slotOfRow.remove(first, count);
    for (qsizetype row = first; row < m_slotOfRow.size(); ++row)
        m_rowOfSlot[m_slotOfRow.at(row)] = int(row);
}

} // namespace kube::ui
