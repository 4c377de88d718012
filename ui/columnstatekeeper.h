#pragma once

#include <QObject>
#include <QString>

class QHeaderView;
class QTimer;

namespace kube::ui {

/*!
 * Remembers a list's column order, widths and visibility per resource, through the header
 * view's own state (nothing is asked of the model): setResource() saves the state of the
 * resource shown so far, restore() applies the saved state of the new one once its columns
 * are in (and fitted), and every move or resize after that is saved (coalesced).
 */
class ColumnStateKeeper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnStateKeeper)

public:
    explicit ColumnStateKeeper(QHeaderView *header, QObject *parent = nullptr);
    ~ColumnStateKeeper() override;

    //! A new list starts: saves the previous resource's columns (when they were shown).
    void setResource(const QString &resourceKey);
    //! The new list's columns are in: apply what was saved for it (same column count only).
    void restore();
    //! Saves now (window closing).
    void save();

private:
    QHeaderView *m_header;
    QTimer *m_saveTimer;
    QString m_key;
    bool m_armed = false; // the header shows m_key's columns; changes are the user's
};

} // namespace kube::ui
