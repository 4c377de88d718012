#pragma once

#include "typedclient.h"

#include "api/podlogoptions.h"
#include "typed/generated/core_v1.h"

namespace kube {

class RestReply;

/*!
 * The typed client of core/v1 pods, with the pod subresources: logs and eviction.
 * \code
 * auto pods = clientset.coreV1().pods("default");
 * auto *log = pods.getLog("web-0", {.container = "app", .tailLines = 100}); // text
 * auto *evicted = pods.evict("web-0");  // policy/v1 Eviction; PDBs may refuse it (429)
 * \endcode
 */
class PodClient final : public TypedClient<core::v1::Pod, core::v1::PodList>
{
public:
    explicit PodClient(DynamicResource resource);

    //! The whole log as text (value() is the body); use streamLog() for follow.
    ValueReply<QByteArray> *getLog(const QString &name, const PodLogOptions &options = {}) const;
    /*!
     * A streaming request for the log (follow=true is typical): read it as readyRead()
     * arrives. The caller owns the RestReply.
     */
    Result<RestReply *> streamLog(const QString &name, const PodLogOptions &options = {}) const;
    //! POSTs a policy/v1 Eviction; the server answers with a Status (201 when done).
    DeleteReply *evict(const QString &name, const DeleteOptions &options = {}) const;

private:
    Result<Request> logRequest(const QString &name, const PodLogOptions &options) const;
};

} // namespace kube
