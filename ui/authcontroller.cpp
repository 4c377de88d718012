#include "authcontroller.h"

#include "config/credentialstore.h"
#include "tokendialog.h"

#include <QWidget>

namespace kube::ui {

AuthController::AuthController(QWidget *window, const QString &keychainService, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_store(keychainService.isEmpty() ? new CredentialStore(this)
                                        : new CredentialStore(keychainService, this))
{ }

AuthController::~AuthController() = default;

void AuthController::unauthorized(const QString &context, const QString &message)
{
    // One question at a time: every failing request of the session lands here, and the later
    // ones must wait for the keychain's answer to the first rather than ask the user.
    if (m_prompt || m_keychainPending.contains(context))
        return;
    if (!m_keychainTried.contains(context)) {
        m_keychainTried.insert(context);
        m_keychainPending.insert(context);
        CredentialReply *reply = m_store->load(context, CredentialStore::Kind::Token);
        connect(reply, &CredentialReply::finished, this, [this, reply, context, message] {
            reply->deleteLater();
            m_keychainPending.remove(context);
            if (!reply->hasError() && !reply->secret().isEmpty()
                && reply->secret() != m_tokens.value(context)) {
                m_tokens.insert(context, reply->secret());
                emit reconnectRequested(context);
                return;
            }
            if (reply->hasError() && reply->error().kind != Error::Kind::NotFound)
                emit notice(reply->error().message);
            ask(context, message);
        });
        return;
    }
    ask(context, message);
}

void AuthController::ask(const QString &context, const QString &message)
{
    if (m_prompt)
        return;
    m_prompt = new TokenDialog(context, message, m_window);
    m_prompt->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_prompt, &QDialog::accepted, this, [this, context, dialog = m_prompt.data()] {
        const QString token = dialog->token();
        m_tokens.insert(context, token);
        if (dialog->remember()) {
            CredentialReply *reply = m_store->save(context, CredentialStore::Kind::Token, token);
            connect(reply, &CredentialReply::finished, this, [this, reply] {
                reply->deleteLater();
                if (reply->hasError())
                    emit notice(
                        tr("The token is used but not remembered: %1").arg(reply->error().message));
            });
        }
        // Used at once; the keychain write finishes in the background.
        emit reconnectRequested(context);
    });
    m_prompt->open();
}

} // namespace kube::ui
