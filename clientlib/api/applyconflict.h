#pragma once

#include "error.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace kube {

/*!
 * A server-side apply refused because other managers own fields the configuration changes:
 * kube-apiserver's 409 Conflict whose causes have reason FieldManagerConflict, one per
 * (manager, field). Re-applying with ApplyOptions::force takes the fields over.
 * \code
 * if (auto conflict = kube::ApplyConflict::fromError(reply->error()))
 *     for (const auto &f : conflict->fields) qDebug() << f.manager << f.field;
 * \endcode
 */
struct ApplyConflict
{
    struct Field
    {
        QString manager; //!< "kubectl-edit"
        QString detail; //!< what follows the quoted name: "using apps/v1", "with subresource ..."
        QString field; //!< ".spec.replicas"
    };
    QList<Field> fields;
    QString message; //!< the server's summary: "Apply failed with 1 conflict: ..."

    //! The conflict a 409 error describes; nullopt for any other error.
    static std::optional<ApplyConflict> fromError(const Error &error);
    //! The managers involved, each once, in order of first appearance.
    QStringList managers() const;
    QStringList fieldsOf(const QString &manager) const;
};

} // namespace kube
