#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace kube {

class Store;

/*!
 * Read-only access to an informer's cache (client-go's generic lister): list all, list one
 * namespace (through the namespace index), get one. Cheap to copy; safe on any thread.
 *
 * \code
 * kube::Lister pods = informer->lister();
 * for (const QJsonObject &pod : pods.list("default")) ...
 * if (auto web = pods.get("default", "web-0")) ...
 * \endcode
 */
class Lister
{
public:
    explicit Lister(std::shared_ptr<const Store> store);

    //! All objects, or those of namespace \a ns.
    QList<QJsonObject> list(const QString &ns = {}) const;
    std::optional<QJsonObject> get(const QString &ns, const QString &name) const;
    qsizetype size() const;

private:
    std::shared_ptr<const Store> m_store;
};

} // namespace kube
