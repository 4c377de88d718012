#pragma once

#include "apistatus.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace kube::testing::detail {

/*!
 * Server-side apply's field ownership, as kube-apiserver keeps it in metadata.managedFields
 * (structured-merge-diff): every writer is a manager that owns a set of fields; an apply takes
 * the fields of its configuration, conflicts on fields another manager owns with a different
 * value (unless forced, which moves them), and drops fields it applied before and no longer
 * does when nobody else owns them. Other writes (create, update, patch) take ownership of the
 * fields they change, as operation "Update".
 *
 * Field paths are fieldsV1 keys joined by '\n': "f:spec\nf:replicas",
 * "f:spec\nf:containers\nk:{\"name\":\"web\"}\nf:image", "...\nk:{...}\n." for a list element
 * itself. Lists of objects merge by key (name; containerPort/port + protocol; mountPath), as
 * the built-in types' list-map keys do; other lists are atomic.
 */
class ManagedFields
{
public:
    struct Entry
    {
        QString manager;
        QString operation; //!< "Apply" or "Update"
        QString apiVersion;
        QString time;
        QString subresource;
        QSet<QString> fields;
    };
    struct Conflict
    {
        QString manager; //!< as kube-apiserver prints it: "\"m\"" or "\"m\" using apps/v1"
        QString path; //!< ".spec.replicas"
    };
    struct ApplyResult
    {
        QJsonObject object;
        QList<Conflict> conflicts;
    };

    //! The fields an applied configuration sets (what its manager will own).
    static QSet<QString> fieldsOf(const QJsonObject &object, bool withStatus);
    static QList<Entry> entries(const QJsonObject &object);
    static void setEntries(QJsonObject *object, const QList<Entry> &entries);
    static QJsonObject toFieldsV1(const QSet<QString> &fields);
    static QSet<QString> fromFieldsV1(const QJsonObject &fieldsV1);
    //! ".spec.containers[name=\"web\"].image"
    static QString displayPath(const QString &field);

    /*!
     * Applies \a config over \a live (empty for a new object) for \a manager. With conflicts and
     * no \a force, object is empty and conflicts lists them.
     */
    static ApplyResult apply(const QJsonObject &live,
                             QJsonObject config,
                             const QString &manager,
                             bool force,
                             const QString &apiVersion,
                             const QString &subresource);
    //! Gives \a manager (operation Update) the fields that changed from \a before to \a after.
    static void recordUpdate(const QJsonObject &before,
                             QJsonObject *after,
                             const QString &manager,
                             const QString &apiVersion,
                             const QString &subresource);
    //! 409 Conflict with FieldManagerConflict causes, worded as kube-apiserver words it.
    static ApiStatus conflictStatus(const QList<Conflict> &conflicts);

private:
    static QJsonValue valueAt(const QJsonValue &root, const QStringList &path, bool *found);
};

} // namespace kube::testing::detail
