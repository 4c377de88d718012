#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>

namespace kube::testing::detail {

/*!
 * A throw-away certificate authority made with OpenSSL at server start: an EC P-256 CA, a
 * server certificate for 127.0.0.1, ::1, localhost and the in-cluster names of the API server
 * (kubernetes, kubernetes.default, kubernetes.default.svc, …, for tls-server-name tests), and a
 * client certificate (CN kubrowser-test, O system:masters) for mutual TLS. All PEM.
 */
class CertificateAuthority
{
public:
    //! Generates everything; false (and \a error) when OpenSSL fails.
    bool generate(QString *error);

    QByteArray caCertificatePem() const { return m_caCert; }
    QByteArray serverCertificatePem() const { return m_serverCert; }
    QByteArray serverKeyPem() const { return m_serverKey; }
    QByteArray clientCertificatePem() const { return m_clientCert; }
    QByteArray clientKeyPem() const { return m_clientKey; }

    static QStringList serverDnsNames();
    //! Whether the DER certificate \a der was signed by this CA (client-certificate auth when
    //! the handshake only asked for a certificate).
    bool isSignedByCa(const QByteArray &der) const;
    /*!
     * Signs a new client certificate valid from \a notBefore to \a notAfter (relative to now;
     * both may be in the past, for expired-certificate tests). Call after generate().
     */
    bool issueClientCertificate(const QByteArray &commonName,
                                std::chrono::seconds notBefore,
                                std::chrono::seconds notAfter,
                                QByteArray *certificatePem,
                                QByteArray *keyPem) const;

private:
    QByteArray m_caCert;
    QByteArray m_caKey;
    QByteArray m_serverCert;
    QByteArray m_serverKey;
    QByteArray m_clientCert;
    QByteArray m_clientKey;
};

} // namespace kube::testing::detail
