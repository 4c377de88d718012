#pragma once

#include "config/credentialreply.h"

#include <QObject>
#include <QString>

namespace kube {

/*!
 * Secrets a user types into the GUI (a token or a password for a context), kept in the desktop
 * keychain (Secret Service / KWallet via QtKeychain) and never in a file. Without a keychain
 * every operation fails with reason "NoKeychain" and a message starting "no keychain
 * available"; there is no plaintext fallback.
 *
 * Entries live under service "kubrowser", key "<kind>:<context>". Every call returns a new
 * CredentialReply the caller owns; it finishes once, from the event loop of this thread.
 *
 * \code
 * auto *r = store.load(QStringLiteral("prod"), kube::CredentialStore::Kind::Token);
 * connect(r, &kube::CredentialReply::finished, this, [r] {
 *     if (!r->hasError()) use(r->secret());
 *     r->deleteLater();
 * });
 * \endcode
 */
class CredentialStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    enum class Kind { Token, Password };

    explicit CredentialStore(QObject *parent = nullptr);
    //! A different service name, for tests that must not touch the real entries.
    explicit CredentialStore(const QString &service, QObject *parent = nullptr);
    ~CredentialStore() override;

    QString service() const { return m_service; }
    static QString key(const QString &context, Kind kind);

    CredentialReply *save(const QString &context, Kind kind, const QString &secret);
    //! Fails with Error::Kind::NotFound when nothing is stored.
    CredentialReply *load(const QString &context, Kind kind);
    //! Removing an entry that does not exist succeeds.
    CredentialReply *remove(const QString &context, Kind kind);

private:
    QString m_service;
};

} // namespace kube
