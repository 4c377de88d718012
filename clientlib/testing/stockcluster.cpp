#include "stockcluster.h"

#include "bytetemplate.h"
#include "tableconverter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>

#include <array>
#include <optional>

namespace kube::testing::detail {

namespace {

const QStringList AllVerbs { u"create"_qs, u"delete"_qs, u"deletecollection"_qs, u"get"_qs,
                             u"list"_qs,   u"patch"_qs,  u"update"_qs,           u"watch"_qs };
const QStringList NoCollectionVerbs { u"create"_qs, u"delete"_qs, u"get"_qs,  u"list"_qs,
                                      u"patch"_qs,  u"update"_qs, u"watch"_qs };
const QStringList CreateOnly { u"create"_qs };
const QStringList GetList { u"get"_qs, u"list"_qs };

FakeResource res(const QString &group,
                 const QString &version,
                 const QString &resource,
                 const QString &singular,
                 const QString &kind,
                 bool namespaced,
                 const QStringList &verbs = AllVerbs,
                 const QStringList &shortNames = {},
                 const QStringList &categories = {},
                 const QStringList &subresources = {},
                 bool preferred = true)
{
    FakeResource r;
    r.group = group;
    r.version = version;
    r.resource = resource;
    r.singular = singular;
    r.kind = kind;
    r.namespaced = namespaced;
    r.verbs = verbs;
    r.shortNames = shortNames;
    r.categories = categories;
    r.subresources = subresources;
    r.preferredVersion = preferred;
    return r;
}

const QStringList All { u"all"_qs };
const QStringList Status { u"status"_qs };

} // namespace

QList<FakeResource> StockCluster::builtinResources()
{
    QList<FakeResource> l;
    const QString core;
    // core/v1
    l << res(core, u"v1"_qs, u"bindings"_qs, u"binding"_qs, u"Binding"_qs, true, CreateOnly)
      << res(core, u"v1"_qs, u"componentstatuses"_qs, u"componentstatus"_qs, u"ComponentStatus"_qs,
             false, GetList, { u"cs"_qs })
      << res(core, u"v1"_qs, u"configmaps"_qs, u"configmap"_qs, u"ConfigMap"_qs, true, AllVerbs,
             { u"cm"_qs })
      << res(core, u"v1"_qs, u"endpoints"_qs, u"endpoints"_qs, u"Endpoints"_qs, true, AllVerbs,
             { u"ep"_qs })
      << res(core, u"v1"_qs, u"events"_qs, u"event"_qs, u"Event"_qs, true, AllVerbs, { u"ev"_qs })
      << res(core, u"v1"_qs, u"limitranges"_qs, u"limitrange"_qs, u"LimitRange"_qs, true, AllVerbs,
             { u"limits"_qs })
      << res(core, u"v1"_qs, u"namespaces"_qs, u"namespace"_qs, u"Namespace"_qs, false,
             NoCollectionVerbs, { u"ns"_qs }, {}, { u"finalize"_qs, u"status"_qs })
      << res(core, u"v1"_qs, u"nodes"_qs, u"node"_qs, u"Node"_qs, false, AllVerbs, { u"no"_qs }, {},
             { u"proxy"_qs, u"status"_qs })
      << res(core, u"v1"_qs, u"persistentvolumeclaims"_qs, u"persistentvolumeclaim"_qs,
             u"PersistentVolumeClaim"_qs, true, AllVerbs, { u"pvc"_qs }, {}, Status)
      << res(core, u"v1"_qs, u"persistentvolumes"_qs, u"persistentvolume"_qs,
             u"PersistentVolume"_qs, false, AllVerbs, { u"pv"_qs }, {}, Status)
      << res(core, u"v1"_qs, u"pods"_qs, u"pod"_qs, u"Pod"_qs, true, AllVerbs, { u"po"_qs }, All,
             { u"attach"_qs, u"binding"_qs, u"ephemeralcontainers"_qs, u"eviction"_qs, u"exec"_qs,
               u"log"_qs, u"portforward"_qs, u"proxy"_qs, u"resize"_qs, u"status"_qs })
      << res(core, u"v1"_qs, u"podtemplates"_qs, u"podtemplate"_qs, u"PodTemplate"_qs, true)
      << res(core, u"v1"_qs, u"replicationcontrollers"_qs, u"replicationcontroller"_qs,
             u"ReplicationController"_qs, true, AllVerbs, { u"rc"_qs }, All,
             { u"scale"_qs, u"status"_qs })
      << res(core, u"v1"_qs, u"resourcequotas"_qs, u"resourcequota"_qs, u"ResourceQuota"_qs, true,
             AllVerbs, { u"quota"_qs }, {}, Status)
      << res(core, u"v1"_qs, u"secrets"_qs, u"secret"_qs, u"Secret"_qs, true)
      << res(core, u"v1"_qs, u"serviceaccounts"_qs, u"serviceaccount"_qs, u"ServiceAccount"_qs,
             true, AllVerbs, { u"sa"_qs }, {}, { u"token"_qs })
      << res(core, u"v1"_qs, u"services"_qs, u"service"_qs, u"Service"_qs, true, AllVerbs,
             { u"svc"_qs }, All, { u"proxy"_qs, u"status"_qs });

    // Groups in kube-apiserver's priority order (what /apis lists).
    const QString reg = u"apiregistration.k8s.io"_qs;
    l << res(reg, u"v1"_qs, u"apiservices"_qs, u"apiservice"_qs, u"APIService"_qs, false, AllVerbs,
             {}, { u"api-extensions"_qs }, Status);
    const QString apps = u"apps"_qs;
    l << res(apps, u"v1"_qs, u"controllerrevisions"_qs, u"controllerrevision"_qs,
             u"ControllerRevision"_qs, true)
      << res(apps, u"v1"_qs, u"daemonsets"_qs, u"daemonset"_qs, u"DaemonSet"_qs, true, AllVerbs,
             { u"ds"_qs }, All, Status)
      << res(apps, u"v1"_qs, u"deployments"_qs, u"deployment"_qs, u"Deployment"_qs, true, AllVerbs,
             { u"deploy"_qs }, All, { u"scale"_qs, u"status"_qs })
      << res(apps, u"v1"_qs, u"replicasets"_qs, u"replicaset"_qs, u"ReplicaSet"_qs, true, AllVerbs,
             { u"rs"_qs }, All, { u"scale"_qs, u"status"_qs })
      << res(apps, u"v1"_qs, u"statefulsets"_qs, u"statefulset"_qs, u"StatefulSet"_qs, true,
             AllVerbs, { u"sts"_qs }, All, { u"scale"_qs, u"status"_qs });
    l << res(u"events.k8s.io"_qs, u"v1"_qs, u"events"_qs, u"event"_qs, u"Event"_qs, true, AllVerbs,
             { u"ev"_qs });
    const QString authn = u"authentication.k8s.io"_qs;
    l << res(authn, u"v1"_qs, u"selfsubjectreviews"_qs, u"selfsubjectreview"_qs,
             u"SelfSubjectReview"_qs, false, CreateOnly)
      << res(authn, u"v1"_qs, u"tokenreviews"_qs, u"tokenreview"_qs, u"TokenReview"_qs, false,
             CreateOnly);
    const QString authz = u"authorization.k8s.io"_qs;
    l << res(authz, u"v1"_qs, u"localsubjectaccessreviews"_qs, u"localsubjectaccessreview"_qs,
             u"LocalSubjectAccessReview"_qs, true, CreateOnly)
      << res(authz, u"v1"_qs, u"selfsubjectaccessreviews"_qs, u"selfsubjectaccessreview"_qs,
             u"SelfSubjectAccessReview"_qs, false, CreateOnly)
      << res(authz, u"v1"_qs, u"selfsubjectrulesreviews"_qs, u"selfsubjectrulesreview"_qs,
             u"SelfSubjectRulesReview"_qs, false, CreateOnly)
      << res(authz, u"v1"_qs, u"subjectaccessreviews"_qs, u"subjectaccessreview"_qs,
             u"SubjectAccessReview"_qs, false, CreateOnly);
    const QString as = u"autoscaling"_qs;
    l << res(as, u"v2"_qs, u"horizontalpodautoscalers"_qs, u"horizontalpodautoscaler"_qs,
             u"HorizontalPodAutoscaler"_qs, true, AllVerbs, { u"hpa"_qs }, All, Status)
      << res(as, u"v1"_qs, u"horizontalpodautoscalers"_qs, u"horizontalpodautoscaler"_qs,
             u"HorizontalPodAutoscaler"_qs, true, AllVerbs, { u"hpa"_qs }, All, Status, false);
    const QString batch = u"batch"_qs;
    l << res(batch, u"v1"_qs, u"cronjobs"_qs, u"cronjob"_qs, u"CronJob"_qs, true, AllVerbs,
             { u"cj"_qs }, All, Status)
      << res(batch, u"v1"_qs, u"jobs"_qs, u"job"_qs, u"Job"_qs, true, AllVerbs, {}, All, Status);
    l << res(u"certificates.k8s.io"_qs, u"v1"_qs, u"certificatesigningrequests"_qs,
             u"certificatesigningrequest"_qs, u"CertificateSigningRequest"_qs, false, AllVerbs,
             { u"csr"_qs }, {}, { u"approval"_qs, u"status"_qs });
    const QString net = u"networking.k8s.io"_qs;
    l << res(net, u"v1"_qs, u"ingressclasses"_qs, u"ingressclass"_qs, u"IngressClass"_qs, false)
      << res(net, u"v1"_qs, u"ingresses"_qs, u"ingress"_qs, u"Ingress"_qs, true, AllVerbs,
             { u"ing"_qs }, {}, Status)
      << res(net, u"v1"_qs, u"ipaddresses"_qs, u"ipaddress"_qs, u"IPAddress"_qs, false, AllVerbs,
             { u"ip"_qs })
      << res(net, u"v1"_qs, u"networkpolicies"_qs, u"networkpolicy"_qs, u"NetworkPolicy"_qs, true,
             AllVerbs, { u"netpol"_qs })
      << res(net, u"v1"_qs, u"servicecidrs"_qs, u"servicecidr"_qs, u"ServiceCIDR"_qs, false,
             AllVerbs, {}, {}, Status);
    l << res(u"policy"_qs, u"v1"_qs, u"poddisruptionbudgets"_qs, u"poddisruptionbudget"_qs,
             u"PodDisruptionBudget"_qs, true, AllVerbs, { u"pdb"_qs }, {}, Status);
    const QString rbac = u"rbac.authorization.k8s.io"_qs;
    l << res(rbac, u"v1"_qs, u"clusterrolebindings"_qs, u"clusterrolebinding"_qs,
             u"ClusterRoleBinding"_qs, false)
      << res(rbac, u"v1"_qs, u"clusterroles"_qs, u"clusterrole"_qs, u"ClusterRole"_qs, false)
      << res(rbac, u"v1"_qs, u"rolebindings"_qs, u"rolebinding"_qs, u"RoleBinding"_qs, true)
      << res(rbac, u"v1"_qs, u"roles"_qs, u"role"_qs, u"Role"_qs, true);
    const QString storage = u"storage.k8s.io"_qs;
    l << res(storage, u"v1"_qs, u"csidrivers"_qs, u"csidriver"_qs, u"CSIDriver"_qs, false)
      << res(storage, u"v1"_qs, u"csinodes"_qs, u"csinode"_qs, u"CSINode"_qs, false)
      << res(storage, u"v1"_qs, u"csistoragecapacities"_qs, u"csistoragecapacity"_qs,
             u"CSIStorageCapacity"_qs, true)
      << res(storage, u"v1"_qs, u"storageclasses"_qs, u"storageclass"_qs, u"StorageClass"_qs, false,
             AllVerbs, { u"sc"_qs })
      << res(storage, u"v1"_qs, u"volumeattachments"_qs, u"volumeattachment"_qs,
             u"VolumeAttachment"_qs, false, AllVerbs, {}, {}, Status)
      << res(storage, u"v1"_qs, u"volumeattributesclasses"_qs, u"volumeattributesclass"_qs,
             u"VolumeAttributesClass"_qs, false, AllVerbs, { u"vac"_qs });
    const QString adm = u"admissionregistration.k8s.io"_qs;
    l << res(adm, u"v1"_qs, u"mutatingwebhookconfigurations"_qs, u"mutatingwebhookconfiguration"_qs,
             u"MutatingWebhookConfiguration"_qs, false, AllVerbs, {}, { u"api-extensions"_qs })
      << res(adm, u"v1"_qs, u"validatingadmissionpolicies"_qs, u"validatingadmissionpolicy"_qs,
             u"ValidatingAdmissionPolicy"_qs, false, AllVerbs, {}, { u"api-extensions"_qs }, Status)
      << res(adm, u"v1"_qs, u"validatingadmissionpolicybindings"_qs,
             u"validatingadmissionpolicybinding"_qs, u"ValidatingAdmissionPolicyBinding"_qs, false,
             AllVerbs, {}, { u"api-extensions"_qs })
      << res(adm, u"v1"_qs, u"validatingwebhookconfigurations"_qs,
             u"validatingwebhookconfiguration"_qs, u"ValidatingWebhookConfiguration"_qs, false,
             AllVerbs, {}, { u"api-extensions"_qs });
    l << res(u"apiextensions.k8s.io"_qs, u"v1"_qs, u"customresourcedefinitions"_qs,
             u"customresourcedefinition"_qs, u"CustomResourceDefinition"_qs, false, AllVerbs,
             { u"crd"_qs, u"crds"_qs }, { u"api-extensions"_qs }, Status);
    l << res(u"scheduling.k8s.io"_qs, u"v1"_qs, u"priorityclasses"_qs, u"priorityclass"_qs,
             u"PriorityClass"_qs, false, AllVerbs, { u"pc"_qs });
    l << res(u"coordination.k8s.io"_qs, u"v1"_qs, u"leases"_qs, u"lease"_qs, u"Lease"_qs, true);
    l << res(u"node.k8s.io"_qs, u"v1"_qs, u"runtimeclasses"_qs, u"runtimeclass"_qs,
             u"RuntimeClass"_qs, false);
    l << res(u"discovery.k8s.io"_qs, u"v1"_qs, u"endpointslices"_qs, u"endpointslice"_qs,
             u"EndpointSlice"_qs, true);
    const QString fc = u"flowcontrol.apiserver.k8s.io"_qs;
    l << res(fc, u"v1"_qs, u"flowschemas"_qs, u"flowschema"_qs, u"FlowSchema"_qs, false, AllVerbs,
             {}, {}, Status)
      << res(fc, u"v1"_qs, u"prioritylevelconfigurations"_qs, u"prioritylevelconfiguration"_qs,
             u"PriorityLevelConfiguration"_qs, false, AllVerbs, {}, {}, Status);
    const QString dra = u"resource.k8s.io"_qs;
    l << res(dra, u"v1"_qs, u"deviceclasses"_qs, u"deviceclass"_qs, u"DeviceClass"_qs, false)
      << res(dra, u"v1"_qs, u"resourceclaims"_qs, u"resourceclaim"_qs, u"ResourceClaim"_qs, true,
             AllVerbs, {}, {}, Status)
      << res(dra, u"v1"_qs, u"resourceclaimtemplates"_qs, u"resourceclaimtemplate"_qs,
             u"ResourceClaimTemplate"_qs, true)
      << res(dra, u"v1"_qs, u"resourceslices"_qs, u"resourceslice"_qs, u"ResourceSlice"_qs, false);
    return l;
}

QList<FakeResource> StockCluster::customResources(int generated)
{
    QList<FakeResource> l;
    const QJsonArray cronTabColumns {
        QJsonObject {
            { u"name"_qs, u"Spec"_qs },
            { u"type"_qs, u"string"_qs },
            { u"description"_qs, u"The cron spec defining the interval a CronJob is run"_qs },
            { u"jsonPath"_qs, u".spec.cronSpec"_qs } },
        QJsonObject { { u"name"_qs, u"Replicas"_qs },
                      { u"type"_qs, u"integer"_qs },
                      { u"description"_qs, u"The number of jobs launched by the CronJob"_qs },
                      { u"jsonPath"_qs, u".spec.replicas"_qs } },
        QJsonObject { { u"name"_qs, u"Age"_qs },
                      { u"type"_qs, u"date"_qs },
                      { u"jsonPath"_qs, u".metadata.creationTimestamp"_qs } }
    };
    for (const QString &v : { u"v1"_qs, u"v1beta1"_qs }) {
        FakeResource r = res(u"stable.example.com"_qs, v, u"crontabs"_qs, u"crontab"_qs,
                             u"CronTab"_qs, true, AllVerbs, { u"ct"_qs }, {}, {}, v == u"v1");
        r.isCustomResource = true;
        r.additionalPrinterColumns = cronTabColumns;
        l << r;
    }
    FakeResource global
        = res(u"ops.example.com"_qs, u"v1"_qs, u"globalconfigs"_qs, u"globalconfig"_qs,
              u"GlobalConfig"_qs, false, AllVerbs, { u"gc"_qs }, {}, Status);
    global.isCustomResource = true;
    l << global;
    for (int i = 0; i < generated; ++i) {
        FakeResource r = res(u"g%1.bench.example.com"_qs.arg(i), u"v1"_qs, u"widgets"_qs,
                             u"widget"_qs, u"Widget"_qs, true);
        r.isCustomResource = true;
        l << r;
    }
    return l;
}

namespace {

QString timestamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString uid(QRandomGenerator &rng)
{
    const quint32 a = rng.generate(), b = rng.generate(), c = rng.generate(), d = rng.generate();
    return u"%1-%2-%3-%4-%5%6"_qs.arg(a, 8, 16, QLatin1Char('0'))
        .arg(b >> 16, 4, 16, QLatin1Char('0'))
        .arg((b & 0x0fff) | 0x4000, 4, 16, QLatin1Char('0'))
        .arg((c & 0x3fff) | 0x8000, 4, 16, QLatin1Char('0'))
        .arg(c >> 16, 4, 16, QLatin1Char('0'))
        .arg(d, 8, 16, QLatin1Char('0'));
}

QString hashSuffix(QRandomGenerator &rng, int length)
{
    // Kubernetes' rand.String alphabet (no vowels, no confusable characters).
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString s;
    for (int i = 0; i < length; ++i)
        s += QLatin1Char(alphabet[rng.bounded(27)]);
    return s;
}

QJsonObject meta(const QString &name,
                 const QString &ns,
                 qint64 createdMs,
                 QRandomGenerator &rng,
                 const QJsonObject &labels = {})
{
    QJsonObject m { { u"name"_qs, name },
                    { u"uid"_qs, uid(rng) },
                    { u"creationTimestamp"_qs, timestamp(createdMs) } };
    if (!ns.isEmpty())
        m.insert(u"namespace"_qs, ns);
    if (!labels.isEmpty())
        m.insert(u"labels"_qs, labels);
    return m;
}

QByteArray ageMarkerJson(qint64 ms)
{
    // Timestamps are written with whole seconds; the age is of what is written.
    return "\"@@AGE:" + QByteArray::number(ms / 1000 * 1000) + "@@\"";
}

QByteArray restartText(const QByteArray &restarts, qint64 lastRestartMs)
{
    return '"' + restarts + " (@@AGE:" + QByteArray::number(lastRestartMs / 1000 * 1000)
        + "@@ ago)\"";
}

struct Workload
{
    QString ns;
    QString name;
    QString image;
    int port = 80;
    int replicas = 1;
    QString hash;
    QString rsUid;
    QString deployUid;
    qint64 createdMs = 0;
};

QJsonObject condition(const QString &type,
                      bool status,
                      const QString &when,
                      const QString &reason = {},
                      const QString &message = {})
{
    QJsonObject c { { u"type"_qs, type },
                    { u"status"_qs, status ? u"True"_qs : u"False"_qs },
                    { u"lastProbeTime"_qs, QJsonValue() },
                    { u"lastTransitionTime"_qs, when } };
    if (!reason.isEmpty())
        c.insert(u"reason"_qs, reason);
    if (!message.isEmpty())
        c.insert(u"message"_qs, message);
    return c;
}

} // namespace

QJsonObject StockCluster::crdObject(const QList<FakeResource> &versions, qint64 createdMs)
{
    const FakeResource &first = versions.first();
    QJsonArray vs;
    for (const FakeResource &r : versions) {
        QJsonObject v {
            { u"name"_qs, r.version },
            { u"served"_qs, true },
            { u"storage"_qs, r.preferredVersion },
            { u"schema"_qs,
              QJsonObject {
                  { u"openAPIV3Schema"_qs,
                    QJsonObject { { u"type"_qs, u"object"_qs },
                                  { u"x-kubernetes-preserve-unknown-fields"_qs, true } } } } }
        };
        if (!r.additionalPrinterColumns.isEmpty())
            v.insert(u"additionalPrinterColumns"_qs, r.additionalPrinterColumns);
        if (r.subresources.contains(u"status"_qs))
            v.insert(u"subresources"_qs, QJsonObject { { u"status"_qs, QJsonObject {} } });
        vs.append(v);
    }
    QJsonObject names { { u"plural"_qs, first.resource },
                        { u"singular"_qs, first.singular },
                        { u"kind"_qs, first.kind },
                        { u"listKind"_qs, first.kind + u"List"_qs } };
    if (!first.shortNames.isEmpty())
        names.insert(u"shortNames"_qs, QJsonArray::fromStringList(first.shortNames));
    if (!first.categories.isEmpty())
        names.insert(u"categories"_qs, QJsonArray::fromStringList(first.categories));
    const QString when = timestamp(createdMs);
    QStringList stored;
    for (const FakeResource &r : versions) {
        if (r.preferredVersion)
            stored << r.version;
    }
    return QJsonObject {
        { u"metadata"_qs,
          QJsonObject { { u"name"_qs, first.resource + u'.' + first.group },
                        { u"creationTimestamp"_qs, when },
                        { u"generation"_qs, 1 } } },
        { u"spec"_qs,
          QJsonObject { { u"group"_qs, first.group },
                        { u"names"_qs, names },
                        { u"scope"_qs, first.namespaced ? u"Namespaced"_qs : u"Cluster"_qs },
                        { u"versions"_qs, vs },
                        { u"conversion"_qs, QJsonObject { { u"strategy"_qs, u"None"_qs } } } } },
        { u"status"_qs,
          QJsonObject {
              { u"acceptedNames"_qs, names },
              { u"conditions"_qs,
                QJsonArray { QJsonObject { { u"type"_qs, u"NamesAccepted"_qs },
                                           { u"status"_qs, u"True"_qs },
                                           { u"lastTransitionTime"_qs, when },
                                           { u"reason"_qs, u"NoConflicts"_qs },
                                           { u"message"_qs, u"no conflicts found"_qs } },
                             QJsonObject { { u"type"_qs, u"Established"_qs },
                                           { u"status"_qs, u"True"_qs },
                                           { u"lastTransitionTime"_qs, when },
                                           { u"reason"_qs, u"InitialNamesAccepted"_qs },
                                           { u"message"_qs,
                                             u"the initial names have been accepted"_qs } } } },
              { u"storedVersions"_qs, QJsonArray::fromStringList(stored) } } }
    };
}

void StockCluster::generateObjects(const FakeApiServer::StockOptions &options,
                                   const QList<FakeResource> &crds,
                                   qint64 nowMs,
                                   const Sink &sink,
                                   const RawSink &rawSink)
{
    QRandomGenerator rng(20261126);
    constexpr qint64 Day = 24 * 3600 * 1000LL;
    const qint64 clusterBirth = nowMs - 42 * Day - 3 * 3600 * 1000LL;
    const QString v1 = u"v1"_qs;
    const QString core;

    // Namespaces.
    QStringList namespaces { u"default"_qs, u"kube-node-lease"_qs, u"kube-public"_qs,
                             u"kube-system"_qs, u"local-path-storage"_qs };
    const QStringList userNames { u"frontend"_qs, u"backend"_qs, u"monitoring"_qs,
                                  u"payments"_qs, u"data"_qs,    u"search"_qs };
    QStringList user;
    for (int i = 0; i < options.namespaces; ++i)
        user << (i < userNames.size() ? userNames.at(i) : u"team-%1"_qs.arg(i + 1));
    namespaces << user;
    for (const QString &ns : std::as_const(namespaces)) {
        const qint64 created
            = user.contains(ns) ? clusterBirth + Day * (1 + user.indexOf(ns)) : clusterBirth;
        sink(core, v1, u"namespaces"_qs,
             QJsonObject {
                 { u"metadata"_qs,
                   meta(ns, {}, created, rng, { { u"kubernetes.io/metadata.name"_qs, ns } }) },
                 { u"spec"_qs,
                   QJsonObject { { u"finalizers"_qs, QJsonArray { u"kubernetes"_qs } } } },
                 { u"status"_qs, QJsonObject { { u"phase"_qs, u"Active"_qs } } } });
        sink(core, v1, u"serviceaccounts"_qs,
             QJsonObject { { u"metadata"_qs, meta(u"default"_qs, ns, created, rng) } });
        sink(
            core, v1, u"configmaps"_qs,
            QJsonObject { { u"metadata"_qs, meta(u"kube-root-ca.crt"_qs, ns, created, rng, {}) },
                          { u"data"_qs,
                            QJsonObject { { u"ca.crt"_qs,
                                            u"-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIdemo"
                                            "\n-----END CERTIFICATE-----\n"_qs } } } });
    }

    // Nodes.
    QStringList nodes;
    for (int i = 0; i < qMax(1, options.nodes); ++i) {
        const QString name = i == 0 ? u"demo-control-plane"_qs
                                    : (i == 1 ? u"demo-worker"_qs : u"demo-worker%1"_qs.arg(i));
        nodes << name;
        const QString ip = u"172.18.0.%1"_qs.arg(2 + i);
        QJsonObject labels { { u"beta.kubernetes.io/arch"_qs, u"amd64"_qs },
                             { u"beta.kubernetes.io/os"_qs, u"linux"_qs },
                             { u"kubernetes.io/arch"_qs, u"amd64"_qs },
                             { u"kubernetes.io/hostname"_qs, name },
                             { u"kubernetes.io/os"_qs, u"linux"_qs } };
        if (i == 0) {
            labels.insert(u"node-role.kubernetes.io/control-plane"_qs, QString());
            labels.insert(u"node.kubernetes.io/exclude-from-external-load-balancers"_qs, QString());
        }
        const QString when = timestamp(clusterBirth + 60000);
        QJsonObject spec { { u"podCIDR"_qs, u"10.244.%1.0/24"_qs.arg(i) },
                           { u"podCIDRs"_qs, QJsonArray { u"10.244.%1.0/24"_qs.arg(i) } },
                           { u"providerID"_qs, u"kind://docker/demo/"_qs + name } };
        if (i == 0)
            spec.insert(u"taints"_qs,
                        QJsonArray { QJsonObject {
                            { u"key"_qs, u"node-role.kubernetes.io/control-plane"_qs },
                            { u"effect"_qs, u"NoSchedule"_qs } } });
        const QJsonObject capacity { { u"cpu"_qs, u"8"_qs },
                                     { u"ephemeral-storage"_qs, u"263112772Ki"_qs },
                                     { u"memory"_qs, u"32785800Ki"_qs },
                                     { u"pods"_qs, u"110"_qs } };
        auto nodeCondition
            = [&](const QString &type, bool st, const QString &reason, const QString &message) {
                  return QJsonObject { { u"type"_qs, type },
                                       { u"status"_qs, st ? u"True"_qs : u"False"_qs },
                                       { u"lastHeartbeatTime"_qs, timestamp(nowMs - 30000) },
                                       { u"lastTransitionTime"_qs, when },
                                       { u"reason"_qs, reason },
                                       { u"message"_qs, message } };
              };
        sink(
            core, v1, u"nodes"_qs,
            QJsonObject {
                { u"metadata"_qs, meta(name, {}, clusterBirth + i * 20000, rng, labels) },
                { u"spec"_qs, spec },
                { u"status"_qs,
                  QJsonObject {
                      { u"capacity"_qs, capacity },
                      { u"allocatable"_qs, capacity },
                      { u"conditions"_qs,
                        QJsonArray {
                            nodeCondition(u"MemoryPressure"_qs, false,
                                          u"KubeletHasSufficientMemory"_qs,
                                          u"kubelet has sufficient memory available"_qs),
                            nodeCondition(u"DiskPressure"_qs, false, u"KubeletHasNoDiskPressure"_qs,
                                          u"kubelet has no disk pressure"_qs),
                            nodeCondition(u"PIDPressure"_qs, false, u"KubeletHasSufficientPID"_qs,
                                          u"kubelet has sufficient PID available"_qs),
                            nodeCondition(u"Ready"_qs, true, u"KubeletReady"_qs,
                                          u"kubelet is posting ready status"_qs) } },
                      { u"addresses"_qs,
                        QJsonArray {
                            QJsonObject { { u"type"_qs, u"InternalIP"_qs }, { u"address"_qs, ip } },
                            QJsonObject { { u"type"_qs, u"Hostname"_qs },
                                          { u"address"_qs, name } } } },
                      { u"daemonEndpoints"_qs,
                        QJsonObject {
                            { u"kubeletEndpoint"_qs, QJsonObject { { u"Port"_qs, 10250 } } } } },
                      { u"nodeInfo"_qs,
                        QJsonObject { { u"machineID"_qs, uid(rng).remove(u'-') },
                                      { u"systemUUID"_qs, uid(rng) },
                                      { u"bootID"_qs, uid(rng) },
                                      { u"kernelVersion"_qs, u"6.1.0-27-amd64"_qs },
                                      { u"osImage"_qs, u"Debian GNU/Linux 12 (bookworm)"_qs },
                                      { u"containerRuntimeVersion"_qs, u"containerd://2.1.3"_qs },
                                      { u"kubeletVersion"_qs, u"v1.34.0"_qs },
                                      { u"kubeProxyVersion"_qs, u""_qs },
                                      { u"operatingSystem"_qs, u"linux"_qs },
                                      { u"architecture"_qs, u"amd64"_qs } } } } } });
        sink(u"coordination.k8s.io"_qs, v1, u"leases"_qs,
             QJsonObject { { u"metadata"_qs, meta(name, u"kube-node-lease"_qs, clusterBirth, rng) },
                           { u"spec"_qs,
                             QJsonObject { { u"holderIdentity"_qs, name },
                                           { u"leaseDurationSeconds"_qs, 40 },
                                           { u"renewTime"_qs,
                                             QDateTime::fromMSecsSinceEpoch(nowMs - 5000, Qt::UTC)
                                                 .toString(Qt::ISODateWithMs)
                                                 .replace(u"Z"_qs, u"000Z"_qs) } } } });
    }

    // Services of the control plane.
    sink(core, v1, u"services"_qs,
         QJsonObject {
             { u"metadata"_qs,
               meta(u"kubernetes"_qs, u"default"_qs, clusterBirth, rng,
                    { { u"component"_qs, u"apiserver"_qs },
                      { u"provider"_qs, u"kubernetes"_qs } }) },
             { u"spec"_qs,
               QJsonObject { { u"clusterIP"_qs, u"10.96.0.1"_qs },
                             { u"clusterIPs"_qs, QJsonArray { u"10.96.0.1"_qs } },
                             { u"type"_qs, u"ClusterIP"_qs },
                             { u"sessionAffinity"_qs, u"None"_qs },
                             { u"ports"_qs,
                               QJsonArray { QJsonObject { { u"name"_qs, u"https"_qs },
                                                          { u"protocol"_qs, u"TCP"_qs },
                                                          { u"port"_qs, 443 },
                                                          { u"targetPort"_qs, 6443 } } } } } },
             { u"status"_qs, QJsonObject { { u"loadBalancer"_qs, QJsonObject {} } } } });
    sink(core, v1, u"services"_qs,
         QJsonObject {
             { u"metadata"_qs,
               meta(u"kube-dns"_qs, u"kube-system"_qs, clusterBirth, rng,
                    { { u"k8s-app"_qs, u"kube-dns"_qs },
                      { u"kubernetes.io/name"_qs, u"CoreDNS"_qs } }) },
             { u"spec"_qs,
               QJsonObject { { u"clusterIP"_qs, u"10.96.0.10"_qs },
                             { u"clusterIPs"_qs, QJsonArray { u"10.96.0.10"_qs } },
                             { u"type"_qs, u"ClusterIP"_qs },
                             { u"selector"_qs, QJsonObject { { u"k8s-app"_qs, u"kube-dns"_qs } } },
                             { u"ports"_qs,
                               QJsonArray { QJsonObject { { u"name"_qs, u"dns"_qs },
                                                          { u"protocol"_qs, u"UDP"_qs },
                                                          { u"port"_qs, 53 },
                                                          { u"targetPort"_qs, 53 } },
                                            QJsonObject { { u"name"_qs, u"dns-tcp"_qs },
                                                          { u"protocol"_qs, u"TCP"_qs },
                                                          { u"port"_qs, 53 },
                                                          { u"targetPort"_qs, 53 } },
                                            QJsonObject { { u"name"_qs, u"metrics"_qs },
                                                          { u"protocol"_qs, u"TCP"_qs },
                                                          { u"port"_qs, 9153 },
                                                          { u"targetPort"_qs, 9153 } } } } } },
             { u"status"_qs, QJsonObject { { u"loadBalancer"_qs, QJsonObject {} } } } });

    // Workloads: kube-system's coredns first, then user deployments.
    QList<Workload> workloads;
    const QStringList apps {
        u"web"_qs,  u"api"_qs,     u"worker"_qs, u"cache"_qs,  u"gateway"_qs,
        u"auth"_qs, u"billing"_qs, u"search"_qs, u"ingest"_qs, u"notifier"_qs
    };
    const QStringList images { u"nginx:1.27.2"_qs,
                               u"ghcr.io/example/api:2.14.1"_qs,
                               u"ghcr.io/example/worker:2.14.1"_qs,
                               u"redis:7.4.1"_qs,
                               u"envoyproxy/envoy:v1.31.2"_qs,
                               u"quay.io/keycloak/keycloak:25.0"_qs,
                               u"ghcr.io/example/billing:1.9.0"_qs,
                               u"opensearchproject/opensearch:2.17.0"_qs,
                               u"ghcr.io/example/ingest:0.8.3"_qs,
                               u"ghcr.io/example/notifier:1.2.0"_qs };
    int podsLeft = qMax(0, options.pods);
    if (podsLeft > 0) {
        Workload coredns { u"kube-system"_qs, u"coredns"_qs,
                           u"registry.k8s.io/coredns/coredns:v1.12.1"_qs, 53, qMin(2, podsLeft) };
        coredns.createdMs = clusterBirth + 30000;
        workloads << coredns;
        podsLeft -= coredns.replicas;
    }
    const int deployments = qMax(0, options.deployments);
    for (int i = 0; i < deployments; ++i) {
        Workload w;
        w.ns = user.isEmpty() ? u"default"_qs : user.at(i % user.size());
        w.name = apps.at(i % apps.size())
            + (i >= apps.size() ? u"-%1"_qs.arg(i / apps.size() + 1) : QString());
        w.image = images.at(i % images.size());
        w.port = i % apps.size() == 3 ? 6379 : 8080;
        const int share = podsLeft / (deployments - i);
        w.replicas = share;
        podsLeft -= share;
        w.createdMs = clusterBirth + Day * 2 + rng.bounded(int(Day / 1000) * 30) * 1000LL;
        workloads << w;
    }

    int podIpCounter = 2;
    for (Workload &w : workloads) {
        w.hash = hashSuffix(rng, 10);
        w.deployUid = uid(rng);
        w.rsUid = uid(rng);
        const QString app = w.name;
        const QJsonObject selector { { u"matchLabels"_qs, QJsonObject { { u"app"_qs, app } } } };
        const QJsonObject container {
            { u"name"_qs, app },
            { u"image"_qs, w.image },
            { u"imagePullPolicy"_qs, u"IfNotPresent"_qs },
            { u"ports"_qs,
              QJsonArray { QJsonObject { { u"containerPort"_qs, w.port },
                                         { u"protocol"_qs, u"TCP"_qs } } } },
            { u"resources"_qs,
              QJsonObject {
                  { u"requests"_qs,
                    QJsonObject { { u"cpu"_qs, u"100m"_qs }, { u"memory"_qs, u"128Mi"_qs } } },
                  { u"limits"_qs, QJsonObject { { u"memory"_qs, u"256Mi"_qs } } } } },
            { u"terminationMessagePath"_qs, u"/dev/termination-log"_qs },
            { u"terminationMessagePolicy"_qs, u"File"_qs }
        };
        const QJsonObject podTemplateSpec {
            { u"containers"_qs, QJsonArray { container } },
            { u"restartPolicy"_qs, u"Always"_qs },
            { u"terminationGracePeriodSeconds"_qs, 30 },
            { u"dnsPolicy"_qs, w.ns == u"kube-system" ? u"Default"_qs : u"ClusterFirst"_qs },
            { u"securityContext"_qs, QJsonObject {} },
            { u"schedulerName"_qs, u"default-scheduler"_qs }
        };
        const QJsonObject templ { { u"metadata"_qs,
                                    QJsonObject {
                                        { u"labels"_qs, QJsonObject { { u"app"_qs, app } } } } },
                                  { u"spec"_qs, podTemplateSpec } };
        // One template per pod state, rendered per pod (see ByteTemplate).
        enum Variant { Fresh, Restarted, Crashing, Pending, VariantCount };
        QJsonObject baseSpec = podTemplateSpec;
        baseSpec.insert(u"serviceAccountName"_qs, u"default"_qs);
        baseSpec.insert(u"serviceAccount"_qs, u"default"_qs);
        baseSpec.insert(u"enableServiceLinks"_qs, true);
        baseSpec.insert(u"preemptionPolicy"_qs, u"PreemptLowerPriority"_qs);
        baseSpec.insert(u"priority"_qs, 0);
        baseSpec.insert(
            u"tolerations"_qs,
            QJsonArray { QJsonObject { { u"key"_qs, u"node.kubernetes.io/not-ready"_qs },
                                       { u"operator"_qs, u"Exists"_qs },
                                       { u"effect"_qs, u"NoExecute"_qs },
                                       { u"tolerationSeconds"_qs, 300 } },
                         QJsonObject { { u"key"_qs, u"node.kubernetes.io/unreachable"_qs },
                                       { u"operator"_qs, u"Exists"_qs },
                                       { u"effect"_qs, u"NoExecute"_qs },
                                       { u"tolerationSeconds"_qs, 300 } } });
        const QString pendingMessage
            = u"0/%1 nodes are available: 1 node(s) had untolerated taint "
              "{node-role.kubernetes.io/control-plane: }, %2 Insufficient cpu. preemption: 0/%1 "
              "nodes are available: 1 Preemption is not helpful for scheduling, %2 No preemption "
              "victims found for incoming pod."_qs.arg(nodes.size())
                  .arg(nodes.size() - 1);
        // With forCells, times and counts are sentinels the Table row template then turns into
        // holes (TableConverter needs real dates and numbers to print a row).
        const QString sentinelCreated = u"2000-01-01T00:00:00Z"_qs;
        const QString sentinelLastEnd = u"2000-01-02T00:00:00Z"_qs;
        constexpr int sentinelRestarts = 77777;
        auto makePodObject = [&](Variant variant, bool forCells) {
            const QString when = forCells ? sentinelCreated : u"@@CREATED@@"_qs;
            const QString started = forCells ? sentinelCreated : u"@@STARTED@@"_qs;
            const QString lastEnd = forCells ? sentinelLastEnd : u"@@LASTEND@@"_qs;
            QJsonObject spec = baseSpec;
            QJsonObject status;
            if (variant == Pending) {
                status = QJsonObject { { u"phase"_qs, u"Pending"_qs },
                                       { u"conditions"_qs,
                                         QJsonArray { condition(u"PodScheduled"_qs, false, when,
                                                                u"Unschedulable"_qs,
                                                                pendingMessage) } },
                                       { u"qosClass"_qs, u"Burstable"_qs } };
            } else {
                spec.insert(u"nodeName"_qs, u"@@NODE@@"_qs);
                QJsonObject containerStatus {
                    { u"name"_qs, app },
                    { u"image"_qs,
                      w.image.contains(u'/') ? w.image : u"docker.io/library/"_qs + w.image },
                    { u"imageID"_qs,
                      u"docker.io/library/%1@sha256:%2"_qs.arg(
                          w.image.section(u':', 0, 0),
                          QString::fromLatin1(
                              QCryptographicHash::hash(w.image.toUtf8(), QCryptographicHash::Sha256)
                                  .toHex())) },
                    { u"containerID"_qs, u"containerd://@@CID@@"_qs },
                    { u"restartCount"_qs,
                      variant == Fresh ? QJsonValue(0)
                          : forCells   ? QJsonValue(sentinelRestarts)
                                       : QJsonValue(u"@@#RESTARTS@@"_qs) },
                    { u"lastState"_qs, QJsonObject {} }
                };
                const bool isReady = variant != Crashing;
                if (variant == Crashing) {
                    containerStatus.insert(
                        u"state"_qs,
                        QJsonObject {
                            { u"waiting"_qs,
                              QJsonObject { { u"reason"_qs, u"CrashLoopBackOff"_qs },
                                            { u"message"_qs,
                                              u"back-off 5m0s restarting failed "
                                              "container=%1 pod=@@NAME@@_%2(@@UID@@)"_qs.arg(
                                                  app, w.ns) } } } });
                    containerStatus.insert(
                        u"lastState"_qs,
                        QJsonObject { { u"terminated"_qs,
                                        QJsonObject { { u"exitCode"_qs, 1 },
                                                      { u"reason"_qs, u"Error"_qs },
                                                      { u"startedAt"_qs, u"@@LASTSTART@@"_qs },
                                                      { u"finishedAt"_qs, lastEnd } } } });
                    containerStatus.insert(u"started"_qs, false);
                } else {
                    if (variant == Restarted)
                        containerStatus.insert(
                            u"lastState"_qs,
                            QJsonObject { { u"terminated"_qs,
                                            QJsonObject { { u"exitCode"_qs, 137 },
                                                          { u"reason"_qs, u"OOMKilled"_qs },
                                                          { u"startedAt"_qs, started },
                                                          { u"finishedAt"_qs, lastEnd } } } });
                    containerStatus.insert(
                        u"state"_qs,
                        QJsonObject {
                            { u"running"_qs,
                              QJsonObject { { u"startedAt"_qs, u"@@RUNSINCE@@"_qs } } } });
                    containerStatus.insert(u"started"_qs, true);
                }
                containerStatus.insert(u"ready"_qs, isReady);
                const QString notReady = u"containers with unready status: [%1]"_qs.arg(app);
                status = QJsonObject {
                    { u"phase"_qs, u"Running"_qs },
                    { u"conditions"_qs,
                      QJsonArray { condition(u"PodReadyToStartContainers"_qs, true, started),
                                   condition(u"Initialized"_qs, true, when),
                                   isReady ? condition(u"Ready"_qs, true, started)
                                           : condition(u"Ready"_qs, false, started,
                                                       u"ContainersNotReady"_qs, notReady),
                                   isReady ? condition(u"ContainersReady"_qs, true, started)
                                           : condition(u"ContainersReady"_qs, false, started,
                                                       u"ContainersNotReady"_qs, notReady),
                                   condition(u"PodScheduled"_qs, true, when) } },
                    { u"hostIP"_qs, u"@@HOSTIP@@"_qs },
                    { u"hostIPs"_qs,
                      QJsonArray { QJsonObject { { u"ip"_qs, u"@@HOSTIP@@"_qs } } } },
                    { u"podIP"_qs, u"@@PODIP@@"_qs },
                    { u"podIPs"_qs, QJsonArray { QJsonObject { { u"ip"_qs, u"@@PODIP@@"_qs } } } },
                    { u"startTime"_qs, when },
                    { u"containerStatuses"_qs, QJsonArray { containerStatus } },
                    { u"qosClass"_qs, u"Burstable"_qs }
                };
            }
            QJsonObject m { { u"name"_qs, u"@@NAME@@"_qs },
                            { u"generateName"_qs, w.name + u'-' + w.hash + u'-' },
                            { u"namespace"_qs, w.ns },
                            { u"uid"_qs, u"@@UID@@"_qs },
                            { u"resourceVersion"_qs, u"@@RV@@"_qs },
                            { u"creationTimestamp"_qs, when },
                            { u"labels"_qs,
                              QJsonObject { { u"app"_qs, app },
                                            { u"pod-template-hash"_qs, w.hash } } },
                            { u"ownerReferences"_qs,
                              QJsonArray { QJsonObject { { u"apiVersion"_qs, u"apps/v1"_qs },
                                                         { u"kind"_qs, u"ReplicaSet"_qs },
                                                         { u"name"_qs, w.name + u'-' + w.hash },
                                                         { u"uid"_qs, w.rsUid },
                                                         { u"controller"_qs, true },
                                                         { u"blockOwnerDeletion"_qs, true } } } } };
            const QJsonObject pod { { u"apiVersion"_qs, u"v1"_qs },
                                    { u"kind"_qs, u"Pod"_qs },
                                    { u"metadata"_qs, m },
                                    { u"spec"_qs, spec },
                                    { u"status"_qs, status } };
            return std::pair { pod, m };
        };
        struct PodTemplates
        {
            ByteTemplate object;
            ByteTemplate metadata;
            ByteTemplate tableCells;
        };
        auto makePod = [&](Variant variant) {
            const auto [pod, m] = makePodObject(variant, false);
            // The Table row as the pod printer makes it, with the sentinels turned into holes.
            FakeResource podsResource;
            podsResource.resource = u"pods"_qs;
            QByteArray cells
                = TableConverter::cells(podsResource, makePodObject(variant, true).first);
            cells.replace('"' + TableConverter::ageMarker(sentinelCreated).toLatin1() + '"',
                          "\"@@#AGECREATED@@\"");
            cells.replace('"' + QByteArray::number(sentinelRestarts) + " ("
                              + TableConverter::ageMarker(sentinelLastEnd).toLatin1() + " ago)\"",
                          "\"@@#RESTARTTEXT@@\"");
            return PodTemplates { ByteTemplate(QJsonDocument(pod).toJson(QJsonDocument::Compact)),
                                  ByteTemplate(QJsonDocument(m).toJson(QJsonDocument::Compact)),
                                  ByteTemplate(cells) };
        };
        std::array<std::optional<PodTemplates>, VariantCount> templates;
        const QMap<QString, QString> podLabels { { u"app"_qs, app },
                                                 { u"pod-template-hash"_qs, w.hash } };
        int ready = 0;
        QList<StoredObject> pods;
        pods.reserve(w.replicas);
        QHash<QByteArray, QByteArray> values;
        QSet<QString> usedNames;
        for (int p = 0; p < w.replicas; ++p) {
            QString podName;
            do {
                podName = w.name + u'-' + w.hash + u'-' + hashSuffix(rng, 5);
            } while (usedNames.contains(podName));
            usedNames.insert(podName);
            const qint64 created = w.createdMs
                + rng.bounded(int(qMax<qint64>(1, (nowMs - w.createdMs) / 1000))) * 1000LL;
            const QString node
                = nodes.size() > 1 ? nodes.at(1 + (p % (nodes.size() - 1))) : nodes.first();
            const int nodeIndex = nodes.indexOf(node);
            const int roll = rng.bounded(100);
            const bool pending = roll < 3 && w.ns != u"kube-system";
            const bool crashing = roll >= 3 && roll < 7 && w.ns != u"kube-system";
            const bool restarted = roll >= 7 && roll < 15;
            const Variant variant = pending ? Pending
                : crashing                  ? Crashing
                : restarted                 ? Restarted
                                            : Fresh;
            if (!templates[variant])
                templates[variant] = makePod(variant);
            values.clear();
            values.insert("NAME", podName.toUtf8());
            values.insert("UID", uid(rng).toLatin1());
            values.insert("RV", "@@RV@@"); // filled in by the store
            values.insert("CREATED", timestamp(created).toLatin1());
            values.insert("STARTED", timestamp(created + 2000).toLatin1());
            values.insert("NODE", node.toUtf8());
            values.insert("HOSTIP", "172.18.0." + QByteArray::number(2 + nodeIndex));
            values.insert("PODIP",
                          "10.244." + QByteArray::number(nodeIndex) + '.'
                              + QByteArray::number(podIpCounter % 250 + 2));
            values.insert(
                "CID",
                QCryptographicHash::hash(podName.toUtf8(), QCryptographicHash::Sha256).toHex());
            if (!pending)
                ++podIpCounter;
            values.insert("AGECREATED", ageMarkerJson(created));
            if (crashing) {
                const qint64 lastEnd = nowMs - (30 + rng.bounded(280)) * 1000LL;
                const QByteArray restarts = QByteArray::number(5 + rng.bounded(40));
                values.insert("RESTARTS", restarts);
                values.insert("RESTARTTEXT", restartText(restarts, lastEnd));
                values.insert("LASTSTART", timestamp(lastEnd - 4000).toLatin1());
                values.insert("LASTEND", timestamp(lastEnd).toLatin1());
            } else if (restarted) {
                const qint64 runningSince = nowMs - rng.bounded(3 * 86400) * 1000LL;
                const QByteArray restarts = QByteArray::number(1 + rng.bounded(3));
                values.insert("RESTARTS", restarts);
                values.insert("RESTARTTEXT", restartText(restarts, runningSince - 1000));
                values.insert("RUNSINCE", timestamp(runningSince).toLatin1());
                values.insert("LASTEND", timestamp(runningSince - 1000).toLatin1());
            } else {
                values.insert("RUNSINCE", timestamp(created + 2000).toLatin1());
            }
            if (variant == Fresh || variant == Restarted)
                ++ready;
            StoredObject s;
            s.ns = w.ns;
            s.name = podName;
            s.version = v1;
            s.createdMs = created;
            s.labels = podLabels;
            s.json = templates[variant]->object.render(values);
            s.metadataJson = templates[variant]->metadata.render(values);
            s.tableRow = templates[variant]->tableCells.render(values);
            pods << std::move(s);
            if (p < 2 || pending || crashing) {
                // A few events per workload, and always for troubled pods, as the scheduler
                // and kubelet write them.
                const QString evWhen = timestamp(created + 1000);
                auto event = [&](const QString &type, const QString &reason, const QString &message,
                                 const QString &component, const QString &host,
                                 const QString &fieldPath) {
                    QJsonObject involved { { u"kind"_qs, u"Pod"_qs },
                                           { u"namespace"_qs, w.ns },
                                           { u"name"_qs, podName },
                                           { u"uid"_qs, QString::fromLatin1(values.value("UID")) },
                                           { u"apiVersion"_qs, u"v1"_qs } };
                    if (!fieldPath.isEmpty())
                        involved.insert(u"fieldPath"_qs, fieldPath);
                    QJsonObject source { { u"component"_qs, component } };
                    if (!host.isEmpty())
                        source.insert(u"host"_qs, host);
                    const QString evName = podName + u'.'
                        + QString::number(rng.generate64() & 0xffffffffffffULL, 16);
                    sink(core, v1, u"events"_qs,
                         QJsonObject { { u"metadata"_qs, meta(evName, w.ns, created + 1000, rng) },
                                       { u"involvedObject"_qs, involved },
                                       { u"reason"_qs, reason },
                                       { u"message"_qs, message },
                                       { u"source"_qs, source },
                                       { u"firstTimestamp"_qs, evWhen },
                                       { u"lastTimestamp"_qs, evWhen },
                                       { u"count"_qs, 1 },
                                       { u"type"_qs, type },
                                       { u"eventTime"_qs, QJsonValue() },
                                       { u"reportingComponent"_qs, component },
                                       { u"reportingInstance"_qs, host } });
                };
                if (pending) {
                    event(u"Warning"_qs, u"FailedScheduling"_qs, pendingMessage,
                          u"default-scheduler"_qs, {}, {});
                } else {
                    event(u"Normal"_qs, u"Scheduled"_qs,
                          u"Successfully assigned %1/%2 to %3"_qs.arg(w.ns, podName, node),
                          u"default-scheduler"_qs, {}, {});
                    event(u"Normal"_qs, u"Pulled"_qs,
                          u"Container image \"%1\" already present on machine"_qs.arg(w.image),
                          u"kubelet"_qs, node, u"spec.containers{%1}"_qs.arg(app));
                    if (crashing)
                        event(u"Warning"_qs, u"BackOff"_qs,
                              u"Back-off restarting failed container %1 in pod %2_%3"_qs.arg(
                                  app, podName, w.ns),
                              u"kubelet"_qs, node, u"spec.containers{%1}"_qs.arg(app));
                }
            }
        }

        const QJsonObject deployMeta = [&] {
            QJsonObject m = meta(w.name, w.ns, w.createdMs, rng, { { u"app"_qs, app } });
            m.insert(u"uid"_qs, w.deployUid);
            m.insert(u"generation"_qs, 1);
            m.insert(u"annotations"_qs,
                     QJsonObject { { u"deployment.kubernetes.io/revision"_qs, u"1"_qs } });
            return m;
        }();
        const int available = ready;
        sink(u"apps"_qs, v1, u"deployments"_qs,
             QJsonObject {
                 { u"metadata"_qs, deployMeta },
                 { u"spec"_qs,
                   QJsonObject {
                       { u"replicas"_qs, w.replicas },
                       { u"selector"_qs, selector },
                       { u"template"_qs, templ },
                       { u"strategy"_qs,
                         QJsonObject { { u"type"_qs, u"RollingUpdate"_qs },
                                       { u"rollingUpdate"_qs,
                                         QJsonObject { { u"maxUnavailable"_qs, u"25%"_qs },
                                                       { u"maxSurge"_qs, u"25%"_qs } } } } },
                       { u"revisionHistoryLimit"_qs, 10 },
                       { u"progressDeadlineSeconds"_qs, 600 } } },
                 { u"status"_qs,
                   QJsonObject { { u"observedGeneration"_qs, 1 },
                                 { u"replicas"_qs, w.replicas },
                                 { u"updatedReplicas"_qs, w.replicas },
                                 { u"readyReplicas"_qs, ready },
                                 { u"availableReplicas"_qs, available },
                                 { u"unavailableReplicas"_qs, w.replicas - available } } } });
        QJsonObject rsMeta = meta(w.name + u'-' + w.hash, w.ns, w.createdMs, rng,
                                  { { u"app"_qs, app }, { u"pod-template-hash"_qs, w.hash } });
        rsMeta.insert(u"uid"_qs, w.rsUid);
        rsMeta.insert(u"generation"_qs, 1);
        rsMeta.insert(u"ownerReferences"_qs,
                      QJsonArray { QJsonObject { { u"apiVersion"_qs, u"apps/v1"_qs },
                                                 { u"kind"_qs, u"Deployment"_qs },
                                                 { u"name"_qs, w.name },
                                                 { u"uid"_qs, w.deployUid },
                                                 { u"controller"_qs, true },
                                                 { u"blockOwnerDeletion"_qs, true } } });
        QJsonObject rsSelector { { u"matchLabels"_qs,
                                   QJsonObject { { u"app"_qs, app },
                                                 { u"pod-template-hash"_qs, w.hash } } } };
        QJsonObject rsTemplate = templ;
        rsTemplate.insert(u"metadata"_qs,
                          QJsonObject { { u"labels"_qs, rsSelector.value(u"matchLabels"_qs) } });
        sink(u"apps"_qs, v1, u"replicasets"_qs,
             QJsonObject { { u"metadata"_qs, rsMeta },
                           { u"spec"_qs,
                             QJsonObject { { u"replicas"_qs, w.replicas },
                                           { u"selector"_qs, rsSelector },
                                           { u"template"_qs, rsTemplate } } },
                           { u"status"_qs,
                             QJsonObject { { u"replicas"_qs, w.replicas },
                                           { u"fullyLabeledReplicas"_qs, w.replicas },
                                           { u"readyReplicas"_qs, ready },
                                           { u"availableReplicas"_qs, available },
                                           { u"observedGeneration"_qs, 1 } } } });
        for (StoredObject &pod : pods)
            rawSink(core, v1, u"pods"_qs, std::move(pod));

        if (w.ns != u"kube-system") {
            const int third = 40 + rng.bounded(200);
            sink(core, v1, u"services"_qs,
                 QJsonObject {
                     { u"metadata"_qs,
                       meta(w.name, w.ns, w.createdMs, rng, { { u"app"_qs, app } }) },
                     { u"spec"_qs,
                       QJsonObject { { u"clusterIP"_qs,
                                       u"10.96.%1.%2"_qs.arg(third).arg(10 + rng.bounded(240)) },
                                     { u"type"_qs, u"ClusterIP"_qs },
                                     { u"selector"_qs, QJsonObject { { u"app"_qs, app } } },
                                     { u"sessionAffinity"_qs, u"None"_qs },
                                     { u"ports"_qs,
                                       QJsonArray { QJsonObject {
                                           { u"name"_qs, u"http"_qs },
                                           { u"protocol"_qs, u"TCP"_qs },
                                           { u"port"_qs, w.port == 8080 ? 80 : w.port },
                                           { u"targetPort"_qs, w.port } } } } } },
                     { u"status"_qs, QJsonObject { { u"loadBalancer"_qs, QJsonObject {} } } } });
            sink(core, v1, u"configmaps"_qs,
                 QJsonObject { { u"metadata"_qs,
                                 meta(w.name + u"-config"_qs, w.ns, w.createdMs, rng,
                                      { { u"app"_qs, app } }) },
                               { u"data"_qs,
                                 QJsonObject { { u"LOG_LEVEL"_qs, u"info"_qs },
                                               { u"PORT"_qs, QString::number(w.port) } } } });
            sink(core, v1, u"secrets"_qs,
                 QJsonObject {
                     { u"metadata"_qs,
                       meta(w.name + u"-credentials"_qs, w.ns, w.createdMs, rng,
                            { { u"app"_qs, app } }) },
                     { u"type"_qs, u"Opaque"_qs },
                     { u"data"_qs,
                       QJsonObject { { u"username"_qs, u"ZGVtbw=="_qs },
                                     { u"password"_qs, u"bm90LWEtcmVhbC1wYXNzd29yZA=="_qs } } } });
        }
    }

    // Static control-plane pods in kube-system, one per control-plane component.
    const QStringList staticPods { u"etcd"_qs, u"kube-apiserver"_qs, u"kube-controller-manager"_qs,
                                   u"kube-scheduler"_qs };
    for (const QString &component : staticPods) {
        if (podsLeft <= 0)
            break;
        --podsLeft;
        const QString podName = component + u'-' + nodes.first();
        const QString when = timestamp(clusterBirth + 10000);
        const QString image = component == u"etcd"
            ? u"registry.k8s.io/etcd:3.6.4-0"_qs
            : u"registry.k8s.io/%1:v1.34.0"_qs.arg(component);
        QJsonObject m
            = meta(podName, u"kube-system"_qs, clusterBirth + 10000, rng,
                   { { u"component"_qs, component }, { u"tier"_qs, u"control-plane"_qs } });
        m.insert(u"ownerReferences"_qs,
                 QJsonArray { QJsonObject { { u"apiVersion"_qs, u"v1"_qs },
                                            { u"kind"_qs, u"Node"_qs },
                                            { u"name"_qs, nodes.first() },
                                            { u"uid"_qs, uid(rng) },
                                            { u"controller"_qs, true } } });
        sink(
            core, v1, u"pods"_qs,
            QJsonObject {
                { u"metadata"_qs, m },
                { u"spec"_qs,
                  QJsonObject { { u"containers"_qs,
                                  QJsonArray { QJsonObject {
                                      { u"name"_qs, component },
                                      { u"image"_qs, image },
                                      { u"imagePullPolicy"_qs, u"IfNotPresent"_qs } } } },
                                { u"nodeName"_qs, nodes.first() },
                                { u"hostNetwork"_qs, true },
                                { u"priorityClassName"_qs, u"system-node-critical"_qs },
                                { u"priority"_qs, 2000001000 },
                                { u"restartPolicy"_qs, u"Always"_qs } } },
                { u"status"_qs,
                  QJsonObject {
                      { u"phase"_qs, u"Running"_qs },
                      { u"conditions"_qs,
                        QJsonArray { condition(u"PodReadyToStartContainers"_qs, true, when),
                                     condition(u"Initialized"_qs, true, when),
                                     condition(u"Ready"_qs, true, when),
                                     condition(u"ContainersReady"_qs, true, when),
                                     condition(u"PodScheduled"_qs, true, when) } },
                      { u"hostIP"_qs, u"172.18.0.2"_qs },
                      { u"podIP"_qs, u"172.18.0.2"_qs },
                      { u"podIPs"_qs,
                        QJsonArray { QJsonObject { { u"ip"_qs, u"172.18.0.2"_qs } } } },
                      { u"startTime"_qs, when },
                      { u"containerStatuses"_qs,
                        QJsonArray { QJsonObject {
                            { u"name"_qs, component },
                            { u"image"_qs, image },
                            { u"imageID"_qs, image },
                            { u"ready"_qs, true },
                            { u"started"_qs, true },
                            { u"restartCount"_qs, 0 },
                            { u"lastState"_qs, QJsonObject {} },
                            { u"state"_qs,
                              QJsonObject { { u"running"_qs,
                                              QJsonObject { { u"startedAt"_qs, when } } } } } } } },
                      { u"qosClass"_qs, u"Burstable"_qs } } } });
    }
    // Pods beyond what the deployments took (only when there are no deployments).
    for (int i = 0; i < podsLeft; ++i) {
        const QString ns = user.isEmpty() ? u"default"_qs : user.at(i % user.size());
        const QString name = u"standalone-%1"_qs.arg(i);
        const QString when = timestamp(nowMs - (i + 1) * 60000LL);
        sink(
            core, v1, u"pods"_qs,
            QJsonObject {
                { u"metadata"_qs,
                  meta(name, ns, nowMs - (i + 1) * 60000LL, rng, { { u"run"_qs, name } }) },
                { u"spec"_qs,
                  QJsonObject {
                      { u"containers"_qs,
                        QJsonArray { QJsonObject { { u"name"_qs, name },
                                                   { u"image"_qs, u"busybox:1.36"_qs } } } },
                      { u"nodeName"_qs, nodes.last() },
                      { u"restartPolicy"_qs, u"Always"_qs } } },
                { u"status"_qs,
                  QJsonObject { { u"phase"_qs, u"Running"_qs },
                                { u"podIP"_qs, u"10.244.9.%1"_qs.arg(i % 250 + 2) },
                                { u"startTime"_qs, when },
                                { u"containerStatuses"_qs,
                                  QJsonArray { QJsonObject {
                                      { u"name"_qs, name },
                                      { u"ready"_qs, true },
                                      { u"restartCount"_qs, 0 },
                                      { u"state"_qs,
                                        QJsonObject { { u"running"_qs,
                                                        QJsonObject { { u"startedAt"_qs,
                                                                        when } } } } } } } } } } });
    }

    // CRDs and a few custom objects.
    QHash<QString, QList<FakeResource>> byCrd;
    QStringList crdOrder;
    for (const FakeResource &r : crds) {
        const QString key = r.resource + u'.' + r.group;
        if (!byCrd.contains(key))
            crdOrder << key;
        byCrd[key] << r;
    }
    for (const QString &key : std::as_const(crdOrder))
        sink(u"apiextensions.k8s.io"_qs, v1, u"customresourcedefinitions"_qs,
             crdObject(byCrd.value(key), clusterBirth + Day));
    if (byCrd.contains(u"crontabs.stable.example.com"_qs)) {
        for (int i = 0; i < 3; ++i) {
            const QString ns = user.isEmpty() ? u"default"_qs : user.first();
            sink(u"stable.example.com"_qs, v1, u"crontabs"_qs,
                 QJsonObject {
                     { u"metadata"_qs,
                       meta(u"cron-%1"_qs.arg(i + 1), ns, clusterBirth + Day * (3 + i), rng) },
                     { u"spec"_qs,
                       QJsonObject { { u"cronSpec"_qs, u"*/%1 * * * *"_qs.arg(5 * (i + 1)) },
                                     { u"image"_qs, u"my-cron-image"_qs },
                                     { u"replicas"_qs, i + 1 } } } });
        }
    }
    if (byCrd.contains(u"globalconfigs.ops.example.com"_qs)) {
        sink(u"ops.example.com"_qs, v1, u"globalconfigs"_qs,
             QJsonObject { { u"metadata"_qs, meta(u"cluster"_qs, {}, clusterBirth + Day, rng) },
                           { u"spec"_qs,
                             QJsonObject { { u"logLevel"_qs, u"info"_qs },
                                           { u"maintenanceWindow"_qs, u"Sun 02:00"_qs } } } });
    }

    // Cluster-scoped basics every kind cluster has.
    sink(u"storage.k8s.io"_qs, v1, u"storageclasses"_qs,
         QJsonObject { { u"metadata"_qs,
                         [&] {
                             QJsonObject m = meta(u"standard"_qs, {}, clusterBirth, rng);
                             m.insert(
                                 u"annotations"_qs,
                                 QJsonObject { { u"storageclass.kubernetes.io/is-default-class"_qs,
                                                 u"true"_qs } });
                             return m;
                         }() },
                       { u"provisioner"_qs, u"rancher.io/local-path"_qs },
                       { u"reclaimPolicy"_qs, u"Delete"_qs },
                       { u"volumeBindingMode"_qs, u"WaitForFirstConsumer"_qs } });
    for (const auto &[name, value] : { std::pair { u"system-cluster-critical"_qs, 2000000000 },
                                       std::pair { u"system-node-critical"_qs, 2000001000 } }) {
        sink(u"scheduling.k8s.io"_qs, v1, u"priorityclasses"_qs,
             QJsonObject { { u"metadata"_qs, meta(name, {}, clusterBirth, rng) },
                           { u"value"_qs, value },
                           { u"globalDefault"_qs, false },
                           { u"preemptionPolicy"_qs, u"PreemptLowerPriority"_qs },
                           { u"description"_qs,
                             u"Used for system critical pods that must run in the "
                             "cluster, but can be moved to another node if "
                             "necessary."_qs } });
    }
    for (const QString &role : { u"admin"_qs, u"cluster-admin"_qs, u"edit"_qs, u"view"_qs }) {
        sink(u"rbac.authorization.k8s.io"_qs, v1, u"clusterroles"_qs,
             QJsonObject {
                 { u"metadata"_qs,
                   meta(role, {}, clusterBirth, rng,
                        { { u"kubernetes.io/bootstrapping"_qs, u"rbac-defaults"_qs } }) },
                 { u"rules"_qs,
                   QJsonArray { QJsonObject { { u"apiGroups"_qs, QJsonArray { u"*"_qs } },
                                              { u"resources"_qs, QJsonArray { u"*"_qs } },
                                              { u"verbs"_qs, QJsonArray { u"*"_qs } } } } } });
    }
}

} // namespace kube::testing::detail
