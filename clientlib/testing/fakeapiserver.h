#pragma once

#include "watchfaults.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

namespace kube::testing {

class PodLogs;
class PodStreamServer;

//! One resource type the server serves (what /apis/<g>/<v> lists, and its REST endpoints).
struct FakeResource
{
    QString group; //!< "" for core
    QString version;
    QString resource; //!< plural, e.g. "pods"
    QString singular; //!< "pod"
    QString kind; //!< "Pod"
    bool namespaced = true;
    QStringList verbs
        = { QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("deletecollection"),
            QStringLiteral("get"),    QStringLiteral("list"),   QStringLiteral("patch"),
            QStringLiteral("update"), QStringLiteral("watch") };
    QStringList shortNames;
    QStringList categories;
    QStringList subresources; //!< e.g. {"status", "log"}: listed as "pods/status" in discovery
    bool preferredVersion = true; //!< the group's preferred version
    //! Served from a CustomResourceDefinition: Table output is Name + additionalPrinterColumns
    //! (Name + Age when empty) instead of the built-in printers.
    bool isCustomResource = false;
    //! CRD-style printer columns: objects with name, type, jsonPath, description, priority.
    QJsonArray additionalPrinterColumns;
};

//! A request the server received, for assertions ("warm start made zero requests").
struct RecordedRequest
{
    QByteArray method;
    QString path; //!< decoded path, e.g. /api/v1/namespaces/default/pods
    QString query; //!< raw query string without '?'
    QByteArray accept;
    QByteArray contentType;
    QByteArray userAgent;
    QByteArray authorization;
};

//! A fault injected on every request whose path matches (see FakeApiServer::addFault).
struct Fault
{
    enum class Type {
        Status, //!< answer with statusCode (e.g. 429/500/503) and a Status body
        Delay, //!< wait delay, then answer normally
        CutBody, //!< send headers and part of the body, then close the connection
        MalformedJson, //!< 200 with a body that is not valid JSON
        CloseConnection, //!< close the connection without answering (EOF)
    };
    Type type = Type::Status;
    int statusCode = 500;
    int retryAfterSeconds = -1; //!< adds Retry-After when >= 0
    std::chrono::milliseconds delay { 0 };
    int times = -1; //!< how many requests it hits; -1 = all
    QByteArray method; //!< empty = any method
};

struct FakeApiServerOptions
{
    quint16 port = 0; //!< 0 = random free port on 127.0.0.1
    bool tls = false; //!< generate a CA and a server certificate at start
    bool requireClientCertificate = false; //!< mutual TLS against the generated CA
    QString bearerToken; //!< when set, requests must carry "Authorization: Bearer <t>"
    //! A second token for user "viewer", whom RBAC lets get, list and watch only (403 else).
    QString viewerToken;
    QString basicUser; //!< when set (with basicPassword), basic auth is accepted
    QString basicPassword;
    bool aggregatedDiscovery = true; //!< serve apidiscovery.k8s.io v2/v2beta1 when asked
};

/*!
 * A Kubernetes API server on QHttpServer for tests, benchmarks and the demo cluster. It speaks
 * the real wire format (discovery, lists, Table, watch, Status errors) from an in-memory store.
 *
 * Lives on the thread that created it; start() before use. Usage:
 * \code
 * kube::testing::FakeApiServer server;
 * server.loadStockCluster({.pods = 100});
 * QVERIFY(server.start());
 * RestConfig cfg; cfg.host = server.url();
 * \endcode
 */
class FakeApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeApiServer)

public:
    struct StockOptions
    {
        int namespaces = 4; //!< besides default, kube-system, kube-public, kube-node-lease
        int pods = 20;
        int deployments = 5;
        int nodes = 3;
        int crdGroups = 0; //!< extra generated CRD group-versions (for discovery load)
    };

    explicit FakeApiServer(FakeApiServerOptions options = {}, QObject *parent = nullptr);
    ~FakeApiServer() override;

    //! Listens on 127.0.0.1; false (and errorString()) when it cannot.
    bool start();
    void stop();
    QString errorString() const;

    QUrl url() const; //!< http(s)://127.0.0.1:<port>
    quint16 port() const;

    //! With tls: PEM of the generated CA, and a client certificate/key it signed (for mTLS).
    QByteArray caCertificatePem() const;
    QByteArray clientCertificatePem() const;
    QByteArray clientKeyPem() const;
    //! With tls: PEM of the server certificate (SANs 127.0.0.1, ::1, localhost, kubernetes,
    //! kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local).
    QByteArray serverCertificatePem() const;
    /*!
     * With tls, after start(): a new client certificate signed by the CA, valid from now +
     * \a notBefore to now + \a notAfter (negative = in the past: an expired certificate).
     * Returns {certificate PEM, key PEM}; both empty when OpenSSL fails.
     */
    QPair<QByteArray, QByteArray> issueClientCertificate(const QByteArray &commonName,
                                                         std::chrono::seconds notBefore,
                                                         std::chrono::seconds notAfter) const;
    //! Replaces the accepted bearer token (a token revoked or rotated mid-session).
    void setBearerToken(const QString &token);
    //! Writes the CA (and client cert/key) to files in \a dir; returns the CA path.
    QString writeCertificates(const QString &dir) const;

    //! Writes a kubeconfig (one context "fake") pointing at this server; returns its path.
    QString writeKubeconfig(const QString &dir,
                            const QString &contextName = QStringLiteral("fake")) const;

    // Data ------------------------------------------------------------------------------------
    //! The resource types of a current Kubernetes release, a few CRD groups (one with two
    //! versions, one cluster-scoped), namespaces, nodes, pods, deployments, services, events.
    void loadStockCluster(const StockOptions &options);
    void addResource(const FakeResource &resource);
    void removeResource(const QString &group, const QString &version, const QString &resource);
    QList<FakeResource> resources() const;
    //! Stores an object (apiVersion/kind/metadata filled in as the server would); returns it.
    QJsonObject addObject(const QString &group,
                          const QString &version,
                          const QString &resource,
                          QJsonObject object);
    QList<QJsonObject> objects(const QString &group,
                               const QString &version,
                               const QString &resource,
                               const QString &ns = {}) const;
    //! Deletes an object as a DELETE request would (watchers see DELETED); false if absent.
    bool removeObject(const QString &group,
                      const QString &version,
                      const QString &resource,
                      const QString &ns,
                      const QString &name);
    //! The newest resourceVersion handed out.
    qint64 resourceVersion() const;
    //! Forgets the change history, like an etcd compaction: watches from an older
    //! resourceVersion get a 410 Expired ERROR event, older continue tokens 410 Expired.
    void compactHistory();

    // Watch -----------------------------------------------------------------------------------
    //! How often watches with allowWatchBookmarks=true get a BOOKMARK (default 60 s).
    void setWatchBookmarkInterval(std::chrono::milliseconds interval);
    //! Watch streams currently open.
    int activeWatchCount() const;
    //! TCP connections accepted since start() (keep-alive reuses them).
    int connectionCount() const;
    //! Misbehaviour of watches started from now on (see WatchFaults).
    void setWatchFaults(const WatchFaults &faults);
    WatchFaults watchFaults() const;
    //! Watch requests answered since start() (each resumption is one).
    int watchRequestCount() const;

    // Pod streams ----------------------------------------------------------------------------
    //! Container logs (line interval, follow streams, dropping them).
    PodLogs *podLogs() const;
    //! exec/attach/portforward over WebSocket (subprotocols, sessions).
    PodStreamServer *podStreams() const;

    // Faults ----------------------------------------------------------------------------------
    //! Injects \a fault on requests whose path starts with \a pathPrefix.
    void addFault(const QString &pathPrefix, const Fault &fault);
    void clearFaults();
    //! Aggregated discovery lists this group-version with freshness "Stale".
    void setStale(const QString &group, const QString &version, bool stale = true);
    //! Answer 406 to aggregated discovery requests (as servers before 1.26 do).
    void setAggregatedDiscovery(bool enabled);

    // Request log -----------------------------------------------------------------------------
    QList<RecordedRequest> requests() const;
    int requestCount(const QString &pathPrefix = {}) const;
    void clearRequests();

signals:
    void requestReceived(const kube::testing::RecordedRequest &request);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace kube::testing
