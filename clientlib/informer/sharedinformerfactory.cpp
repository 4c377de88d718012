#include "sharedinformerfactory.h"

#include "informerlogging.h"

#include "rest/restclient.h"

namespace kube {

SharedInformerFactory::SharedInformerFactory(std::shared_ptr<RestClient> client,
                                             const ReflectorOptions &defaults,
                                             QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_defaults(defaults)
{ }

SharedInformerFactory::~SharedInformerFactory()
{
    for (const std::weak_ptr<Informer> &weak : std::as_const(m_informers)) {
        if (std::shared_ptr<Informer> informer = weak.lock())
            informer->stop();
    }
}

std::shared_ptr<Informer> SharedInformerFactory::existing(const WatchTarget &target) const
{
    return m_informers.value(target).lock();
}

std::shared_ptr<Informer> SharedInformerFactory::informer(const WatchTarget &target,
                                                          ResourceScope scope)
{
    if (std::shared_ptr<Informer> live = existing(target))
        return live;
    ReflectorOptions options = m_defaults;
    options.mode = target.mode;
    options.labelSelector = target.labelSelector;
    options.fieldSelector = target.fieldSelector;
    auto *raw = new Informer(
        DynamicResource(m_client, target.resource, scope).inNamespace(target.ns), options);
    // The last handle deletes the informer on its own thread (it may be released anywhere).
    std::shared_ptr<Informer> informer(raw, [](Informer *i) {
        QMetaObject::invokeMethod(
            i,
            [i] {
                i->stop();
                delete i;
            },
            Qt::QueuedConnection);
    });
    for (auto it = m_informers.begin(); it != m_informers.end();) {
        if (it.value().expired())
            it = m_informers.erase(it);
        else
            ++it;
    }
    m_informers.insert(target, informer);
    qCDebug(lcInformer).noquote() << "informer started:" << target.toString();
    informer->start();
    return informer;
}

int SharedInformerFactory::activeCount() const
{
    int n = 0;
    for (const std::weak_ptr<Informer> &weak : m_informers)
        n += weak.expired() ? 0 : 1;
    return n;
}

} // namespace kube
