#pragma once

#include "groupversion.h"
#include "result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace kube {

/*!
 * Any Kubernetes object as JSON (client-go's unstructured.Unstructured): the dynamic client's
 * value type, for built-in kinds and CRDs alike.
 *
 * It is a thin view over one QJsonObject (implicitly shared, so copies are cheap); every field
 * it does not know about is kept as is, so get → modify → update never loses data. Accessors
 * for metadata read and write the object in place. Usage:
 * \code
 * kube::Unstructured pod(json);
 * qDebug() << pod.name() << pod.nestedString(u"status.phase").value_or(QString());
 * pod.setLabel(QStringLiteral("tier"), QStringLiteral("web"));
 * pod.setNestedField({QStringLiteral("spec"), QStringLiteral("replicas")}, 3);
 * \endcode
 */
class Unstructured
{
public:
    //! One metadata.ownerReferences entry.
    struct OwnerReference
    {
        QString apiVersion;
        QString kind;
        QString name;
        QString uid;
        std::optional<bool> controller;
        std::optional<bool> blockOwnerDeletion;

        QJsonObject toJson() const;
        static OwnerReference fromJson(const QJsonObject &object);
        friend bool operator==(const OwnerReference &, const OwnerReference &) = default;
    };

    Unstructured() = default;
    explicit Unstructured(QJsonObject object)
        : m_object(std::move(object))
    { }

    //! Parses one JSON object; an error (Kind::Decode) when \a json is not an object.
    static Result<Unstructured> fromJson(const QByteArray &json);

    const QJsonObject &object() const { return m_object; }
    QJsonObject &object() { return m_object; }
    QJsonObject toJson() const { return m_object; }
    QByteArray toJsonBytes(bool compact = true) const;
    bool isEmpty() const { return m_object.isEmpty(); }

    // Type ------------------------------------------------------------------------------------
    QString apiVersion() const;
    void setApiVersion(const QString &apiVersion);
    QString kind() const;
    void setKind(const QString &kind);
    GroupVersionKind groupVersionKind() const;
    void setGroupVersionKind(const GroupVersionKind &gvk);
    //! A list ("items" is an array), like client-go's IsList.
    bool isList() const;

    // Metadata --------------------------------------------------------------------------------
    QString name() const;
    void setName(const QString &name);
    QString generateName() const;
    void setGenerateName(const QString &generateName);
    //! metadata.namespace (named so because namespace is a keyword).
    QString namespaceName() const;
    void setNamespaceName(const QString &ns);
    QString uid() const;
    void setUid(const QString &uid);
    QString resourceVersion() const;
    void setResourceVersion(const QString &resourceVersion);
    qint64 generation() const;
    //! metadata.creationTimestamp; invalid when absent or not RFC 3339.
    QDateTime creationTimestamp() const;
    void setCreationTimestamp(const QDateTime &timestamp);
    QDateTime deletionTimestamp() const;

    QMap<QString, QString> labels() const;
    void setLabels(const QMap<QString, QString> &labels);
    void setLabel(const QString &key, const QString &value);
    QMap<QString, QString> annotations() const;
    void setAnnotations(const QMap<QString, QString> &annotations);
    void setAnnotation(const QString &key, const QString &value);
    QList<OwnerReference> ownerReferences() const;
    void setOwnerReferences(const QList<OwnerReference> &references);
    QStringList finalizers() const;
    void setFinalizers(const QStringList &finalizers);

    // Nested fields ----------------------------------------------------------------------------
    // A path is a list of object keys (client-go's NestedField(obj, "spec", "replicas")), or a
    // dotted string ("status.phase") when no key contains a dot. Missing fields and fields of
    // another type read as nothing; they never throw.

    //! The value at \a path, QJsonValue::Undefined when a step is missing or not an object.
    QJsonValue nestedField(const QStringList &path) const;
    QJsonValue nestedField(QStringView dottedPath) const;
    std::optional<QString> nestedString(const QStringList &path) const;
    std::optional<QString> nestedString(QStringView dottedPath) const;
    std::optional<qint64> nestedInt64(const QStringList &path) const;
    std::optional<qint64> nestedInt64(QStringView dottedPath) const;
    std::optional<bool> nestedBool(const QStringList &path) const;
    std::optional<bool> nestedBool(QStringView dottedPath) const;
    //! A list of strings; nothing when the field is missing or any element is not a string.
    std::optional<QStringList> nestedStringList(const QStringList &path) const;
    std::optional<QStringList> nestedStringList(QStringView dottedPath) const;
    std::optional<QMap<QString, QString>> nestedStringMap(const QStringList &path) const;
    std::optional<QJsonObject> nestedObject(const QStringList &path) const;
    std::optional<QJsonArray> nestedSlice(const QStringList &path) const;

    /*!
     * Sets the value at \a path, creating missing objects on the way. Fails (Kind::InvalidRequest,
     * naming the step) when a step exists but is not an object, as client-go's SetNestedField.
     */
    VoidResult setNestedField(const QStringList &path, const QJsonValue &value);
    VoidResult setNestedField(QStringView dottedPath, const QJsonValue &value);
    VoidResult setNestedStringList(const QStringList &path, const QStringList &values);
    //! Removes the field at \a path if present (RemoveNestedField).
    void removeNestedField(const QStringList &path);
    void removeNestedField(QStringView dottedPath);

    static QStringList splitPath(QStringView dottedPath);

    friend bool operator==(const Unstructured &a, const Unstructured &b)
    {
        return a.m_object == b.m_object;
    }

private:
    QJsonObject metadata() const;
    void setMetadataField(const QString &key, const QJsonValue &value);

    QJsonObject m_object;
};

} // namespace kube
