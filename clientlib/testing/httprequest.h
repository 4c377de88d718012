#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace kube::testing::detail {

//! One HTTP request, copied out of QHttpServerRequest so it outlives the parser's buffer
//! (delayed answers and watches answer after the request object has been reused).
struct HttpRequest
{
    QByteArray method; //!< upper case: GET, POST, PUT, PATCH, DELETE ...
    QString path; //!< decoded path
    QString rawQuery; //!< query string without '?', as sent
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    //! Value of the first header named \a name (case-insensitive), empty when absent.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QString queryValue(const QString &key) const
    {
        return query.queryItemValue(key, QUrl::FullyDecoded);
    }
    bool hasQuery(const QString &key) const { return query.hasQueryItem(key); }
    //! Kubernetes booleans: "true", "1" (as Go's strconv.ParseBool accepts).
    bool queryFlag(const QString &key) const
    {
        const QString v = queryValue(key).toLower();
        return v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("t");
    }
};

} // namespace kube::testing::detail
