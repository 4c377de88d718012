#include "podlookup.h"

#include "clicontext.h"

#include "rest/request.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace kube::cli {

namespace {

struct Kind
{
    QString group;
    QString version;
    QString resource;
};

std::optional<Kind> kindFor(const QString &type)
{
    const QString t = type.toLower().section(u'.', 0, 0);
    if (t == u"pod" || t == u"pods" || t == u"po")
        return Kind { QString(), u"v1"_s, u"pods"_s };
    if (t == u"deployment" || t == u"deployments" || t == u"deploy")
        return Kind { u"apps"_s, u"v1"_s, u"deployments"_s };
    if (t == u"statefulset" || t == u"statefulsets" || t == u"sts")
        return Kind { u"apps"_s, u"v1"_s, u"statefulsets"_s };
    if (t == u"daemonset" || t == u"daemonsets" || t == u"ds")
        return Kind { u"apps"_s, u"v1"_s, u"daemonsets"_s };
    if (t == u"replicaset" || t == u"replicasets" || t == u"rs")
        return Kind { u"apps"_s, u"v1"_s, u"replicasets"_s };
    if (t == u"job" || t == u"jobs")
        return Kind { u"batch"_s, u"v1"_s, u"jobs"_s };
    if (t == u"service" || t == u"services" || t == u"svc")
        return Kind { QString(), u"v1"_s, u"services"_s };
    return std::nullopt;
}

QString labelSelector(const QJsonObject &selector)
{
    QStringList parts;
    const QJsonObject labels = selector.value(u"matchLabels"_s).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts << it.key() + u'=' + it.value().toString();
    for (const QJsonValue &e : selector.value(u"matchExpressions"_s).toArray()) {
        const QJsonObject x = e.toObject();
        const QString key = x.value(u"key"_s).toString();
        const QString op = x.value(u"operator"_s).toString();
        QStringList values;
        for (const QJsonValue &v : x.value(u"values"_s).toArray())
            values << v.toString();
        if (op == u"In")
            parts << u"%1 in (%2)"_s.arg(key, values.join(u','));
        else if (op == u"NotIn")
            parts << u"%1 notin (%2)"_s.arg(key, values.join(u','));
        else if (op == u"Exists")
            parts << key;
        else if (op == u"DoesNotExist")
            parts << u'!' + key;
    }
    return parts.join(u',');
}

int phaseRank(const QJsonObject &pod)
{
    const QString phase = pod.value(u"status"_s).toObject().value(u"phase"_s).toString();
    return phase == u"Running" ? 0 : phase == u"Unknown" ? 1 : phase == u"Pending" ? 2 : 3;
}

bool isReady(const QJsonObject &pod)
{
    for (const QJsonValue &c : pod.value(u"status"_s).toObject().value(u"conditions"_s).toArray()) {
        if (c.toObject().value(u"type"_s).toString() == u"Ready")
            return c.toObject().value(u"status"_s).toString() == u"True";
    }
    return false;
}

QString readySince(const QJsonObject &pod)
{
    for (const QJsonValue &c : pod.value(u"status"_s).toObject().value(u"conditions"_s).toArray()) {
        const QJsonObject o = c.toObject();
        if (o.value(u"type"_s).toString() == u"Ready" && o.value(u"status"_s).toString() == u"True")
            return o.value(u"lastTransitionTime"_s).toString();
    }
    return {};
}

int restarts(const QJsonObject &pod)
{
    int n = 0;
    for (const QJsonValue &c :
         pod.value(u"status"_s).toObject().value(u"containerStatuses"_s).toArray())
        n = std::max(n, c.toObject().value(u"restartCount"_s).toInt());
    return n;
}

} // namespace

PodLookup::PodLookup(CliContext &context)
    : m_context(context)
{ }

QString PodLookup::name(const QJsonObject &object)
{
    return object.value(u"metadata"_s).toObject().value(u"name"_s).toString();
}

Result<QJsonObject> PodLookup::get(const QString &group,
                                   const QString &version,
                                   const QString &resource,
                                   const QString &ns,
                                   const QString &name)
{
    std::unique_ptr<RestReply> r(m_context.client({ group, version })
                                     ->get()
                                     .inNamespace(ns)
                                     .resource(resource)
                                     .name(name)
                                     .send());
    waitFor(r.get());
    if (!r->result().ok())
        return *r->result().error;
    return QJsonDocument::fromJson(r->result().body).object();
}

Result<QJsonObject> PodLookup::pod(const QString &ns, const QString &name)
{
    return get(QString(), u"v1"_s, u"pods"_s, ns, name);
}

Result<QList<QJsonObject>> PodLookup::pods(const QString &ns, const QString &selector)
{
    Request req
        = m_context.client({ QString(), u"v1"_s })->get().inNamespace(ns).resource(u"pods"_s);
    if (!selector.isEmpty())
        req.param(u"labelSelector"_s, selector);
    std::unique_ptr<RestReply> r(req.send());
    waitFor(r.get());
    if (!r->result().ok())
        return *r->result().error;
    QList<QJsonObject> out;
    for (const QJsonValue &v :
         QJsonDocument::fromJson(r->result().body).object().value(u"items"_s).toArray())
        out << v.toObject();
    return out;
}

Result<QString> PodLookup::selectorFor(const QString &ns, const QString &target)
{
    const QString type = target.section(u'/', 0, 0);
    const QString objectName = target.section(u'/', 1);
    const std::optional<Kind> kind = kindFor(type);
    if (!kind || kind->resource == u"pods")
        return Error::make(Error::Kind::InvalidRequest,
                           u"cannot attach to %1: selector for %1 not implemented"_s.arg(type));
    const Result<QJsonObject> object
        = get(kind->group, kind->version, kind->resource, ns, objectName);
    if (!object)
        return object.error();
    const QJsonObject spec = object->value(u"spec"_s).toObject();
    if (kind->resource == u"services") {
        QStringList parts;
        const QJsonObject sel = spec.value(u"selector"_s).toObject();
        for (auto it = sel.begin(); it != sel.end(); ++it)
            parts << it.key() + u'=' + it.value().toString();
        if (parts.isEmpty())
            return Error::make(
                Error::Kind::InvalidRequest,
                u"invalid service '%1': Service is defined without a selector"_s.arg(objectName));
        return parts.join(u',');
    }
    return labelSelector(spec.value(u"selector"_s).toObject());
}

Result<QJsonObject> PodLookup::resolve(const QString &ns, const QString &target, QString *note)
{
    if (!target.contains(u'/'))
        return pod(ns, target);
    const QString type = target.section(u'/', 0, 0);
    const QString objectName = target.section(u'/', 1);
    const std::optional<Kind> kind = kindFor(type);
    if (!kind)
        return Error::make(Error::Kind::NotFound,
                           u"the server doesn't have a resource type \"%1\""_s.arg(type));
    // kubectl resolves TYPE/NAME with its resource builder, which words a 404 this way.
    auto builderError = [&](const Error &e) {
        if (!e.isNotFound())
            return e;
        const QString what
            = kind->group.isEmpty() ? kind->resource : kind->resource + u'.' + kind->group;
        return Error::make(
            Error::Kind::NotFound,
            u"error from server (NotFound): %1 \"%2\" not found in namespace \"%3\""_s.arg(
                what, objectName, ns));
    };
    if (kind->resource == u"pods") {
        const Result<QJsonObject> p = pod(ns, objectName);
        return p ? p : Result<QJsonObject>(builderError(p.error()));
    }
    const Result<QString> selector = selectorFor(ns, target);
    if (!selector)
        return builderError(selector.error());
    Result<QList<QJsonObject>> list = pods(ns, *selector);
    if (!list)
        return list.error();
    if (list->isEmpty())
        return Error::make(
            Error::Kind::NotFound,
            u"no pods found for %1/%2 (selector %3)"_s.arg(type, objectName, *selector));
    // kubectl's podutils.ByLogging: assigned, running before unknown before pending, ready,
    // ready for longer, more restarts, older.
    std::stable_sort(list->begin(), list->end(), [](const QJsonObject &a, const QJsonObject &b) {
        const bool assignedA
            = !a.value(u"spec"_s).toObject().value(u"nodeName"_s).toString().isEmpty();
        const bool assignedB
            = !b.value(u"spec"_s).toObject().value(u"nodeName"_s).toString().isEmpty();
        if (assignedA != assignedB)
            return assignedA;
        if (phaseRank(a) != phaseRank(b))
            return phaseRank(a) < phaseRank(b);
        if (isReady(a) != isReady(b))
            return isReady(a);
        const QString readyA = readySince(a);
        const QString readyB = readySince(b);
        if (readyA != readyB)
            return !readyA.isEmpty() && (readyB.isEmpty() || readyA < readyB);
        if (restarts(a) != restarts(b))
            return restarts(a) > restarts(b);
        const QString createdA
            = a.value(u"metadata"_s).toObject().value(u"creationTimestamp"_s).toString();
        const QString createdB
            = b.value(u"metadata"_s).toObject().value(u"creationTimestamp"_s).toString();
        return !createdA.isEmpty() && (createdB.isEmpty() || createdA < createdB);
    });
    if (list->size() > 1 && note)
        *note = u"Found %1 pods, using pod/%2"_s.arg(list->size()).arg(name(list->first()));
    return list->first();
}

QStringList PodLookup::containerNames(const QJsonObject &pod)
{
    QStringList names;
    for (const QJsonValue &c : pod.value(u"spec"_s).toObject().value(u"containers"_s).toArray())
        names << c.toObject().value(u"name"_s).toString();
    return names;
}

QStringList PodLookup::allContainerNames(const QJsonObject &pod, bool withInit)
{
    QStringList names;
    if (withInit) {
        for (const QJsonValue &c :
             pod.value(u"spec"_s).toObject().value(u"initContainers"_s).toArray())
            names << c.toObject().value(u"name"_s).toString();
    }
    return names + containerNames(pod);
}

QString PodLookup::defaultContainer(const QJsonObject &pod, QString *note)
{
    const QStringList names = containerNames(pod);
    if (names.size() <= 1)
        return names.value(0);
    const QString annotated = pod.value(u"metadata"_s)
                                  .toObject()
                                  .value(u"annotations"_s)
                                  .toObject()
                                  .value(u"kubectl.kubernetes.io/default-container"_s)
                                  .toString();
    if (names.contains(annotated))
        return annotated;
    if (note) {
        QStringList shown = names;
        for (const QJsonValue &c :
             pod.value(u"spec"_s).toObject().value(u"initContainers"_s).toArray())
            shown << c.toObject().value(u"name"_s).toString() + u" (init)"_s;
        *note = u"Defaulted container \"%1\" out of: %2"_s.arg(names.first(), shown.join(u", "));
    }
    return names.first();
}

} // namespace kube::cli
