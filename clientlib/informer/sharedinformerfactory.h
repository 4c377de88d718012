#pragma once

#include "informer.h"
#include "reflectoroptions.h"
#include "watchtarget.h"

#include "dynamic/dynamicresource.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace kube {

class RestClient;

/*!
 * One informer per WatchTarget, shared by every consumer (client-go's
 * SharedInformerFactory, with reference counting instead of a global stop channel): the
 * first informer() for a target creates and starts it; later calls return the same one;
 * when the last handle is released the informer is stopped and deleted.
 *
 * \code
 * auto factory = new kube::SharedInformerFactory(kube::RestClient::createUnversioned(config));
 * std::shared_ptr<kube::Informer> pods = factory->informer(
 *     {.resource = {"", "v1", "pods"}, .ns = "team-a", .mode = kube::InformerMode::Table},
 *     kube::ResourceScope::Namespaced);
 * connect(pods.get(), &kube::Informer::batchReady, ...);
 * pods.reset();   // the last handle: the watch stops
 * \endcode
 *
 * Lives on the thread of its RestClient; informers live there too. Handles may be released
 * on any thread (the informer is deleted on its own thread). The factory must outlive the
 * handles it gave out only in the sense that deleting it stops every informer at once.
 */
class SharedInformerFactory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SharedInformerFactory)

public:
    /*!
     * \a client must be made with RestClient::createUnversioned() (its requests carry their
     * own /api or /apis path). \a defaults apply to every informer (timings, transform,
     * useWatchList); the target fills in mode and selectors.
     */
    explicit SharedInformerFactory(std::shared_ptr<RestClient> client,
                                   const ReflectorOptions &defaults = {},
                                   QObject *parent = nullptr);
    ~SharedInformerFactory() override;

    //! The shared informer for \a target, started. Never null.
    std::shared_ptr<Informer> informer(const WatchTarget &target,
                                       ResourceScope scope = ResourceScope::Unknown);
    //! The running informer for \a target without creating one; null when none.
    std::shared_ptr<Informer> existing(const WatchTarget &target) const;
    //! Informers alive (with at least one handle).
    int activeCount() const;
    const ReflectorOptions &defaults() const { return m_defaults; }
    void setDefaults(const ReflectorOptions &defaults) { m_defaults = defaults; }

private:
    std::shared_ptr<RestClient> m_client;
    ReflectorOptions m_defaults;
    QHash<WatchTarget, std::weak_ptr<Informer>> m_informers;
};

} // namespace kube
