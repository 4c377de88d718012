#pragma once

#include "fakeapiserver.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace kube::testing::detail {

/*!
 * A minimal OpenAPI v3 (/openapi/v3 and /openapi/v3/<api|apis/g>/<v>): the paths of every
 * resource with their operations, the x-kubernetes-group-version-kind extension and the query
 * parameters kube-apiserver documents (fieldValidation, dryRun, fieldManager …). It carries no
 * schemas; it exists so kubectl can see that the server validates fields itself
 * (`kubectl create -f` asks before sending) instead of failing to download OpenAPI.
 */
class OpenApiDocuments
{
public:
    void setResources(const QList<FakeResource> &resources);
    QByteArray root() const;
    //! \a path is "api/v1" or "apis/<group>/<version>"; empty when unknown.
    QByteArray groupVersion(const QString &path) const;

private:
    void build() const;

    QList<FakeResource> m_resources;
    mutable bool m_built = false;
    mutable QByteArray m_root;
    mutable QHash<QString, QByteArray> m_docs;
};

} // namespace kube::testing::detail
