#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTcpServer>
#include <QUrl>

#include <memory>

class QTcpSocket;

namespace kube::testing {

/*!
 * An API server that lies: it answers every endpoint a client uses — legacy discovery
 * (/api, /apis, /api/v1, /apis/<g>/<v>), lists (JSON or Table), gets, watches (?watch=1) and
 * pod logs (/log) — with one chosen kind of broken or malicious response. A raw HTTP/1.1
 * server on QTcpServer (127.0.0.1, random port), because most of these answers (a wrong
 * Content-Length, a body that never ends, an HTTP/1.0 status line) cannot be written through
 * an HTTP library that gets framing right.
 *
 * Big bodies (100 MB strings, endless bodies, gzip bombs) are generated as they are written,
 * only as fast as the peer reads them, so the server itself stays small and a test can measure
 * the client's memory.
 *
 * \code
 * kube::testing::HostileApiServer server(HostileApiServer::Attack::GzipBomb);
 * kube::RestConfig cfg; cfg.host = server.url(); cfg.timeout = 5s;
 * // every request to cfg.host now gets a gzip bomb
 * \endcode
 *
 * Lives on the thread that created it; answers from that thread's event loop.
 */
class HostileApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostileApiServer)

public:
    enum class Attack {
        None, //!< well-formed answers (the control row)
        TruncatedJson, //!< the body stops half-way, with a Content-Length that matches the cut
        InvalidUtf8, //!< names carry bytes that are not UTF-8 (0xff, overlong NUL)
        HugeNumbers, //!< 1e400, 30-digit integers, -9.9e999 where numbers go
        DeepNesting, //!< a field holding 10,000 nested arrays
        HugeString, //!< a 100 MB object name
        WrongContentType, //!< 200 with text/html and an HTML page (a captive portal)
        ContentLengthTooLarge, //!< announces 1,000 bytes more than it sends, then closes
        ContentLengthTooSmall, //!< announces half the body, sends it all on a kept-alive connection
        GzipBomb, //!< Content-Encoding: gzip, 1 KB compressed per MB, never ending
        EndlessBody, //!< a chunked list (or log, or watch) that never ends
        StallAfterHeaders, //!< headers, then nothing, connection kept open
        HugeWatchLine, //!< a 64 MB single line (the watch event, or the body)
        AbsurdNames, //!< groups, versions, resources and objects named ../../, with NUL, 4 KB
        DuplicateKeys, //!< every top-level key twice, the first copy of the wrong type
        Http10, //!< an HTTP/1.0 status line, no Content-Length, body ends at close
    };
    Q_ENUM(Attack)

    explicit HostileApiServer(Attack attack, QObject *parent = nullptr);
    ~HostileApiServer() override;

    //! http://127.0.0.1:<port>
    QUrl url() const;
    Attack attack() const { return m_attack; }
    void setAttack(Attack attack) { m_attack = attack; }

    //! Every attack but None, in declaration order.
    static QList<Attack> attacks();
    static QString name(Attack attack);

    //! Requests received (path and query), in order.
    QList<QByteArray> requestTargets() const { return m_targets; }
    //! Body bytes written so far (after compression), over all connections.
    qint64 bytesWritten() const { return m_bytesWritten; }

    //! Writes a kubeconfig for this server into \a dir (no auth) and returns its path.
    QString writeKubeconfig(const QString &dir) const;

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket,
                 const QByteArray &method,
                 const QByteArray &target,
                 const QByteArray &accept);
    void pump(QTcpSocket *socket);

    QTcpServer m_server;
    Attack m_attack;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    QList<QByteArray> m_targets;
    qint64 m_bytesWritten = 0;
};

} // namespace kube::testing
