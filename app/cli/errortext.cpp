#include "errortext.h"

namespace kube::cli {

QByteArray ErrorText::line(const Error &error, const QUrl &server)
{
    QString text;
    switch (error.kind) {
    case Error::Kind::Status:
        if (error.httpCode == 401)
            text = QStringLiteral("error: You must be logged in to the server (%1)")
                       .arg(error.message.isEmpty() ? QStringLiteral("Unauthorized")
                                                    : error.message);
        else if (!error.reason.isEmpty())
            text = QStringLiteral("Error from server (%1): %2").arg(error.reason, error.message);
        else
            text = QStringLiteral("Error from server: %1").arg(error.message);
        break;
    case Error::Kind::Network:
    case Error::Kind::Tls:
    case Error::Kind::Timeout:
        if (error.message.contains(QLatin1String("refused"), Qt::CaseInsensitive)
            && server.isValid()) {
            const QString host = server.port() >= 0
                ? server.host() + u':' + QString::number(server.port())
                : server.host();
            text = QStringLiteral(
                       "The connection to the server %1 was refused - did you specify the "
                       "right host or port?")
                       .arg(host);
        } else {
            text = QStringLiteral("Unable to connect to the server: %1").arg(error.message);
        }
        break;
    default:
        text = error.message.startsWith(QLatin1String("error: "))
            ? error.message
            : QStringLiteral("error: ") + error.message;
        break;
    }
    QByteArray out = text.toUtf8();
    if (!out.endsWith('\n'))
        out.append('\n');
    return out;
}

} // namespace kube::cli
