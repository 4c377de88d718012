#include "lister.h"

#include "store.h"

namespace kube {

Lister::Lister(std::shared_ptr<const Store> store)
    : m_store(std::move(store))
{ }

QList<QJsonObject> Lister::list(const QString &ns) const
{
    if (ns.isEmpty())
        return m_store->list();
    return m_store->byIndex(QString::fromLatin1(Store::NamespaceIndex), ns);
}

std::optional<QJsonObject> Lister::get(const QString &ns, const QString &name) const
{
    return m_store->get(ns.isEmpty() ? name : ns + u'/' + name);
}

qsizetype Lister::size() const
{
    return m_store->size();
}

} // namespace kube
