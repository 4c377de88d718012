#include "upgraderouter.h"

#include <QPointer>
#include <QTcpSocket>
#include <QUrl>

namespace kube::testing::detail {

namespace {

// A header block longer than this is not a request we route (Go's DefaultMaxHeaderBytes is
// 1 MiB; our clients send a few hundred bytes).
constexpr qsizetype maxHeaderBytes = 64 * 1024;

} // namespace

UpgradeRouter::UpgradeRouter(QObject *parent)
    : QObject(parent)
{ }

UpgradeRouter::~UpgradeRouter() = default;

void UpgradeRouter::setUpgradeHandler(Sink onUpgrade)
{
    m_onUpgrade = std::move(onUpgrade);
}

bool UpgradeRouter::isWebSocketUpgrade(const QByteArray &headerBlock)
{
    const QList<QByteArray> lines = headerBlock.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        if (line.left(colon).trimmed().compare("upgrade", Qt::CaseInsensitive) == 0
            && line.mid(colon + 1).trimmed().compare("websocket", Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

HttpRequest UpgradeRouter::readRequestHead(QTcpSocket *socket)
{
    const QByteArray peeked = socket->peek(maxHeaderBytes);
    const QList<QByteArray> lines = peeked.left(peeked.indexOf("\r\n\r\n")).split('\n');
    HttpRequest r;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    r.method = requestLine.value(0).toUpper();
    const QUrl url = QUrl::fromEncoded(requestLine.value(1));
    r.path = url.path(QUrl::FullyDecoded);
    r.rawQuery = url.query(QUrl::FullyEncoded);
    r.query = QUrlQuery(url);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
    }
    return r;
}

void UpgradeRouter::inspect(QTcpSocket *socket, Sink onHttp)
{
    emit connectionAccepted();
    if (!m_onUpgrade) {
        onHttp(socket);
        return;
    }
    // Only peeked: whoever takes the socket reads the request from its start.
    auto decide = [this, socket, onHttp](bool *done) {
        const QByteArray head = socket->peek(maxHeaderBytes);
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0 && head.size() < maxHeaderBytes
            && socket->state() == QAbstractSocket::ConnectedState)
            return;
        *done = true;
        socket->disconnect(this);
        if (end >= 0 && isWebSocketUpgrade(head.left(end)))
            m_onUpgrade(socket);
        else
            onHttp(socket);
    };
    auto done = std::make_shared<bool>(false);
    connect(socket, &QTcpSocket::readyRead, this, [decide, done] {
        if (!*done)
            decide(done.get());
    });
    connect(socket, &QTcpSocket::disconnected, this, [socket, done] {
        if (!*done) {
            *done = true;
            socket->deleteLater();
        }
    });
    if (socket->bytesAvailable() > 0)
        decide(done.get());
}

} // namespace kube::testing::detail
