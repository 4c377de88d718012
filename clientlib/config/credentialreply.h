#pragma once

#include "api/error.h"

#include <QObject>
#include <QString>

namespace kube {

/*!
 * Result of one CredentialStore operation. Emits finished() exactly once, always from the event
 * loop (never inside the call that created it); then holds the secret (load) or an Error.
 * The caller owns it and deletes it (deleteLater() in the slot is fine).
 */
class CredentialReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialReply)

public:
    explicit CredentialReply(QObject *parent = nullptr);
    ~CredentialReply() override;

    bool isFinished() const { return m_finished; }
    bool hasError() const { return m_hasError; }
    const Error &error() const { return m_error; }
    //! The secret read by CredentialStore::load(); empty otherwise.
    QString secret() const { return m_secret; }

    //! Called by CredentialStore; the first call wins, later ones are ignored.
    void finishWithSecret(const QString &secret);
    void finishWithError(const Error &error);

signals:
    void finished();

private:
    QString m_secret;
    Error m_error;
    bool m_hasError = false;
    bool m_finished = false;
};

} // namespace kube
