#include "config/execauthprovider.h"

#include "config/configlogging.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QPointer>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTimer>

namespace kube {

namespace {

const QLatin1String v1("client.authentication.k8s.io/v1");
const QLatin1String v1beta1("client.authentication.k8s.io/v1beta1");

// client-go's text, so users find the same help whichever tool they used.
const char installHintVerboseHelp[]
    = "\n\nIt looks like you are trying to use a client-go credential plugin that is not "
      "installed.\n\nTo learn more about this feature, consult the documentation available at:\n"
      "      https://kubernetes.io/docs/reference/access-authn-authz/authentication/"
      "#client-go-credential-plugins";

constexpr qsizetype maxStderrInError = 4096;

Error authError(const QString &message)
{
    return Error::make(Error::Kind::Auth, QStringLiteral("getting credentials: %1").arg(message));
}

QSslKey parseKey(const QByteArray &pem)
{
    for (QSsl::KeyAlgorithm alg : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
        QSslKey key(pem, alg, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

struct ExecAuthProvider::State
{
    Options options;
    std::optional<Credentials> cached;
    QDateTime expiry;
    QList<std::function<void(Result<Credentials>)>> pending;
    QProcess *process = nullptr; // Owned while running.
    QTimer *timer = nullptr; // Owned while running.
    bool timedOut = false;
    QByteArray stdoutData;
    QByteArray stderrData;
    int runs = 0;

    void start(const std::shared_ptr<State> &self);
    void finish(const Result<Credentials> &result);
    Result<Credentials> parse(QDateTime &expiresAt) const;
    QString stderrText() const;
    void cleanup();
};

VoidResult ExecAuthProvider::validate(const ExecConfig &exec, const QString &userName)
{
    auto fail = [](const QString &m) { return Error::make(Error::Kind::Config, m); };
    if (exec.command.isEmpty()) {
        return fail(QStringLiteral("command must be specified for %1 to use exec authentication "
                                   "plugin")
                        .arg(userName));
    }
    if (exec.apiVersion.isEmpty()) {
        return fail(QStringLiteral("apiVersion must be specified for %1 to use exec authentication "
                                   "plugin")
                        .arg(userName));
    }
    for (const auto &[name, value] : exec.env) {
        Q_UNUSED(value)
        if (name.isEmpty()) {
            return fail(QStringLiteral("env variable name must be specified for %1 to use exec "
                                       "authentication plugin")
                            .arg(userName));
        }
    }
    if (exec.interactiveMode.isEmpty()) {
        return fail(QStringLiteral("interactiveMode must be specified for %1 to use exec "
                                   "authentication plugin")
                        .arg(userName));
    }
    if (exec.interactiveMode != QLatin1String("Never")
        && exec.interactiveMode != QLatin1String("IfAvailable")
        && exec.interactiveMode != QLatin1String("Always")) {
        return fail(QStringLiteral("invalid interactiveMode for %1: \"%2\"")
                        .arg(userName, exec.interactiveMode));
    }
    if (exec.apiVersion != v1 && exec.apiVersion != v1beta1)
        return fail(QStringLiteral("exec plugin: invalid apiVersion \"%1\"").arg(exec.apiVersion));
    return {};
}

ExecAuthProvider::ExecAuthProvider(Options options)
    : d(std::make_shared<State>())
{
    d->options = std::move(options);
}

ExecAuthProvider::~ExecAuthProvider()
{
    if (d->process) {
        d->process->disconnect();
        d->process->kill();
        d->process->waitForFinished(1000);
    }
    d->cleanup();
    auto pending = std::exchange(d->pending, {});
    for (auto &done : pending)
        done(Error::make(Error::Kind::Cancelled, QStringLiteral("getting credentials: cancelled")));
}

int ExecAuthProvider::runCount() const
{
    return d->runs;
}

QDateTime ExecAuthProvider::expiry() const
{
    return d->cached ? d->expiry : QDateTime();
}

void ExecAuthProvider::invalidate()
{
    if (d->cached)
        qCDebug(lcConfig) << "exec credentials of" << d->options.userName << "invalidated";
    d->cached.reset();
    d->expiry = QDateTime();
}

void ExecAuthProvider::credentials(std::function<void(Result<Credentials>)> done)
{
    if (d->cached) {
        // client-go treats credentials as expired once now is after the expiry.
        if (!d->expiry.isValid() || QDateTime::currentDateTimeUtc() < d->expiry) {
            done(*d->cached);
            return;
        }
        qCDebug(lcConfig) << "exec credentials of" << d->options.userName << "expired at"
                          << d->expiry;
        d->cached.reset();
    }
    d->pending.append(std::move(done));
    if (!d->process)
        d->start(d);
}

void ExecAuthProvider::State::cleanup()
{
    if (timer) {
        timer->stop();
        timer->deleteLater();
        timer = nullptr;
    }
    if (process) {
        process->deleteLater();
        process = nullptr;
    }
}

void ExecAuthProvider::State::finish(const Result<Credentials> &result)
{
    cleanup();
    if (result)
        cached = *result;
    else
        qCWarning(lcConfig).noquote() << result.error().message;
    // Callbacks may ask again (and start a new run) re-entrantly: hand out a copy.
    auto waiting = std::exchange(pending, {});
    for (auto &done : waiting)
        done(result);
}

QString ExecAuthProvider::State::stderrText() const
{
    QString text = QString::fromUtf8(stderrData).trimmed();
    if (text.size() > maxStderrInError)
        text = text.left(maxStderrInError) + QStringLiteral("…");
    return text.isEmpty() ? QString() : QStringLiteral("\nstderr: %1").arg(text);
}

void ExecAuthProvider::State::start(const std::shared_ptr<State> &self)
{
    const ExecConfig &exec = options.exec;
    const QString cmd = exec.command;

    bool interactive = false;
    if (exec.interactiveMode == QLatin1String("IfAvailable")) {
        interactive = options.stdinIsTerminal;
    } else if (exec.interactiveMode == QLatin1String("Always")) {
        if (!options.stdinIsTerminal) {
            finish(authError(QStringLiteral("exec plugin cannot support interactive mode: "
                                            "standard input is not a terminal")));
            return;
        }
        interactive = true;
    } else if (exec.interactiveMode != QLatin1String("Never")) {
        finish(authError(QStringLiteral("exec plugin cannot support interactive mode: unknown "
                                        "interactiveMode: \"%1\"")
                             .arg(exec.interactiveMode)));
        return;
    }

    QJsonObject spec { { QStringLiteral("interactive"), interactive } };
    if (exec.provideClusterInfo && !options.cluster.isEmpty())
        spec.insert(QStringLiteral("cluster"), options.cluster);
    const QJsonObject info { { QStringLiteral("kind"), QStringLiteral("ExecCredential") },
                             { QStringLiteral("apiVersion"), exec.apiVersion },
                             { QStringLiteral("spec"), spec } };

    QProcessEnvironment env
        = options.environment.value_or(QProcessEnvironment::systemEnvironment());
    for (const auto &[name, value] : exec.env)
        env.insert(name, value);
    env.insert(QStringLiteral("KUBERNETES_EXEC_INFO"),
               QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact)));

    // QProcess would report a missing binary only as "failed to start"; look first, so the
    // message can say "not found" like kubectl (and not mistake "permission denied" for it).
    const bool isPath = cmd.contains(u'/');
    const QString program = isPath
        ? cmd
        : QStandardPaths::findExecutable(
            cmd, env.value(QStringLiteral("PATH")).split(u':', Qt::SkipEmptyParts));
    if (program.isEmpty() || (isPath && !QFileInfo::exists(cmd))) {
        QString message = QStringLiteral("exec: executable %1 not found").arg(cmd);
        message += QLatin1String(installHintVerboseHelp);
        if (!exec.installHint.isEmpty())
            message += QStringLiteral("\n\n%1").arg(exec.installHint);
        finish(authError(message));
        return;
    }

    stdoutData.clear();
    stderrData.clear();
    timedOut = false;
    ++runs;
    qCDebug(lcConfig) << "running exec plugin" << program << exec.args << "for" << options.userName;

    process = new QProcess;
    process->setProgram(program);
    process->setArguments(exec.args);
    process->setProcessEnvironment(env);
    if (interactive) {
        // The plugin talks to the user on our terminal, as with kubectl.
        process->setInputChannelMode(QProcess::ForwardedInputChannel);
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    } else {
        process->setStandardInputFile(QProcess::nullDevice());
    }

    const std::weak_ptr<State> weak = self;
    QProcess *p = process;
    QObject::connect(p, &QProcess::readyReadStandardOutput, p, [weak, p] {
        if (auto s = weak.lock(); s && s->process == p)
            s->stdoutData += p->readAllStandardOutput();
    });
    QObject::connect(p, &QProcess::readyReadStandardError, p, [weak, p] {
        if (auto s = weak.lock(); s && s->process == p)
            s->stderrData += p->readAllStandardError();
    });
    QObject::connect(p, &QProcess::errorOccurred, p, [weak, p, cmd](QProcess::ProcessError error) {
        auto s = weak.lock();
        if (!s || s->process != p || error != QProcess::FailedToStart)
            return;
        s->finish(authError(QStringLiteral("exec: %1: %2").arg(cmd, p->errorString())));
    });
    QObject::connect(
        p, &QProcess::finished, p, [weak, p, cmd](int exitCode, QProcess::ExitStatus status) {
            auto s = weak.lock();
            if (!s || s->process != p)
                return;
            s->stdoutData += p->readAllStandardOutput();
            s->stderrData += p->readAllStandardError();
            if (s->timedOut) {
                const auto secs
                    = std::chrono::duration_cast<std::chrono::duration<double>>(s->options.timeout);
                s->finish(authError(QStringLiteral("exec: executable %1 did not finish "
                                                   "within %2 s and was stopped%3")
                                        .arg(cmd)
                                        .arg(secs.count())
                                        .arg(s->stderrText())));
            } else if (status == QProcess::CrashExit) {
                s->finish(authError(
                    QStringLiteral("exec: executable %1 crashed%2").arg(cmd, s->stderrText())));
            } else if (exitCode != 0) {
                s->finish(authError(QStringLiteral("exec: executable %1 failed with "
                                                   "exit code %2%3")
                                        .arg(cmd)
                                        .arg(exitCode)
                                        .arg(s->stderrText())));
            } else {
                QDateTime expiresAt;
                auto result = s->parse(expiresAt);
                s->expiry = result ? expiresAt : QDateTime();
                s->finish(result);
            }
        });

    timer = new QTimer;
    timer->setSingleShot(true);
    QTimer *t = timer;
    QObject::connect(t, &QTimer::timeout, t, [weak, p] {
        auto s = weak.lock();
        if (!s || s->process != p)
            return;
        s->timedOut = true;
        qCWarning(lcConfig) << "exec plugin timed out; killing it";
        p->kill();
    });
    timer->start(options.timeout);
    process->start();
}

Result<Credentials> ExecAuthProvider::State::parse(QDateTime &expiresAt) const
{
    const QString wanted = options.exec.apiVersion;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(stdoutData, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString why = parseError.error != QJsonParseError::NoError
            ? parseError.errorString()
            : QStringLiteral("not a JSON object");
        return authError(QStringLiteral("decoding stdout: %1%2").arg(why, stderrText()));
    }
    const QJsonObject cred = doc.object();
    const QString apiVersion = cred.value(QStringLiteral("apiVersion")).toString();
    const QString kind = cred.value(QStringLiteral("kind")).toString();
    if (apiVersion.isEmpty() || kind.isEmpty()) {
        return authError(QStringLiteral("decoding stdout: Object 'apiVersion' and 'kind' are "
                                        "missing"));
    }
    if (apiVersion != wanted) {
        return authError(QStringLiteral("exec plugin is configured to use API version %1, plugin "
                                        "returned version %2")
                             .arg(wanted, apiVersion));
    }
    if (kind != QLatin1String("ExecCredential")) {
        return authError(QStringLiteral("decoding stdout: no kind \"%1\" is registered for "
                                        "version \"%2\"")
                             .arg(kind, apiVersion));
    }
    const QJsonValue statusValue = cred.value(QStringLiteral("status"));
    if (!statusValue.isObject())
        return authError(QStringLiteral("exec plugin didn't return a status field"));
    const QJsonObject status = statusValue.toObject();
    const QString token = status.value(QStringLiteral("token")).toString();
    const QString certPem = status.value(QStringLiteral("clientCertificateData")).toString();
    const QString keyPem = status.value(QStringLiteral("clientKeyData")).toString();
    if (token.isEmpty() && certPem.isEmpty() && keyPem.isEmpty())
        return authError(QStringLiteral("exec plugin didn't return a token or cert/key pair"));
    if (certPem.isEmpty() != keyPem.isEmpty())
        return authError(QStringLiteral("exec plugin returned only certificate or key, not both"));

    const QJsonValue expiration = status.value(QStringLiteral("expirationTimestamp"));
    if (expiration.isString()) {
        // RFC 3339, e.g. 2024-05-01T12:00:00Z or with an offset and fractional seconds.
        expiresAt = QDateTime::fromString(expiration.toString(), Qt::ISODateWithMs);
        if (!expiresAt.isValid()) {
            return authError(QStringLiteral("decoding stdout: invalid expirationTimestamp \"%1\"")
                                 .arg(expiration.toString()));
        }
        expiresAt = expiresAt.toUTC();
    } else if (!expiration.isUndefined() && !expiration.isNull()) {
        return authError(QStringLiteral("decoding stdout: expirationTimestamp must be a string"));
    }

    Credentials c;
    if (!token.isEmpty())
        c.authorizationHeader = "Bearer " + token.toUtf8();
    if (!certPem.isEmpty()) {
        const auto certs = QSslCertificate::fromData(certPem.toUtf8(), QSsl::Pem);
        const QSslKey key = parseKey(keyPem.toUtf8());
        if (certs.isEmpty() || key.isNull()) {
            return authError(QStringLiteral("failed parsing client key/certificate: %1")
                                 .arg(certs.isEmpty() ? QStringLiteral("no PEM certificate")
                                                      : QStringLiteral("no PEM RSA or EC key")));
        }
        c.clientCertificate = certs.first();
        c.clientKey = key;
    }
    return c;
}

} // namespace kube
