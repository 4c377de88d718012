#include "tableconverter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace kube::testing::detail {

namespace {

const QString NameDescription = u"Name must be unique within a namespace. Is required when "
                                "creating resources, although some resources may allow a client "
                                "to request the generation of an appropriate name automatically. "
                                "Name is primarily intended for creation idempotence and "
                                "configuration definition. Cannot be updated. More info: "
                                "https://kubernetes.io/docs/concepts/overview/working-with-objects/"
                                "names#names"_qs;
const QString CreationDescription
    = u"CreationTimestamp is a timestamp representing the server time when this object was "
      "created. It is not guaranteed to be set in happens-before order across separate "
      "operations. Clients may not set this value. It is represented in RFC3339 form and is in "
      "UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
      "https://git.k8s.io/community/contributors/devel/sig-architecture/"
      "api-conventions.md#metadata"_qs;

constexpr QLatin1StringView Marker("@@AGE:");

QJsonObject column(const QString &name,
                   const QString &type,
                   const QString &description,
                   int priority = 0,
                   const QString &format = {})
{
    return QJsonObject { { u"name"_qs, name },
                         { u"type"_qs, type },
                         { u"format"_qs, format },
                         { u"description"_qs, description },
                         { u"priority"_qs, priority } };
}

QJsonObject nameColumn()
{
    return column(u"Name"_qs, u"string"_qs, NameDescription, 0, u"name"_qs);
}
QJsonObject ageColumn()
{
    return column(u"Age"_qs, u"string"_qs, CreationDescription);
}

QString str(const QJsonObject &o, QStringView path)
{
    QJsonValue v = o;
    for (QStringView part : path.split(u'.'))
        v = v.toObject().value(part);
    if (v.isDouble())
        return QString::number(v.toInteger());
    if (v.isBool())
        return v.toBool() ? u"true"_qs : u"false"_qs;
    return v.toString();
}

QString orNone(const QString &s)
{
    return s.isEmpty() ? u"<none>"_qs : s;
}

QString creationAge(const QJsonObject &o)
{
    return TableConverter::ageMarker(str(o, u"metadata.creationTimestamp"));
}

QString labelSelectorString(const QJsonObject &selector)
{
    // metav1.FormatLabelSelector: matchLabels sorted, then expressions.
    QStringList parts;
    const QJsonObject ml = selector.value(u"matchLabels"_qs).toObject();
    for (auto it = ml.begin(); it != ml.end(); ++it)
        parts << it.key() + u'=' + it.value().toString();
    for (const auto &e : selector.value(u"matchExpressions"_qs).toArray()) {
        const QJsonObject eo = e.toObject();
        const QString op = eo.value(u"operator"_qs).toString();
        QStringList values;
        for (const auto &v : eo.value(u"values"_qs).toArray())
            values << v.toString();
        if (op == u"In")
            parts << eo.value(u"key"_qs).toString() + u" in ("_qs + values.join(u',') + u')';
        else if (op == u"NotIn")
            parts << eo.value(u"key"_qs).toString() + u" notin ("_qs + values.join(u',') + u')';
        else if (op == u"Exists")
            parts << eo.value(u"key"_qs).toString();
        else
            parts << u'!' + eo.value(u"key"_qs).toString();
    }
    return parts.isEmpty() ? u"<none>"_qs : parts.join(u',');
}

QString mapSelectorString(const QJsonObject &selector)
{
    QStringList parts;
    for (auto it = selector.begin(); it != selector.end(); ++it)
        parts << it.key() + u'=' + it.value().toString();
    return parts.isEmpty() ? u"<none>"_qs : parts.join(u',');
}

void containersAndImages(const QJsonObject &podSpec, QString *names, QString *images)
{
    QStringList n, i;
    for (const auto &c : podSpec.value(u"containers"_qs).toArray()) {
        n << c.toObject().value(u"name"_qs).toString();
        i << c.toObject().value(u"image"_qs).toString();
    }
    *names = n.join(u',');
    *images = i.join(u',');
}

QJsonArray podCells(const QJsonObject &pod)
{
    // printPod in pkg/printers/internalversion/printers.go.
    const QJsonObject spec = pod.value(u"spec"_qs).toObject();
    const QJsonObject status = pod.value(u"status"_qs).toObject();
    int restarts = 0;
    int totalContainers = spec.value(u"containers"_qs).toArray().size();
    int readyContainers = 0;
    QDateTime lastRestart;
    QString reason = status.value(u"phase"_qs).toString();
    if (!status.value(u"reason"_qs).toString().isEmpty())
        reason = status.value(u"reason"_qs).toString();

    auto noteRestart = [&](const QJsonObject &cs) {
        const QString finished = cs.value(u"lastState"_qs)
                                     .toObject()
                                     .value(u"terminated"_qs)
                                     .toObject()
                                     .value(u"finishedAt"_qs)
                                     .toString();
        if (!finished.isEmpty()) {
            const QDateTime t = QDateTime::fromString(finished, Qt::ISODate);
            if (!lastRestart.isValid() || t > lastRestart)
                lastRestart = t;
        }
    };

    bool initializing = false;
    const QJsonArray initStatuses = status.value(u"initContainerStatuses"_qs).toArray();
    for (qsizetype i = 0; i < initStatuses.size(); ++i) {
        const QJsonObject cs = initStatuses.at(i).toObject();
        restarts += cs.value(u"restartCount"_qs).toInt();
        noteRestart(cs);
        const QJsonObject state = cs.value(u"state"_qs).toObject();
        const QJsonObject term = state.value(u"terminated"_qs).toObject();
        const QJsonObject waiting = state.value(u"waiting"_qs).toObject();
        if (state.contains(u"terminated"_qs) && term.value(u"exitCode"_qs).toInt() == 0)
            continue;
        if (state.contains(u"terminated"_qs)) {
            reason = term.value(u"reason"_qs).toString().isEmpty()
                ? u"Init:ExitCode:%1"_qs.arg(term.value(u"exitCode"_qs).toInt())
                : u"Init:"_qs + term.value(u"reason"_qs).toString();
        } else if (!waiting.value(u"reason"_qs).toString().isEmpty()
                   && waiting.value(u"reason"_qs).toString() != u"PodInitializing") {
            reason = u"Init:"_qs + waiting.value(u"reason"_qs).toString();
        } else {
            reason = u"Init:%1/%2"_qs.arg(i).arg(spec.value(u"initContainers"_qs).toArray().size());
        }
        initializing = true;
        break;
    }

    if (!initializing) {
        restarts = 0;
        bool hasRunning = false;
        const QJsonArray statuses = status.value(u"containerStatuses"_qs).toArray();
        for (qsizetype i = statuses.size() - 1; i >= 0; --i) {
            const QJsonObject cs = statuses.at(i).toObject();
            restarts += cs.value(u"restartCount"_qs).toInt();
            noteRestart(cs);
            const QJsonObject state = cs.value(u"state"_qs).toObject();
            const QJsonObject waiting = state.value(u"waiting"_qs).toObject();
            const QJsonObject term = state.value(u"terminated"_qs).toObject();
            if (!waiting.value(u"reason"_qs).toString().isEmpty()) {
                reason = waiting.value(u"reason"_qs).toString();
            } else if (state.contains(u"terminated"_qs)
                       && !term.value(u"reason"_qs).toString().isEmpty()) {
                reason = term.value(u"reason"_qs).toString();
            } else if (state.contains(u"terminated"_qs)) {
                reason = term.value(u"signal"_qs).toInt() != 0
                    ? u"Signal:%1"_qs.arg(term.value(u"signal"_qs).toInt())
                    : u"ExitCode:%1"_qs.arg(term.value(u"exitCode"_qs).toInt());
            } else if (cs.value(u"ready"_qs).toBool() && state.contains(u"running"_qs)) {
                hasRunning = true;
                ++readyContainers;
            }
        }
        if (reason == u"Completed" && hasRunning) {
            reason = u"NotReady"_qs;
            for (const auto &c : status.value(u"conditions"_qs).toArray()) {
                const QJsonObject co = c.toObject();
                if (co.value(u"type"_qs).toString() == u"Ready"
                    && co.value(u"status"_qs).toString() == u"True")
                    reason = u"Running"_qs;
            }
        }
    }
    const QJsonObject meta = pod.value(u"metadata"_qs).toObject();
    if (meta.contains(u"deletionTimestamp"_qs)) {
        reason = status.value(u"reason"_qs).toString() == u"NodeLost" ? u"Unknown"_qs
                                                                      : u"Terminating"_qs;
    }

    QString restartsText = QString::number(restarts);
    if (restarts != 0 && lastRestart.isValid())
        restartsText = u"%1 (%2 ago)"_qs.arg(restarts).arg(
            TableConverter::ageMarker(lastRestart.toString(Qt::ISODate)));

    QString readinessGates = u"<none>"_qs;
    const QJsonArray gates = spec.value(u"readinessGates"_qs).toArray();
    if (!gates.isEmpty()) {
        int trueGates = 0;
        for (const auto &g : gates) {
            const QString type = g.toObject().value(u"conditionType"_qs).toString();
            for (const auto &c : status.value(u"conditions"_qs).toArray()) {
                if (c.toObject().value(u"type"_qs).toString() == type
                    && c.toObject().value(u"status"_qs).toString() == u"True")
                    ++trueGates;
            }
        }
        readinessGates = u"%1/%2"_qs.arg(trueGates).arg(gates.size());
    }

    return QJsonArray { meta.value(u"name"_qs).toString(),
                        u"%1/%2"_qs.arg(readyContainers).arg(totalContainers),
                        reason,
                        restartsText,
                        creationAge(pod),
                        orNone(status.value(u"podIP"_qs).toString()),
                        orNone(spec.value(u"nodeName"_qs).toString()),
                        orNone(status.value(u"nominatedNodeName"_qs).toString()),
                        readinessGates };
}

QJsonArray nodeCells(const QJsonObject &node)
{
    const QJsonObject status = node.value(u"status"_qs).toObject();
    QStringList conditions;
    for (const auto &c : status.value(u"conditions"_qs).toArray()) {
        const QJsonObject co = c.toObject();
        if (co.value(u"type"_qs).toString() == u"Ready")
            conditions << (co.value(u"status"_qs).toString() == u"True" ? u"Ready"_qs
                                                                        : u"NotReady"_qs);
    }
    if (conditions.isEmpty())
        conditions << u"Unknown"_qs;
    if (node.value(u"spec"_qs).toObject().value(u"unschedulable"_qs).toBool())
        conditions << u"SchedulingDisabled"_qs;
    QStringList roles;
    const QJsonObject labels = node.value(u"metadata"_qs).toObject().value(u"labels"_qs).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (it.key().startsWith(u"node-role.kubernetes.io/"))
            roles << it.key().mid(24);
    }
    QString internalIp, externalIp;
    for (const auto &a : status.value(u"addresses"_qs).toArray()) {
        const QJsonObject ao = a.toObject();
        if (ao.value(u"type"_qs).toString() == u"InternalIP" && internalIp.isEmpty())
            internalIp = ao.value(u"address"_qs).toString();
        if (ao.value(u"type"_qs).toString() == u"ExternalIP" && externalIp.isEmpty())
            externalIp = ao.value(u"address"_qs).toString();
    }
    const QJsonObject info = status.value(u"nodeInfo"_qs).toObject();
    return QJsonArray { str(node, u"metadata.name"),
                        conditions.join(u','),
                        roles.isEmpty() ? u"<none>"_qs : roles.join(u','),
                        creationAge(node),
                        info.value(u"kubeletVersion"_qs).toString(),
                        orNone(internalIp),
                        orNone(externalIp),
                        info.value(u"osImage"_qs).toString(),
                        info.value(u"kernelVersion"_qs).toString(),
                        info.value(u"containerRuntimeVersion"_qs).toString() };
}

QJsonArray serviceCells(const QJsonObject &svc)
{
    const QJsonObject spec = svc.value(u"spec"_qs).toObject();
    const QString type = spec.value(u"type"_qs).toString(u"ClusterIP"_qs);
    QStringList external;
    for (const auto &ip : spec.value(u"externalIPs"_qs).toArray())
        external << ip.toString();
    for (const auto &ing : svc.value(u"status"_qs)
                               .toObject()
                               .value(u"loadBalancer"_qs)
                               .toObject()
                               .value(u"ingress"_qs)
                               .toArray()) {
        const QJsonObject io = ing.toObject();
        external << (io.value(u"ip"_qs).toString().isEmpty() ? io.value(u"hostname"_qs).toString()
                                                             : io.value(u"ip"_qs).toString());
    }
    QString externalText = external.join(u',');
    if (externalText.isEmpty())
        externalText = type == u"LoadBalancer" ? u"<pending>"_qs : u"<none>"_qs;
    if (type == u"ExternalName")
        externalText = spec.value(u"externalName"_qs).toString();
    QStringList ports;
    for (const auto &p : spec.value(u"ports"_qs).toArray()) {
        const QJsonObject po = p.toObject();
        QString s = QString::number(po.value(u"port"_qs).toInt());
        if (po.contains(u"nodePort"_qs))
            s += u':' + QString::number(po.value(u"nodePort"_qs).toInt());
        s += u'/' + po.value(u"protocol"_qs).toString(u"TCP"_qs);
        ports << s;
    }
    return QJsonArray { str(svc, u"metadata.name"),
                        type,
                        spec.value(u"clusterIP"_qs).toString(u"None"_qs),
                        externalText,
                        ports.isEmpty() ? u"<none>"_qs : ports.join(u','),
                        creationAge(svc),
                        mapSelectorString(spec.value(u"selector"_qs).toObject()) };
}

QJsonArray eventCells(const QJsonObject &ev)
{
    const QJsonObject involved = ev.value(u"involvedObject"_qs).toObject();
    QString firstSeen = ev.value(u"firstTimestamp"_qs).toString();
    QString lastSeen = ev.value(u"lastTimestamp"_qs).toString();
    if (lastSeen.isEmpty())
        lastSeen = ev.value(u"eventTime"_qs).toString();
    if (firstSeen.isEmpty())
        firstSeen = lastSeen;
    const QJsonObject source = ev.value(u"source"_qs).toObject();
    QString sourceText = source.value(u"component"_qs).toString();
    if (!source.value(u"host"_qs).toString().isEmpty())
        sourceText += u", "_qs + source.value(u"host"_qs).toString();
    return QJsonArray { TableConverter::ageMarker(lastSeen),
                        ev.value(u"type"_qs).toString(),
                        ev.value(u"reason"_qs).toString(),
                        involved.value(u"kind"_qs).toString().toLower() + u'/'
                            + involved.value(u"name"_qs).toString(),
                        involved.value(u"fieldPath"_qs).toString(),
                        sourceText,
                        ev.value(u"message"_qs).toString().trimmed(),
                        TableConverter::ageMarker(firstSeen),
                        qMax<qint64>(1, ev.value(u"count"_qs).toInteger()),
                        str(ev, u"metadata.name") };
}

QJsonValue jsonPathValue(const QJsonObject &object, const QString &jsonPath)
{
    // The simple dotted paths CRDs use (.spec.replicas, .status.conditions[0].type).
    QJsonValue v = object;
    const QStringList parts = jsonPath.mid(jsonPath.startsWith(u'.') ? 1 : 0).split(u'.');
    for (QString part : parts) {
        int index = -1;
        const qsizetype bracket = part.indexOf(u'[');
        if (bracket >= 0) {
            index = part.mid(bracket + 1, part.indexOf(u']') - bracket - 1).toInt();
            part = part.left(bracket);
        }
        v = v.toObject().value(part);
        if (index >= 0)
            v = v.toArray().at(index);
        if (v.isUndefined())
            return QJsonValue();
    }
    return v;
}

} // namespace

QString TableConverter::ageMarker(const QString &rfc3339)
{
    const QDateTime t = QDateTime::fromString(rfc3339, Qt::ISODate);
    if (!t.isValid())
        return u"<unknown>"_qs;
    return Marker + QString::number(t.toMSecsSinceEpoch()) + u"@@"_qs;
}

QString TableConverter::humanDuration(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds < -1)
        return u"<invalid>"_qs;
    if (seconds < 0)
        return u"0s"_qs;
    if (seconds < 60 * 2)
        return u"%1s"_qs.arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 10) {
        const qint64 s = seconds % 60;
        return s == 0 ? u"%1m"_qs.arg(minutes) : u"%1m%2s"_qs.arg(minutes).arg(s);
    }
    if (minutes < 60 * 3)
        return u"%1m"_qs.arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 8) {
        const qint64 m = minutes % 60;
        return m == 0 ? u"%1h"_qs.arg(hours) : u"%1h%2m"_qs.arg(hours).arg(m);
    }
    if (hours < 48)
        return u"%1h"_qs.arg(hours);
    if (hours < 24 * 8) {
        const qint64 h = hours % 24;
        return h == 0 ? u"%1d"_qs.arg(hours / 24) : u"%1d%2h"_qs.arg(hours / 24).arg(h);
    }
    if (hours < 24 * 365 * 2)
        return u"%1d"_qs.arg(hours / 24);
    if (hours < 24 * 365 * 8) {
        const qint64 dy = (hours / 24) % 365;
        return dy == 0 ? u"%1y"_qs.arg(hours / 24 / 365)
                       : u"%1y%2d"_qs.arg(hours / 24 / 365).arg(dy);
    }
    return u"%1y"_qs.arg(hours / 24 / 365);
}

QByteArray TableConverter::resolveAges(const QByteArray &bytes, qint64 nowMs)
{
    const QByteArray marker = QByteArray(Marker.data(), Marker.size());
    qsizetype pos = bytes.indexOf(marker);
    if (pos < 0)
        return bytes;
    QByteArray out;
    out.reserve(bytes.size());
    qsizetype from = 0;
    while (pos >= 0) {
        const qsizetype end = bytes.indexOf("@@", pos + marker.size());
        if (end < 0)
            break;
        out.append(bytes.constData() + from, pos - from);
        const qint64 t
            = QByteArray(bytes.constData() + pos + marker.size(), end - pos - marker.size())
                  .toLongLong();
        out.append(humanDuration(nowMs - t).toLatin1());
        from = end + 2;
        pos = bytes.indexOf(marker, from);
    }
    out.append(bytes.constData() + from, bytes.size() - from);
    return out;
}

QByteArray TableConverter::columnDefinitions(const FakeResource &r)
{
    const QString containersDesc = u"Names of each container in the template."_qs;
    const QString imagesDesc = u"Images referenced by each container in the template."_qs;
    const QString selectorDesc
        = u"Label selector for pods. Existing ReplicaSets whose pods are "
          "selected by this will be the ones affected by this deployment."_qs;
    QJsonArray cols;
    const bool core = r.group.isEmpty();
    const bool apps = r.group == u"apps";
    if (core && r.resource == u"pods") {
        cols = { nameColumn(),
                 column(u"Ready"_qs, u"string"_qs,
                        u"The aggregate readiness state of this pod for accepting traffic."_qs),
                 column(u"Status"_qs, u"string"_qs,
                        u"The aggregate status of the containers in this pod."_qs),
                 column(u"Restarts"_qs, u"string"_qs,
                        u"The number of times the containers in this pod have been restarted and "
                        "when the last container in this pod has restarted."_qs),
                 ageColumn(),
                 column(u"IP"_qs, u"string"_qs,
                        u"podIP address allocated to the pod. Routable at least within the "
                        "cluster. Empty if not yet allocated."_qs,
                        1),
                 column(u"Node"_qs, u"string"_qs,
                        u"NodeName indicates in which node this pod is scheduled. If empty, this "
                        "pod is a candidate for scheduling by the scheduler defined in "
                        "schedulerName. Once this field is set, the kubelet for this node "
                        "becomes responsible for the lifecycle of this pod. This field should not "
                        "be used to express a desire for the pod to be scheduled on a specific "
                        "node. https://kubernetes.io/docs/concepts/scheduling-eviction/"
                        "assign-pod-node/#nodename"_qs,
                        1),
                 column(u"Nominated Node"_qs, u"string"_qs,
                        u"nominatedNodeName is set only when this pod preempts other pods on the "
                        "node, but it cannot be scheduled right away as preemption victims "
                        "receive their graceful termination periods. This field does not "
                        "guarantee that the pod will be scheduled on this node. Scheduler may "
                        "decide to place the pod elsewhere if other nodes become available "
                        "sooner. Scheduler may also decide to give the resources on this node to "
                        "a higher priority pod that is created after preemption. As a result, "
                        "this field may be different than PodSpec.nodeName when the pod is "
                        "scheduled."_qs,
                        1),
                 column(u"Readiness Gates"_qs, u"string"_qs,
                        u"If specified, all readiness gates will be evaluated for pod readiness. "
                        "A pod is ready when all its containers are ready AND all conditions "
                        "specified in the readiness gates have status equal to \"True\" More "
                        "info: https://git.k8s.io/enhancements/keps/sig-network/"
                        "580-pod-readiness-gates"_qs,
                        1) };
    } else if (apps && r.resource == u"deployments") {
        cols = { nameColumn(),
                 column(u"Ready"_qs, u"string"_qs, u"Number of the pod with ready state"_qs),
                 column(u"Up-to-date"_qs, u"string"_qs,
                        u"Total number of non-terminated pods targeted by this deployment that "
                        "have the desired template spec."_qs),
                 column(u"Available"_qs, u"string"_qs,
                        u"Total number of available pods (ready for at least minReadySeconds) "
                        "targeted by this deployment."_qs),
                 ageColumn(),
                 column(u"Containers"_qs, u"string"_qs, containersDesc, 1),
                 column(u"Images"_qs, u"string"_qs, imagesDesc, 1),
                 column(u"Selector"_qs, u"string"_qs, selectorDesc, 1) };
    } else if (apps && r.resource == u"replicasets") {
        cols = { nameColumn(),
                 column(u"Desired"_qs, u"integer"_qs,
                        u"Replicas is the number of desired pods. This is a pointer to "
                        "distinguish between explicit zero and unspecified. Defaults to 1. More "
                        "info: https://kubernetes.io/docs/concepts/workloads/controllers/"
                        "replicaset"_qs),
                 column(u"Current"_qs, u"integer"_qs,
                        u"Replicas is the most recently observed number of non-terminating pods. "
                        "More info: https://kubernetes.io/docs/concepts/workloads/controllers/"
                        "replicaset"_qs),
                 column(u"Ready"_qs, u"integer"_qs,
                        u"The number of non-terminating pods targeted by this ReplicaSet with a "
                        "Ready Condition."_qs),
                 ageColumn(),
                 column(u"Containers"_qs, u"string"_qs, containersDesc, 1),
                 column(u"Images"_qs, u"string"_qs, imagesDesc, 1),
                 column(u"Selector"_qs, u"string"_qs, selectorDesc, 1) };
    } else if (apps && r.resource == u"statefulsets") {
        cols = { nameColumn(),
                 column(u"Ready"_qs, u"string"_qs, u"Number of the pod with ready state"_qs),
                 ageColumn(), column(u"Containers"_qs, u"string"_qs, containersDesc, 1),
                 column(u"Images"_qs, u"string"_qs, imagesDesc, 1) };
    } else if (apps && r.resource == u"daemonsets") {
        cols = { nameColumn(),
                 column(u"Desired"_qs, u"integer"_qs,
                        u"The total number of nodes that should be running the daemon pod "
                        "(including nodes correctly running the daemon pod)."_qs),
                 column(u"Current"_qs, u"integer"_qs,
                        u"The number of nodes that are running at least 1 daemon pod and are "
                        "supposed to run the daemon pod."_qs),
                 column(u"Ready"_qs, u"integer"_qs,
                        u"numberReady is the number of nodes that should be running the daemon "
                        "pod and have one or more of the daemon pod running with a Ready "
                        "Condition."_qs),
                 column(u"Up-to-date"_qs, u"integer"_qs,
                        u"The total number of nodes that are running updated daemon pod"_qs),
                 column(u"Available"_qs, u"integer"_qs,
                        u"The number of nodes that should be running the daemon pod and have one "
                        "or more of the daemon pod running and available (ready for at least "
                        "spec.minReadySeconds)"_qs),
                 column(u"Node Selector"_qs, u"string"_qs,
                        u"NodeSelector is a selector which must be true for the pod to fit on a "
                        "node. Selector which must match a node's labels for the pod to be "
                        "scheduled on that node. More info: https://kubernetes.io/docs/concepts/"
                        "configuration/assign-pod-node/"_qs),
                 ageColumn(),
                 column(u"Containers"_qs, u"string"_qs, containersDesc, 1),
                 column(u"Images"_qs, u"string"_qs, imagesDesc, 1),
                 column(u"Selector"_qs, u"string"_qs, selectorDesc, 1) };
    } else if (core && r.resource == u"services") {
        cols = { nameColumn(),
                 column(u"Type"_qs, u"string"_qs,
                        u"type determines how the Service is exposed. Defaults to ClusterIP."_qs),
                 column(u"Cluster-IP"_qs, u"string"_qs,
                        u"clusterIP is the IP address of the service and is usually assigned "
                        "randomly."_qs),
                 column(u"External-IP"_qs, u"string"_qs,
                        u"externalIPs is a list of IP addresses for which nodes in the cluster "
                        "will also accept traffic for this service."_qs),
                 column(u"Port(s)"_qs, u"string"_qs,
                        u"The list of ports that are exposed by this service. More info: "
                        "https://kubernetes.io/docs/concepts/services-networking/service/"
                        "#virtual-ips-and-service-proxies"_qs),
                 ageColumn(),
                 column(u"Selector"_qs, u"string"_qs,
                        u"Route service traffic to pods with label keys and values matching this "
                        "selector."_qs,
                        1) };
    } else if (core && r.resource == u"nodes") {
        cols = { nameColumn(),
                 column(u"Status"_qs, u"string"_qs, u"The status of the node"_qs),
                 column(u"Roles"_qs, u"string"_qs, u"The roles of the node"_qs),
                 ageColumn(),
                 column(u"Version"_qs, u"string"_qs, u"Kubelet Version reported by the node."_qs),
                 column(u"Internal-IP"_qs, u"string"_qs,
                        u"List of addresses reachable to the node. Queried from cloud provider, if "
                        "available."_qs,
                        1),
                 column(u"External-IP"_qs, u"string"_qs,
                        u"List of addresses reachable to the node. Queried from cloud provider, if "
                        "available."_qs,
                        1),
                 column(u"OS-Image"_qs, u"string"_qs,
                        u"OS Image reported by the node from /etc/os-release (e.g. Debian "
                        "GNU/Linux 7 (wheezy))."_qs,
                        1),
                 column(u"Kernel-Version"_qs, u"string"_qs,
                        u"Kernel Version reported by the node from 'uname -r' (e.g. "
                        "3.16.0-0.bpo.4-amd64)."_qs,
                        1),
                 column(u"Container-Runtime"_qs, u"string"_qs,
                        u"ContainerRuntime Version reported by the node through runtime remote "
                        "API (e.g. containerd://1.4.2)."_qs,
                        1) };
    } else if (core && r.resource == u"namespaces") {
        cols
            = { nameColumn(), column(u"Status"_qs, u"string"_qs, u"The status of the namespace"_qs),
                ageColumn() };
    } else if (core && r.resource == u"configmaps") {
        cols = { nameColumn(),
                 column(u"Data"_qs, u"string"_qs,
                        u"Data contains the configuration data. Each key must consist of "
                        "alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte "
                        "sequences must use the BinaryData field. The keys stored in Data must "
                        "not overlap with the keys in the BinaryData field, this is enforced "
                        "during validation process."_qs),
                 ageColumn() };
    } else if (core && r.resource == u"secrets") {
        cols = { nameColumn(),
                 column(u"Type"_qs, u"string"_qs,
                        u"Used to facilitate programmatic handling of secret data. More info: "
                        "https://kubernetes.io/docs/concepts/configuration/secret/"
                        "#secret-types"_qs),
                 column(u"Data"_qs, u"string"_qs,
                        u"Data contains the secret data. Each key must consist of alphanumeric "
                        "characters, '-', '_' or '.'. The serialized form of the secret data is "
                        "a base64 encoded string, representing the arbitrary (possibly non-string) "
                        "data value here. Described in https://tools.ietf.org/html/rfc4648"
                        "#section-4"_qs),
                 ageColumn() };
    } else if (core && r.resource == u"serviceaccounts") {
        cols = { nameColumn(),
                 column(u"Secrets"_qs, u"string"_qs,
                        u"Secrets is a list of the secrets in the same namespace that pods "
                        "running using this ServiceAccount are allowed to use."_qs),
                 ageColumn() };
    } else if ((core || r.group == u"events.k8s.io") && r.resource == u"events") {
        cols = { column(u"Last Seen"_qs, u"string"_qs,
                        u"The time at which the most recent occurrence of this event was "
                        "recorded."_qs),
                 column(u"Type"_qs, u"string"_qs,
                        u"Type of this event (Normal, Warning), new types could be added in the "
                        "future"_qs),
                 column(u"Reason"_qs, u"string"_qs,
                        u"This should be a short, machine understandable string that gives the "
                        "reason for the transition into the object's current status."_qs),
                 column(u"Object"_qs, u"string"_qs, u"The object that this event is about."_qs),
                 column(u"Subobject"_qs, u"string"_qs,
                        u"If the event is about a specific sub-object of the involved object, "
                        "the path to it."_qs,
                        1),
                 column(u"Source"_qs, u"string"_qs,
                        u"The component reporting this event. Should be a short machine "
                        "understandable string."_qs,
                        1),
                 column(u"Message"_qs, u"string"_qs,
                        u"A human-readable description of the status of this operation."_qs),
                 column(u"First Seen"_qs, u"string"_qs,
                        u"The time at which the event was first recorded. (Time of server "
                        "receipt is in TypeMeta.)"_qs,
                        1),
                 column(u"Count"_qs, u"string"_qs,
                        u"The number of times this event has occurred."_qs, 1),
                 column(u"Name"_qs, u"string"_qs, NameDescription, 1, u"name"_qs) };
    } else if (!r.additionalPrinterColumns.isEmpty() || r.isCustomResource) {
        cols.append(nameColumn());
        QJsonArray printer = r.additionalPrinterColumns;
        if (printer.isEmpty())
            printer.append(QJsonObject { { u"name"_qs, u"Age"_qs },
                                         { u"type"_qs, u"date"_qs },
                                         { u"jsonPath"_qs, u".metadata.creationTimestamp"_qs } });
        for (const auto &c : printer) {
            const QJsonObject co = c.toObject();
            QString desc = co.value(u"description"_qs).toString();
            if (desc.isEmpty())
                desc = u"Custom resource definition column (in JSONPath format): "_qs
                    + co.value(u"jsonPath"_qs).toString();
            cols.append(column(co.value(u"name"_qs).toString(), co.value(u"type"_qs).toString(),
                               desc, co.value(u"priority"_qs).toInt(),
                               co.value(u"format"_qs).toString()));
        }
    } else {
        cols = { nameColumn(), column(u"Created At"_qs, u"date"_qs, CreationDescription) };
    }
    return QJsonDocument(cols).toJson(QJsonDocument::Compact);
}

QByteArray TableConverter::cells(const FakeResource &r, const QJsonObject &o)
{
    QJsonArray cells;
    const bool core = r.group.isEmpty();
    const bool apps = r.group == u"apps";
    const QJsonObject spec = o.value(u"spec"_qs).toObject();
    const QJsonObject status = o.value(u"status"_qs).toObject();
    const QString name = str(o, u"metadata.name");
    if (core && r.resource == u"pods") {
        cells = podCells(o);
    } else if (apps
               && (r.resource == u"deployments" || r.resource == u"replicasets"
                   || r.resource == u"statefulsets" || r.resource == u"daemonsets")) {
        QString containers, images;
        containersAndImages(spec.value(u"template"_qs).toObject().value(u"spec"_qs).toObject(),
                            &containers, &images);
        const QString selector = labelSelectorString(spec.value(u"selector"_qs).toObject());
        if (r.resource == u"deployments") {
            cells = { name,
                      u"%1/%2"_qs.arg(status.value(u"readyReplicas"_qs).toInt())
                          .arg(spec.value(u"replicas"_qs).toInt(1)),
                      status.value(u"updatedReplicas"_qs).toInt(),
                      status.value(u"availableReplicas"_qs).toInt(),
                      creationAge(o),
                      containers,
                      images,
                      selector };
        } else if (r.resource == u"replicasets") {
            cells = { name,
                      spec.value(u"replicas"_qs).toInt(1),
                      status.value(u"replicas"_qs).toInt(),
                      status.value(u"readyReplicas"_qs).toInt(),
                      creationAge(o),
                      containers,
                      images,
                      selector };
        } else if (r.resource == u"statefulsets") {
            cells = { name,
                      u"%1/%2"_qs.arg(status.value(u"readyReplicas"_qs).toInt())
                          .arg(spec.value(u"replicas"_qs).toInt(1)),
                      creationAge(o), containers, images };
        } else {
            cells = { name,
                      status.value(u"desiredNumberScheduled"_qs).toInt(),
                      status.value(u"currentNumberScheduled"_qs).toInt(),
                      status.value(u"numberReady"_qs).toInt(),
                      status.value(u"updatedNumberScheduled"_qs).toInt(),
                      status.value(u"numberAvailable"_qs).toInt(),
                      mapSelectorString(spec.value(u"template"_qs)
                                            .toObject()
                                            .value(u"spec"_qs)
                                            .toObject()
                                            .value(u"nodeSelector"_qs)
                                            .toObject()),
                      creationAge(o),
                      containers,
                      images,
                      selector };
        }
    } else if (core && r.resource == u"services") {
        cells = serviceCells(o);
    } else if (core && r.resource == u"nodes") {
        cells = nodeCells(o);
    } else if (core && r.resource == u"namespaces") {
        cells = { name, status.value(u"phase"_qs).toString(), creationAge(o) };
    } else if (core && r.resource == u"configmaps") {
        cells
            = { name,
                o.value(u"data"_qs).toObject().size() + o.value(u"binaryData"_qs).toObject().size(),
                creationAge(o) };
    } else if (core && r.resource == u"secrets") {
        cells = { name, o.value(u"type"_qs).toString(), o.value(u"data"_qs).toObject().size(),
                  creationAge(o) };
    } else if (core && r.resource == u"serviceaccounts") {
        cells = { name, o.value(u"secrets"_qs).toArray().size(), creationAge(o) };
    } else if ((core || r.group == u"events.k8s.io") && r.resource == u"events") {
        cells = eventCells(o);
    } else if (!r.additionalPrinterColumns.isEmpty() || r.isCustomResource) {
        cells.append(name);
        QJsonArray printer = r.additionalPrinterColumns;
        if (printer.isEmpty())
            printer.append(QJsonObject { { u"name"_qs, u"Age"_qs },
                                         { u"type"_qs, u"date"_qs },
                                         { u"jsonPath"_qs, u".metadata.creationTimestamp"_qs } });
        for (const auto &c : printer) {
            const QJsonValue v = jsonPathValue(o, c.toObject().value(u"jsonPath"_qs).toString());
            // apiextensions' table convertor shows date columns as ages.
            if (c.toObject().value(u"type"_qs).toString() == u"date")
                cells.append(v.isString() ? ageMarker(v.toString()) : u"<unknown>"_qs);
            else
                cells.append(v.isUndefined() ? QJsonValue() : v);
        }
    } else {
        cells = { name, str(o, u"metadata.creationTimestamp") };
    }
    return QJsonDocument(cells).toJson(QJsonDocument::Compact);
}

} // namespace kube::testing::detail
