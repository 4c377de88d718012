#pragma once

#include "unstructured.h"

namespace kube {

/*!
 * A list of objects as JSON (client-go's UnstructuredList): the list's own fields (apiVersion,
 * kind, metadata with resourceVersion and continue, anything else) plus its items.
 *
 * Servers leave apiVersion and kind out of the items of built-in lists; fromJson() fills them
 * in from the list (kind "PodList" → items of kind "Pod"), as client-go does, so every item is
 * a complete object. toJson() writes the items back; every unknown field survives.
 */
class UnstructuredList
{
public:
    UnstructuredList() = default;

    //! Fails (Kind::Decode) when "items" is present but not an array of objects.
    static Result<UnstructuredList> fromJson(const QJsonObject &object);
    static Result<UnstructuredList> fromJson(const QByteArray &json);

    QJsonObject toJson() const;

    QString apiVersion() const;
    void setApiVersion(const QString &apiVersion);
    QString kind() const;
    void setKind(const QString &kind);
    QString resourceVersion() const;
    void setResourceVersion(const QString &resourceVersion);
    //! metadata.continue: the token for the next chunk, empty on the last one.
    QString continueToken() const;
    void setContinueToken(const QString &token);
    //! metadata.remainingItemCount when the server sent it.
    std::optional<qint64> remainingItemCount() const;

    const QList<Unstructured> &items() const { return m_items; }
    QList<Unstructured> &items() { return m_items; }
    void setItems(QList<Unstructured> items) { m_items = std::move(items); }

    //! The list without its items (apiVersion, kind, metadata and unknown fields).
    const QJsonObject &object() const { return m_object; }

private:
    void setMetadataField(const QString &key, const QJsonValue &value);

    QJsonObject m_object; // without "items"
    QList<Unstructured> m_items;
};

} // namespace kube
