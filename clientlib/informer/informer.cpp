#include "informer.h"

#include "reflector.h"
#include "store.h"

#include <QTimer>

namespace kube {

Informer::Informer(const DynamicResource &resource,
                   const ReflectorOptions &options,
                   QObject *parent)
    : QObject(parent)
    , m_reflector(new Reflector(resource, std::make_shared<Store>(), options, this))
    , m_batchTimer(new QTimer(this))
{
    m_batchTimer->setSingleShot(true);
    connect(m_batchTimer, &QTimer::timeout, this, &Informer::flushBatch);
    connect(m_reflector, &Reflector::changed, this, &Informer::onChanged);
    connect(m_reflector, &Reflector::relisted, this, [this] {
        m_pending.relisted = true;
        if (m_batchInterval.count() == 0)
            flushBatch();
        else if (!m_batchTimer->isActive())
            m_batchTimer->start(m_batchInterval);
    });
    connect(m_reflector, &Reflector::synced, this, &Informer::synced);
    connect(m_reflector, &Reflector::statusChanged, this, &Informer::statusChanged);
    connect(m_reflector, &Reflector::columnsChanged, this, &Informer::columnsChanged);
    connect(m_reflector, &Reflector::listProgress, this, &Informer::listProgress);
    connect(m_reflector, &Reflector::warning, this, &Informer::warning);
}

Informer::~Informer() = default;

void Informer::start()
{
    m_reflector->start();
}

void Informer::stop()
{
    m_reflector->stop();
}

bool Informer::isRunning() const
{
    return m_reflector->isRunning();
}

bool Informer::hasSynced() const
{
    return m_reflector->hasSynced();
}

Lister Informer::lister() const
{
    return Lister(m_reflector->store());
}

std::shared_ptr<const Store> Informer::store() const
{
    return m_reflector->store();
}

ReflectorStatus Informer::status() const
{
    return m_reflector->status();
}

QList<TableColumnDefinition> Informer::columns() const
{
    return m_reflector->columns();
}

void Informer::setBatchInterval(std::chrono::milliseconds interval)
{
    m_batchInterval = interval;
}

int Informer::addEventHandler(QObject *context, const ResourceEventHandler &handler)
{
    const int id = m_nextHandlerId++;
    Handler h;
    h.context = context;
    // Queued even on the same thread, so the replay below comes before any later change.
    const QList<QJsonObject> existing = m_reflector->store()->list();
    if (handler.added) {
        QMetaObject::invokeMethod(
            context,
            [existing, f = handler.added] {
                for (const QJsonObject &o : existing)
                    f(o);
            },
            Qt::QueuedConnection);
        h.connections.append(connect(
            this, &Informer::added, context,
            [f = handler.added](const QString &, const QJsonObject &o) { f(o); },
            Qt::QueuedConnection));
    }
    if (handler.updated) {
        h.connections.append(connect(
            this, &Informer::updated, context,
            [f = handler.updated](const QString &, const QJsonObject &a, const QJsonObject &b) {
                f(a, b);
            },
            Qt::QueuedConnection));
    }
    if (handler.deleted) {
        h.connections.append(connect(
            this, &Informer::deleted, context,
            [f = handler.deleted](const QString &, const QJsonObject &o, bool unknown) {
                f(o, unknown);
            },
            Qt::QueuedConnection));
    }
    m_handlers.insert(id, h);
    return id;
}

void Informer::removeEventHandler(int id)
{
    const Handler h = m_handlers.take(id);
    for (const QMetaObject::Connection &c : h.connections)
        disconnect(c);
}

void Informer::onChanged(const StoreChanges &changes)
{
    for (const StoreChange &c : changes) {
        switch (c.type) {
        case StoreChange::Type::Added:
            emit added(c.key, c.object);
            break;
        case StoreChange::Type::Updated:
            emit updated(c.key, c.oldObject, c.object);
            break;
        case StoreChange::Type::Deleted:
            emit deleted(c.key, c.object, c.finalStateUnknown);
            break;
        }
        coalesce(c);
    }
    if (m_batchInterval.count() == 0)
        flushBatch();
    else if (!m_batchTimer->isActive())
        m_batchTimer->start(m_batchInterval);
}

void Informer::coalesce(const StoreChange &change)
{
    auto it = m_net.find(change.key);
    switch (change.type) {
    case StoreChange::Type::Added:
        if (it == m_net.end())
            m_net.insert(change.key, Net::Added);
        else if (*it == Net::Removed)
            *it = Net::Updated; // gone and back within one interval: a new state of the row
        m_pending.objects.insert(change.key, change.object);
        break;
    case StoreChange::Type::Updated:
        if (it == m_net.end())
            m_net.insert(change.key, Net::Updated);
        else if (*it == Net::Removed)
            *it = Net::Updated;
        m_pending.objects.insert(change.key, change.object);
        break;
    case StoreChange::Type::Deleted:
        m_pending.objects.remove(change.key);
        if (it == m_net.end())
            m_net.insert(change.key, Net::Removed);
        else if (*it == Net::Added)
            m_net.erase(it); // never seen by the consumer
        else
            *it = Net::Removed;
        break;
    }
}

void Informer::flushBatch()
{
    m_batchTimer->stop();
    if (m_net.isEmpty() && !m_pending.relisted)
        return;
    InformerBatch batch;
    batch.relisted = m_pending.relisted;
    batch.synced = hasSynced();
    batch.objects = std::move(m_pending.objects);
    for (auto it = m_net.cbegin(); it != m_net.cend(); ++it) {
        switch (it.value()) {
        case Net::Added:
            batch.added.append(it.key());
            break;
        case Net::Updated:
            batch.updated.append(it.key());
            break;
        case Net::Removed:
            batch.removed.append(it.key());
            break;
        }
    }
    m_net.clear();
    m_pending = {};
    emit batchReady(batch);
}

} // namespace kube
