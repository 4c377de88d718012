#pragma once

#include "fakeapiserver.h"
#include "objectstore.h"

#include <QJsonObject>
#include <QList>

#include <functional>

namespace kube::testing::detail {

/*!
 * The built-in data set: the resource types a Kubernetes v1.34 cluster serves (what
 * `kubectl api-resources` prints against a fresh kind cluster), a few CRD groups, and the
 * objects of a small but realistic cluster (kind-like control plane, workloads in several
 * namespaces, services, config maps, secrets, events).
 */
class StockCluster
{
public:
    using Sink = std::function<void(
        const QString &group, const QString &version, const QString &resource, QJsonObject object)>;
    //! For bulk objects (pods) already serialised; "@@RV@@" in json and metadataJson stands for
    //! the resourceVersion the store assigns.
    using RawSink = std::function<void(const QString &group,
                                       const QString &version,
                                       const QString &resource,
                                       StoredObject object)>;

    //! Built-in resource types, in the order kube-apiserver lists their groups.
    static QList<FakeResource> builtinResources();
    //! The example CRDs (stable.example.com v1 + v1beta1 crontabs, cluster-scoped
    //! ops.example.com globalconfigs) and \a generated bench groups g<i>.bench.example.com.
    static QList<FakeResource> customResources(int generated);
    //! The CustomResourceDefinition object serving \a versions of one resource.
    static QJsonObject crdObject(const QList<FakeResource> &versions, qint64 createdMs);

    //! Emits the objects of the cluster; deterministic for given options (fixed seed).
    static void generateObjects(const FakeApiServer::StockOptions &options,
                                const QList<FakeResource> &crds,
                                qint64 nowMs,
                                const Sink &sink,
                                const RawSink &rawSink);
};

} // namespace kube::testing::detail
