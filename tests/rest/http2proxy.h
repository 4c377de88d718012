#pragma once

// nghttpx (Debian's nghttp2-proxy) as a real HTTP/2 reverse proxy in front of a plain
// HTTP/1.1 backend: TLS with ALPN h2 towards the client, the backend behind it. Tests skip
// when nghttpx or openssl is missing.

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
                          "--errorlog-file=/dev/stderr", m_key, m_cert });
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

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_cert;
    QString m_key;
    quint16 m_port = 0;
};
