#pragma once

#include "tokendialog.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class QWidget;

namespace kube {
class CredentialStore;
}

namespace kube::ui {

/*!
 * Sign-in for contexts whose user has no credential the server accepts and no exec plugin:
 * on a 401 it first looks in the desktop keychain (CredentialStore) for a token the user gave
 * before, then asks for one (TokenDialog), stores it in the keychain and asks the window to
 * reconnect with it at once. A token the server rejected again is asked for again, never
 * retried in a loop.
 */
class AuthController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthController)

public:
    //! \a keychainService: CredentialStore service name (tests use their own).
    AuthController(QWidget *window, const QString &keychainService, QObject *parent = nullptr);
    ~AuthController() override;

    //! The token to use for \a context; empty = the kubeconfig's credentials.
    QString token(const QString &context) const { return m_tokens.value(context); }
    //! The server answered 401 for \a context (with \a message).
    void unauthorized(const QString &context, const QString &message);
    //! The open prompt, if any (tests).
    TokenDialog *prompt() const { return m_prompt; }

signals:
    //! A (new) token for \a context is known: reconnect with it.
    void reconnectRequested(const QString &context);
    //! A sentence for the status bar (keychain trouble).
    void notice(const QString &message);

private:
    void ask(const QString &context, const QString &message);

    QWidget *m_window;
    CredentialStore *m_store; // Owned (QObject child).
    QHash<QString, QString> m_tokens;
    QSet<QString> m_keychainTried;
    QSet<QString> m_keychainPending; // contexts whose keychain lookup has not answered yet
    QPointer<TokenDialog> m_prompt;
};

} // namespace kube::ui
