#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

namespace kube::testing {

/*!
 * What listens on a declared container port of a demo pod, seen through port-forward: a small
 * HTTP/1.1 server (keep-alive). GET / answers "Hello from NAMESPACE/POD port PORT";
 * GET /bytes/N answers N bytes of a repeating pattern; POST /echo answers its body;
 * anything else 404. Bytes in through feed(), answers out through the writer.
 */
class PodHttpEndpoint
{
public:
    using Writer = std::function<void(const QByteArray &)>;

    PodHttpEndpoint(QString podNamespace, QString podName, int port, Writer writer);

    void feed(const QByteArray &data);
    //! The peer asked for Connection: close and got its answer.
    bool wantsClose() const { return m_close; }

    //! Byte i of /bytes/N's body: 'a'..'z' repeating, so a client can check every byte.
    static char patternByte(qint64 index) { return char('a' + index % 26); }

private:
    void respond(const QByteArray &method, const QByteArray &target, const QByteArray &body);

    QString m_namespace;
    QString m_pod;
    int m_port;
    Writer m_write;
    QByteArray m_buffer;
    qint64 m_bodyLength = -1; // of the request whose headers were read
    QByteArray m_method;
    QByteArray m_target;
    bool m_requestClose = false;
    bool m_close = false;
};

} // namespace kube::testing
