#pragma once

#include <QString>
#include <QStringList>

#include <chrono>

namespace kube {

/*!
 * The PATH a user's login shell sets up, for programs started from a desktop menu.
 *
 * A program launched by the desktop (a .desktop file, a dock) inherits the session's minimal
 * PATH, not the one the user's shell profile builds (~/.local/bin, /opt/homebrew/bin, ~/go/bin,
 * the gcloud SDK, asdf shims ...), so credential plugins that work in a terminal are "not found"
 * there. This asks the user's shell once (`$SHELL -l -i -c`, bounded by a timeout, stdin closed)
 * and caches the answer for the process; a shell that fails or hangs yields an empty list, and
 * callers fall back to the process PATH.
 *
 * \code
 * const QStringList dirs = kube::LoginShellPath::merged(qEnvironmentVariable("PATH"));
 * \endcode
 */
class LoginShellPath final
{
public:
    static constexpr std::chrono::milliseconds defaultTimeout { 5000 };

    //! The login shell's PATH entries, asked once per process (thread-safe; later callers wait
    //! for the first answer).
    static QStringList entries();
    //! Login-shell entries first, then those of \a processPath it lacks; duplicates removed.
    static QStringList merged(const QString &processPath);
    //! Asks \a shell now (no cache), for tests and diagnostics. Empty on failure.
    static QStringList query(const QString &shell,
                             std::chrono::milliseconds timeout = defaultTimeout);
    //! The user's shell: $SHELL, else the passwd entry, else /bin/sh.
    static QString userShell();
};

} // namespace kube
