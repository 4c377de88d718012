#pragma once

#include "api/result.h"
#include "rest/authprovider.h"

#include <QDateTime>
#include <QMutex>
#include <QString>

#include <memory>

namespace kube {

/*!
 * Bearer token read from a file (kubeconfig tokenFile), re-read whenever the file changes, so
 * rotated service-account tokens (projected volumes) are picked up without a restart, as
 * client-go's cached file token source does.
 *
 * The file is checked (size and modification time) on each credentials() call and read again
 * only when either changed or after invalidate(); a file that becomes unreadable keeps the last
 * good token (client-go does the same) and logs a warning. Thread-safe; done() is called
 * synchronously.
 */
class TokenFileAuthProvider final : public AuthProvider
{
public:
    //! Reads the file once: an unreadable or empty file is an error naming the path.
    static Result<std::shared_ptr<TokenFileAuthProvider>> create(const QString &path);

    /*!
     * \a fallbackToken is kubeconfig's token when the user also has a tokenFile: client-go
     * (NewBearerAuthWithRefreshRoundTripper) sends the file's token and falls back to the
     * static one only while the file cannot be read.
     */
    explicit TokenFileAuthProvider(const QString &path, const QString &fallbackToken = {});

    void credentials(std::function<void(Result<Credentials>)> done) override;
    void invalidate() override;

    QString path() const { return m_path; }
    //! The token as currently known (re-reading the file when it changed).
    Result<QString> token();

private:
    Result<QString> readLocked();

    QString m_path;
    QString m_fallbackToken;
    QMutex m_mutex;
    QString m_token;
    QDateTime m_mtime;
    qint64 m_size = -1;
    bool m_stale = true;
};

} // namespace kube
