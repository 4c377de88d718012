#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace kube::cli {

/*!
 * Writes JSON the way `kubectl get -o json` does (Go's json.MarshalIndent over unstructured
 * objects): keys sorted bytewise, four-space indent, "<", ">", "&", U+2028 and U+2029 escaped as
 * \u sequences, Go's number formatting, and a final newline.
 */
class JsonPrinter
{
public:
    static QByteArray print(const QJsonValue &value);
    //! Appends \a value at indentation \a depth (used by print(); exposed for tests).
    static void write(QByteArray &out, const QJsonValue &value, int depth);
    //! A JSON string literal as encoding/json writes it (with HTML escaping).
    static void writeString(QByteArray &out, const QString &text);
};

} // namespace kube::cli
