#pragma once

// nghttpx (Debian's nghttp2-proxy) as a real HTTP/2 reverse proxy in front of a plain
// HTTP/1.1 backend: TLS with ALPN h2 towards the client, the backend behind it. Tests skip
// when nghttpx or openssl is missing.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

class Http2Proxy
{
public:
    static QString executable()
    {
        return QStandardPaths::findExecutable("nghttpx", { "/usr/sbin", "/usr/bin", "/sbin" });
    }

    //! Starts nghttpx on a free loopback port, forwarding to \a backend; false + reason.
    bool start(const QUrl &backend, QString *why)
    {
        const QString nghttpx = executable();
        const QString openssl = QStandardPaths::findExecutable("openssl");
        if (nghttpx.isEmpty() || openssl.isEmpty()) {
            *why = QStringLiteral("nghttpx (nghttp2-proxy) or openssl is not installed");
            return false;
        }
        m_cert = m_dir.filePath("proxy.crt");
        m_key = m_dir.filePath("proxy.key");
        QProcess gen;
        gen.start(openssl,
                  { "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                    "subjectAltName=IP:127.0.0.1", "-keyout", m_key, "-out", m_cert });
        if (!gen.waitForFinished(60000) || gen.exitCode() != 0) {
            *why = QStringLiteral("openssl failed: ")
                + QString::fromUtf8(gen.readAllStandardError());
            return false;
        }
        {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            m_port = probe.serverPort();
        }
        // --conf=/dev/null: the system configuration would add a listener of its own.
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(nghttpx,
                        { "--conf=/dev/null", QStringLiteral("--frontend=127.0.0.1,%1").arg(m_port),
                          QStringLiteral("--backend=127.0.0.1,%1").arg(backend.port()),
                          "--backend-connections-per-host=128", "--workers=1", "--no-ocsp",
                          "--backend-read-timeout=600s", "--frontend-read-timeout=600s",
                          "--errorlog-file=/dev/stderr",
                          QStringLiteral("--accesslog-file=%1").arg(accessLogFile()),
                          // One line per finished stream: the protocol the client negotiated
                          // (ALPN) proves HTTP/2 from outside the client under test.
                          "--accesslog-format=$alpn $status \"$http_user_agent\" \"$request\"",
                          m_key, m_cert });
        if (!m_process.waitForStarted(30000)) {
            *why = QStringLiteral("nghttpx did not start");
            return false;
        }
        for (int i = 0; i < 300; ++i) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, m_port);
            if (s.waitForConnected(100))
                return true;
            if (m_process.state() != QProcess::Running)
                break;
            QTest::qWait(100);
        }
        *why
            = QStringLiteral("nghttpx is not listening: ") + QString::fromUtf8(m_process.readAll());
        return false;
    }

    ~Http2Proxy()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000))
                m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    QUrl url() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port)); }
    QString certificateFile() const { return m_cert; }
    QString accessLogFile() const { return m_dir.filePath("access.log"); }

    //! The access log so far: one "<alpn> <status> "<user agent>" "<request line>"" per stream.
    QStringList accessLog() const
    {
        QFile f(accessLogFile());
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
    }

    //! Lines of the access log whose request line contains \a needle.
    QStringList accessLogLines(const QString &needle) const
    {
        QStringList out;
        for (const QString &line : accessLog()) {
            if (line.contains(needle))
                out.append(line);
        }
        return out;
    }

    /*!
     * A kubeconfig for the cluster behind this proxy, with the proxy's CA. It has a token
     * (FakeApiServer checks none unless configured): kubectl prompts for a username when an
     * https server comes without credentials.
     */
    QString writeKubeconfig(const QString &dir) const
    {
        const QString path = QDir(dir).filePath("kubeconfig-h2");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QStringLiteral(
                    "apiVersion: v1\nkind: Config\nclusters:\n- name: h2\n  cluster:\n"
                    "    server: %1\n    certificate-authority: %2\n"
                    "users:\n- name: h2\n  user:\n    token: h2-test-token\ncontexts:\n- name: h2\n"
                    "  context:\n    cluster: h2\n    user: h2\n"
                    "    namespace: default\ncurrent-context: h2\n")
                    .arg(url().toString(), m_cert)
                    .toUtf8());
        return path;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_cert;
    QString m_key;
    quint16 m_port = 0;
};
