#include "objecteditsession.h"

#include "api/manifest.h"
#include "api/statuscause.h"
#include "api/yamlwriter.h"

#include <QJsonArray>

namespace kube {

struct ObjectEditSession::Parsed
{
    Manifest::Document document;
    QString name;
    QString ns;
};

ObjectEditSession::ObjectEditSession(std::shared_ptr<DynamicClient> client, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
{ }

ObjectEditSession::~ObjectEditSession()
{
    abortPending();
}

void ObjectEditSession::abortPending()
{
    delete m_reply.data(); // an unfinished reply is cancelled without finished()
    delete m_liveReply.data();
}

void ObjectEditSession::setClient(std::shared_ptr<DynamicClient> client)
{
    abortPending();
    m_client = std::move(client);
}

void ObjectEditSession::load(const ObjectRef &ref)
{
    abortPending();
    m_ref = ref;
    m_creating = false;
    ObjectReply *reply = m_client->resource(ref.gvr).inNamespace(ref.ns).get(ref.name);
    m_reply = reply;
    connect(reply, &AsyncReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!reply->hasValue()) {
            emit failed(reply->error().toString());
            return;
        }
        emit loaded(editableYaml(reply->value().object()));
    });
}

void ObjectEditSession::create(const ObjectRef &ref)
{
    abortPending();
    m_ref = ref;
    m_creating = true;
    emit loaded(skeleton(ref));
}

std::optional<ObjectEditSession::Parsed> ObjectEditSession::parse(const QString &yaml)
{
    auto docs = Manifest::parse(yaml.toUtf8(), tr("the YAML"));
    if (!docs) {
        emit failed(docs.error().message);
        return std::nullopt;
    }
    if (docs->size() != 1) {
        emit failed(tr("Edit one object at a time: the YAML holds %n objects.", nullptr,
                       int(docs->size())));
        return std::nullopt;
    }
    Parsed p;
    p.document = docs->first();
    Unstructured object(p.document.object);
    if (object.kind() != m_ref.kind) {
        emit failed(tr("The YAML describes a %1, but this is a %2: change \"kind\" back to %2.")
                        .arg(object.kind().isEmpty() ? tr("object without a kind") : object.kind(),
                             m_ref.kind));
        return std::nullopt;
    }
    p.name = object.name();
    if (p.name.isEmpty()) {
        emit invalid({ LineError { p.document.lineOf({ QStringLiteral("metadata") }),
                                   QStringLiteral("metadata.name"),
                                   tr("Required value: name is required") } });
        return std::nullopt;
    }
    if (!m_creating && p.name != m_ref.name) {
        emit failed(tr("The name changed from \"%1\" to \"%2\": use Create for a new object.")
                        .arg(m_ref.name, p.name));
        return std::nullopt;
    }
    if (m_ref.namespaced) {
        p.ns = object.namespaceName().isEmpty() ? m_ref.ns : object.namespaceName();
        if (p.ns.isEmpty())
            p.ns = QStringLiteral("default");
        if (!m_creating && p.ns != m_ref.ns) {
            emit failed(tr("The namespace changed from \"%1\" to \"%2\": an object cannot move.")
                            .arg(m_ref.ns, p.ns));
            return std::nullopt;
        }
    }
    return p;
}

void ObjectEditSession::review(const QString &yaml)
{
    send(yaml, true, false);
}

void ObjectEditSession::apply(const QString &yaml, bool force)
{
    send(yaml, false, force);
}

void ObjectEditSession::send(const QString &yaml, bool dryRun, bool force)
{
    abortPending();
    const auto parsed = parse(yaml);
    if (!parsed)
        return;
    ApplyOptions options;
    options.fieldManager = m_fieldManager;
    options.force = force;
    if (dryRun)
        options.dryRun = { QStringLiteral("All") };
    Unstructured object(parsed->document.object);
    object.removeNestedField({ QStringLiteral("metadata"), QStringLiteral("managedFields") });
    const DynamicResource resource = m_client->resource(m_ref.gvr).inNamespace(parsed->ns);
    ObjectReply *reply = resource.apply(parsed->name, object, options);
    m_reply = reply;
    connect(reply, &AsyncReply::finished, this, [this, reply, parsed = *parsed, dryRun, resource] {
        reply->deleteLater();
        if (!reply->hasValue()) {
            const Error &e = reply->error();
            if (auto conflict = ApplyConflict::fromError(e)) {
                emit conflicted(*conflict);
                return;
            }
            const QList<StatusCause> causes = StatusCause::fromError(e);
            if (e.isStatus(422) && !causes.isEmpty()) {
                QList<LineError> errors;
                for (const StatusCause &c : causes)
                    errors.append({ parsed.document.lineOf(c.fieldPath()), c.field, c.message });
                emit invalid(errors);
                return;
            }
            emit failed(e.toString());
            return;
        }
        if (!dryRun) {
            m_ref.name = parsed.name;
            m_ref.ns = parsed.ns;
            m_creating = false;
            emit applied(m_ref.displayName() + QStringLiteral(" serverside-applied"));
            return;
        }
        // The diff: the live object (none when creating) against the dry-run result.
        const QString after = displayYaml(reply->value().object());
        ObjectReply *live = resource.get(parsed.name);
        m_liveReply = live;
        connect(live, &AsyncReply::finished, this, [this, live, after] {
            live->deleteLater();
            QString before;
            if (live->hasValue())
                before = displayYaml(live->value().object());
            else if (!live->error().isNotFound()) {
                emit failed(live->error().toString());
                return;
            }
            const QList<DiffLine> diff = TextDiff::lines(before, after);
            emit reviewed(diff, TextDiff::hasChanges(diff));
        });
    });
}

QString ObjectEditSession::editableYaml(const QJsonObject &object)
{
    QJsonObject o = object;
    o.remove(QStringLiteral("status"));
    QJsonObject meta = o.value(QStringLiteral("metadata")).toObject();
    for (const char *key :
         { "managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink",
           "deletionTimestamp", "deletionGracePeriodSeconds" })
        meta.remove(QString::fromLatin1(key));
    QJsonObject annotations = meta.value(QStringLiteral("annotations")).toObject();
    annotations.remove(QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"));
    if (annotations.isEmpty())
        meta.remove(QStringLiteral("annotations"));
    else
        meta.insert(QStringLiteral("annotations"), annotations);
    o.insert(QStringLiteral("metadata"), meta);
    return QString::fromUtf8(YamlWriter::print(o));
}

QString ObjectEditSession::displayYaml(const QJsonObject &object)
{
    QJsonObject o = object;
    QJsonObject meta = o.value(QStringLiteral("metadata")).toObject();
    meta.remove(QStringLiteral("managedFields"));
    o.insert(QStringLiteral("metadata"), meta);
    return QString::fromUtf8(YamlWriter::print(o));
}

QString ObjectEditSession::skeleton(const ObjectRef &ref)
{
    const QString apiVersion
        = ref.gvr.group.isEmpty() ? ref.gvr.version : ref.gvr.group + u'/' + ref.gvr.version;
    QJsonObject meta { { QStringLiteral("name"),
                         ref.name.isEmpty() ? QStringLiteral("new-") + ref.kind.toLower()
                                            : ref.name } };
    if (ref.namespaced)
        meta.insert(QStringLiteral("namespace"),
                    ref.ns.isEmpty() ? QStringLiteral("default") : ref.ns);
    const QString app = meta.value(QStringLiteral("name")).toString();
    const QJsonObject labels { { QStringLiteral("app"), app } };
    const QJsonObject podSpec {
        { QStringLiteral("containers"),
          QJsonArray { QJsonObject { { QStringLiteral("name"), app },
                                     { QStringLiteral("image"), QStringLiteral("nginx:1.27") } } } }
    };
    const QJsonObject podTemplate { { QStringLiteral("metadata"),
                                      QJsonObject { { QStringLiteral("labels"), labels } } },
                                    { QStringLiteral("spec"), podSpec } };
    QJsonObject o { { QStringLiteral("apiVersion"), apiVersion },
                    { QStringLiteral("kind"), ref.kind },
                    { QStringLiteral("metadata"), meta } };
    const QString &k = ref.kind;
    if (k == QLatin1String("Deployment") || k == QLatin1String("StatefulSet")
        || k == QLatin1String("ReplicaSet") || k == QLatin1String("DaemonSet")) {
        QJsonObject spec { { QStringLiteral("selector"),
                             QJsonObject { { QStringLiteral("matchLabels"), labels } } },
                           { QStringLiteral("template"), podTemplate } };
        if (k != QLatin1String("DaemonSet"))
            spec.insert(QStringLiteral("replicas"), 1);
        o.insert(QStringLiteral("spec"), spec);
    } else if (k == QLatin1String("Pod")) {
        o.insert(QStringLiteral("spec"), podSpec);
    } else if (k == QLatin1String("ConfigMap")) {
        o.insert(QStringLiteral("data"),
                 QJsonObject { { QStringLiteral("key"), QStringLiteral("value") } });
    } else if (k == QLatin1String("Secret")) {
        o.insert(QStringLiteral("type"), QStringLiteral("Opaque"));
        o.insert(QStringLiteral("stringData"),
                 QJsonObject { { QStringLiteral("key"), QStringLiteral("value") } });
    } else if (k == QLatin1String("Service")) {
        o.insert(QStringLiteral("spec"),
                 QJsonObject {
                     { QStringLiteral("selector"), labels },
                     { QStringLiteral("ports"),
                       QJsonArray { QJsonObject { { QStringLiteral("port"), 80 },
                                                  { QStringLiteral("targetPort"), 80 } } } } });
    } else if (k == QLatin1String("Job")) {
        QJsonObject t = podTemplate;
        QJsonObject s = podSpec;
        s.insert(QStringLiteral("restartPolicy"), QStringLiteral("Never"));
        t.insert(QStringLiteral("spec"), s);
        o.insert(QStringLiteral("spec"), QJsonObject { { QStringLiteral("template"), t } });
    } else if (k == QLatin1String("CronJob")) {
        QJsonObject t = podTemplate;
        QJsonObject s = podSpec;
        s.insert(QStringLiteral("restartPolicy"), QStringLiteral("OnFailure"));
        t.insert(QStringLiteral("spec"), s);
        o.insert(QStringLiteral("spec"),
                 QJsonObject {
                     { QStringLiteral("schedule"), QStringLiteral("0 3 * * *") },
                     { QStringLiteral("jobTemplate"),
                       QJsonObject { { QStringLiteral("spec"),
                                       QJsonObject { { QStringLiteral("template"), t } } } } } });
    } else if (k != QLatin1String("Namespace")) {
        o.insert(QStringLiteral("spec"), QJsonObject {});
    }
    return QString::fromUtf8(YamlWriter::print(o));
}

} // namespace kube
