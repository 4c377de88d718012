#include "config/execauthprovider.h"

#include "config/configlogging.h"
#include "config/execpluginmonitor.h"
#include "config/loginshellpath.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QPointer>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QThread>
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

// One caller waiting for the running plugin. A caller on another thread than the plugin's gets
// its answer posted to its own thread, through a QObject living there.
struct Waiter
{
    std::function<void(Result<Credentials>)> done;
    QThread *thread = nullptr;
    QObject *context = nullptr; // Owned; deleted on its thread once done was called.
};

void deliver(Waiter &w, const Result<Credentials> &result)
{
    if (!w.context || w.thread == QThread::currentThread()) {
        delete w.context;
        w.done(result);
        return;
    }
    QObject *context = w.context;
    QMetaObject::invokeMethod(
        context,
        [done = std::move(w.done), result, context] {
            done(result);
            context->deleteLater();
        },
        Qt::QueuedConnection);
}

// Shared with the process's signal handlers (which hold it weakly), so a plugin that finishes
// after the provider is gone is harmless. The mutex guards the members below it: a RestConfig
// and its provider may be used by clients on several threads.
struct ExecAuthProvider::State
{
    Options options;
    mutable QMutex mutex;
    std::optional<Credentials> cached;
    QDateTime expiry;
    QList<Waiter> pending;
    QProcess *process = nullptr; // Owned while running; lives on processThread.
    QThread *processThread = nullptr;
    QTimer *timer = nullptr; // Owned while running.
    bool timedOut = false;
    bool cancelled = false;
    quint64 monitorRun = 0; // ExecPluginMonitor's id of the current run
    QByteArray stdoutData; // Written on processThread only.
    QByteArray stderrData;
    int runs = 0;

    std::optional<Error> startLocked(const std::shared_ptr<State> &self);
    void finish(const Result<Credentials> &result, const QDateTime &expiresAt = {});
    Result<Credentials> parse(QDateTime &expiresAt) const;
    QString stderrText() const;
    void cleanupLocked();
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

std::shared_ptr<ExecAuthProvider> ExecAuthProvider::shared(const Options &options)
{
    // Everything that changes what the plugin is asked or how it runs is part of the key.
    QJsonObject key { { QStringLiteral("apiVersion"), options.exec.apiVersion },
                      { QStringLiteral("command"), options.exec.command },
                      { QStringLiteral("args"), QJsonArray::fromStringList(options.exec.args) },
                      { QStringLiteral("provideClusterInfo"), options.exec.provideClusterInfo },
                      { QStringLiteral("interactiveMode"), options.exec.interactiveMode },
                      { QStringLiteral("installHint"), options.exec.installHint },
                      { QStringLiteral("cluster"), options.cluster },
                      { QStringLiteral("user"), options.userName },
                      { QStringLiteral("timeout"), qint64(options.timeout.count()) },
                      { QStringLiteral("stdin"), options.stdinIsTerminal },
                      { QStringLiteral("loginShellPath"), options.useLoginShellPath },
                      { QStringLiteral("interactiveInput"), options.interactiveInput } };
    QJsonArray env;
    for (const auto &[name, value] : options.exec.env)
        env.append(QJsonArray { name, value });
    key.insert(QStringLiteral("env"), env);
    if (options.environment)
        key.insert(QStringLiteral("environment"),
                   QJsonArray::fromStringList(options.environment->toStringList()));
    const QByteArray id = QJsonDocument(key).toJson(QJsonDocument::Compact);

    static QMutex mutex;
    static QHash<QByteArray, std::weak_ptr<ExecAuthProvider>> cache;
    QMutexLocker lock(&mutex);
    if (auto existing = cache.value(id).lock())
        return existing;
    // Forget entries nobody holds any more, so the cache does not grow without bound.
    for (auto it = cache.begin(); it != cache.end();)
        it = it->expired() ? cache.erase(it) : std::next(it);
    auto provider = std::make_shared<ExecAuthProvider>(options);
    cache.insert(id, provider);
    return provider;
}

ExecAuthProvider::ExecAuthProvider(Options options)
    : d(std::make_shared<State>())
{
    d->options = std::move(options);
}

ExecAuthProvider::~ExecAuthProvider()
{
    QList<Waiter> pending;
    {
        QMutexLocker lock(&d->mutex);
        if (d->process) {
            d->process->disconnect();
            d->process->kill();
            if (d->processThread == QThread::currentThread())
                d->process->waitForFinished(1000);
        }
        d->cleanupLocked();
        pending = std::exchange(d->pending, {});
    }
    const Error cancelled
        = Error::make(Error::Kind::Cancelled, QStringLiteral("getting credentials: cancelled"));
    for (auto &w : pending)
        deliver(w, cancelled);
}

int ExecAuthProvider::runCount() const
{
    QMutexLocker lock(&d->mutex);
    return d->runs;
}

QDateTime ExecAuthProvider::expiry() const
{
    QMutexLocker lock(&d->mutex);
    return d->cached ? d->expiry : QDateTime();
}

void ExecAuthProvider::invalidate()
{
    QMutexLocker lock(&d->mutex);
    if (d->cached)
        qCDebug(lcConfig) << "exec credentials of" << d->options.userName << "invalidated";
    d->cached.reset();
    d->expiry = QDateTime();
}

void ExecAuthProvider::credentials(std::function<void(Result<Credentials>)> done)
{
    // Asked once per process and possibly slow: outside the lock, so other callers of a
    // cached provider are not held up by a shell's profile.
    if (d->options.useLoginShellPath && !d->options.exec.command.contains(u'/'))
        LoginShellPath::entries();
    QMutexLocker lock(&d->mutex);
    if (d->cached) {
        // client-go treats credentials as expired once now is after the expiry.
        if (!d->expiry.isValid() || QDateTime::currentDateTimeUtc() < d->expiry) {
            const Credentials c = *d->cached;
            lock.unlock();
            done(c);
            return;
        }
        qCDebug(lcConfig) << "exec credentials of" << d->options.userName << "expired at"
                          << d->expiry;
        d->cached.reset();
    }
    Waiter w;
    w.done = std::move(done);
    w.thread = QThread::currentThread();
    if (d->process && d->processThread != w.thread)
        w.context = new QObject; // lives on this thread, where the answer must arrive
    d->pending.append(std::move(w));
    if (d->process)
        return;
    if (auto error = d->startLocked(d)) {
        auto waiting = std::exchange(d->pending, {});
        lock.unlock();
        qCWarning(lcConfig).noquote() << error->message;
        for (auto &waiter : waiting)
            deliver(waiter, *error);
        return;
    }
    QPointer<QProcess> process = d->process;
    lock.unlock();
    if (process)
        process->start();
}

void ExecAuthProvider::State::cleanupLocked()
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

void ExecAuthProvider::State::finish(const Result<Credentials> &result, const QDateTime &expiresAt)
{
    QList<Waiter> waiting;
    quint64 run = 0;
    {
        QMutexLocker lock(&mutex);
        cleanupLocked();
        run = std::exchange(monitorRun, 0);
        if (result) {
            cached = *result;
            expiry = expiresAt;
        }
        waiting = std::exchange(pending, {});
    }
    if (!result)
        qCWarning(lcConfig).noquote() << result.error().message;
    if (run)
        ExecPluginMonitor::instance()->endRun(run, bool(result),
                                              result ? QString() : result.error().message);
    // Outside the lock: callbacks may ask again (and start a new run) re-entrantly.
    for (auto &w : waiting)
        deliver(w, result);
}

QString ExecAuthProvider::State::stderrText() const
{
    QString text = QString::fromUtf8(stderrData).trimmed();
    if (text.size() > maxStderrInError)
        text = text.left(maxStderrInError) + QStringLiteral("…");
    return text.isEmpty() ? QString() : QStringLiteral("\nstderr: %1").arg(text);
}

std::optional<Error> ExecAuthProvider::State::startLocked(const std::shared_ptr<State> &self)
{
    const ExecConfig &exec = options.exec;
    const QString cmd = exec.command;

    bool interactive = false;
    const bool canInteract = options.stdinIsTerminal || options.interactiveInput;
    if (exec.interactiveMode == QLatin1String("IfAvailable")) {
        interactive = canInteract;
    } else if (exec.interactiveMode == QLatin1String("Always")) {
        if (!canInteract) {
            return authError(QStringLiteral("exec plugin cannot support interactive mode: "
                                            "standard input is not a terminal"));
        }
        interactive = true;
    } else if (exec.interactiveMode != QLatin1String("Never")) {
        return authError(QStringLiteral("exec plugin cannot support interactive mode: unknown "
                                        "interactiveMode: \"%1\"")
                             .arg(exec.interactiveMode));
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
    QStringList searched = env.value(QStringLiteral("PATH")).split(u':', Qt::SkipEmptyParts);
    if (options.useLoginShellPath && !isPath) {
        // The plugin itself may run other tools (gke-gcloud-auth-plugin runs gcloud): it gets
        // the same PATH it was found with.
        searched = LoginShellPath::merged(env.value(QStringLiteral("PATH")));
        env.insert(QStringLiteral("PATH"), searched.join(u':'));
    }
    const QString program = isPath ? cmd : QStandardPaths::findExecutable(cmd, searched);
    if (program.isEmpty() || (isPath && !QFileInfo::exists(cmd))) {
        QString message = QStringLiteral("exec: executable %1 not found").arg(cmd);
        if (!isPath) {
            message += QStringLiteral("\n\nSearched PATH: %1").arg(searched.join(u':'));
            if (!options.useLoginShellPath)
                message += QStringLiteral(" (this process's PATH; the login shell's was not "
                                          "asked)");
            else
                message += QStringLiteral(" (the login shell's PATH, then this process's)");
        }
        message += QLatin1String(installHintVerboseHelp);
        if (!exec.installHint.isEmpty())
            message += QStringLiteral("\n\n%1").arg(exec.installHint);
        return authError(message);
    }

    stdoutData.clear();
    stderrData.clear();
    timedOut = false;
    cancelled = false;
    ++runs;
    qCDebug(lcConfig) << "running exec plugin" << program << exec.args << "for" << options.userName;

    process = new QProcess;
    processThread = QThread::currentThread();
    process->setProgram(program);
    process->setArguments(exec.args);
    process->setProcessEnvironment(env);
    if (interactive && options.interactiveInput) {
        // The user interface shows stderr and writes what the user types to stdin.
        process->setInputChannelMode(QProcess::ManagedInputChannel);
    } else if (interactive) {
        // The plugin talks to the user on our terminal, as with kubectl.
        process->setInputChannelMode(QProcess::ForwardedInputChannel);
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    } else {
        process->setStandardInputFile(QProcess::nullDevice());
    }

    const std::weak_ptr<State> weak = self;
    QProcess *p = process;
    // The handlers run on this thread; they check under the lock that this run is still the
    // current one (the provider may have been destroyed or moved on).
    auto current = [weak, p]() -> std::shared_ptr<State> {
        auto s = weak.lock();
        if (!s)
            return nullptr;
        QMutexLocker lock(&s->mutex);
        return s->process == p ? s : nullptr;
    };
    // A plugin that writes without end must not fill memory: past the cap the output is read
    // and dropped (the credential then fails to decode), until the plugin ends or times out.
    const auto append = [](QByteArray &to, const QByteArray &data) {
        to += data.left(qMax<qsizetype>(0, MaxPluginOutputBytes + 1 - to.size()));
    };
    QObject::connect(p, &QProcess::readyReadStandardOutput, p, [current, p, append] {
        if (auto s = current())
            append(s->stdoutData, p->readAllStandardOutput());
    });
    QObject::connect(p, &QProcess::readyReadStandardError, p, [current, p, append] {
        if (auto s = current()) {
            const QByteArray chunk = p->readAllStandardError();
            append(s->stderrData, chunk);
            if (!chunk.isEmpty())
                ExecPluginMonitor::instance()->reportOutput(s->monitorRun,
                                                            QString::fromUtf8(chunk));
        }
    });
    QObject::connect(
        p, &QProcess::errorOccurred, p, [current, p, cmd](QProcess::ProcessError error) {
            auto s = current();
            if (!s || error != QProcess::FailedToStart)
                return;
            s->finish(authError(QStringLiteral("exec: %1: %2").arg(cmd, p->errorString())));
        });
    QObject::connect(
        p, &QProcess::finished, p,
        [current, p, cmd, append](int exitCode, QProcess::ExitStatus status) {
            auto s = current();
            if (!s)
                return;
            append(s->stdoutData, p->readAllStandardOutput());
            append(s->stderrData, p->readAllStandardError());
            if (s->cancelled) {
                s->finish(authError(QStringLiteral("exec: sign-in with %1 was cancelled%2")
                                        .arg(cmd, s->stderrText())));
            } else if (s->timedOut) {
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
                s->finish(result, expiresAt);
            }
        });

    timer = new QTimer;
    timer->setSingleShot(true);
    QTimer *t = timer;
    QObject::connect(t, &QTimer::timeout, t, [current, p] {
        auto s = current();
        if (!s)
            return;
        s->timedOut = true;
        qCWarning(lcConfig) << "exec plugin timed out; killing it";
        p->kill();
    });
    timer->start(options.timeout);

    ExecPluginMonitor::Hooks hooks;
    // QPointer: the monitor may still hold these hooks for a moment after the run ended.
    const QPointer<QProcess> guarded = p;
    hooks.cancel = [current, guarded] {
        if (!guarded)
            return;
        QMetaObject::invokeMethod(guarded.data(), [current, p = guarded.data()] {
            auto s = current();
            if (!s)
                return;
            s->cancelled = true;
            p->kill();
        });
    };
    if (interactive && options.interactiveInput) {
        hooks.write = [guarded](const QByteArray &data) {
            if (guarded)
                QMetaObject::invokeMethod(guarded.data(),
                                          [p = guarded.data(), data] { p->write(data); });
        };
    }
    monitorRun = ExecPluginMonitor::instance()->beginRun(
        options.userName, cmd, interactive && options.interactiveInput, std::move(hooks));
    // The caller starts the process once it released the lock: QProcess may report a failure
    // to start synchronously, into handlers that take the lock.
    return std::nullopt;
}

Result<Credentials> ExecAuthProvider::State::parse(QDateTime &expiresAt) const
{
    const QString wanted = options.exec.apiVersion;
    if (stdoutData.size() > MaxPluginOutputBytes)
        return authError(QStringLiteral("exec: the plugin wrote more than %1 MiB to stdout: that "
                                        "is not an ExecCredential")
                             .arg(MaxPluginOutputBytes >> 20));
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
        // The whole chain (leaf, then intermediates), as client-go's tls.X509KeyPair keeps it.
        c.clientCertificate = certs.first();
        c.clientCertificateChain = certs;
        c.clientKey = key;
    }
    return c;
}

} // namespace kube
