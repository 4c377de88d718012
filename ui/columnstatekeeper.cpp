#include "columnstatekeeper.h"

#include "uisettings.h"

#include <QHeaderView>
#include <QTimer>

namespace kube::ui {

ColumnStateKeeper::ColumnStateKeeper(QHeaderView *header, QObject *parent)
    : QObject(parent)
    , m_header(header)
    , m_saveTimer(new QTimer(this))
{
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(500); // a drag resizes many times; one write
    connect(m_saveTimer, &QTimer::timeout, this, &ColumnStateKeeper::save);
    auto changed = [this] {
        if (m_armed)
            m_saveTimer->start();
    };
    connect(header, &QHeaderView::sectionMoved, this, changed);
    connect(header, &QHeaderView::sectionResized, this, changed);
}

ColumnStateKeeper::~ColumnStateKeeper() = default;

void ColumnStateKeeper::setResource(const QString &resourceKey)
{
    if (m_armed)
        save();
    m_saveTimer->stop();
    m_armed = false;
    m_key = resourceKey;
}

void ColumnStateKeeper::restore()
{
    if (m_key.isEmpty() || m_header->count() == 0)
        return;
    const QByteArray state = UiSettings::columnState(m_key);
    if (!state.isEmpty()) {
        // restoreState() ignores a state of another column count (the server's Table changed).
        QHeaderView probe(Qt::Horizontal);
        probe.setModel(m_header->model());
        if (probe.restoreState(state) && probe.count() == m_header->count())
            m_header->restoreState(state);
    }
    m_armed = true;
}

void ColumnStateKeeper::save()
{
    if (!m_armed || m_key.isEmpty() || m_header->count() == 0)
        return;
    UiSettings::setColumnState(m_key, m_header->saveState());
}

} // namespace kube::ui
