#pragma once

#include <QDialog>
#include <QList>
#include <QStringList>

class QLineEdit;
class QListWidget;

namespace kube::ui {

//! One thing the command palette can jump to.
struct PaletteItem
{
    enum class Kind { Resource, Namespace, Context, Action };
    Kind kind = Kind::Resource;
    QString id; //!< stable across runs: the qualified resource name, namespace, context or action
    QString title; //!< what is shown and matched first ("pods")
    QString detail; //!< shown beside it ("Pod · v1 · po")
    QStringList keywords; //!< also matched: kind, short names, categories
};

/*!
 * Ctrl+K: a popup that jumps to any resource (by name, kind, short name or category),
 * namespace or context, or runs any enabled action (menus, tool bar, selected row), fuzzy-matched
 * as the user types; recently chosen entries come first (remembered across runs in QSettings).
 * Up/Down move, Enter jumps, Esc closes.
 */
class CommandPalette final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandPalette)

public:
    explicit CommandPalette(QWidget *parent = nullptr);
    ~CommandPalette() override;

    void setItems(const QList<PaletteItem> &items);
    //! Clears the input and shows the palette over the parent window.
    void popup();

    QLineEdit *input() const { return m_input; }
    QListWidget *list() const { return m_list; }
    //! Ids of recently chosen items, most recent first ("<kind>:<id>").
    QStringList recent() const { return m_recent; }

signals:
    void itemActivated(const kube::ui::PaletteItem &item);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refilter();
    void activateCurrent();
    static QString recentKey(const PaletteItem &item);

    QLineEdit *m_input;
    QListWidget *m_list;
    QList<PaletteItem> m_items;
    QStringList m_recent;
};

} // namespace kube::ui
