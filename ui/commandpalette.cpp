#include "commandpalette.h"

#include "fuzzymatch.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>

namespace kube::ui {

namespace {
constexpr int maxRecent = 30;
constexpr int maxShown = 200;
const char recentSetting[] = "palette/recent";

QString kindLabel(PaletteItem::Kind kind)
{
    switch (kind) {
    case PaletteItem::Kind::Resource:
        return CommandPalette::tr("Resource");
    case PaletteItem::Kind::Namespace:
        return CommandPalette::tr("Namespace");
    case PaletteItem::Kind::Context:
        return CommandPalette::tr("Context");
    case PaletteItem::Kind::Action:
        return CommandPalette::tr("Action");
    }
    return {};
}
} // namespace

CommandPalette::CommandPalette(QWidget *parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint)
    , m_input(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    m_input->setObjectName(QStringLiteral("paletteInput"));
    m_input->setPlaceholderText(tr("Jump to a resource, namespace or context…"));
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setUniformItemSizes(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_input);
    layout->addWidget(m_list);
    resize(560, 420);
    m_recent = QSettings().value(QLatin1String(recentSetting)).toStringList();
    m_input->installEventFilter(this);
    connect(m_input, &QLineEdit::textChanged, this, &CommandPalette::refilter);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::activateCurrent);
}

CommandPalette::~CommandPalette() = default;

QString CommandPalette::recentKey(const PaletteItem &item)
{
    return QStringLiteral("%1:%2").arg(int(item.kind)).arg(item.id);
}

void CommandPalette::setItems(const QList<PaletteItem> &items)
{
    m_items = items;
    refilter();
}

void CommandPalette::popup()
{
    m_input->clear();
    refilter();
    if (QWidget *w = parentWidget()) {
        const QRect r = w->window()->geometry();
        move(r.x() + (r.width() - width()) / 2, r.y() + 60);
    }
    show();
    raise();
    activateWindow();
    m_input->setFocus();
}

void CommandPalette::refilter()
{
    const QString pattern = m_input->text().trimmed();
    struct Scored
    {
        int index;
        int score;
        int recency; // position in m_recent; larger = less recent
    };
    QList<Scored> scored;
    for (int i = 0; i < m_items.size(); ++i) {
        const PaletteItem &item = m_items.at(i);
        int best = fuzzyScore(pattern, item.title);
        for (const QString &k : item.keywords)
            best = std::max(best, fuzzyScore(pattern, k) - 5); // the name itself counts more
        if (best < 0)
            continue;
        const qsizetype r = m_recent.indexOf(recentKey(item));
        scored.append({ i, best, r < 0 ? maxRecent + 1 : int(r) });
    }
    // With nothing typed the most recent come first; typed, the better match wins and
    // recency breaks ties.
    std::stable_sort(scored.begin(), scored.end(), [&](const Scored &a, const Scored &b) {
        if (pattern.isEmpty() || a.score == b.score)
            return a.recency < b.recency;
        return a.score > b.score;
    });
    m_list->clear();
    for (const Scored &s :
         std::as_const(scored).first(std::min<qsizetype>(scored.size(), maxShown))) {
        const PaletteItem &item = m_items.at(s.index);
        QString text
            = QStringLiteral("%1    %2 · %3").arg(item.title, kindLabel(item.kind), item.detail);
        if (item.detail.isEmpty())
            text = QStringLiteral("%1    %2").arg(item.title, kindLabel(item.kind));
        auto *row = new QListWidgetItem(text, m_list);
        row->setData(Qt::UserRole, s.index);
        if (s.recency <= maxRecent)
            row->setToolTip(tr("Recently used"));
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void CommandPalette::activateCurrent()
{
    QListWidgetItem *row = m_list->currentItem();
    if (!row)
        return;
    const PaletteItem item = m_items.value(row->data(Qt::UserRole).toInt());
    const QString key = recentKey(item);
    m_recent.removeAll(key);
    m_recent.prepend(key);
    while (m_recent.size() > maxRecent)
        m_recent.removeLast();
    QSettings().setValue(QLatin1String(recentSetting), m_recent);
    hide();
    emit itemActivated(item);
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int count = m_list->count();
        switch (key->key()) {
        case Qt::Key_Down:
            if (count > 0)
                m_list->setCurrentRow((m_list->currentRow() + 1) % count);
            return true;
        case Qt::Key_Up:
            if (count > 0)
                m_list->setCurrentRow((m_list->currentRow() - 1 + count) % count);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            activateCurrent();
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace kube::ui
