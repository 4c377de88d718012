#include "config/credentialreply.h"

namespace kube {

CredentialReply::CredentialReply(QObject *parent)
    : QObject(parent)
{ }

CredentialReply::~CredentialReply() = default;

void CredentialReply::finishWithSecret(const QString &secret)
{
    if (m_finished)
        return;
    m_finished = true;
    m_secret = secret;
    emit finished();
}

void CredentialReply::finishWithError(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_hasError = true;
    m_error = error;
    emit finished();
}

} // namespace kube
