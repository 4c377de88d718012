#pragma once

#include "commandline.h"

#include "api/groupversion.h"
#include "api/result.h"
#include "rest/restconfig.h"

#include <QHash>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace kube {
class DiscoveryInterface;
class RestClient;
namespace testing {
class FakeApiServer;
}
} // namespace kube

namespace kube::cli {

/*!
 * What every command works with, resolved once from the global flags like kubectl's factory:
 * the RestConfig (kubeconfig + --context/--server/--token/... overrides, or the in-process demo
 * cluster with --demo), the namespace, discovery with kubectl's disk cache (shared with kubectl:
 * same folder layout under --cache-dir, $KUBECACHEDIR or ~/.kube/cache), and a RestClient per
 * group-version.
 */
class CliContext
{
public:
    static Result<std::unique_ptr<CliContext>> create(const CommandLine &commandLine);
    ~CliContext();

    const RestConfig &restConfig() const { return m_restConfig; }
    //! --namespace, else the context's namespace, else "default".
    QString namespaceName() const { return m_namespace; }
    //! True when -n/--namespace was given (kubectl's "explicit namespace").
    bool explicitNamespace() const { return m_explicitNamespace; }
    QString cacheRoot() const { return m_cacheRoot; }
    QString discoveryCacheDir() const;

    //! Disk-cached discovery (created on first use). Owned by the context.
    DiscoveryInterface *discovery();
    //! A client for \a gv (shared, created on first use).
    std::shared_ptr<RestClient> client(const GroupVersion &gv);
    //! A client for absolute paths (/version).
    std::shared_ptr<RestClient> unversionedClient();

private:
    CliContext() = default;

    RestConfig m_restConfig;
    QString m_namespace;
    bool m_explicitNamespace = false;
    QString m_cacheRoot;
    std::unique_ptr<testing::FakeApiServer> m_demo;
    std::unique_ptr<QTemporaryDir> m_demoCache;
    std::unique_ptr<DiscoveryInterface> m_discovery;
    QHash<GroupVersion, std::shared_ptr<RestClient>> m_clients;
    std::shared_ptr<RestClient> m_unversioned;
};

} // namespace kube::cli
