#include "fakeapiserver.h"
#include "wirefaults.h"

#include "apistatus.h"
#include "certificateauthority.h"
#include "discoverydocuments.h"
#include "fakeauthorizer.h"
#include "fakehttpserver.h"
#include "fakevalidation.h"
#include "fieldselector.h"
#include "jsonpatch.h"
#include "labelselector.h"
#include "managedfields.h"
#include "objectstore.h"
#include "openapidocuments.h"
#include "podlogs.h"
#include "podstreamserver.h"
#include "protobufreviews.h"
#include "stockcluster.h"
#include "tableconverter.h"
#include "upgraderoutingserver.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <QUuid>

#include <list>

Q_LOGGING_CATEGORY(lcTesting, "kube.testing", QtWarningMsg)

namespace kube::testing {

using namespace detail;
using namespace std::chrono_literals;

namespace {

const QByteArray AggregatedV2
    = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
const QByteArray AggregatedV2Beta1
    = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

struct MediaRange
{
    QByteArray type;
    QHash<QByteArray, QByteArray> params;
    QByteArray param(const QByteArray &k) const { return params.value(k); }
};

QList<MediaRange> parseAccept(const QByteArray &accept)
{
    QList<MediaRange> out;
    for (const QByteArray &clause : accept.split(',')) {
        const QList<QByteArray> parts = clause.split(';');
        MediaRange m;
        m.type = parts.first().trimmed().toLower();
        if (m.type.isEmpty())
            continue;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const qsizetype eq = parts.at(i).indexOf('=');
            if (eq > 0)
                m.params.insert(parts.at(i).left(eq).trimmed().toLower(),
                                parts.at(i).mid(eq + 1).trimmed());
        }
        out << m;
    }
    return out;
}

bool isJsonRange(const MediaRange &m)
{
    return m.type == "application/json" || m.type == "*/*" || m.type == "application/*";
}

QString nowTimestamp()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

QString randomSuffix(int length)
{
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString s;
    for (int i = 0; i < length; ++i)
        s += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(27)]);
    return s;
}

QString groupVersionString(const QString &group, const QString &version)
{
    return group.isEmpty() ? version : group + u'/' + version;
}

QByteArray toCompact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

//! A decoded continue token (the same shape as etcd3's: base64 of {"v","rv","start"}).
struct ContinueToken
{
    qint64 resourceVersion = 0;
    QString start;
};

QByteArray encodeContinue(qint64 rv, const QString &startKey)
{
    const QJsonObject o { { u"v"_qs, u"meta.k8s.io/v1"_qs },
                          { u"rv"_qs, rv },
                          { u"start"_qs, startKey + QChar(0) } };
    return toCompact(o).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool decodeContinue(const QString &token, ContinueToken *out)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(*decoded, &error).object();
    if (error.error != QJsonParseError::NoError || o.value(u"v"_qs).toString() != u"meta.k8s.io/v1"
        || !o.value(u"rv"_qs).isDouble())
        return false;
    out->resourceVersion = o.value(u"rv"_qs).toInteger();
    out->start = o.value(u"start"_qs).toString();
    if (out->start.endsWith(QChar(0)))
        out->start.chop(1);
    return true;
}

bool isEventsV1(const FakeResource &r)
{
    return r.group == u"events.k8s.io" && r.resource == u"events";
}

// Field names of a core v1 Event and their events.k8s.io/v1 counterparts (the apiserver's
// conversion); fields not listed (metadata, eventTime, series, action, reason, type, related,
// reportingInstance) keep their names.
const std::pair<const char16_t *, const char16_t *> EventFieldRenames[] = {
    { u"message", u"note" },
    { u"involvedObject", u"regarding" },
    { u"reportingComponent", u"reportingController" },
    { u"source", u"deprecatedSource" },
    { u"firstTimestamp", u"deprecatedFirstTimestamp" },
    { u"lastTimestamp", u"deprecatedLastTimestamp" },
    { u"count", u"deprecatedCount" },
};

//! A stored core v1 Event as events.k8s.io/v1 serves it.
QJsonObject coreEventToV1(const QJsonObject &core)
{
    QJsonObject out = core;
    for (const auto &[from, to] : EventFieldRenames) {
        const QString f = QString::fromUtf16(from);
        out.remove(f);
        const QJsonValue v = core.value(f);
        // Empty strings and zero counts are omitted (omitempty on the v1 fields).
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())
            || (v.isDouble() && v.toInteger() == 0))
            continue;
        out.insert(QString::fromUtf16(to), v);
    }
    if (out.value(u"reportingInstance"_qs).toString().isEmpty())
        out.remove(u"reportingInstance"_qs);
    // eventTime is a required MicroTime in events.k8s.io/v1: null when never set.
    if (!out.contains(u"eventTime"_qs))
        out.insert(u"eventTime"_qs, QJsonValue::Null);
    out.insert(u"apiVersion"_qs, u"events.k8s.io/v1"_qs);
    out.insert(u"kind"_qs, u"Event"_qs);
    return out;
}

//! An events.k8s.io/v1 Event as the core v1 store holds it.
QJsonObject v1EventToCore(const QJsonObject &v1)
{
    QJsonObject out = v1;
    for (const auto &[from, to] : EventFieldRenames) {
        const QString t = QString::fromUtf16(to);
        out.remove(t);
        if (v1.contains(t))
            out.insert(QString::fromUtf16(from), v1.value(t));
    }
    out.insert(u"apiVersion"_qs, u"v1"_qs);
    out.insert(u"kind"_qs, u"Event"_qs);
    return out;
}

//! The store collection holding \a r's objects.
QString collectionKey(const FakeResource &r)
{
    return isEventsV1(r) ? u"/events"_qs : r.group + u'/' + r.resource;
}

//! Fields kube-apiserver accepts in field selectors beyond metadata.name/namespace.
QStringList extraFieldLabels(const FakeResource &r)
{
    if (!r.group.isEmpty()) {
        if (r.group == u"events.k8s.io")
            return { u"reason"_qs, u"type"_qs, u"regarding.kind"_qs, u"regarding.name"_qs,
                     u"regarding.namespace"_qs };
        return {};
    }
    if (r.resource == u"pods")
        return { u"spec.nodeName"_qs,      u"spec.restartPolicy"_qs,
                 u"spec.schedulerName"_qs, u"spec.serviceAccountName"_qs,
                 u"spec.hostNetwork"_qs,   u"status.phase"_qs,
                 u"status.podIP"_qs,       u"status.nominatedNodeName"_qs };
    if (r.resource == u"events")
        return { u"involvedObject.kind"_qs,
                 u"involvedObject.namespace"_qs,
                 u"involvedObject.name"_qs,
                 u"involvedObject.uid"_qs,
                 u"involvedObject.apiVersion"_qs,
                 u"involvedObject.resourceVersion"_qs,
                 u"involvedObject.fieldPath"_qs,
                 u"reason"_qs,
                 u"reportingComponent"_qs,
                 u"source"_qs,
                 u"type"_qs };
    if (r.resource == u"secrets")
        return { u"type"_qs };
    if (r.resource == u"namespaces")
        return { u"status.phase"_qs };
    if (r.resource == u"nodes")
        return { u"spec.unschedulable"_qs };
    if (r.resource == u"replicationcontrollers")
        return { u"status.replicas"_qs };
    return {};
}

} // namespace

//! A parsed resource path: /api/v1/namespaces/ns/pods/name/status.
struct Route
{
    const FakeResource *resource = nullptr;
    QString group;
    QString version;
    QString ns;
    QString name;
    QString subresource;
    //! events.k8s.io events are the core events in another shape: one store serves both.
    QString collection() const { return collectionKey(*resource); }
};

struct Response
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    HeaderList headers;
};

struct Watcher
{
    QString collection;
    const FakeResource *resource = nullptr; // not owned; reset when resources change
    QString version;
    QString ns;
    LabelSelector labels;
    FieldSelector fields;
    HttpResponder responder;
    bool table = false;
    bool partialMetadata = false;
    QByteArray tableVersion;
    bool sentHeaders = false;
    bool silent = false; // WatchFaults::stall
    bool bookmarksOnly = false; // WatchFaults::bookmarksOnly
    QTimer *bookmarkTimer = nullptr; // owned by the server's QObject
    QTimer *timeoutTimer = nullptr; // owned by the server's QObject
};

class FakeApiServer::Private
{
public:
    explicit Private(FakeApiServer *qq, FakeApiServerOptions o)
        : q(qq)
        , options(std::move(o))
        , aggregatedEnabled(options.aggregatedDiscovery)
        , authz(options.viewerToken)
    {
        store.setListener([this](const WatchEvent &e) { dispatchEvent(e); });
    }

    FakeApiServer *q;
    FakeApiServerOptions options;
    QString errorString;
    FakeHttpServer *http = nullptr; // owned by q
    PodLogs *podLogs = nullptr; // owned by q
    PodStreamServer *podStreams = nullptr; // owned by q
    quint16 port = 0;
    int connections = 0;
    CertificateAuthority ca;
    bool caReady = false;

    QList<FakeResource> resources;
    QHash<QString, qsizetype> resourceIndex; // "group/version/resource"
    DiscoveryDocuments docs;
    OpenApiDocuments openApi;
    ObjectStore store;
    QList<QPair<QString, Fault>> faults;
    WireFaults wire;
    QList<RecordedRequest> log;
    bool aggregatedEnabled = true;
    std::chrono::milliseconds bookmarkInterval = 60s;
    std::list<std::shared_ptr<Watcher>> watchers;
    WatchFaults watchFaults;
    int watchRequests = 0;
    FakeAuthorizer authz;

    void reindex()
    {
        resourceIndex.clear();
        for (qsizetype i = 0; i < resources.size(); ++i) {
            const FakeResource &r = resources.at(i);
            resourceIndex.insert(r.group + u'/' + r.version + u'/' + r.resource, i);
        }
        docs.setResources(resources);
        openApi.setResources(resources);
        // Watchers point into resources; re-point them (or drop those whose type went away).
        for (auto it = watchers.begin(); it != watchers.end();) {
            const FakeResource *r
                = findResource((*it)->resource ? (*it)->collection.section(u'/', 0, 0) : QString(),
                               (*it)->version, (*it)->collection.section(u'/', 1));
            if (!r) {
                endWatch(*it);
                it = watchers.erase(it);
            } else {
                (*it)->resource = r;
                ++it;
            }
        }
    }

    const FakeResource *
    findResource(const QString &group, const QString &version, const QString &resource) const
    {
        auto it = resourceIndex.constFind(group + u'/' + version + u'/' + resource);
        return it == resourceIndex.cend() ? nullptr : &resources.at(*it);
    }

    const FakeResource *storageResource(const QString &group, const QString &resource) const
    {
        for (const FakeResource &r : resources) {
            if (r.group == group && r.resource == resource && r.preferredVersion)
                return &r;
        }
        for (const FakeResource &r : resources) {
            if (r.group == group && r.resource == resource)
                return &r;
        }
        return nullptr;
    }

    bool groupVersionExists(const QString &group, const QString &version) const
    {
        for (const FakeResource &r : resources) {
            if (r.group == group && r.version == version)
                return true;
        }
        return false;
    }

    // Storage ---------------------------------------------------------------------------------

    //! Fills what the server owns (apiVersion, kind, uid, resourceVersion, creationTimestamp)
    //! and stores the object; returns it as stored.
    QJsonObject storeObject(const FakeResource &r, QJsonObject object, bool keepCreation)
    {
        QJsonObject meta = object.value(u"metadata"_qs).toObject();
        const qint64 rv = store.nextResourceVersion();
        meta.insert(u"resourceVersion"_qs, QString::number(rv));
        if (!meta.contains(u"uid"_qs))
            meta.insert(u"uid"_qs, QUuid::createUuid().toString(QUuid::WithoutBraces));
        if (!keepCreation || !meta.contains(u"creationTimestamp"_qs)
            || meta.value(u"creationTimestamp"_qs).isNull())
            meta.insert(u"creationTimestamp"_qs, nowTimestamp());
        if (!r.namespaced)
            meta.remove(u"namespace"_qs);
        object.insert(u"metadata"_qs, meta);
        if (isEventsV1(r)) {
            const QJsonObject core = v1EventToCore(object);
            store.put(collectionKey(r), toStored(r, core));
            return coreEventToV1(core);
        }
        object.insert(u"apiVersion"_qs, groupVersionString(r.group, r.version));
        object.insert(u"kind"_qs, r.kind);
        store.put(r.group + u'/' + r.resource, toStored(r, object));
        return object;
    }

    StoredObject toStored(const FakeResource &r, const QJsonObject &object) const
    {
        const QJsonObject meta = object.value(u"metadata"_qs).toObject();
        StoredObject s;
        s.ns = meta.value(u"namespace"_qs).toString();
        s.name = meta.value(u"name"_qs).toString();
        s.version = r.version;
        s.resourceVersion = meta.value(u"resourceVersion"_qs).toString().toLongLong();
        s.createdMs
            = QDateTime::fromString(meta.value(u"creationTimestamp"_qs).toString(), Qt::ISODate)
                  .toMSecsSinceEpoch();
        s.json = toCompact(object);
        s.metadataJson = toCompact(meta);
        const QJsonObject labels = meta.value(u"labels"_qs).toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it)
            s.labels.insert(it.key(), it.value().toString());
        return s;
    }

    //! The stored object as JSON in \a r's shape.
    static QJsonObject storedObject(const StoredObject &o, const FakeResource &r)
    {
        const QJsonObject obj = QJsonDocument::fromJson(o.json).object();
        return isEventsV1(r) ? coreEventToV1(obj) : obj;
    }

    //! The object's bytes in \a version (a different served version gets its apiVersion).
    QByteArray objectBytes(const StoredObject &o, const FakeResource &r) const
    {
        if (isEventsV1(r))
            return toCompact(coreEventToV1(QJsonDocument::fromJson(o.json).object()));
        if (o.version == r.version)
            return o.json;
        QJsonObject obj = QJsonDocument::fromJson(o.json).object();
        obj.insert(u"apiVersion"_qs, groupVersionString(r.group, r.version));
        return toCompact(obj);
    }

    // Responses -------------------------------------------------------------------------------

    static Response json(int status, QByteArray body)
    {
        Response r;
        r.status = status;
        r.body = std::move(body);
        return r;
    }
    static Response status(const ApiStatus &s)
    {
        Response r;
        r.status = s.code;
        r.body = s.toBytes();
        return r;
    }
    static Response text(int status, const QByteArray &body)
    {
        Response r;
        r.status = status;
        r.body = body;
        r.contentType = "text/plain; charset=utf-8";
        return r;
    }

    static HeaderList standardHeaders(const QByteArray &contentType)
    {
        // What kube-apiserver sends on every answer (APF headers are per flow schema).
        return { { "Audit-Id", QUuid::createUuid().toByteArray(QUuid::WithoutBraces) },
                 { "Cache-Control", "no-cache, private" },
                 { "Content-Type", contentType },
                 { "X-Kubernetes-Pf-Flowschema-Uid", "6a6f2b7e-1a3c-4a53-9a7d-0d6c1f3b2f10" },
                 { "X-Kubernetes-Pf-Prioritylevel-Uid", "0c4b3f55-7a5f-4f3b-8a0c-3f7b6d4a9e21" } };
    }

    void send(HttpResponder &responder, const Response &r)
    {
        HeaderList headers = standardHeaders(r.contentType);
        headers += r.headers;
        responder.write(r.status, headers, r.body);
    }

    // Request handling ------------------------------------------------------------------------

    void handle(HttpRequest request, HttpResponder responder)
    {
        RecordedRequest rec { request.method,
                              request.path,
                              request.rawQuery,
                              request.header("Accept"),
                              request.header("Content-Type"),
                              request.header("User-Agent"),
                              request.header("Authorization") };
        log.append(rec);
        emit q->requestReceived(rec);
        qCDebug(lcTesting) << request.method << request.path << request.rawQuery;

        if (!authenticated(request, responder.socket())) {
            send(responder, status(ApiStatus::unauthorized()));
            return;
        }
        wire.prepare(request, responder);
        if (wire.intercept(request, responder))
            return;

        // Faults: a delay first (if any), then at most one other fault.
        std::chrono::milliseconds delay { 0 };
        std::optional<Fault> fault;
        for (auto &[prefix, f] : faults) {
            if (f.times == 0 || !request.path.startsWith(prefix))
                continue;
            if (!f.method.isEmpty() && f.method.compare(request.method, Qt::CaseInsensitive) != 0)
                continue;
            if (f.type == Fault::Type::Delay) {
                if (delay > 0ms)
                    continue;
                delay = f.delay;
            } else {
                if (fault)
                    continue;
                fault = f;
            }
            if (f.times > 0)
                --f.times;
        }
        if (delay > 0ms) {
            QTimer::singleShot(delay, q,
                               [this, request = std::move(request), responder, fault]() mutable {
                                   if (responder.isConnected())
                                       respond(std::move(request), responder, fault);
                               });
            return;
        }
        respond(std::move(request), responder, fault);
    }

    void respond(HttpRequest request, HttpResponder responder, const std::optional<Fault> &fault)
    {
        if (fault) {
            switch (fault->type) {
            case Fault::Type::Status: {
                ApiStatus s = fault->statusCode == 429
                    ? ApiStatus::tooManyRequests(fault->retryAfterSeconds)
                    : ApiStatus::fromCode(fault->statusCode);
                if (fault->statusCode == 403 || fault->statusCode == 404)
                    s = faultStatusFor(request, fault->statusCode).value_or(s);
                Response r = status(s);
                if (fault->retryAfterSeconds >= 0)
                    r.headers.append(qMakePair(QByteArray("Retry-After"),
                                               QByteArray::number(fault->retryAfterSeconds)));
                send(responder, r);
                return;
            }
            case Fault::Type::CloseConnection:
                responder.closeConnection();
                return;
            case Fault::Type::CutBody:
            case Fault::Type::MalformedJson: {
                Response r = route(request, responder);
                if (r.status == 0) // a watch took the connection over; cut it
                    return;
                if (r.body.size() < 64)
                    r.body += QByteArray(64, ' ');
                if (fault->type == Fault::Type::CutBody) {
                    responder.writeTruncated(r.status, standardHeaders(r.contentType) + r.headers,
                                             r.body, r.body.size() / 2);
                } else {
                    r.status = 200;
                    r.body = r.body.left(r.body.size() / 2) + "\"<<not json";
                    send(responder, r);
                }
                return;
            }
            case Fault::Type::Delay:
                break;
            }
        }
        Response r = route(request, responder);
        if (r.status != 0)
            send(responder, r);
    }

    //! An injected 403/404 on a resource path, worded as kube-apiserver words it for that
    //! request (RBAC's "User ... cannot list resource ..." and "<resource> \"name\" not found").
    std::optional<ApiStatus> faultStatusFor(const HttpRequest &request, int code) const
    {
        QStringList seg = request.path.split(u'/', Qt::SkipEmptyParts);
        QString group;
        if (seg.value(0) == u"api" && seg.size() >= 3) {
            seg = seg.mid(2);
        } else if (seg.value(0) == u"apis" && seg.size() >= 4) {
            group = seg.at(1);
            seg = seg.mid(3);
        } else {
            return std::nullopt;
        }
        QString ns;
        if (seg.size() >= 3 && seg.first() == u"namespaces") {
            ns = seg.at(1);
            seg = seg.mid(2);
        }
        const QString resource = seg.value(0);
        const QString name = seg.value(1);
        if (code == 404)
            return name.isEmpty() ? ApiStatus::resourceNotFound()
                                  : ApiStatus::notFound(group, resource, name);
        const QByteArray &m = request.method;
        QString verb = m == "POST" ? u"create"_qs
            : m == "PUT"           ? u"update"_qs
            : m == "PATCH"         ? u"patch"_qs
            : m == "DELETE"        ? (name.isEmpty() ? u"deletecollection"_qs : u"delete"_qs)
            : !name.isEmpty()      ? u"get"_qs
            : request.queryFlag(u"watch"_qs) ? u"watch"_qs
                                             : u"list"_qs;
        return ApiStatus::forbidden(group, resource, name, verb, ns);
    }

    bool authenticated(const HttpRequest &request, QTcpSocket *socket) const
    {
        const bool tokenAuth = !options.bearerToken.isEmpty();
        const bool basicAuth = !options.basicUser.isEmpty();
        const QByteArray auth = request.header("Authorization");
        if (authz.isViewerToken(auth))
            return true;
        if (!tokenAuth && !basicAuth)
            return true;
        if (tokenAuth && auth == "Bearer " + options.bearerToken.toUtf8())
            return true;
        if (basicAuth && auth.startsWith("Basic ")) {
            const QByteArray expected
                = (options.basicUser + u':' + options.basicPassword).toUtf8().toBase64();
            if (auth.mid(6).trimmed() == expected)
                return true;
        }
        if (auth.isEmpty()) {
            // A client certificate from our CA authenticates as well (x509 authenticator).
            if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
                const QSslCertificate peer = ssl->peerCertificate();
                if (!peer.isNull() && caReady && ca.isSignedByCa(peer.toDer()))
                    return true;
            }
        }
        return false;
    }

    Response route(const HttpRequest &request, HttpResponder &responder)
    {
        const QStringList seg = request.path.split(u'/', Qt::SkipEmptyParts);
        if (seg.isEmpty())
            return rootPaths();
        const QString &head = seg.first();
        if (seg.size() == 1 && (head == u"healthz" || head == u"livez" || head == u"readyz"))
            return text(200, "ok");
        if (seg.size() == 1 && head == u"version")
            return json(200, versionJson());
        if (head == u"api") {
            if (seg.size() == 1)
                return discoveryRoot(request, true);
            if (seg.size() == 2)
                return resourceList(QString(), seg.at(1));
            return resourceRequest(request, responder, QString(), seg.at(1), seg.mid(2));
        }
        if (head == u"apis") {
            if (seg.size() == 1)
                return discoveryRoot(request, false);
            if (seg.size() == 2) {
                const QByteArray doc = docs.apiGroup(seg.at(1));
                if (doc.isEmpty())
                    return text(404, "404 page not found\n");
                return json(200, doc);
            }
            if (seg.size() == 3)
                return resourceList(seg.at(1), seg.at(2));
            return resourceRequest(request, responder, seg.at(1), seg.at(2), seg.mid(3));
        }
        if (head == u"openapi" && seg.value(1) == u"v3") {
            // kubectl reads this to learn that the server validates fields (fieldValidation).
            const QByteArray doc
                = seg.size() == 2 ? openApi.root() : openApi.groupVersion(seg.mid(2).join(u'/'));
            if (doc.isEmpty())
                return text(404, "404 page not found\n");
            return json(200, doc);
        }
        return text(404, "404 page not found\n");
    }

    Response rootPaths() const
    {
        QJsonArray paths { u"/api"_qs, u"/api/v1"_qs, u"/apis"_qs };
        QStringList seen;
        for (const FakeResource &r : resources) {
            if (r.group.isEmpty())
                continue;
            const QString g = u"/apis/"_qs + r.group;
            const QString gv = g + u'/' + r.version;
            if (!seen.contains(g)) {
                seen << g;
                paths.append(g);
            }
            if (!seen.contains(gv)) {
                seen << gv;
                paths.append(gv);
            }
        }
        for (const char *p : { "/healthz", "/livez", "/readyz", "/version" })
            paths.append(QString::fromLatin1(p));
        return json(200, toCompact(QJsonObject { { u"paths"_qs, paths } }));
    }

    static QByteArray versionJson()
    {
        return toCompact(
            QJsonObject { { u"major"_qs, u"1"_qs },
                          { u"minor"_qs, u"34"_qs },
                          { u"emulationMajor"_qs, u"1"_qs },
                          { u"emulationMinor"_qs, u"34"_qs },
                          { u"minCompatibilityMajor"_qs, u"1"_qs },
                          { u"minCompatibilityMinor"_qs, u"33"_qs },
                          { u"gitVersion"_qs, u"v1.34.0"_qs },
                          { u"gitCommit"_qs, u"f28b4c9efbca5c5c0af716d9f2d5702667ee8a45"_qs },
                          { u"gitTreeState"_qs, u"clean"_qs },
                          { u"buildDate"_qs, u"2025-08-27T10:09:40Z"_qs },
                          { u"goVersion"_qs, u"go1.24.6"_qs },
                          { u"compiler"_qs, u"gc"_qs },
                          { u"platform"_qs, u"linux/amd64"_qs } });
    }

    Response discoveryRoot(const HttpRequest &request, bool core)
    {
        const QByteArray accept = request.header("Accept");
        const QList<MediaRange> ranges = parseAccept(accept);
        if (ranges.isEmpty())
            return json(200, core ? docs.apiVersions() : docs.apiGroupList());
        for (const MediaRange &m : ranges) {
            if (m.type == "application/json" && m.param("g") == "apidiscovery.k8s.io"
                && m.param("as") == "APIGroupDiscoveryList") {
                const QByteArray v = m.param("v");
                if (!aggregatedEnabled || (v != "v2" && v != "v2beta1"))
                    continue;
                Response r = json(200, docs.aggregated(core, v));
                r.contentType = v == "v2" ? AggregatedV2 : AggregatedV2Beta1;
                const QByteArray etag = docs.aggregatedEtag(core, v);
                r.headers.append(qMakePair(QByteArray("Etag"), etag));
                r.headers.append(qMakePair(QByteArray("Vary"), QByteArray("Accept")));
                if (request.header("If-None-Match") == etag) {
                    r.status = 304;
                    r.body.clear();
                }
                return r;
            }
            if (isJsonRange(m) && !m.params.contains("as") && !m.params.contains("g"))
                return json(200, core ? docs.apiVersions() : docs.apiGroupList());
        }
        return status(ApiStatus::notAcceptable());
    }

    Response resourceList(const QString &group, const QString &version)
    {
        if (docs.isStale(group, version))
            return status(ApiStatus::fromCode(
                503, u"the server is currently unable to handle the request"_qs));
        const QByteArray doc = docs.apiResourceList(group, version);
        if (doc.isEmpty())
            return text(404, "404 page not found\n");
        return json(200, doc);
    }

    Response resourceRequest(const HttpRequest &request,
                             HttpResponder &responder,
                             const QString &group,
                             const QString &version,
                             QStringList rest)
    {
        if (!groupVersionExists(group, version))
            return text(404, "404 page not found\n");
        if (docs.isStale(group, version))
            return status(ApiStatus::fromCode(503));
        Route rt;
        rt.group = group;
        rt.version = version;
        if (rest.size() >= 3 && rest.first() == u"namespaces") {
            const FakeResource *inner = findResource(group, version, rest.at(2));
            if (inner && inner->namespaced) {
                rt.ns = rest.at(1);
                rest = rest.mid(2);
            }
        }
        rt.resource = findResource(group, version, rest.first());
        if (!rt.resource || rest.size() > 3)
            return status(ApiStatus::resourceNotFound());
        rt.name = rest.value(1);
        rt.subresource = rest.value(2);
        if (!rt.subresource.isEmpty() && !rt.resource->subresources.contains(rt.subresource))
            return status(ApiStatus::resourceNotFound());
        // RBAC, as kube-apiserver's authorization filter decides every resource request.
        if (auto denied
            = authz.check(authz.userFor(request.header("Authorization")),
                          { FakeAuthorizer::verbFor(request.method, !rt.name.isEmpty(),
                                                    request.queryFlag(u"watch"_qs)),
                            group, rt.resource->resource, rt.subresource, rt.ns, rt.name }))
            return status(*denied);

        const QByteArray &m = request.method;
        auto allowed = [&](const char *verb) {
            return rt.resource->verbs.contains(QString::fromLatin1(verb));
        };
        if (rt.resource->resource == u"pods" && rt.group.isEmpty()
            && (rt.subresource == u"log" || PodStreamServer::isStreamSubresource(rt.subresource)))
            return podStream(request, responder, rt);
        if (!rt.subresource.isEmpty())
            return subresourceRequest(request, rt);
        if (m == "GET" && rt.name.isEmpty()) {
            if (request.queryFlag(u"watch"_qs)) {
                if (!allowed("watch"))
                    return status(ApiStatus::methodNotAllowed());
                startWatch(request, responder, rt);
                return Response { 0, {}, {}, {} };
            }
            if (!allowed("list"))
                return status(ApiStatus::methodNotAllowed());
            return list(request, rt);
        }
        if (m == "GET") {
            if (!allowed("get"))
                return status(ApiStatus::methodNotAllowed());
            return get(request, rt);
        }
        if (m == "POST" && rt.name.isEmpty()) {
            if (!allowed("create"))
                return status(ApiStatus::methodNotAllowed());
            return create(request, rt);
        }
        if (m == "PUT" && !rt.name.isEmpty()) {
            if (!allowed("update"))
                return status(ApiStatus::methodNotAllowed());
            return update(request, rt, false);
        }
        if (m == "PATCH" && !rt.name.isEmpty()) {
            if (!allowed("patch"))
                return status(ApiStatus::methodNotAllowed());
            return patch(request, rt, false);
        }
        if (m == "DELETE" && !rt.name.isEmpty()) {
            if (!allowed("delete"))
                return status(ApiStatus::methodNotAllowed());
            return remove(request, rt);
        }
        if (m == "DELETE") {
            if (!allowed("deletecollection"))
                return status(ApiStatus::methodNotAllowed());
            return removeCollection(request, rt);
        }
        return status(ApiStatus::methodNotAllowed());
    }

    // Negotiation for object responses: plain JSON, Table, or PartialObjectMetadata.
    enum class Format { Json, Table, PartialMetadata, NotAcceptable };
    static Format negotiate(const HttpRequest &request, bool isList, QByteArray *tableVersion)
    {
        const QList<MediaRange> ranges = parseAccept(request.header("Accept"));
        if (ranges.isEmpty())
            return Format::Json;
        for (const MediaRange &m : ranges) {
            if (!isJsonRange(m))
                continue;
            const QByteArray as = m.param("as");
            if (as.isEmpty() && !m.params.contains("g"))
                return Format::Json;
            if (as == "Table" && m.param("g") == "meta.k8s.io"
                && (m.param("v") == "v1" || m.param("v") == "v1beta1")) {
                *tableVersion = m.param("v");
                return Format::Table;
            }
            if ((as == "PartialObjectMetadataList" && isList)
                || (as == "PartialObjectMetadata" && !isList)) {
                if (m.param("g") == "meta.k8s.io"
                    && (m.param("v") == "v1" || m.param("v") == "v1beta1")) {
                    *tableVersion = m.param("v");
                    return Format::PartialMetadata;
                }
            }
        }
        return Format::NotAcceptable;
    }

    QByteArray tableRow(const FakeResource &r,
                        const StoredObject &o,
                        const QByteArray &include,
                        qint64 nowMs) const
    {
        if (o.tableRow.isEmpty())
            o.tableRow = TableConverter::cells(r, QJsonDocument::fromJson(o.json).object());
        QByteArray row = "{\"cells\":" + TableConverter::resolveAges(o.tableRow, nowMs);
        if (include == "None") {
            row += '}';
        } else if (include == "Object") {
            row += ",\"object\":" + objectBytes(o, r) + '}';
        } else {
            row += ",\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/"
                   "v1\",\"metadata\":"
                + o.metadataJson + "}}";
        }
        return row;
    }

    bool parseSelectors(const HttpRequest &request,
                        const FakeResource &r,
                        LabelSelector *labels,
                        FieldSelector *fields,
                        Response *error) const
    {
        QString message;
        if (!labels->parse(request.queryValue(u"labelSelector"_qs), &message)) {
            *error = status(ApiStatus::badRequest(message));
            return false;
        }
        QString fieldSelector = request.queryValue(u"fieldSelector"_qs);
        QStringList fieldLabels = extraFieldLabels(r);
        if (isEventsV1(r)) {
            // The store holds core events: select on the core names of the v1 fields.
            fieldSelector.replace(u"regarding."_qs, u"involvedObject."_qs);
            fieldLabels << u"involvedObject.kind"_qs << u"involvedObject.name"_qs
                        << u"involvedObject.namespace"_qs;
        }
        if (!fields->parse(fieldSelector, fieldLabels, &message)) {
            *error = status(ApiStatus::badRequest(message));
            return false;
        }
        return true;
    }

    Response list(const HttpRequest &request, const Route &rt)
    {
        QByteArray tableVersion;
        const Format format = negotiate(request, true, &tableVersion);
        if (format == Format::NotAcceptable)
            return status(ApiStatus::notAcceptable());
        LabelSelector labels;
        FieldSelector fields;
        Response error;
        if (!parseSelectors(request, *rt.resource, &labels, &fields, &error))
            return error;
        const qint64 limit = qMax<qint64>(0, request.queryValue(u"limit"_qs).toLongLong());
        qint64 listRv = store.currentResourceVersion();
        QString startKey;
        if (request.hasQuery(u"continue"_qs) && !request.queryValue(u"continue"_qs).isEmpty()) {
            ContinueToken token;
            if (!decodeContinue(request.queryValue(u"continue"_qs), &token))
                return status(ApiStatus::badRequest(
                    u"continue key is not valid: illegal base64 data at input byte 0"_qs));
            if (token.resourceVersion < store.oldestResumableVersion())
                return status(ApiStatus::expired(
                    u"The provided continue parameter is too old to display a consistent list "
                    "result. You can start a new list without the continue parameter, or use the "
                    "continue value from the response."_qs));
            listRv = token.resourceVersion;
            startKey = token.start + QChar(0);
        }

        const ObjectStore::Collection *c = store.collection(rt.collection());
        const QString prefix = rt.ns.isEmpty() ? QString() : rt.ns + u'/';
        QList<const StoredObject *> items;
        QString continueToken;
        qint64 remaining = 0;
        const bool filtered = !labels.isEmpty() || !fields.isEmpty();
        if (c) {
            auto it = startKey.isEmpty() ? (prefix.isEmpty() ? c->begin() : c->lower_bound(prefix))
                                         : c->lower_bound(qMax(startKey, prefix));
            for (; it != c->end(); ++it) {
                if (!prefix.isEmpty() && !it->first.startsWith(prefix))
                    break;
                const StoredObject &o = it->second;
                if (!labels.matches(o.labels) || !fields.matches(o))
                    continue;
                if (limit > 0 && items.size() >= limit) {
                    continueToken = QString::fromLatin1(
                        encodeContinue(listRv, items.last()->ns + u'/' + items.last()->name));
                    if (!filtered) {
                        // remainingItemCount is only exact (and only sent) without selectors.
                        for (; it != c->end(); ++it) {
                            if (!prefix.isEmpty() && !it->first.startsWith(prefix))
                                break;
                            ++remaining;
                        }
                    }
                    break;
                }
                items << &o;
            }
        }

        QByteArray meta = "{\"resourceVersion\":\"" + QByteArray::number(listRv) + '"';
        if (!continueToken.isEmpty()) {
            meta += ",\"continue\":\"" + continueToken.toLatin1() + '"';
            if (!filtered)
                meta += ",\"remainingItemCount\":" + QByteArray::number(remaining);
        }
        meta += '}';

        const FakeResource &r = *rt.resource;
        QByteArray body;
        qsizetype estimate = 256;
        for (const StoredObject *o : std::as_const(items))
            estimate += (format == Format::Json ? o->json.size() : o->metadataJson.size() + 300);
        body.reserve(estimate);
        if (format == Format::Table) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const QByteArray include = request.queryValue(u"includeObject"_qs).toLatin1();
            body += "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/" + tableVersion
                + "\",\"metadata\":" + meta
                + ",\"columnDefinitions\":" + TableConverter::columnDefinitions(r) + ",\"rows\":[";
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (i)
                    body += ',';
                body += tableRow(r, *items.at(i), include, now);
            }
            body += "]}";
        } else if (format == Format::PartialMetadata) {
            body += "{\"kind\":\"PartialObjectMetadataList\",\"apiVersion\":\"meta.k8s.io/"
                + tableVersion + "\",\"metadata\":" + meta + ",\"items\":[";
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (i)
                    body += ',';
                body += "{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/"
                    + tableVersion + "\",\"metadata\":" + items.at(i)->metadataJson + '}';
            }
            body += "]}";
        } else {
            body += "{\"kind\":\"" + r.kind.toLatin1() + "List\",\"apiVersion\":\""
                + groupVersionString(r.group, r.version).toLatin1() + "\",\"metadata\":" + meta
                + ",\"items\":[";
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (i)
                    body += ',';
                body += objectBytes(*items.at(i), r);
            }
            body += "]}";
        }
        return json(200, body);
    }

    const StoredObject *lookup(const Route &rt) const
    {
        return store.find(rt.collection(), rt.resource->namespaced ? rt.ns : QString(), rt.name);
    }

    Response notFound(const Route &rt) const
    {
        return status(ApiStatus::notFound(rt.group, rt.resource->resource, rt.name));
    }

    Response get(const HttpRequest &request, const Route &rt)
    {
        if (rt.resource->namespaced && rt.ns.isEmpty())
            return status(ApiStatus::resourceNotFound());
        QByteArray tableVersion;
        const Format format = negotiate(request, false, &tableVersion);
        if (format == Format::NotAcceptable)
            return status(ApiStatus::notAcceptable());
        const StoredObject *o = lookup(rt);
        if (!o)
            return notFound(rt);
        if (format == Format::Table) {
            const QByteArray body = "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/"
                + tableVersion + "\",\"metadata\":{\"resourceVersion\":\""
                + QByteArray::number(o->resourceVersion) + "\"},\"columnDefinitions\":"
                + TableConverter::columnDefinitions(*rt.resource) + ",\"rows\":["
                + tableRow(*rt.resource, *o, request.queryValue(u"includeObject"_qs).toLatin1(),
                           QDateTime::currentMSecsSinceEpoch())
                + "]}";
            return json(200, body);
        }
        if (format == Format::PartialMetadata)
            return json(200,
                        "{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/"
                            + tableVersion + "\",\"metadata\":" + o->metadataJson + '}');
        return json(200, objectBytes(*o, *rt.resource));
    }

    bool parseBody(const HttpRequest &request, QJsonObject *out, Response *error) const
    {
        // Only JSON bodies: typed Go clients that send protobuf (kubectl create configmap)
        // get the 415 a server without that serializer would give.
        const QByteArray type = request.header("Content-Type").split(';').first().trimmed();
        if (ProtobufReviews::isProtobuf(type)) {
            if (auto review = ProtobufReviews::decode(request.body)) {
                *out = *review;
                return true;
            }
        }
        if (!type.isEmpty() && type != "application/json") {
            *error = status(ApiStatus::unsupportedMediaType());
            return false;
        }
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            *error = status(ApiStatus::badRequest(
                u"the object provided is unrecognized (must be of type %1): couldn't get version/kind; json parse error: %2"_qs
                    .arg(u"object"_qs, pe.errorString())));
            return false;
        }
        *out = doc.object();
        return true;
    }

    bool namespaceExists(const QString &ns) const
    {
        return store.find(u"/namespaces"_qs, QString(), ns) != nullptr;
    }

    bool dryRun(const HttpRequest &request) const
    {
        return request.queryValue(u"dryRun"_qs) == u"All";
    }

    static bool isApply(const HttpRequest &request)
    {
        const QByteArray type = request.header("Content-Type").split(';').first().trimmed();
        return type == "application/apply-patch+yaml" || type == "application/apply-patch+json";
    }

    //! The field manager of a write: ?fieldManager, else the User-Agent's product (as
    //! kube-apiserver derives it).
    static QString managerFor(const HttpRequest &request)
    {
        const QString m = request.queryValue(u"fieldManager"_qs);
        if (!m.isEmpty())
            return m;
        return QString::fromUtf8(request.header("User-Agent").split('/').first());
    }

    //! managedFields for a write that is not an apply: the writer owns what it changed.
    void recordManager(const HttpRequest &request,
                       const Route &rt,
                       const QJsonObject &before,
                       QJsonObject *after,
                       const QString &subresource)
    {
        if (isApply(request) && before.isEmpty()) {
            ManagedFields::ApplyResult applied
                = ManagedFields::apply({}, *after, managerFor(request), true,
                                       groupVersionString(rt.group, rt.version), subresource);
            *after = applied.object;
            return;
        }
        ManagedFields::recordUpdate(before, after, managerFor(request),
                                    groupVersionString(rt.group, rt.version), subresource);
    }

    Response create(const HttpRequest &request, const Route &rt)
    {
        const FakeResource &r = *rt.resource;
        if (r.namespaced && rt.ns.isEmpty())
            return status(ApiStatus::resourceNotFound());
        QJsonObject body;
        Response error;
        if (!parseBody(request, &body, &error))
            return error;
        if (r.verbs == QStringList { u"create"_qs })
            return review(rt, body, authz.userFor(request.header("Authorization")));
        return createFrom(request, rt, body);
    }

    //! Review kinds (access reviews, token reviews, ...) are create-only and never stored:
    //! kube-apiserver evaluates them and answers 201 with the status filled, no name needed.
    Response review(const Route &rt, QJsonObject body, const FakeUser &caller)
    {
        const FakeResource &r = *rt.resource;
        QJsonObject meta = body.value(u"metadata"_qs).toObject();
        meta.insert(u"creationTimestamp"_qs, QJsonValue::Null);
        if (r.namespaced)
            meta.insert(u"namespace"_qs, rt.ns);
        body.insert(u"metadata"_qs, meta);
        body.insert(u"apiVersion"_qs, groupVersionString(r.group, r.version));
        body.insert(u"kind"_qs, r.kind);
        QJsonObject st;
        if (r.resource.endsWith(u"accessreviews"))
            st = authz.accessReviewStatus(caller, body.value(u"spec"_qs).toObject());
        else if (r.resource == u"selfsubjectrulesreviews")
            st = FakeAuthorizer::rulesReviewStatus(caller);
        else if (r.resource == u"tokenreviews")
            st = { { u"authenticated"_qs, true },
                   { u"user"_qs, FakeAuthorizer::userInfo(caller) } };
        else if (r.resource == u"selfsubjectreviews")
            st = { { u"userInfo"_qs, FakeAuthorizer::userInfo(caller) } };
        body.insert(u"status"_qs, st);
        return json(201, toCompact(body));
    }

    //! Creates \a body in \a rt's collection (also used by server-side apply of a new object).
    Response createFrom(const HttpRequest &request, const Route &rt, QJsonObject body)
    {
        const FakeResource &r = *rt.resource;
        QJsonObject meta = body.value(u"metadata"_qs).toObject();
        const QString bodyNs = meta.value(u"namespace"_qs).toString();
        if (r.namespaced && !bodyNs.isEmpty() && bodyNs != rt.ns)
            return status(ApiStatus::badRequest(
                u"the namespace of the provided object does not match the namespace sent on the "
                "request"_qs));
        QString name = meta.value(u"name"_qs).toString();
        if (name.isEmpty() && !meta.value(u"generateName"_qs).toString().isEmpty())
            name = meta.value(u"generateName"_qs).toString() + randomSuffix(5);
        if (name.isEmpty()) {
            return status(ApiStatus::invalid(
                r.group, r.kind, QString(),
                QJsonArray { QJsonObject {
                    { u"reason"_qs, u"FieldValueRequired"_qs },
                    { u"message"_qs, u"Required value: name or generateName is required"_qs },
                    { u"field"_qs, u"metadata.name"_qs } } }));
        }
        if (r.namespaced && !namespaceExists(rt.ns)
            && !(r.group.isEmpty() && r.resource == u"namespaces"))
            return status(ApiStatus::notFound(QString(), u"namespaces"_qs, rt.ns));
        if (store.find(rt.collection(), r.namespaced ? rt.ns : QString(), name))
            return status(ApiStatus::alreadyExists(r.group, r.resource, name));
        meta.insert(u"name"_qs, name);
        if (r.namespaced)
            meta.insert(u"namespace"_qs, rt.ns);
        meta.remove(u"resourceVersion"_qs);
        meta.remove(u"uid"_qs);
        meta.remove(u"creationTimestamp"_qs);
        meta.remove(u"deletionTimestamp"_qs);
        if (body.contains(u"spec"_qs))
            meta.insert(u"generation"_qs, 1);
        body.insert(u"metadata"_qs, meta);
        if (r.group.isEmpty() && r.resource == u"namespaces" && !body.contains(u"status"_qs))
            body.insert(u"status"_qs, QJsonObject { { u"phase"_qs, u"Active"_qs } });
        if (auto bad = FakeValidation::validate(r.group, r.kind, body))
            return status(*bad);
        recordManager(request, rt, {}, &body, QString());
        if (dryRun(request)) {
            meta.insert(u"uid"_qs, QUuid::createUuid().toString(QUuid::WithoutBraces));
            meta.insert(u"creationTimestamp"_qs, nowTimestamp());
            body.insert(u"metadata"_qs, meta);
            body.insert(u"apiVersion"_qs, groupVersionString(r.group, r.version));
            body.insert(u"kind"_qs, r.kind);
            return json(201, toCompact(body));
        }
        return json(201, toCompact(storeObject(r, body, false)));
    }

    //! Writes \a updated over \a existing as an update does: server-owned metadata kept,
    //! generation bumped when spec changed, new resourceVersion.
    Response commitUpdate(const HttpRequest &request,
                          const Route &rt,
                          const QJsonObject &existing,
                          QJsonObject updated,
                          bool statusOnly)
    {
        const FakeResource &r = *rt.resource;
        const QJsonObject oldMeta = existing.value(u"metadata"_qs).toObject();
        QJsonObject meta = updated.value(u"metadata"_qs).toObject();
        if (statusOnly) {
            // The status subresource changes only status.
            QJsonObject merged = existing;
            merged.insert(u"status"_qs, updated.value(u"status"_qs));
            updated = merged;
            meta = oldMeta;
        }
        for (const char *key : { "uid", "creationTimestamp", "namespace", "name" })
            meta.insert(QString::fromLatin1(key), oldMeta.value(QString::fromLatin1(key)));
        if (!r.namespaced)
            meta.remove(u"namespace"_qs);
        qint64 generation = oldMeta.value(u"generation"_qs).toInteger();
        if (updated.value(u"spec"_qs) != existing.value(u"spec"_qs)
            && existing.contains(u"spec"_qs))
            ++generation;
        if (generation > 0)
            meta.insert(u"generation"_qs, generation);
        else
            meta.remove(u"generation"_qs);
        updated.insert(u"metadata"_qs, meta);
        if (auto bad = FakeValidation::validate(r.group, r.kind, updated))
            return status(*bad);
        if (!isApply(request))
            recordManager(request, rt, existing, &updated,
                          statusOnly ? u"status"_qs : rt.subresource);
        if (dryRun(request)) {
            updated.insert(u"apiVersion"_qs, groupVersionString(r.group, r.version));
            updated.insert(u"kind"_qs, r.kind);
            return json(200, toCompact(updated));
        }
        return json(200, toCompact(storeObject(r, updated, true)));
    }

    Response update(const HttpRequest &request, const Route &rt, bool statusOnly)
    {
        QJsonObject body;
        Response error;
        if (!parseBody(request, &body, &error))
            return error;
        const QJsonObject meta = body.value(u"metadata"_qs).toObject();
        const QString bodyName = meta.value(u"name"_qs).toString();
        if (!bodyName.isEmpty() && bodyName != rt.name)
            return status(ApiStatus::badRequest(
                u"the name of the object (%1) does not match the name on the URL (%2)"_qs.arg(
                    bodyName, rt.name)));
        const StoredObject *o = lookup(rt);
        if (!o)
            return notFound(rt);
        const QString rv = meta.value(u"resourceVersion"_qs).toString();
        if (!rv.isEmpty() && rv.toLongLong() != o->resourceVersion)
            return status(ApiStatus::conflict(
                rt.group, rt.resource->resource, rt.name,
                u"the object has been modified; please apply your changes to the latest version "
                "and try again"_qs));
        const QJsonObject existing = storedObject(*o, *rt.resource);
        return commitUpdate(request, rt, existing, body, statusOnly);
    }

    Response patch(const HttpRequest &request, const Route &rt, bool statusOnly)
    {
        const QByteArray type = request.header("Content-Type").split(';').first().trimmed();
        const bool apply
            = type == "application/apply-patch+yaml" || type == "application/apply-patch+json";
        if (apply && request.queryValue(u"fieldManager"_qs).isEmpty())
            return status(ApiStatus::invalid(
                u"meta.k8s.io"_qs, u"PatchOptions"_qs, QString(),
                QJsonArray { QJsonObject {
                    { u"reason"_qs, u"FieldValueRequired"_qs },
                    { u"message"_qs, u"Required value: is required for apply patch"_qs },
                    { u"field"_qs, u"fieldManager"_qs } } }));
        if (!apply && request.hasQuery(u"force"_qs))
            return status(ApiStatus::invalid(
                u"meta.k8s.io"_qs, u"PatchOptions"_qs, QString(),
                QJsonArray { QJsonObject {
                    { u"reason"_qs, u"FieldValueForbidden"_qs },
                    { u"message"_qs, u"Forbidden: may not be specified for non-apply patch"_qs },
                    { u"field"_qs, u"force"_qs } } }));
        const StoredObject *o = lookup(rt);
        if (!o && apply && !statusOnly) {
            // Server-side apply creates the object when it does not exist yet.
            const QJsonDocument doc = QJsonDocument::fromJson(request.body);
            if (!doc.isObject())
                return status(ApiStatus::badRequest(
                    u"error decoding YAML: the apply patch is not an object"_qs));
            QJsonObject body = doc.object();
            QJsonObject meta = body.value(u"metadata"_qs).toObject();
            const QString bodyName = meta.value(u"name"_qs).toString();
            if (!bodyName.isEmpty() && bodyName != rt.name)
                return status(ApiStatus::badRequest(
                    u"the name of the object (%1) does not match the name on the URL (%2)"_qs.arg(
                        bodyName, rt.name)));
            meta.insert(u"name"_qs, rt.name);
            body.insert(u"metadata"_qs, meta);
            return createFrom(request, rt, body);
        }
        if (!o)
            return notFound(rt);
        const QJsonObject existing = storedObject(*o, *rt.resource);
        QJsonParseError pe;
        const QJsonDocument patchDoc = QJsonDocument::fromJson(request.body, &pe);
        QJsonValue result = existing;
        if (type == "application/json-patch+json") {
            if (pe.error != QJsonParseError::NoError || !patchDoc.isArray())
                return status(ApiStatus::badRequest(
                    u"error decoding patch: json: cannot unmarshal object into Go value of type "
                    "jsonpatch.Patch"_qs));
            QString message;
            if (!JsonPatch::jsonPatch(result, patchDoc.array(), &message))
                return status(ApiStatus { 422,
                                          u"Invalid"_qs,
                                          u"the server rejected our request due to an error in our "
                                          "request: "_qs
                                              + message,
                                          {} });
        } else if (type == "application/merge-patch+json"
                   || type == "application/strategic-merge-patch+json"
                   || type == "application/apply-patch+yaml"
                   || type == "application/apply-patch+json") {
            if (pe.error != QJsonParseError::NoError || !patchDoc.isObject())
                return status(ApiStatus::badRequest(
                    u"error decoding patch: invalid character in patch: %1"_qs.arg(
                        pe.errorString())));
            if (apply) {
                ManagedFields::ApplyResult applied = ManagedFields::apply(
                    existing, patchDoc.object(), managerFor(request),
                    request.queryFlag(u"force"_qs), groupVersionString(rt.group, rt.version),
                    statusOnly ? u"status"_qs : QString());
                if (!applied.conflicts.isEmpty())
                    return status(ManagedFields::conflictStatus(applied.conflicts));
                result = applied.object;
            } else {
                result = JsonPatch::mergePatch(existing, patchDoc.object());
            }
        } else {
            return status(ApiStatus::unsupportedMediaType());
        }
        if (!result.isObject())
            return status(ApiStatus::badRequest(u"the patch did not produce an object"_qs));
        QJsonObject updated = result.toObject();
        const QString rv
            = updated.value(u"metadata"_qs).toObject().value(u"resourceVersion"_qs).toString();
        if (!rv.isEmpty() && rv.toLongLong() != o->resourceVersion)
            return status(ApiStatus::conflict(
                rt.group, rt.resource->resource, rt.name,
                u"the object has been modified; please apply your changes to the latest version "
                "and try again"_qs));
        return commitUpdate(request, rt, existing, updated, statusOnly);
    }

    //! Deletes \a o; returns the object as it was at deletion (with the new resourceVersion).
    QJsonObject deleteStored(const FakeResource &r, const StoredObject &o)
    {
        QJsonObject obj = QJsonDocument::fromJson(o.json).object();
        QJsonObject meta = obj.value(u"metadata"_qs).toObject();
        meta.insert(u"resourceVersion"_qs, QString::number(store.nextResourceVersion()));
        obj.insert(u"metadata"_qs, meta);
        store.remove(collectionKey(r), toStored(r, obj));
        return isEventsV1(r) ? coreEventToV1(obj) : obj;
    }

    Response remove(const HttpRequest &request, const Route &rt)
    {
        const StoredObject *o = lookup(rt);
        if (!o)
            return notFound(rt);
        const QString uid
            = QJsonDocument::fromJson(o->metadataJson).object().value(u"uid"_qs).toString();
        // Preconditions as kube-apiserver checks them (DeleteOptions body).
        if (!request.body.isEmpty()) {
            const QJsonObject opts = QJsonDocument::fromJson(request.body).object();
            const QJsonObject pre = opts.value(u"preconditions"_qs).toObject();
            if (pre.contains(u"resourceVersion"_qs)
                && pre.value(u"resourceVersion"_qs).toString().toLongLong() != o->resourceVersion)
                return status(ApiStatus::conflict(
                    rt.group, rt.resource->resource, rt.name,
                    u"the ResourceVersion in the precondition (%1) does not match the "
                    "ResourceVersion in record (%2). The object might have been modified"_qs
                        .arg(pre.value(u"resourceVersion"_qs).toString())
                        .arg(o->resourceVersion)));
            if (pre.contains(u"uid"_qs) && pre.value(u"uid"_qs).toString() != uid)
                return status(ApiStatus::conflict(
                    rt.group, rt.resource->resource, rt.name,
                    u"the UID in the precondition (%1) does not match the UID in record (%2). "
                    "The object might have been deleted and then recreated"_qs.arg(
                        pre.value(u"uid"_qs).toString(), uid)));
        }
        if (dryRun(request))
            return json(200, objectBytes(*o, *rt.resource));
        deleteStored(*rt.resource, *o);
        // Immediate deletion answers with a Success Status, as the registry does.
        QJsonObject details = ApiStatus::nameDetails(rt.group, rt.resource->resource, rt.name);
        details.insert(u"uid"_qs, uid);
        return json(200,
                    toCompact(QJsonObject { { u"kind"_qs, u"Status"_qs },
                                            { u"apiVersion"_qs, u"v1"_qs },
                                            { u"metadata"_qs, QJsonObject {} },
                                            { u"status"_qs, u"Success"_qs },
                                            { u"details"_qs, details } }));
    }

    Response removeCollection(const HttpRequest &request, const Route &rt)
    {
        LabelSelector labels;
        FieldSelector fields;
        Response error;
        if (!parseSelectors(request, *rt.resource, &labels, &fields, &error))
            return error;
        const ObjectStore::Collection *c = store.collection(rt.collection());
        QList<StoredObject> doomed;
        if (c) {
            for (const auto &[key, o] : *c) {
                if (!rt.ns.isEmpty() && o.ns != rt.ns)
                    continue;
                if (labels.matches(o.labels) && fields.matches(o))
                    doomed << o;
            }
        }
        QByteArray items;
        for (const StoredObject &o : std::as_const(doomed)) {
            if (!items.isEmpty())
                items += ',';
            items += dryRun(request) ? objectBytes(o, *rt.resource)
                                     : toCompact(deleteStored(*rt.resource, o));
        }
        const FakeResource &r = *rt.resource;
        return json(200,
                    "{\"kind\":\"" + r.kind.toLatin1() + "List\",\"apiVersion\":\""
                        + groupVersionString(r.group, r.version).toLatin1()
                        + "\",\"metadata\":{\"resourceVersion\":\""
                        + QByteArray::number(store.currentResourceVersion()) + "\"},\"items\":["
                        + items + "]}");
    }

    //! pods/NAME/log (growing, followable) and exec/attach/portforward over WebSocket: the
    //! connection is handed to PodLogs / PodStreamServer; status 0 = answered there.
    Response podStream(const HttpRequest &request, HttpResponder &responder, const Route &rt)
    {
        auto taken = [] {
            Response r;
            r.status = 0;
            return r;
        };
        const StoredObject *o = lookup(rt);
        if (!o)
            return notFound(rt);
        const QJsonObject pod = QJsonDocument::fromJson(o->json).object();
        if (rt.subresource == u"log") {
            if (request.method != "GET")
                return status(ApiStatus::methodNotAllowed());
            podLogs->serve(request, responder, pod, o->createdMs);
            return taken();
        }
        if (std::optional<ApiStatus> error = podStreams->check(rt.subresource, request, pod))
            return status(*error);
        if (QTcpSocket *socket = responder.socket())
            podStreams->accept(socket, pod);
        return taken();
    }

    //! autoscaling/v1 Scale of a Deployment, StatefulSet or ReplicaSet.
    static QJsonObject scaleOf(const QJsonObject &obj)
    {
        const QJsonObject spec = obj.value(u"spec"_qs).toObject();
        const QJsonObject st = obj.value(u"status"_qs).toObject();
        const QJsonObject meta = obj.value(u"metadata"_qs).toObject();
        QStringList selector;
        const QJsonObject match
            = spec.value(u"selector"_qs).toObject().value(u"matchLabels"_qs).toObject();
        for (auto it = match.begin(); it != match.end(); ++it)
            selector << it.key() + u'=' + it.value().toString();
        if (selector.isEmpty())
            selector << u"app="_qs
                    + meta.value(u"labels"_qs).toObject().value(u"app"_qs).toString();
        return {
            { u"kind"_qs, u"Scale"_qs },
            { u"apiVersion"_qs, u"autoscaling/v1"_qs },
            { u"metadata"_qs,
              QJsonObject { { u"name"_qs, meta.value(u"name"_qs) },
                            { u"namespace"_qs, meta.value(u"namespace"_qs) },
                            { u"uid"_qs, meta.value(u"uid"_qs) },
                            { u"resourceVersion"_qs, meta.value(u"resourceVersion"_qs) },
                            { u"creationTimestamp"_qs, meta.value(u"creationTimestamp"_qs) } } },
            { u"spec"_qs, QJsonObject { { u"replicas"_qs, spec.value(u"replicas"_qs).toInt() } } },
            { u"status"_qs,
              QJsonObject { { u"replicas"_qs, st.value(u"replicas"_qs).toInt() },
                            { u"selector"_qs, selector.join(u',') } } }
        };
    }

    Response subresourceRequest(const HttpRequest &request, const Route &rt)
    {
        const QString &sub = rt.subresource;
        const QByteArray &m = request.method;
        if (sub == u"status") {
            if (m == "GET")
                return get(request, rt);
            if (m == "PUT")
                return update(request, rt, true);
            if (m == "PATCH")
                return patch(request, rt, true);
            return status(ApiStatus::methodNotAllowed());
        }
        const StoredObject *o = lookup(rt);
        if (!o)
            return notFound(rt);
        if (sub == u"log" && m == "GET") {
            const QJsonObject pod = QJsonDocument::fromJson(o->json).object();
            QByteArray log;
            const qint64 created = o->createdMs;
            for (int i = 0; i < 20; ++i) {
                log += QDateTime::fromMSecsSinceEpoch(created + i * 1500LL, Qt::UTC)
                           .toString(Qt::ISODateWithMs)
                           .toLatin1()
                    + " INFO " + rt.name.toLatin1() + ": handled request " + QByteArray::number(i)
                    + " in " + QByteArray::number(3 + i % 7) + "ms\n";
            }
            if (request.hasQuery(u"tailLines"_qs)) {
                const int n = request.queryValue(u"tailLines"_qs).toInt();
                QList<QByteArray> lines = log.split('\n');
                lines.removeLast();
                log = lines.mid(qMax<qsizetype>(0, lines.size() - n)).join('\n')
                    + (n > 0 ? "\n" : "");
            }
            (void)pod;
            return text(200, log);
        }
        if (sub == u"scale") {
            const QJsonObject obj = QJsonDocument::fromJson(o->json).object();
            if (m == "GET")
                return json(200, toCompact(scaleOf(obj)));
            if (m == "PUT" || m == "PATCH") {
                QJsonObject scale = QJsonDocument::fromJson(request.body).object();
                const QJsonValue replicas
                    = scale.value(u"spec"_qs).toObject().value(u"replicas"_qs);
                if (!replicas.isDouble())
                    return status(ApiStatus::badRequest(u"spec.replicas is required"_qs));
                const QString rv = scale.value(u"metadata"_qs)
                                       .toObject()
                                       .value(u"resourceVersion"_qs)
                                       .toString();
                if (!rv.isEmpty() && rv.toLongLong() != o->resourceVersion)
                    return status(ApiStatus::conflict(
                        rt.group, rt.resource->resource, rt.name,
                        u"the object has been modified; please apply your changes to the latest "
                        "version and try again"_qs));
                QJsonObject spec = obj.value(u"spec"_qs).toObject();
                spec.insert(u"replicas"_qs, replicas);
                QJsonObject updated = obj;
                updated.insert(u"spec"_qs, spec);
                Response r = commitUpdate(request, rt, obj, updated, false);
                if (r.status != 200)
                    return r;
                // From the written (or, with dryRun, the would-be) object.
                return json(200, toCompact(scaleOf(QJsonDocument::fromJson(r.body).object())));
            }
        }
        if (sub == u"eviction" && m == "POST") {
            // dryRun comes in the Eviction's deleteOptions (or, from some clients, the query).
            const QJsonArray bodyDryRun = QJsonDocument::fromJson(request.body)
                                              .object()
                                              .value(u"deleteOptions"_qs)
                                              .toObject()
                                              .value(u"dryRun"_qs)
                                              .toArray();
            if (!dryRun(request) && !bodyDryRun.contains(u"All"_qs))
                deleteStored(*rt.resource, *o);
            return json(201,
                        toCompact(QJsonObject { { u"kind"_qs, u"Status"_qs },
                                                { u"apiVersion"_qs, u"v1"_qs },
                                                { u"metadata"_qs, QJsonObject {} },
                                                { u"status"_qs, u"Success"_qs },
                                                { u"code"_qs, 201 } }));
        }
        if (sub == u"exec" || sub == u"attach" || sub == u"portforward")
            return status(ApiStatus::badRequest(u"Upgrade request required"_qs));
        return status(ApiStatus::methodNotAllowed());
    }

    // Watch -----------------------------------------------------------------------------------

    QByteArray eventLine(Watcher &w, const QByteArray &type, const StoredObject &o)
    {
        QByteArray object;
        if (w.table) {
            const QByteArray columns
                = w.sentHeaders ? QByteArray("[]") : TableConverter::columnDefinitions(*w.resource);
            w.sentHeaders = true;
            object = "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/" + w.tableVersion
                + "\",\"metadata\":{\"resourceVersion\":\"" + QByteArray::number(o.resourceVersion)
                + "\"},\"columnDefinitions\":" + columns + ",\"rows\":["
                + tableRow(*w.resource, o, "Metadata", QDateTime::currentMSecsSinceEpoch()) + "]}";
        } else if (w.partialMetadata) {
            object = "{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/"
                + w.tableVersion + "\",\"metadata\":" + o.metadataJson + '}';
        } else {
            object = objectBytes(o, *w.resource);
        }
        return "{\"type\":\"" + type + "\",\"object\":" + object + "}\n";
    }

    QByteArray bookmarkLine(const Watcher &w, bool initialEventsEnd) const
    {
        const FakeResource &r = *w.resource;
        QByteArray meta = "{\"resourceVersion\":\""
            + QByteArray::number(store.currentResourceVersion()) + "\",\"creationTimestamp\":null";
        if (initialEventsEnd)
            meta += ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}";
        meta += '}';
        return "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"" + r.kind.toLatin1()
            + "\",\"apiVersion\":\"" + groupVersionString(r.group, r.version).toLatin1()
            + "\",\"metadata\":" + meta + "}}\n";
    }

    bool watcherMatches(const Watcher &w, const StoredObject &o) const
    {
        if (!w.ns.isEmpty() && o.ns != w.ns)
            return false;
        return w.labels.matches(o.labels) && w.fields.matches(o);
    }

    void startWatch(const HttpRequest &request, HttpResponder &responder, const Route &rt)
    {
        auto w = std::make_shared<Watcher>();
        w->collection = rt.collection();
        w->resource = rt.resource;
        w->version = rt.version;
        w->ns = rt.ns;
        w->responder = responder;
        Response error;
        if (!parseSelectors(request, *rt.resource, &w->labels, &w->fields, &error)) {
            send(responder, error);
            return;
        }
        QByteArray tableVersion;
        // Watches are negotiated per object: as=PartialObjectMetadata (client-go's metadata
        // client), not ...List.
        const Format format = negotiate(request, false, &tableVersion);
        if (format == Format::NotAcceptable) {
            send(responder, status(ApiStatus::notAcceptable()));
            return;
        }
        w->table = format == Format::Table;
        w->partialMetadata = format == Format::PartialMetadata;
        w->tableVersion = tableVersion;
        ++watchRequests;
        const WatchFaults faults = watchFaults;
        if (!faults.watchList && request.queryFlag(u"sendInitialEvents"_qs)) {
            send(responder,
                 status(ApiStatus {
                     422,
                     u"Invalid"_qs,
                     u"ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: "
                     "sendInitialEvents is forbidden for watch unless the WatchList feature gate "
                     "is enabled"_qs,
                     {} }));
            return;
        }
        w->silent = faults.stall;
        w->bookmarksOnly = faults.bookmarksOnly;

        HeaderList headers = standardHeaders("application/json");
        responder.beginChunked(200, headers);

        const QString rvText = request.queryValue(u"resourceVersion"_qs);
        const bool sendInitial = request.queryFlag(u"sendInitialEvents"_qs);
        const bool bookmarks = request.queryFlag(u"allowWatchBookmarks"_qs);
        const bool resuming = !(rvText.isEmpty() || rvText == u"0" || sendInitial);
        if (resuming && watchFaults.expireResumptions != 0) {
            if (watchFaults.expireResumptions > 0)
                --watchFaults.expireResumptions;
            responder.writeChunk(errorEvent(
                ApiStatus::expired(u"too old resource version: %1 (%2)"_qs.arg(rvText).arg(
                    store.currentResourceVersion()))));
            responder.endChunked();
            return;
        }
        if (w->silent) {
            // Headers only: the stream is open and says nothing, as a dead connection does.
        } else if (!resuming) {
            // Start with the current state as ADDED events.
            QByteArray batch;
            if (const ObjectStore::Collection *c = store.collection(w->collection)) {
                for (const auto &[key, o] : *c) {
                    if (watcherMatches(*w, o))
                        batch += eventLine(*w, "ADDED", o);
                    if (batch.size() > 1 << 20) {
                        responder.writeChunk(batch);
                        batch.clear();
                    }
                }
            }
            if (sendInitial && bookmarks)
                batch += bookmarkLine(*w, true);
            responder.writeChunk(batch);
        } else {
            bool ok = false;
            const qint64 rv = rvText.toLongLong(&ok);
            if (!ok) {
                responder.writeChunk(errorEvent(
                    ApiStatus::badRequest(u"invalid resource version: %1"_qs.arg(rvText))));
                responder.endChunked();
                return;
            }
            if (rv < store.oldestResumableVersion()) {
                responder.writeChunk(errorEvent(
                    ApiStatus::expired(u"too old resource version: %1 (%2)"_qs.arg(rv).arg(
                        store.oldestResumableVersion() + 1))));
                responder.endChunked();
                return;
            }
            QByteArray batch;
            for (const WatchEvent *e : store.eventsSince(w->collection, rv)) {
                if (!w->bookmarksOnly && watcherMatches(*w, e->object))
                    batch += eventLine(*w, e->type, e->object);
            }
            responder.writeChunk(batch);
        }

        if (bookmarks && !w->silent) {
            w->bookmarkTimer = new QTimer(q);
            w->bookmarkTimer->setInterval(bookmarkInterval);
            QObject::connect(w->bookmarkTimer, &QTimer::timeout, q,
                             [this, weak = std::weak_ptr(w)] {
                                 if (auto sw = weak.lock())
                                     sw->responder.writeChunk(bookmarkLine(*sw, false));
                             });
            w->bookmarkTimer->start();
        }
        const int timeout = request.queryValue(u"timeoutSeconds"_qs).toInt();
        if (timeout > 0) {
            w->timeoutTimer = new QTimer(q);
            w->timeoutTimer->setSingleShot(true);
            QObject::connect(w->timeoutTimer, &QTimer::timeout, q, [this, weak = std::weak_ptr(w)] {
                if (auto sw = weak.lock())
                    finishWatch(sw);
            });
            w->timeoutTimer->start(std::chrono::seconds(timeout));
        }
        if (faults.endAfter.count() > 0) {
            QTimer::singleShot(faults.endAfter, q, [this, weak = std::weak_ptr(w)] {
                if (auto sw = weak.lock())
                    finishWatch(sw);
            });
        }
        if (faults.cutAfter.count() > 0) {
            QTimer::singleShot(faults.cutAfter, q, [this, weak = std::weak_ptr(w)] {
                if (auto sw = weak.lock()) {
                    QTcpSocket *socket = sw->responder.socket();
                    dropWatch(sw);
                    if (socket)
                        socket->abort();
                }
            });
        }
        if (QTcpSocket *socket = responder.socket()) {
            QObject::connect(socket, &QTcpSocket::disconnected, q, [this, weak = std::weak_ptr(w)] {
                if (auto sw = weak.lock())
                    dropWatch(sw);
            });
        }
        watchers.push_back(w);
    }

    static QByteArray errorEvent(const ApiStatus &s)
    {
        return "{\"type\":\"ERROR\",\"object\":" + toCompact(s.toJson()) + "}\n";
    }

    void endWatch(const std::shared_ptr<Watcher> &w)
    {
        delete w->bookmarkTimer;
        w->bookmarkTimer = nullptr;
        delete w->timeoutTimer;
        w->timeoutTimer = nullptr;
        w->responder.endChunked();
    }

    void finishWatch(const std::shared_ptr<Watcher> &w)
    {
        endWatch(w);
        watchers.remove(w);
    }

    void dropWatch(const std::shared_ptr<Watcher> &w)
    {
        delete w->bookmarkTimer;
        w->bookmarkTimer = nullptr;
        delete w->timeoutTimer;
        w->timeoutTimer = nullptr;
        watchers.remove(w);
    }

    void dispatchEvent(const WatchEvent &e)
    {
        for (const auto &w : watchers) {
            if (w->collection != e.collection || w->silent || w->bookmarksOnly
                || !watcherMatches(*w, e.object))
                continue;
            w->responder.writeChunk(eventLine(*w, e.type, e.object));
        }
    }
};

// ---------------------------------------------------------------------------------------------

FakeApiServer::FakeApiServer(FakeApiServerOptions options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(options)))
{
    d->podLogs = new PodLogs(this);
    d->podStreams = new PodStreamServer(this);
}

FakeApiServer::~FakeApiServer()
{
    stop();
}

bool FakeApiServer::start()
{
    if (d->http)
        return true;
    d->errorString.clear();
    d->http = new FakeHttpServer(
        [this](HttpRequest request, HttpResponder responder) {
            d->handle(std::move(request), responder);
        },
        this);
    // WebSocket upgrades (exec, attach, portforward) bypass QAbstractHttpServer, which cannot
    // choose a subprotocol; see UpgradeRouter.
    auto *router = new UpgradeRouter(d->http);
    router->setUpgradeHandler([this](QTcpSocket *socket) {
        d->handle(UpgradeRouter::readRequestHead(socket), HttpResponder(socket, true));
    });
    QTcpServer *server = nullptr;
    if (d->options.tls) {
        if (!d->caReady) {
            if (!d->ca.generate(&d->errorString)) {
                stop();
                return false;
            }
            d->caReady = true;
        }
        auto *ssl = new UpgradeRoutingServer<QSslServer>(router);
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(QSslCertificate(d->ca.serverCertificatePem(), QSsl::Pem));
        conf.setPrivateKey(QSslKey(d->ca.serverKeyPem(), QSsl::Ec, QSsl::Pem));
        conf.setCaCertificates({ QSslCertificate(d->ca.caCertificatePem(), QSsl::Pem) });
        // QueryPeer asks for a client certificate without requiring one; VerifyPeer makes the
        // handshake fail without a certificate our CA signed (kube-apiserver's
        // --client-ca-file with anonymous auth off).
        conf.setPeerVerifyMode(d->options.requireClientCertificate ? QSslSocket::VerifyPeer
                                                                   : QSslSocket::QueryPeer);
        ssl->setSslConfiguration(conf);
        server = ssl;
    } else {
        server = new UpgradeRoutingServer<QTcpServer>(router);
    }
    if (!server->listen(QHostAddress::LocalHost, d->options.port)) {
        d->errorString = server->errorString();
        delete server;
        stop();
        return false;
    }
    d->port = server->serverPort();
    // Connected before bind(), so it counts each connection before the HTTP layer takes it.
    connect(router, &UpgradeRouter::connectionAccepted, this, [this] { ++d->connections; });
    d->http->bind(server);
    qCDebug(lcTesting) << "FakeApiServer listening on" << url();
    return true;
}

void FakeApiServer::stop()
{
    for (const auto &w : d->watchers)
        d->endWatch(w);
    d->watchers.clear();
    delete d->http;
    d->http = nullptr;
}

PodLogs *FakeApiServer::podLogs() const
{
    return d->podLogs;
}

PodStreamServer *FakeApiServer::podStreams() const
{
    return d->podStreams;
}

QString FakeApiServer::errorString() const
{
    return d->errorString;
}

QUrl FakeApiServer::url() const
{
    QUrl u;
    u.setScheme(d->options.tls ? u"https"_qs : u"http"_qs);
    u.setHost(u"127.0.0.1"_qs);
    u.setPort(d->port);
    return u;
}

quint16 FakeApiServer::port() const
{
    return d->port;
}

QByteArray FakeApiServer::caCertificatePem() const
{
    return d->ca.caCertificatePem();
}

QPair<QByteArray, QByteArray>
FakeApiServer::issueClientCertificate(const QByteArray &commonName,
                                      std::chrono::seconds notBefore,
                                      std::chrono::seconds notAfter) const
{
    QPair<QByteArray, QByteArray> out;
    if (!d->caReady
        || !d->ca.issueClientCertificate(commonName, notBefore, notAfter, &out.first, &out.second))
        return {};
    return out;
}

void FakeApiServer::setBearerToken(const QString &token)
{
    d->options.bearerToken = token;
}

QByteArray FakeApiServer::clientCertificatePem() const
{
    return d->ca.clientCertificatePem();
}

QByteArray FakeApiServer::clientKeyPem() const
{
    return d->ca.clientKeyPem();
}

QByteArray FakeApiServer::serverCertificatePem() const
{
    return d->ca.serverCertificatePem();
}

QString FakeApiServer::writeCertificates(const QString &dir) const
{
    QDir().mkpath(dir);
    auto write = [&](const QString &name, const QByteArray &data) {
        QSaveFile f(QDir(dir).filePath(name));
        if (f.open(QIODevice::WriteOnly)) {
            f.write(data);
            f.commit();
        }
    };
    write(u"ca.crt"_qs, d->ca.caCertificatePem());
    write(u"client.crt"_qs, d->ca.clientCertificatePem());
    write(u"client.key"_qs, d->ca.clientKeyPem());
    QFile::setPermissions(QDir(dir).filePath(u"client.key"_qs),
                          QFile::ReadOwner | QFile::WriteOwner);
    return QDir(dir).filePath(u"ca.crt"_qs);
}

QString FakeApiServer::writeKubeconfig(const QString &dir, const QString &contextName) const
{
    QDir().mkpath(dir);
    QByteArray y;
    y += "apiVersion: v1\nkind: Config\nclusters:\n- name: " + contextName.toUtf8()
        + "\n  cluster:\n    server: " + url().toString().toUtf8() + '\n';
    if (d->options.tls)
        y += "    certificate-authority-data: " + d->ca.caCertificatePem().toBase64() + '\n';
    y += "users:\n- name: " + contextName.toUtf8() + "\n  user:\n";
    bool anyUser = false;
    if (!d->options.bearerToken.isEmpty()) {
        y += "    token: " + d->options.bearerToken.toUtf8() + '\n';
        anyUser = true;
    } else if (!d->options.basicUser.isEmpty()) {
        y += "    username: " + d->options.basicUser.toUtf8()
            + "\n    password: " + d->options.basicPassword.toUtf8() + '\n';
        anyUser = true;
    }
    if (d->options.tls && d->options.requireClientCertificate) {
        y += "    client-certificate-data: " + d->ca.clientCertificatePem().toBase64() + '\n';
        y += "    client-key-data: " + d->ca.clientKeyPem().toBase64() + '\n';
        anyUser = true;
    }
    if (!anyUser)
        y.chop(1), y += " {}\n";
    y += "contexts:\n- name: " + contextName.toUtf8() + "\n  context:\n    cluster: "
        + contextName.toUtf8() + "\n    user: " + contextName.toUtf8()
        + "\n    namespace: default\ncurrent-context: " + contextName.toUtf8() + '\n';
    const QString path = QDir(dir).filePath(u"kubeconfig"_qs);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(y);
    if (!f.commit())
        return {};
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

void FakeApiServer::loadStockCluster(const StockOptions &options)
{
    QList<FakeResource> all = StockCluster::builtinResources();
    const QList<FakeResource> crds = StockCluster::customResources(options.crdGroups);
    all += crds;
    d->resources = all;
    d->reindex();
    d->store.clear();
    d->store.setRecordHistory(false);
    StockCluster::generateObjects(
        options, crds, QDateTime::currentMSecsSinceEpoch(),
        [this](const QString &group, const QString &version, const QString &resource,
               QJsonObject object) {
            if (const FakeResource *r = d->findResource(group, version, resource))
                d->storeObject(*r, std::move(object), true);
        },
        [this](const QString &group, const QString &version, const QString &resource,
               StoredObject object) {
            if (!d->findResource(group, version, resource))
                return;
            const qint64 rv = d->store.nextResourceVersion();
            const QByteArray rvText = QByteArray::number(rv);
            object.resourceVersion = rv;
            object.json.replace("@@RV@@", rvText);
            object.metadataJson.replace("@@RV@@", rvText);
            d->store.put(group + u'/' + resource, std::move(object));
        });
    d->store.setRecordHistory(true);
    d->store.compact();
}

void FakeApiServer::addResource(const FakeResource &resource)
{
    for (FakeResource &r : d->resources) {
        if (r.group == resource.group && r.version == resource.version
            && r.resource == resource.resource) {
            r = resource;
            d->reindex();
            return;
        }
    }
    d->resources.append(resource);
    d->reindex();
}

void FakeApiServer::removeResource(const QString &group,
                                   const QString &version,
                                   const QString &resource)
{
    d->resources.removeIf([&](const FakeResource &r) {
        return r.group == group && r.version == version && r.resource == resource;
    });
    d->reindex();
}

QList<FakeResource> FakeApiServer::resources() const
{
    return d->resources;
}

QJsonObject FakeApiServer::addObject(const QString &group,
                                     const QString &version,
                                     const QString &resource,
                                     QJsonObject object)
{
    const FakeResource *r = d->findResource(group, version, resource);
    if (!r) {
        qCWarning(lcTesting) << "addObject: no resource" << group << version << resource;
        return {};
    }
    return d->storeObject(*r, std::move(object), true);
}

QList<QJsonObject> FakeApiServer::objects(const QString &group,
                                          const QString &version,
                                          const QString &resource,
                                          const QString &ns) const
{
    QList<QJsonObject> out;
    const FakeResource *r = d->findResource(group, version, resource);
    if (!r)
        return out;
    if (const auto *c = d->store.collection(collectionKey(*r))) {
        for (const auto &[key, o] : *c) {
            if (ns.isEmpty() || o.ns == ns)
                out << QJsonDocument::fromJson(d->objectBytes(o, *r)).object();
        }
    }
    return out;
}

bool FakeApiServer::removeObject(const QString &group,
                                 const QString &version,
                                 const QString &resource,
                                 const QString &ns,
                                 const QString &name)
{
    const FakeResource *r = d->findResource(group, version, resource);
    if (!r)
        return false;
    const StoredObject *o = d->store.find(collectionKey(*r), r->namespaced ? ns : QString(), name);
    if (!o)
        return false;
    d->deleteStored(*r, *o);
    return true;
}

qint64 FakeApiServer::resourceVersion() const
{
    return d->store.currentResourceVersion();
}

void FakeApiServer::compactHistory()
{
    d->store.compact();
}

void FakeApiServer::setWatchBookmarkInterval(std::chrono::milliseconds interval)
{
    d->bookmarkInterval = interval;
    for (const auto &w : d->watchers) {
        if (w->bookmarkTimer)
            w->bookmarkTimer->setInterval(interval);
    }
}

int FakeApiServer::connectionCount() const
{
    return d->connections;
}

void FakeApiServer::setWatchFaults(const WatchFaults &faults)
{
    d->watchFaults = faults;
}

WatchFaults FakeApiServer::watchFaults() const
{
    return d->watchFaults;
}

int FakeApiServer::watchRequestCount() const
{
    return d->watchRequests;
}

int FakeApiServer::activeWatchCount() const
{
    return int(d->watchers.size());
}

void FakeApiServer::addFault(const QString &pathPrefix, const Fault &fault)
{
    d->faults.append({ pathPrefix, fault });
}

WireFaults &FakeApiServer::wire()
{
    return d->wire;
}

void FakeApiServer::clearFaults()
{
    d->faults.clear();
}

void FakeApiServer::setStale(const QString &group, const QString &version, bool stale)
{
    d->docs.setStale(group, version, stale);
}

void FakeApiServer::setAggregatedDiscovery(bool enabled)
{
    d->aggregatedEnabled = enabled;
}

QList<RecordedRequest> FakeApiServer::requests() const
{
    return d->log;
}

int FakeApiServer::requestCount(const QString &pathPrefix) const
{
    if (pathPrefix.isEmpty())
        return int(d->log.size());
    return int(std::count_if(d->log.cbegin(), d->log.cend(), [&](const RecordedRequest &r) {
        return r.path.startsWith(pathPrefix);
    }));
}

void FakeApiServer::clearRequests()
{
    d->log.clear();
}

} // namespace kube::testing
