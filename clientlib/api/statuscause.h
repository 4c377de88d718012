#pragma once

#include "error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace kube {

/*!
 * One of a Status' details.causes: why a request was refused, and for validation errors (422
 * Invalid) which field of the object. client-go's metav1.StatusCause.
 * \code
 * for (const kube::StatusCause &c : kube::StatusCause::fromError(reply->error()))
 *     markLine(yamlLines.value(c.fieldPath().join(u'.')), c.message);
 * \endcode
 */
struct StatusCause
{
    QString reason; //!< FieldValueInvalid, FieldValueRequired, FieldManagerConflict ...
    QString message;
    QString field; //!< "spec.replicas", "spec.containers[0].image", ".spec.replicas"

    //! The causes an error carries (empty for errors without details).
    static QList<StatusCause> fromError(const Error &error);

    /*!
     * The field as path segments: "spec.containers[0].image" -> spec, containers, 0, image;
     * "metadata.labels[app.kubernetes.io/name]" -> metadata, labels, app.kubernetes.io/name;
     * server-side apply's ".spec.containers[name=\"web\"].image" -> spec, containers,
     * name="web", image.
     */
    QStringList fieldPath() const;
    static QStringList splitFieldPath(const QString &field);
};

} // namespace kube
