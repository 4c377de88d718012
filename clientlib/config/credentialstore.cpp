#include "config/credentialstore.h"

#include "config/configlogging.h"

#include <qt6keychain/keychain.h>

namespace kube {

namespace {

QString kindName(CredentialStore::Kind kind)
{
    return kind == CredentialStore::Kind::Token ? QStringLiteral("token")
                                                : QStringLiteral("password");
}

// QtKeychain reports a missing Secret Service in several ways depending on what is missing:
// NoBackendAvailable, or OtherError with a D-Bus message ("Cannot autolaunch D-Bus without X11
// $DISPLAY", "The name org.freedesktop.secrets was not provided by any .service files").
bool isUnavailable(QKeychain::Error code, const QString &text)
{
    if (code == QKeychain::NoBackendAvailable || code == QKeychain::NotImplemented)
        return true;
    if (code != QKeychain::OtherError)
        return false;
    for (const char *needle :
         { "D-Bus", "DBus", "dbus", "org.freedesktop.secrets", "ServiceUnknown",
           "not provided by any", "No such interface", "autolaunch" }) {
        if (text.contains(QLatin1String(needle)))
            return true;
    }
    return false;
}

Error keychainError(QKeychain::Job *job,
                    const QString &what,
                    const QString &context,
                    CredentialStore::Kind kind)
{
    const QKeychain::Error code = job->error();
    const QString text = job->errorString();
    Error e;
    e.kind = Error::Kind::Auth;
    if (code == QKeychain::EntryNotFound) {
        e.kind = Error::Kind::NotFound;
        e.reason = QStringLiteral("NotFound");
        e.message = QStringLiteral("no %1 saved in the keychain for context \"%2\"")
                        .arg(kindName(kind), context);
    } else if (isUnavailable(code, text)) {
        e.reason = QStringLiteral("NoKeychain");
        e.message = QStringLiteral("no keychain available: cannot %1 the %2 of context \"%3\" "
                                   "(%4). Start a Secret Service (GNOME Keyring, KWallet) to keep "
                                   "secrets; they are never written to disk in plain text.")
                        .arg(what, kindName(kind), context, text);
    } else if (code == QKeychain::AccessDenied || code == QKeychain::AccessDeniedByUser) {
        e.reason = QStringLiteral("AccessDenied");
        e.message = QStringLiteral("access to the keychain was denied: cannot %1 the %2 of context "
                                   "\"%3\" (%4)")
                        .arg(what, kindName(kind), context, text);
    } else {
        e.reason = QStringLiteral("KeychainError");
        e.message = QStringLiteral("keychain error: cannot %1 the %2 of context \"%3\": %4")
                        .arg(what, kindName(kind), context, text);
    }
    e.details.insert(QStringLiteral("keychainError"), int(code));
    return e;
}

template<typename JobT> JobT *prepare(JobT *job, const QString &key)
{
    job->setAutoDelete(true);
    // Never let QtKeychain store secrets in a QSettings file when no keychain exists.
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

CredentialStore::CredentialStore(QObject *parent)
    : CredentialStore(QStringLiteral("kubrowser"), parent)
{ }

CredentialStore::CredentialStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{ }

CredentialStore::~CredentialStore() = default;

QString CredentialStore::key(const QString &context, Kind kind)
{
    return QStringLiteral("%1:%2").arg(kindName(kind), context);
}

CredentialReply *CredentialStore::save(const QString &context, Kind kind, const QString &secret)
{
    auto *reply = new CredentialReply;
    auto *job = prepare(new QKeychain::WritePasswordJob(m_service), key(context, kind));
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, reply, [reply, context, kind](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError) {
            reply->finishWithError(keychainError(j, QStringLiteral("save"), context, kind));
            return;
        }
        qCDebug(lcConfig) << "saved" << kindName(kind) << "of" << context << "in the keychain";
        reply->finishWithSecret({});
    });
    job->start();
    return reply;
}

CredentialReply *CredentialStore::load(const QString &context, Kind kind)
{
    auto *reply = new CredentialReply;
    auto *job = prepare(new QKeychain::ReadPasswordJob(m_service), key(context, kind));
    connect(job, &QKeychain::Job::finished, reply, [reply, context, kind](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError) {
            reply->finishWithError(keychainError(j, QStringLiteral("load"), context, kind));
            return;
        }
        reply->finishWithSecret(static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
    });
    job->start();
    return reply;
}

CredentialReply *CredentialStore::remove(const QString &context, Kind kind)
{
    auto *reply = new CredentialReply;
    auto *job = prepare(new QKeychain::DeletePasswordJob(m_service), key(context, kind));
    connect(job, &QKeychain::Job::finished, reply, [reply, context, kind](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound) {
            reply->finishWithError(keychainError(j, QStringLiteral("delete"), context, kind));
            return;
        }
        reply->finishWithSecret({});
    });
    job->start();
    return reply;
}

} // namespace kube
