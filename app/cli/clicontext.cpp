#include "clicontext.h"

#include "config/configoverrides.h"
#include "config/kubeconfig.h"
#include "discovery/discoveryclient.h"
#include "discovery/diskcachediscovery.h"
#include "discovery/memcachediscovery.h"
#include "rest/restclient.h"
#include "testing/fakeapiserver.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

namespace kube::cli {

CliContext::~CliContext()
{
    // Clients and discovery talk to the demo server: end them first.
    m_discovery.reset();
    m_clients.clear();
    m_unversioned.reset();
    m_demo.reset();
}

Result<std::unique_ptr<CliContext>> CliContext::create(const CommandLine &cmd)
{
    std::unique_ptr<CliContext> ctx(new CliContext);

    std::chrono::milliseconds timeout { 0 };
    if (!cmd.requestTimeout.isEmpty()) {
        const auto parsed = CommandLine::parseDuration(cmd.requestTimeout);
        if (!parsed)
            return Error::make(
                Error::Kind::InvalidRequest,
                QStringLiteral("invalid argument \"%1\" for \"--request-timeout\" flag")
                    .arg(cmd.requestTimeout));
        timeout = *parsed;
    }

    if (cmd.demo) {
        ctx->m_demo = std::make_unique<testing::FakeApiServer>();
        ctx->m_demo->loadStockCluster({});
        if (!ctx->m_demo->start())
            return Error::make(Error::Kind::Network,
                               QStringLiteral("cannot start the demo cluster: %1")
                                   .arg(ctx->m_demo->errorString()));
        ctx->m_restConfig.host = ctx->m_demo->url();
        ctx->m_restConfig.contextName = QStringLiteral("demo");
    } else {
        if (!cmd.kubeconfig.isEmpty() && !QFileInfo::exists(cmd.kubeconfig))
            return Error::make(
                Error::Kind::Config,
                QStringLiteral("stat %1: no such file or directory").arg(cmd.kubeconfig));
        Kubeconfig::LoadOptions load;
        load.explicitPath = cmd.kubeconfig;
        Result<Kubeconfig> config = Kubeconfig::load(load);
        if (!config)
            return config.error();
        ConfigOverrides o;
        o.context = cmd.context;
        o.namespaceName = cmd.namespaceName;
        o.server = cmd.server;
        o.token = cmd.token;
        if (cmd.insecureSkipTlsVerify)
            o.insecureSkipTlsVerify = true;
        o.requestTimeout = timeout;
        Result<RestConfig> rc = config->restConfig(o);
        if (!rc)
            return rc.error();
        ctx->m_restConfig = *rc;
    }
    if (timeout.count() > 0)
        ctx->m_restConfig.timeout = timeout;
    // kubectl's defaults for a command-line tool: requests are not throttled like a controller's.
    ctx->m_restConfig.qps = 50;
    ctx->m_restConfig.burst = 300;

    ctx->m_explicitNamespace = !cmd.namespaceName.isEmpty();
    ctx->m_namespace
        = !cmd.namespaceName.isEmpty() ? cmd.namespaceName : ctx->m_restConfig.defaultNamespace;
    if (ctx->m_namespace.isEmpty())
        ctx->m_namespace = QStringLiteral("default");

    if (!cmd.cacheDir.isEmpty()) {
        ctx->m_cacheRoot = cmd.cacheDir;
    } else if (ctx->m_demo) {
        // The demo cluster listens on a new port every time: do not litter ~/.kube/cache.
        ctx->m_demoCache = std::make_unique<QTemporaryDir>();
        ctx->m_cacheRoot = ctx->m_demoCache->path();
    } else {
        ctx->m_cacheRoot = DiskCacheDiscovery::defaultCacheRoot();
    }
    return ctx;
}

QString CliContext::discoveryCacheDir() const
{
    return DiskCacheDiscovery::discoveryCacheDir(m_cacheRoot, m_restConfig.serverString());
}

DiscoveryInterface *CliContext::discovery()
{
    if (!m_discovery) {
        // kubectl's stack: disk cache over memory cache over the live client.
        auto live = DiscoveryClient::create(m_restConfig);
        std::unique_ptr<DiscoveryInterface> delegate;
        if (live)
            delegate = std::make_unique<MemCacheDiscovery>(std::move(*live));
        m_discovery
            = std::make_unique<DiskCacheDiscovery>(std::move(delegate), discoveryCacheDir());
    }
    return m_discovery.get();
}

std::shared_ptr<RestClient> CliContext::client(const GroupVersion &gv)
{
    auto it = m_clients.find(gv);
    if (it != m_clients.end())
        return *it;
    auto c = RestClient::create(m_restConfig, gv);
    m_clients.insert(gv, c);
    return c;
}

std::shared_ptr<RestClient> CliContext::unversionedClient()
{
    if (!m_unversioned)
        m_unversioned = RestClient::createUnversioned(m_restConfig);
    return m_unversioned;
}

} // namespace kube::cli
