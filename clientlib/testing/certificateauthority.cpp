#include "certificateauthority.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace kube::testing::detail {

namespace {

struct Deleter
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); }
};
template<typename T> using Ptr = std::unique_ptr<T, Deleter>;

Ptr<EVP_PKEY> makeKey()
{
    Ptr<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nullptr));
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0
        || EVP_PKEY_CTX_set_ec_paramgen_curve_nid(ctx.get(), NID_X9_62_prime256v1) <= 0)
        return nullptr;
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_keygen(ctx.get(), &key) <= 0)
        return nullptr;
    return Ptr<EVP_PKEY>(key);
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

Ptr<X509> makeCertificate(EVP_PKEY *key,
                          const QByteArray &cn,
                          const QByteArray &org,
                          X509 *issuer,
                          EVP_PKEY *issuerKey,
                          const QList<QPair<int, QByteArray>> &extensions,
                          long notBeforeSeconds = -3600,
                          long notAfterSeconds = 10L * 365 * 24 * 3600)
{
    Ptr<X509> cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    // By default valid from an hour ago (clock skew) for ten years.
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), notBeforeSeconds);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), notAfterSeconds);
    X509_set_pubkey(cert.get(), key);
    X509_NAME *name = X509_get_subject_name(cert.get());
    if (!org.isEmpty())
        X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>(org.constData()), -1, -1,
                                   0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509 *issuerCert = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(issuerCert));
    for (const auto &[nid, value] : extensions) {
        if (!addExtension(cert.get(), issuerCert, nid, value.constData()))
            return nullptr;
    }
    if (X509_sign(cert.get(), issuerKey ? issuerKey : key, EVP_sha256()) <= 0)
        return nullptr;
    return cert;
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

QByteArray certPem(X509 *cert)
{
    Ptr<BIO> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    return bioBytes(bio.get());
}

QByteArray keyPem(EVP_PKEY *key)
{
    // PKCS#8 ("BEGIN PRIVATE KEY"): read by Qt, Go's crypto/tls and OpenSSL alike.
    Ptr<BIO> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioBytes(bio.get());
}

} // namespace

QStringList CertificateAuthority::serverDnsNames()
{
    return { u"localhost"_qs,
             u"kubernetes"_qs,
             u"kubernetes.default"_qs,
             u"kubernetes.default.svc"_qs,
             u"kubernetes.default.svc.cluster.local"_qs,
             u"demo-control-plane"_qs };
}

bool CertificateAuthority::generate(QString *error)
{
    Ptr<EVP_PKEY> caKey = makeKey();
    Ptr<EVP_PKEY> serverKey = makeKey();
    Ptr<EVP_PKEY> clientKey = makeKey();
    if (!caKey || !serverKey || !clientKey) {
        *error = u"OpenSSL could not generate EC keys"_qs;
        return false;
    }
    Ptr<X509> ca = makeCertificate(caKey.get(), "kubernetes", {}, nullptr, nullptr,
                                   { { NID_basic_constraints, "critical,CA:TRUE" },
                                     { NID_key_usage,
                                       "critical,digitalSignature,keyEncipherment,"
                                       "keyCertSign" },
                                     { NID_subject_key_identifier, "hash" } });
    if (!ca) {
        *error = u"OpenSSL could not create the CA certificate"_qs;
        return false;
    }
    QByteArray san = "IP:127.0.0.1,IP:0:0:0:0:0:0:0:1,IP:10.96.0.1";
    for (const QString &dns : serverDnsNames())
        san += ",DNS:" + dns.toLatin1();
    Ptr<X509> server
        = makeCertificate(serverKey.get(), "kube-apiserver", {}, ca.get(), caKey.get(),
                          { { NID_basic_constraints, "critical,CA:FALSE" },
                            { NID_key_usage, "critical,digitalSignature,keyEncipherment" },
                            { NID_ext_key_usage, "serverAuth" },
                            { NID_authority_key_identifier, "keyid:always" },
                            { NID_subject_alt_name, san } });
    Ptr<X509> client = makeCertificate(
        clientKey.get(), "kubrowser-test", "system:masters", ca.get(), caKey.get(),
        { { NID_basic_constraints, "critical,CA:FALSE" },
          { NID_key_usage, "critical,digitalSignature,keyEncipherment" },
          { NID_ext_key_usage, "clientAuth" },
          { NID_authority_key_identifier, "keyid:always" } });
    if (!server || !client) {
        *error = u"OpenSSL could not sign the server or client certificate"_qs;
        return false;
    }
    m_caCert = certPem(ca.get());
    m_caKey = keyPem(caKey.get());
    m_serverCert = certPem(server.get());
    m_serverKey = keyPem(serverKey.get());
    m_clientCert = certPem(client.get());
    m_clientKey = keyPem(clientKey.get());
    return true;
}

bool CertificateAuthority::isSignedByCa(const QByteArray &der) const
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    Ptr<X509> cert(d2i_X509(nullptr, &p, der.size()));
    Ptr<BIO> bio(BIO_new_mem_buf(m_caCert.constData(), int(m_caCert.size())));
    Ptr<X509> ca(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert || !ca)
        return false;
    EVP_PKEY *caKey = X509_get0_pubkey(ca.get());
    return caKey && X509_verify(cert.get(), caKey) == 1;
}

bool CertificateAuthority::issueClientCertificate(const QByteArray &commonName,
                                                  std::chrono::seconds notBefore,
                                                  std::chrono::seconds notAfter,
                                                  QByteArray *certificatePem,
                                                  QByteArray *keyPem) const
{
    Ptr<BIO> caCertBio(BIO_new_mem_buf(m_caCert.constData(), int(m_caCert.size())));
    Ptr<X509> ca(PEM_read_bio_X509(caCertBio.get(), nullptr, nullptr, nullptr));
    Ptr<BIO> caKeyBio(BIO_new_mem_buf(m_caKey.constData(), int(m_caKey.size())));
    Ptr<EVP_PKEY> caKey(PEM_read_bio_PrivateKey(caKeyBio.get(), nullptr, nullptr, nullptr));
    Ptr<EVP_PKEY> key = makeKey();
    if (!ca || !caKey || !key)
        return false;
    Ptr<X509> cert
        = makeCertificate(key.get(), commonName, "system:masters", ca.get(), caKey.get(),
                          { { NID_basic_constraints, "critical,CA:FALSE" },
                            { NID_key_usage, "critical,digitalSignature,keyEncipherment" },
                            { NID_ext_key_usage, "clientAuth" },
                            { NID_authority_key_identifier, "keyid:always" } },
                          long(notBefore.count()), long(notAfter.count()));
    if (!cert)
        return false;
    *certificatePem = certPem(cert.get());
    *keyPem = ::kube::testing::detail::keyPem(key.get());
    return true;
}

} // namespace kube::testing::detail
