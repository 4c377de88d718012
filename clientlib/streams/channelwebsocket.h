#pragma once

#include "api/error.h"
#include "api/queryparams.h"
#include "rest/restconfig.h"

#include <QByteArray>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace kube {

class RestClient;

/*!
 * A WebSocket to a pod subresource (exec, attach, portforward) speaking the Kubernetes
 * channel protocol: each binary message is one channel byte and its data. Connects with the
 * config's credentials, TLS and proxy, offering \a protocols in order (the server picks one).
 *
 * Emits opened() once the server accepted (protocol() is the chosen subprotocol), message()
 * per binary message, and closed() exactly once; error() is set when the handshake failed or
 * the connection broke.
 */
class ChannelWebSocket final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelWebSocket)

public:
    //! A socket to pods/\a pod/\a subresource in \a ns with \a query; open() connects.
    ChannelWebSocket(const RestConfig &config,
                     const QString &ns,
                     const QString &pod,
                     const QString &subresource,
                     const QueryParams &query,
                     const QStringList &protocols,
                     QObject *parent = nullptr);
    ~ChannelWebSocket() override;

    //! Resolves the credentials (exec plugins may run) and connects; opened() or closed()
    //! with error() follows.
    void open();
    //! Sends \a data on \a channel as one binary message; dropped unless open.
    void send(quint8 channel, const QByteArray &data);
    //! Closes the connection normally; closed() follows.
    void close();

    //! The server accepted the upgrade and the connection has not closed since.
    bool isOpen() const;
    //! The subprotocol the server chose (empty before opened()).
    QString protocol() const;
    //! Why the connection failed or broke; empty after a normal close.
    const std::optional<Error> &error() const { return m_error; }
    //! The ws:// or wss:// URL (without credentials).
    QUrl url() const { return m_url; }

signals:
    //! The server accepted the WebSocket upgrade.
    void opened();
    //! One binary message: its first byte as \a channel, the rest as \a data.
    void message(quint8 channel, const QByteArray &data);
    //! The connection ended (exactly once), normally or with error().
    void closed();

private:
    void
    connectSocket(const QByteArray &authorization, const QSslCertificate &cert, const QSslKey &key);
    void fail(Error error);

    RestConfig m_config;
    std::shared_ptr<RestClient> m_client;
    QUrl m_url;
    QStringList m_protocols;
    QWebSocket *m_socket = nullptr;
    std::optional<Error> m_error;
    bool m_opened = false;
    bool m_closed = false;
};

} // namespace kube
