#include "openapidocuments.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kube::testing::detail {

namespace {

QJsonObject queryParameter(const QString &name, const QString &description)
{
    return QJsonObject {
        { u"name"_qs, name },
        { u"in"_qs, u"query"_qs },
        { u"description"_qs, description },
        { u"schema"_qs, QJsonObject { { u"type"_qs, u"string"_qs }, { u"uniqueItems"_qs, true } } }
    };
}

QJsonObject operation(const FakeResource &r, const QString &id, bool write)
{
    QJsonArray parameters;
    if (write) {
        parameters << queryParameter(u"dryRun"_qs,
                                     u"When present, indicates that modifications "
                                     "should not be persisted."_qs)
                   << queryParameter(u"fieldManager"_qs,
                                     u"fieldManager is a name associated with the actor or "
                                     "entity that is making these changes."_qs)
                   << queryParameter(u"fieldValidation"_qs,
                                     u"fieldValidation instructs the server on how to handle "
                                     "objects in the request containing unknown or duplicate "
                                     "fields. Valid values are: Ignore, Warn, Strict."_qs);
    }
    return QJsonObject {
        { u"operationId"_qs, id },
        { u"x-kubernetes-action"_qs, id.section(u' ', 0, 0) },
        { u"x-kubernetes-group-version-kind"_qs,
          QJsonObject {
              { u"group"_qs, r.group }, { u"version"_qs, r.version }, { u"kind"_qs, r.kind } } },
        { u"parameters"_qs, parameters },
        { u"responses"_qs,
          QJsonObject { { u"200"_qs, QJsonObject { { u"description"_qs, u"OK"_qs } } },
                        { u"401"_qs, QJsonObject { { u"description"_qs, u"Unauthorized"_qs } } } } }
    };
}

} // namespace

void OpenApiDocuments::setResources(const QList<FakeResource> &resources)
{
    m_resources = resources;
    m_built = false;
}

void OpenApiDocuments::build() const
{
    if (m_built)
        return;
    m_built = true;
    m_docs.clear();
    QHash<QString, QJsonObject> paths; // key: api/v1 or apis/g/v
    QStringList order;
    for (const FakeResource &r : m_resources) {
        const QString key
            = r.group.isEmpty() ? u"api/"_qs + r.version : u"apis/"_qs + r.group + u'/' + r.version;
        if (!paths.contains(key))
            order << key;
        QJsonObject &p = paths[key];
        const QString base
            = u'/' + key + (r.namespaced ? u"/namespaces/{namespace}/"_qs : u"/"_qs) + r.resource;
        QJsonObject collection;
        if (r.verbs.contains(u"list"_qs))
            collection.insert(u"get"_qs, operation(r, u"list "_qs + r.kind, false));
        if (r.verbs.contains(u"create"_qs))
            collection.insert(u"post"_qs, operation(r, u"post "_qs + r.kind, true));
        if (r.verbs.contains(u"deletecollection"_qs))
            collection.insert(u"delete"_qs, operation(r, u"deletecollection "_qs + r.kind, false));
        if (!collection.isEmpty())
            p.insert(base, collection);
        QJsonObject item;
        if (r.verbs.contains(u"get"_qs))
            item.insert(u"get"_qs, operation(r, u"get "_qs + r.kind, false));
        if (r.verbs.contains(u"update"_qs))
            item.insert(u"put"_qs, operation(r, u"put "_qs + r.kind, true));
        if (r.verbs.contains(u"patch"_qs))
            item.insert(u"patch"_qs, operation(r, u"patch "_qs + r.kind, true));
        if (r.verbs.contains(u"delete"_qs))
            item.insert(u"delete"_qs, operation(r, u"delete "_qs + r.kind, false));
        if (!item.isEmpty())
            p.insert(base + u"/{name}"_qs, item);
    }
    QJsonObject rootPaths;
    for (const QString &key : std::as_const(order)) {
        const QByteArray doc
            = QJsonDocument(QJsonObject { { u"openapi"_qs, u"3.0.0"_qs },
                                          { u"info"_qs,
                                            QJsonObject { { u"title"_qs, u"Kubernetes"_qs },
                                                          { u"version"_qs, u"v1.34.0"_qs } } },
                                          { u"paths"_qs, paths.value(key) },
                                          { u"components"_qs, QJsonObject {} } })
                  .toJson(QJsonDocument::Compact);
        m_docs.insert(key, doc);
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(doc, QCryptographicHash::Sha512).toHex().left(128).toUpper());
        rootPaths.insert(key,
                         QJsonObject { { u"serverRelativeURL"_qs,
                                         u"/openapi/v3/"_qs + key + u"?hash="_qs + hash } });
    }
    m_root
        = QJsonDocument(QJsonObject { { u"paths"_qs, rootPaths } }).toJson(QJsonDocument::Compact);
}

QByteArray OpenApiDocuments::root() const
{
    build();
    return m_root;
}

QByteArray OpenApiDocuments::groupVersion(const QString &path) const
{
    build();
    return m_docs.value(path);
}

} // namespace kube::testing::detail
