#include "channelwebsocket.h"

#include "rest/authprovider.h"
#include "rest/request.h"
#include "rest/restclient.h"
#include "rest/transport.h"
#include "streamslogging.h"

#include <QFile>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

using namespace Qt::StringLiterals;

namespace kube {

namespace {

//! Credentials that need no work: token, token file, basic auth (as RestReply sends them).
Result<QByteArray> staticAuthorization(const RestConfig &cfg)
{
    if (!cfg.bearerToken.isEmpty())
        return "Bearer " + cfg.bearerToken.toUtf8();
    if (!cfg.bearerTokenFile.isEmpty()) {
        QFile f(cfg.bearerTokenFile);
        if (!f.open(QIODevice::ReadOnly))
            return Error::make(Error::Kind::Auth,
                               u"could not read the token file \"%1\": %2"_s.arg(
                                   cfg.bearerTokenFile, f.errorString()));
        return "Bearer " + f.readAll().trimmed();
    }
    if (!cfg.username.isEmpty() || !cfg.password.isEmpty())
        return "Basic " + (cfg.username + u':' + cfg.password).toUtf8().toBase64();
    return QByteArray();
}

} // namespace

ChannelWebSocket::ChannelWebSocket(const RestConfig &config,
                                   const QString &ns,
                                   const QString &pod,
                                   const QString &subresource,
                                   const QueryParams &query,
                                   const QStringList &protocols,
                                   QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_protocols(protocols)
{
    m_client = RestClient::create(config, { QString(), u"v1"_s });
    Request r
        = m_client->get().inNamespace(ns).resource(u"pods"_s).name(pod).subresource(subresource);
    r.params(query);
    m_url = r.url();
    m_url.setScheme(m_url.scheme() == u"https" ? u"wss"_s : u"ws"_s);
}

ChannelWebSocket::~ChannelWebSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

bool ChannelWebSocket::isOpen() const
{
    return m_opened && !m_closed;
}

QString ChannelWebSocket::protocol() const
{
    return m_socket ? m_socket->subprotocol() : QString();
}

void ChannelWebSocket::open()
{
    if (m_client->configError())
        return fail(*m_client->configError());
    if (const std::shared_ptr<AuthProvider> provider = m_config.authProvider) {
        QPointer<ChannelWebSocket> guard(this);
        provider->credentials([this, guard](Result<Credentials> c) {
            if (!guard)
                return;
            if (!c)
                return fail(c.error());
            connectSocket(c->authorizationHeader, c->clientCertificate, c->clientKey);
        });
        return;
    }
    const Result<QByteArray> auth = staticAuthorization(m_config);
    if (!auth)
        return fail(auth.error());
    connectSocket(*auth, QSslCertificate(), QSslKey());
}

void ChannelWebSocket::connectSocket(const QByteArray &authorization,
                                     const QSslCertificate &cert,
                                     const QSslKey &key)
{
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    // Port-forward carries bulk data; exec output can be large too.
    m_socket->setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
    if (!m_config.proxyUrl.isEmpty()) {
        const Result<QNetworkProxy> proxy = detail::proxyFor(m_config.proxyUrl);
        if (!proxy)
            return fail(proxy.error());
        m_socket->setProxy(*proxy);
    } else if (m_url.host() == u"127.0.0.1" || m_url.host() == u"localhost"
               || m_url.host() == u"::1") {
        m_socket->setProxy(QNetworkProxy::NoProxy);
    }
    QNetworkRequest req(m_url);
    req.setRawHeader("User-Agent", m_client->userAgent());
    if (!authorization.isEmpty())
        req.setRawHeader("Authorization", authorization);
    if (!m_config.impersonateUser.isEmpty())
        req.setRawHeader("Impersonate-User", m_config.impersonateUser.toUtf8());
    if (m_url.scheme() == u"wss") {
        QSslConfiguration ssl = m_client->sslConfiguration();
        if (!cert.isNull() && !key.isNull()) {
            ssl.setLocalCertificate(cert);
            ssl.setPrivateKey(key);
        }
        if (!m_config.tls.serverName.isEmpty())
            req.setPeerVerifyName(m_config.tls.serverName);
        m_socket->setSslConfiguration(ssl);
    }
    connect(m_socket, &QWebSocket::connected, this, [this] {
        if (m_socket->subprotocol().isEmpty() || !m_protocols.contains(m_socket->subprotocol())) {
            return fail(Error::make(
                Error::Kind::Network,
                u"the server accepted the stream without choosing one of the "
                "protocols %1; it does not support this client"_s.arg(m_protocols.join(u", "))));
        }
        qCDebug(lcStreams) << "stream open" << m_url.path() << "protocol"
                           << m_socket->subprotocol();
        m_opened = true;
        emit opened();
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &m) {
        if (!m.isEmpty())
            emit message(quint8(m.at(0)), m.mid(1));
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &m) {
        const QByteArray b = m.toUtf8();
        if (!b.isEmpty())
            emit message(quint8(b.at(0)), b.mid(1));
    });
    connect(
        m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        [this](QAbstractSocket::SocketError) {
            const QString text = m_socket->errorString();
            static const QRegularExpression statusRe(u"status code: (\\d+)"_s);
            const QRegularExpressionMatch match = statusRe.match(text);
            Error e;
            // Qt 6.4 words a 400 answer (kube-apiserver's "Upgrade request required", a bad
            // container) as an unknown error condition, without the code.
            const bool badRequest = text.contains(u"Unknown error condition"_s);
            if (!m_opened && (match.hasMatch() || badRequest)) {
                e.kind = Error::Kind::Status;
                e.httpCode = badRequest ? 400 : match.captured(1).toInt();
                e.message = u"the server refused to open the stream (HTTP %1)"_s.arg(e.httpCode);
            } else if (m_socket->error() == QAbstractSocket::SslHandshakeFailedError) {
                e.kind = Error::Kind::Tls;
                e.message = text;
            } else if (m_socket->error() == QAbstractSocket::RemoteHostClosedError && m_opened) {
                return; // a close without a close frame; closed() reports it
            } else {
                e.kind = Error::Kind::Network;
                e.message = u"%1: %2"_s.arg(m_url.host(), text);
            }
            fail(e);
        });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        if (m_closed)
            return;
        m_closed = true;
        emit closed();
    });
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(m_protocols);
    m_socket->open(req, options);
}

void ChannelWebSocket::send(quint8 channel, const QByteArray &data)
{
    if (m_socket && isOpen())
        m_socket->sendBinaryMessage(char(channel) + data);
}

void ChannelWebSocket::close()
{
    if (m_socket && !m_closed)
        m_socket->close();
}

void ChannelWebSocket::fail(Error error)
{
    if (m_closed)
        return;
    if (!m_error)
        m_error = std::move(error);
    m_closed = true;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    emit closed();
}

} // namespace kube
