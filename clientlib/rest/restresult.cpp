#include "restresult.h"

#include <QJsonParseError>

namespace kube {

namespace detail {
Result<QJsonDocument> parseJsonDocument(const QByteArray &body)
{
    QJsonParseError err;
    QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError)
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("the server sent invalid JSON (offset %1: %2)")
                               .arg(err.offset)
                               .arg(err.errorString()));
    return doc;
}
} // namespace detail

QByteArray RestResult::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

Result<QJsonObject> RestResult::json() const
{
    if (error)
        return *error;
    Result<QJsonDocument> doc = detail::parseJsonDocument(body);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("the server sent JSON that is not an object"));
    return doc->object();
}

} // namespace kube
