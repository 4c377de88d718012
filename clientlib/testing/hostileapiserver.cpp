#include "hostileapiserver.h"

#include <QDir>
#include <QFile>
#include <QMetaEnum>
#include <QTcpSocket>
#include <QUrlQuery>

#include <zlib.h>

namespace kube::testing {

namespace {

constexpr qint64 kHugeString = qint64(100) << 20; // 100 MB
constexpr qint64 kHugeLine = qint64(64) << 20; // 64 MB
constexpr qint64 kWriteAhead = qint64(1) << 20; // unsent bytes kept in the socket at most
constexpr qint64 kPiece = qint64(256) << 10;

enum class Endpoint { CoreVersions, GroupList, ResourceList, List, Table, Get, Watch, Log };

// One response body as a template: head + item (+ separator + item ...) + tail. Placeholders:
// @TOP@ (extra top-level keys), @NAME@ (a name, JSON string content), @EXTRA@ (extra fields).
struct Shape
{
    QByteArray head;
    QByteArray item;
    QByteArray separator;
    QByteArray tail;
    QByteArray defaultName;
    QByteArray contentType = "application/json";
    bool chunked = false; // watches and logs stream
};

const QByteArray kPod = R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"@NAME@",)"
                        R"("namespace":"default","resourceVersion":"10","uid":"u-1",)"
                        R"("creationTimestamp":"2024-01-01T00:00:00Z"@EXTRA@},"spec":)"
                        R"({"containers":[{"name":"c","image":"busybox"}]},"status":)"
                        R"({"phase":"Running"}})";

Shape shapeFor(Endpoint endpoint, const QByteArray &groupVersion)
{
    Shape s;
    switch (endpoint) {
    case Endpoint::CoreVersions:
        s.head = R"({@TOP@"kind":"APIVersions","versions":[)";
        s.item = R"("@NAME@")";
        s.tail = R"(],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0",)"
                 R"("serverAddress":"127.0.0.1:6443"}]})";
        s.defaultName = "v1";
        break;
    case Endpoint::GroupList:
        s.head = R"({@TOP@"kind":"APIGroupList","apiVersion":"v1","groups":[)";
        s.item = R"({"name":"@NAME@","versions":[{"groupVersion":"@NAME@/v1","version":"v1"}],)"
                 R"("preferredVersion":{"groupVersion":"@NAME@/v1","version":"v1"}@EXTRA@})";
        s.tail = "]}";
        s.defaultName = "apps";
        break;
    case Endpoint::ResourceList:
        s.head = R"({@TOP@"kind":"APIResourceList","apiVersion":"v1","groupVersion":")"
            + groupVersion + R"(","resources":[)";
        s.item = R"({"name":"@NAME@","singularName":"pod","namespaced":true,"kind":"Pod",)"
                 R"("verbs":["get","list","watch"],"shortNames":["po"]@EXTRA@})";
        s.tail = "]}";
        s.defaultName = "pods";
        break;
    case Endpoint::List:
        s.head = R"({@TOP@"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"10"},)"
                 R"("items":[)";
        s.item = kPod;
        s.tail = "]}";
        s.defaultName = "web-1";
        break;
    case Endpoint::Table:
        s.head = R"({@TOP@"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":)"
                 R"({"resourceVersion":"10"},"columnDefinitions":[{"name":"Name","type":)"
                 R"("string","format":"name","description":"","priority":0},{"name":"Status",)"
                 R"("type":"string","format":"","description":"","priority":0}],"rows":[)";
        s.item = R"({"cells":["@NAME@","Running"],"object":{"kind":"PartialObjectMetadata",)"
                 R"("apiVersion":"meta.k8s.io/v1","metadata":{"name":"@NAME@","namespace":)"
                 R"("default","creationTimestamp":"2024-01-01T00:00:00Z"@EXTRA@}}})";
        s.tail = "]}";
        s.defaultName = "web-1";
        break;
    case Endpoint::Get:
        s.item = QByteArray(kPod).replace("{\"kind\"", "{@TOP@\"kind\"");
        s.defaultName = "web-1";
        break;
    case Endpoint::Watch:
        s.item = "{@TOP@\"type\":\"ADDED\",\"object\":" + kPod + "}\n";
        s.defaultName = "web-1";
        s.chunked = true;
        break;
    case Endpoint::Log:
        s.item = "2024-01-01T00:00:00Z log line of @NAME@\n";
        s.defaultName = "web-1";
        s.contentType = "text/plain";
        s.chunked = true;
        break;
    }
    return s;
}

QList<QByteArray> absurdNames()
{
    return {
        "../../../../evil", "..",        "/etc/passwd",   "a\\u0000b",     QByteArray(4096, 'n'),
        "evil/../../..",    "%2e%2e%2f", "C:\\\\Windows", "\\u202egnp.exe"
    };
}

QByteArray
fill(QByteArray text, const QByteArray &name, const QByteArray &extra, const QByteArray &top)
{
    return text.replace("@TOP@", top).replace("@EXTRA@", extra).replace("@NAME@", name);
}

} // namespace

struct HostileApiServer::Connection
{
    QByteArray input;
    bool busy = false; // a response is being written
    // The body still to produce: pending bytes first, then filler (fillerLeft < 0 = endless),
    // then the tail.
    QByteArray pending;
    QByteArray filler;
    qint64 fillerLeft = 0;
    QByteArray tail;
    bool chunked = false;
    bool closeAtEnd = false;
    bool stalled = false;
    std::unique_ptr<z_stream> gzip;

    ~Connection()
    {
        if (gzip)
            deflateEnd(gzip.get());
    }
};

HostileApiServer::HostileApiServer(Attack attack, QObject *parent)
    : QObject(parent)
    , m_attack(attack)
{
    connect(&m_server, &QTcpServer::newConnection, this, &HostileApiServer::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
}

HostileApiServer::~HostileApiServer()
{
    const auto sockets = m_connections.keys();
    for (QTcpSocket *s : sockets) {
        s->disconnect(this);
        s->abort();
        delete s;
    }
}

QUrl HostileApiServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

QList<HostileApiServer::Attack> HostileApiServer::attacks()
{
    QList<Attack> all;
    const QMetaEnum e = QMetaEnum::fromType<Attack>();
    for (int i = 0; i < e.keyCount(); ++i) {
        if (Attack(e.value(i)) != Attack::None)
            all.append(Attack(e.value(i)));
    }
    return all;
}

QString HostileApiServer::name(Attack attack)
{
    return QString::fromLatin1(QMetaEnum::fromType<Attack>().valueToKey(int(attack)));
}

QString HostileApiServer::writeKubeconfig(const QString &dir) const
{
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(QStringLiteral("kubeconfig"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write("apiVersion: v1\nkind: Config\nclusters:\n- name: hostile\n  cluster:\n    server: "
            + url().toEncoded()
            + "\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: hostile\n  context:\n    "
              "cluster: hostile\n    user: u\n    namespace: default\ncurrent-context: "
              "hostile\n");
    return path;
}

void HostileApiServer::onNewConnection()
{
    while (QTcpSocket *s = m_server.nextPendingConnection()) {
        s->setParent(nullptr);
        m_connections.insert(s, std::make_shared<Connection>());
        connect(s, &QTcpSocket::readyRead, this, [this, s] { onReadyRead(s); });
        connect(s, &QTcpSocket::bytesWritten, this, [this, s] { pump(s); });
        connect(s, &QTcpSocket::disconnected, this, [this, s] {
            m_connections.remove(s);
            s->deleteLater();
        });
    }
}

void HostileApiServer::onReadyRead(QTcpSocket *socket)
{
    const std::shared_ptr<Connection> c = m_connections.value(socket);
    if (!c)
        return;
    c->input += socket->readAll();
    while (!c->busy) {
        const qsizetype end = c->input.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = c->input.left(end);
        c->input.remove(0, end + 4);
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        QByteArray accept;
        qint64 bodyLength = 0;
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray key = line.left(colon).trimmed().toLower();
            if (key == "accept")
                accept = line.mid(colon + 1).trimmed();
            else if (key == "content-length")
                bodyLength = line.mid(colon + 1).trimmed().toLongLong();
        }
        // Request bodies are not needed; drop what arrived of them.
        c->input.remove(0, qMin<qint64>(bodyLength, c->input.size()));
        respond(socket, requestLine.value(0), requestLine.value(1), accept);
    }
}

void HostileApiServer::respond(QTcpSocket *socket,
                               const QByteArray &method,
                               const QByteArray &target,
                               const QByteArray &accept)
{
    Q_UNUSED(method)
    m_targets.append(target);
    const std::shared_ptr<Connection> c = m_connections.value(socket);
    const QUrl url(QString::fromLatin1("http://x" + target));
    const QString path = url.path();
    const QUrlQuery query(url);
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    const bool watch = query.queryItemValue(QStringLiteral("watch")) == QLatin1String("1")
        || query.queryItemValue(QStringLiteral("watch")) == QLatin1String("true");

    Endpoint endpoint;
    QByteArray groupVersion;
    if (path == QLatin1String("/api")) {
        endpoint = Endpoint::CoreVersions;
    } else if (path == QLatin1String("/apis")) {
        endpoint = Endpoint::GroupList;
    } else if (parts.size() == 2 && parts[0] == QLatin1String("api")) {
        endpoint = Endpoint::ResourceList;
        groupVersion = parts[1].toUtf8();
    } else if (parts.size() == 3 && parts[0] == QLatin1String("apis")) {
        endpoint = Endpoint::ResourceList;
        groupVersion = (parts[1] + u'/' + parts[2]).toUtf8();
    } else if (path.endsWith(QLatin1String("/log"))) {
        endpoint = Endpoint::Log;
    } else if (watch) {
        endpoint = Endpoint::Watch;
    } else {
        // .../pods is a list, .../pods/<name> a get: lists end in a resource name, which
        // follows "namespaces/<ns>" or the group-version.
        const int base = parts.value(0) == QLatin1String("api") ? 2 : 3;
        int rest = int(parts.size()) - base;
        if (parts.value(base) == QLatin1String("namespaces") && rest >= 3)
            rest -= 2;
        const bool list = rest <= 1;
        endpoint = !list                  ? Endpoint::Get
            : accept.contains("as=Table") ? Endpoint::Table
                                          : Endpoint::List;
    }
    if (m_attack == Attack::None && endpoint == Endpoint::ResourceList && groupVersion != "v1"
        && groupVersion != "apps/v1") {
        QByteArray body = R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":)"
                          R"("NotFound","code":404})";
        socket->write("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
                      "Content-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        return;
    }

    Shape shape = shapeFor(endpoint, groupVersion);
    QByteArray name = shape.defaultName;
    QByteArray extra;
    QByteArray top;
    QList<QByteArray> extraNames;
    switch (m_attack) {
    case Attack::InvalidUtf8:
        name = "bad\xff\xfe\xc0\x80name";
        break;
    case Attack::HugeNumbers:
        extra = R"(,"generation":123456789012345678901234567890123,"deletionGracePeriodSeconds":)"
                R"(-9.9e999,"x":1e400)";
        top = R"("code":1e400,"count":99999999999999999999999999,)";
        break;
    case Attack::DeepNesting:
        extra = ",\"deep\":" + QByteArray(10000, '[') + QByteArray(10000, ']');
        top = "\"deep\":";
        for (int i = 0; i < 10000; ++i)
            top += "{\"a\":";
        top += "1" + QByteArray(10000, '}') + ",";
        break;
    case Attack::AbsurdNames:
        name = absurdNames().constFirst();
        extraNames = absurdNames().mid(1);
        break;
    case Attack::DuplicateKeys:
        top = R"("kind":7,"apiVersion":[],"metadata":"x","items":{},"groups":"x","resources":)"
              R"(null,"versions":{},"rows":1,"columnDefinitions":"no","type":3,"object":"o",)";
        extra = R"(,"name":{"x":1},"namespace":[1])";
        break;
    default:
        break;
    }

    QByteArray items = fill(shape.item, name, extra, top);
    for (const QByteArray &n : std::as_const(extraNames))
        items += (shape.separator.isEmpty() && shape.chunked ? QByteArray() : QByteArray(","))
            + fill(shape.item, n, extra, top);
    if (!extraNames.isEmpty() && (endpoint == Endpoint::Get))
        items = fill(shape.item, name, extra, top); // a get returns one object
    if (m_attack == Attack::AbsurdNames && endpoint == Endpoint::GroupList)
        items += R"(,{"name":"x","versions":[{"groupVersion":"x/../../..","version":"../../.."}],)"
                 R"("preferredVersion":{"groupVersion":"x/../../..","version":"../../.."}})";
    const QByteArray head = fill(shape.head, name, extra, top);
    const QByteArray body = head + items + shape.tail;

    c->busy = true;
    c->pending.clear();
    c->filler.clear();
    c->fillerLeft = 0;
    c->tail.clear();
    c->chunked = shape.chunked;
    c->closeAtEnd = false;
    c->stalled = false;
    c->gzip.reset();

    QByteArray status = "HTTP/1.1 200 OK\r\n";
    QByteArray headers = "Content-Type: " + shape.contentType + "\r\n";
    QByteArray framing;
    const auto lengthOf
        = [&](qint64 n) { return "Content-Length: " + QByteArray::number(n) + "\r\n"; };
    const auto big = [&](qint64 size, bool endless) {
        // The item with its name made of `size` bytes of filler (or endless filler).
        const qsizetype at = items.indexOf(name);
        c->pending = head + items.left(at);
        c->filler = QByteArray(kPiece, 'a');
        c->fillerLeft = endless ? -1 : size;
        c->tail = items.mid(at + name.size()) + shape.tail;
        return c->pending.size() + size + c->tail.size();
    };

    switch (m_attack) {
    case Attack::None:
    case Attack::InvalidUtf8:
    case Attack::HugeNumbers:
    case Attack::DeepNesting:
    case Attack::AbsurdNames:
    case Attack::DuplicateKeys:
        c->pending = body;
        if (!c->chunked)
            framing = lengthOf(body.size());
        break;
    case Attack::TruncatedJson:
        c->pending = body.left(body.size() / 2);
        if (!c->chunked)
            framing = lengthOf(c->pending.size());
        break;
    case Attack::HugeString:
    case Attack::HugeWatchLine: {
        const qint64 size = m_attack == Attack::HugeString ? kHugeString : kHugeLine;
        const qint64 total = big(size, false);
        if (!c->chunked)
            framing = lengthOf(total);
        break;
    }
    case Attack::WrongContentType:
        headers = "Content-Type: text/html; charset=utf-8\r\n";
        c->pending = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>"
                     "Please sign in to continue</form></body></html>\n";
        c->chunked = false;
        framing = lengthOf(c->pending.size());
        break;
    case Attack::ContentLengthTooLarge:
        c->pending = body;
        c->chunked = false;
        c->closeAtEnd = true;
        framing = lengthOf(body.size() + 1000);
        break;
    case Attack::ContentLengthTooSmall:
        c->pending = body;
        c->chunked = false;
        framing = lengthOf(body.size() / 2);
        break;
    case Attack::GzipBomb:
        big(0, true);
        c->chunked = true;
        headers += "Content-Encoding: gzip\r\n";
        c->gzip = std::make_unique<z_stream>();
        *c->gzip = {};
        deflateInit2(c->gzip.get(), Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
        break;
    case Attack::EndlessBody:
        c->pending = head;
        c->filler = items + (c->chunked ? QByteArray() : QByteArray(","));
        c->fillerLeft = -1;
        c->chunked = true;
        break;
    case Attack::StallAfterHeaders:
        c->stalled = true;
        if (!c->chunked)
            framing = lengthOf(body.size());
        break;
    case Attack::Http10:
        status = "HTTP/1.0 200 OK\r\n";
        c->pending = body;
        c->chunked = false;
        c->closeAtEnd = true;
        break;
    }
    if (c->chunked)
        framing = "Transfer-Encoding: chunked\r\n";
    socket->write(status + headers + framing + "\r\n");
    if (c->stalled)
        return;
    pump(socket);
}

void HostileApiServer::pump(QTcpSocket *socket)
{
    const std::shared_ptr<Connection> c = m_connections.value(socket);
    if (!c || !c->busy || c->stalled)
        return;
    const auto send = [&](QByteArray data, bool last) {
        if (c->gzip) {
            QByteArray out;
            z_stream *z = c->gzip.get();
            z->next_in = reinterpret_cast<Bytef *>(data.data());
            z->avail_in = uInt(data.size());
            char buffer[64 * 1024];
            do {
                z->next_out = reinterpret_cast<Bytef *>(buffer);
                z->avail_out = sizeof buffer;
                deflate(z, last ? Z_FINISH : Z_NO_FLUSH);
                out.append(buffer, qsizetype(sizeof buffer - z->avail_out));
            } while (z->avail_out == 0);
            data = out;
        }
        if (data.isEmpty())
            return;
        m_bytesWritten += data.size();
        if (c->chunked)
            socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
        else
            socket->write(data);
    };
    while (socket->bytesToWrite() < kWriteAhead) {
        if (!c->pending.isEmpty()) {
            send(std::exchange(c->pending, {}), false);
            continue;
        }
        if (c->fillerLeft != 0) {
            QByteArray piece = c->filler;
            if (c->fillerLeft > 0) {
                piece.truncate(qMin<qint64>(piece.size(), c->fillerLeft));
                c->fillerLeft -= piece.size();
            }
            send(piece, false);
            continue;
        }
        send(std::exchange(c->tail, {}), c->gzip != nullptr);
        if (c->chunked)
            socket->write("0\r\n\r\n");
        c->busy = false;
        if (c->closeAtEnd) {
            socket->disconnectFromHost();
            return;
        }
        // The next request may already be waiting.
        if (!c->input.isEmpty())
            QMetaObject::invokeMethod(
                this,
                [this, socket] {
                    if (m_connections.contains(socket))
                        onReadyRead(socket);
                },
                Qt::QueuedConnection);
        return;
    }
}

} // namespace kube::testing
