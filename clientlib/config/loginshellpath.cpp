#include "config/loginshellpath.h"

#include "config/configlogging.h"

#include <QFileInfo>
#include <QMutex>
#include <QProcess>

#include <optional>

#include <pwd.h>
#include <unistd.h>

namespace kube {

namespace {

// Profiles may print banners (motd, "no job control"); the markers find PATH among them.
constexpr char beginMarker[] = "__KUBROWSER_PATH_BEGIN__";
constexpr char endMarker[] = "__KUBROWSER_PATH_END__";

} // namespace

QString LoginShellPath::userShell()
{
    const QString env = qEnvironmentVariable("SHELL");
    if (!env.isEmpty() && QFileInfo(env).isExecutable())
        return env;
    if (const passwd *pw = ::getpwuid(::getuid()); pw && pw->pw_shell && *pw->pw_shell) {
        const QString shell = QString::fromLocal8Bit(pw->pw_shell);
        if (QFileInfo(shell).isExecutable())
            return shell;
    }
    return QStringLiteral("/bin/sh");
}

QStringList LoginShellPath::query(const QString &shell, std::chrono::milliseconds timeout)
{
    QProcess p;
    p.setProgram(shell);
    // -i as well as -l: many users set PATH in ~/.bashrc or ~/.zshrc, which only interactive
    // shells read. printf, not echo: PATH may start with "-".
    p.setArguments({ QStringLiteral("-l"), QStringLiteral("-i"), QStringLiteral("-c"),
                     QStringLiteral("printf '%1%s%2' \"$PATH\"")
                         .arg(QLatin1String(beginMarker), QLatin1String(endMarker)) });
    p.setStandardInputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    p.start();
    if (!p.waitForStarted(int(timeout.count()))) {
        qCWarning(lcConfig) << "login shell" << shell << "did not start:" << p.errorString();
        return {};
    }
    if (!p.waitForFinished(int(timeout.count()))) {
        qCWarning(lcConfig) << "login shell" << shell << "did not answer within" << timeout.count()
                            << "ms; using the process PATH";
        p.kill();
        p.waitForFinished(1000);
        return {};
    }
    const QByteArray out = p.readAllStandardOutput();
    const qsizetype begin = out.lastIndexOf(beginMarker);
    const qsizetype end = out.lastIndexOf(endMarker);
    if (begin < 0 || end < begin) {
        qCWarning(lcConfig) << "login shell" << shell << "printed no PATH";
        return {};
    }
    const qsizetype from = begin + qsizetype(sizeof(beginMarker) - 1);
    const QString path = QString::fromLocal8Bit(out.mid(from, end - from));
    return path.split(u':', Qt::SkipEmptyParts);
}

QStringList LoginShellPath::entries()
{
    static QMutex mutex;
    static std::optional<QStringList> cached;
    QMutexLocker lock(&mutex);
    if (!cached) {
        const QString shell = userShell();
        cached = query(shell);
        qCDebug(lcConfig) << "login shell" << shell << "PATH:" << *cached;
    }
    return *cached;
}

QStringList LoginShellPath::merged(const QString &processPath)
{
    QStringList out;
    auto add = [&out](const QStringList &dirs) {
        for (const QString &d : dirs)
            if (!d.isEmpty() && !out.contains(d))
                out.append(d);
    };
    add(entries());
    add(processPath.split(u':', Qt::SkipEmptyParts));
    return out;
}

} // namespace kube
