#include "config/tokenfileauthprovider.h"

#include "config/configlogging.h"

#include <QFile>
#include <QFileInfo>

namespace kube {

TokenFileAuthProvider::TokenFileAuthProvider(const QString &path, const QString &fallbackToken)
    : m_path(path)
    , m_fallbackToken(fallbackToken)
{ }

Result<std::shared_ptr<TokenFileAuthProvider>> TokenFileAuthProvider::create(const QString &path)
{
    auto provider = std::make_shared<TokenFileAuthProvider>(path);
    auto first = provider->token();
    if (!first)
        return first.error();
    return provider;
}

Result<QString> TokenFileAuthProvider::readLocked()
{
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly)) {
        return Error::make(
            Error::Kind::Io,
            QStringLiteral("cannot read tokenFile \"%1\": %2").arg(m_path, f.errorString()));
    }
    // Tokens are a few kB; a huge file is a mistake, not a token.
    const QByteArray data = f.read(1024 * 1024);
    if (f.error() != QFileDevice::NoError) {
        return Error::make(
            Error::Kind::Io,
            QStringLiteral("cannot read tokenFile \"%1\": %2").arg(m_path, f.errorString()));
    }
    const QString token = QString::fromUtf8(data).trimmed();
    if (token.isEmpty()) {
        return Error::make(Error::Kind::Auth,
                           QStringLiteral("read empty token from file \"%1\"").arg(m_path));
    }
    return token;
}

Result<QString> TokenFileAuthProvider::token()
{
    QMutexLocker lock(&m_mutex);
    const QFileInfo info(m_path);
    const QDateTime mtime = info.lastModified();
    const qint64 size = info.size();
    if (!m_stale && !m_token.isEmpty() && mtime == m_mtime && size == m_size)
        return m_token;
    auto fresh = readLocked();
    if (!fresh) {
        if (m_token.isEmpty() && !m_fallbackToken.isEmpty()) {
            qCWarning(lcConfig) << "using the kubeconfig's token:" << fresh.error().message;
            return m_fallbackToken;
        }
        if (m_token.isEmpty())
            return fresh.error();
        qCWarning(lcConfig) << "keeping the previous token:" << fresh.error().message;
        return m_token;
    }
    if (!m_token.isEmpty() && *fresh != m_token)
        qCInfo(lcConfig) << "token file" << m_path << "changed; using the new token";
    m_token = *fresh;
    m_mtime = mtime;
    m_size = size;
    m_stale = false;
    return m_token;
}

void TokenFileAuthProvider::credentials(std::function<void(Result<Credentials>)> done)
{
    auto t = token();
    if (!t) {
        done(t.error());
        return;
    }
    Credentials c;
    c.authorizationHeader = "Bearer " + t->toUtf8();
    done(c);
}

void TokenFileAuthProvider::invalidate()
{
    QMutexLocker lock(&m_mutex);
    m_stale = true;
}

} // namespace kube
