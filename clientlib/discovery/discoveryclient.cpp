#include "discoveryclient.h"

#include "api/aggregateddiscovery.h"
#include "api/discoveryjson.h"
#include "discoverylogging.h"
#include "discoverytransport.h"
#include "rest/ratelimiter.h"
#include "rest/restclient.h"
#include "rest/restreply.h"

#include <QPointer>

#include <memory>

namespace kube {

const QByteArray DiscoveryClient::AcceptAggregated
    = QByteArrayLiteral("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
                        "application/json");
const QByteArray DiscoveryClient::AcceptLegacy = QByteArrayLiteral("application/json");

//! What one of /api, /apis answered, already split into groups and maybe resources.
struct DiscoveryClient::Part
{
    std::optional<Error> error;
    QList<APIGroup> groups;
    bool hasResources = false;
    QList<APIResourceList> resources;
    QList<FailedGroupVersion> failed;
};

namespace {

// Kubernetes names groups as DNS subdomains (at most 253 characters) and versions as DNS
// labels (at most 63). A longer name comes from a broken or hostile server: kube-apiserver
// could not serve it (its request line would pass the 1 MB header limit long before), and a
// 64 MB name copied through every lookup costs a minute: such group-versions are reported as
// failed, under a shortened name, and never requested.
constexpr qsizetype MaxGroupLength = 253;
constexpr qsizetype MaxVersionLength = 63;

bool isAbsurd(const QString &group, const QString &version)
{
    return group.size() > MaxGroupLength || version.size() > MaxVersionLength;
}

QString shortened(const QString &name)
{
    return name.size() <= 64 ? name : name.left(64) + QStringLiteral("…");
}

Error absurdNameError(const QString &group, const QString &version)
{
    return Error::make(Error::Kind::Decode,
                       QStringLiteral("the server named a group-version of %1 characters (group "
                                      "names have at most %2, versions at most %3): not requested")
                           .arg(group.size() + version.size() + 1)
                           .arg(MaxGroupLength)
                           .arg(MaxVersionLength));
}

// client-go's discovery default when the config sets none; also sent as ?timeout=32s.
constexpr std::chrono::seconds DefaultDiscoveryTimeout(32);

//! Discovery GETs through a RestClient, outside its rate limiter: they are read-only, and
//! hundreds of group-versions must not queue behind a token bucket sized for writes.
class RestDiscoveryTransport final : public detail::DiscoveryTransport
{
public:
    explicit RestDiscoveryTransport(std::shared_ptr<RestClient> client)
        : m_client(std::move(client))
    { }

    void get(const QString &absPath,
             const QByteArray &accept,
             QObject *context,
             std::function<void(const detail::DiscoveryResponse &)> done) override
    {
        const std::chrono::milliseconds timeout = m_client->config().timeout.count() > 0
            ? m_client->config().timeout
            : std::chrono::milliseconds(DefaultDiscoveryTimeout);
        RestReply *reply = m_client->get()
                               .absPath(absPath)
                               .accept(accept)
                               .rateLimited(false)
                               .timeout(timeout)
                               .send();
        reply->setParent(context); // destroying the discovery client aborts its requests
        QObject::connect(reply, &RestReply::finished, context, [reply, done = std::move(done)] {
            const RestResult &r = reply->result();
            detail::DiscoveryResponse response;
            response.statusCode = r.statusCode;
            response.contentType = r.contentType;
            response.body = r.body;
            response.error = r.error;
            reply->deleteLater();
            done(response);
        });
    }

    QString host() const override { return m_client->config().host.toString(); }

private:
    std::shared_ptr<RestClient> m_client;
};

} // namespace

Result<std::unique_ptr<DiscoveryClient>> DiscoveryClient::create(const RestConfig &config,
                                                                 QObject *parent)
{
    RestClient::Options options;
    // kubectl gives discovery its own bucket (50 QPS, burst 300); our discovery GETs skip the
    // limiter altogether, so this only bounds anything else sent through this client.
    options.rateLimiter = RateLimiter::create(50, 300);
    auto client = RestClient::createUnversioned(config, options);
    if (client->configError())
        return *client->configError();
    return std::make_unique<DiscoveryClient>(std::move(client), parent);
}

DiscoveryClient::DiscoveryClient(std::shared_ptr<RestClient> client, QObject *parent)
    : DiscoveryClient(std::make_unique<RestDiscoveryTransport>(std::move(client)), parent)
{ }

DiscoveryClient::DiscoveryClient(std::unique_ptr<detail::DiscoveryTransport> transport,
                                 QObject *parent)
    : DiscoveryInterface(parent)
    , m_transport(std::move(transport))
{ }

DiscoveryClient::~DiscoveryClient() = default;

QString DiscoveryClient::host() const
{
    return m_transport->host();
}

void DiscoveryClient::fetchRoot(const QString &path,
                                bool legacyAccept,
                                std::function<void(Part)> done)
{
    const QByteArray accept = legacyAccept ? AcceptLegacy : AcceptAggregated;
    m_transport->get(
        path, accept, this, [this, path, legacyAccept, done](const detail::DiscoveryResponse &r) {
            Part part;
            if (r.error) {
                if (r.statusCode == 406 && !legacyAccept) {
                    // A server (or proxy) that refuses the aggregated types: ask for the legacy
                    // one.
                    qCDebug(lcDiscovery) << path << "answered 406; asking for the legacy format";
                    fetchRoot(path, true, done);
                    return;
                }
                if (r.statusCode == 404 && path == QLatin1String("/api")) {
                    // Aggregated API servers have no /api: no core group, and nothing to fetch.
                    part.hasResources = true;
                    done(std::move(part));
                    return;
                }
                part.error = r.error;
                done(std::move(part));
                return;
            }
            if (AggregatedDiscovery::isAggregatedContentType(r.contentType)) {
                auto doc = AggregatedDiscovery::parse(r.body);
                if (!doc) {
                    part.error = doc.error();
                } else {
                    part.groups = std::move(doc->groups.groups);
                    part.resources = std::move(doc->resources);
                    part.hasResources = true;
                    for (const GroupVersion &gv : std::as_const(doc->staleVersions)) {
                        // The aggregator could not refresh this version (its backend is down).
                        Error e = Error::make(
                            Error::Kind::Status,
                            QStringLiteral("stale GroupVersion discovery: %1").arg(gv.toString()));
                        e.httpCode = 503;
                        e.reason = QStringLiteral("ServiceUnavailable");
                        part.failed.append({ gv, e });
                    }
                }
            } else if (path == QLatin1String("/api")) {
                auto core = discoveryjson::parseAPIVersions(r.body);
                if (!core)
                    part.error = core.error();
                else if (!core->versions.isEmpty())
                    part.groups.append(*core);
            } else {
                auto list = discoveryjson::parseAPIGroupList(r.body);
                if (!list)
                    part.error = list.error();
                else
                    part.groups = std::move(list->groups);
            }
            dropAbsurdNames(part);
            done(std::move(part));
        });
}

void DiscoveryClient::dropAbsurdNames(Part &part)
{
    for (qsizetype i = 0; i < part.groups.size(); ++i) {
        APIGroup &group = part.groups[i];
        bool changed = false;
        for (qsizetype j = 0; j < group.versions.size(); ++j) {
            const QString &version = group.versions.at(j);
            if (!isAbsurd(group.name, version))
                continue;
            qCWarning(lcDiscovery).noquote()
                << "ignoring group-version" << shortened(group.name) + u'/' + shortened(version)
                << "of" << group.name.size() + version.size() + 1 << "characters";
            part.failed.append({ GroupVersion { shortened(group.name), shortened(version) },
                                 absurdNameError(group.name, version) });
            group.versions.removeAt(j--);
            changed = true;
        }
        if (!changed)
            continue;
        if (isAbsurd(group.name, QString()) || group.versions.isEmpty()) {
            part.groups.removeAt(i--);
            continue;
        }
        if (isAbsurd(group.name, group.preferredVersion))
            group.preferredVersion = group.versions.first();
    }
    part.resources.removeIf([](const APIResourceList &l) {
        const GroupVersion gv = l.gv();
        return isAbsurd(gv.group, gv.version);
    });
}

DiscoveryReply *DiscoveryClient::groupsAndMaybeResources()
{
    auto *reply = new DiscoveryReply;
    QPointer<DiscoveryReply> guard(reply);
    struct State
    {
        std::optional<Part> api;
        std::optional<Part> apis;
    };
    auto state = std::make_shared<State>();
    // Both at once: the order of the result (core first) does not depend on arrival order.
    auto merge = [state, guard] {
        if (!state->api || !state->apis || !guard)
            return;
        Part &api = *state->api;
        Part &apis = *state->apis;
        if (api.error) {
            guard->finish({}, api.error);
            return;
        }
        if (apis.error) {
            guard->finish({}, apis.error);
            return;
        }
        DiscoveryData d;
        d.groups = api.groups + apis.groups;
        // For safety, resources only when both endpoints returned them (as client-go).
        d.hasResources = api.hasResources && apis.hasResources;
        if (d.hasResources)
            d.resources = api.resources + apis.resources;
        d.failed = api.failed + apis.failed;
        guard->finish(std::move(d));
    };
    fetchRoot(QStringLiteral("/api"), m_legacyOnly, [state, merge](Part p) {
        state->api = std::move(p);
        merge();
    });
    fetchRoot(QStringLiteral("/apis"), m_legacyOnly, [state, merge](Part p) {
        state->apis = std::move(p);
        merge();
    });
    return reply;
}

DiscoveryReply *DiscoveryClient::serverResourcesForGroupVersion(const GroupVersion &gv)
{
    auto *reply = new DiscoveryReply;
    if (gv.version.isEmpty()) {
        reply->finish({},
                      Error::make(Error::Kind::InvalidRequest,
                                  QStringLiteral("groupVersion shouldn't be empty")));
        return reply;
    }
    if (isAbsurd(gv.group, gv.version)) {
        reply->finish({}, absurdNameError(gv.group, gv.version));
        return reply;
    }
    const QString path = gv.isCore() ? QStringLiteral("/api/") + gv.version
                                     : QStringLiteral("/apis/") + gv.toString();
    QPointer<DiscoveryReply> guard(reply);
    m_transport->get(path, AcceptLegacy, this, [gv, guard](const detail::DiscoveryResponse &r) {
        if (!guard)
            return;
        DiscoveryData d;
        d.hasResources = true;
        if (r.error) {
            // Tolerate core/v1 not found, as client-go does.
            if (gv.isCore() && r.statusCode == 404) {
                d.resources.append(APIResourceList { gv.toString(), {} });
                guard->finish(std::move(d), std::nullopt);
                return;
            }
            guard->finish({}, r.error);
            return;
        }
        auto list = discoveryjson::parseAPIResourceList(r.body);
        if (!list) {
            guard->finish({}, list.error());
            return;
        }
        if (list->groupVersion.isEmpty())
            list->groupVersion = gv.toString();
        d.resources.append(std::move(*list));
        guard->finish(std::move(d), std::nullopt);
    });
    return reply;
}

ServerVersionReply *DiscoveryClient::serverVersion()
{
    auto *reply = new ServerVersionReply;
    QPointer<ServerVersionReply> guard(reply);
    m_transport->get(QStringLiteral("/version"), AcceptLegacy, this,
                     [guard](const detail::DiscoveryResponse &r) {
                         if (!guard)
                             return;
                         if (r.error) {
                             guard->finish(*r.error);
                             return;
                         }
                         guard->finish(VersionInfo::parse(r.body));
                     });
    return reply;
}

} // namespace kube
