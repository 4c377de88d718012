#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace kube::cli {

/*!
 * The flags of logs, exec and port-forward (kubectl's names). They are taken out of argv
 * before the shared CommandLine parser sees the rest (global flags, -l), so that these
 * commands' short flags (-c, -f, -p, -i, -t, -q) cannot clash with other commands' flags.
 */
struct StreamFlags
{
    QString container; //!< -c/--container
    bool follow = false; //!< -f/--follow
    bool previous = false; //!< -p/--previous
    qint64 tail = -1; //!< --tail (-1: all, or 10 with a selector)
    QString since; //!< --since (Go duration)
    QString sinceTime; //!< --since-time (RFC 3339)
    bool timestamps = false;
    bool allContainers = false;
    std::optional<bool> prefix; //!< --prefix (default: on with a selector or several containers)
    int maxLogRequests = 5;
    qint64 limitBytes = 0;
    bool ignoreErrors = false; //!< --ignore-errors
    bool stdinFlag = false; //!< -i/--stdin
    bool tty = false; //!< -t/--tty
    bool quiet = false; //!< -q/--quiet
    QStringList addresses; //!< --address (default localhost)
    QStringList command; //!< exec: what follows "--"
    bool dash = false; //!< "--" was given

    //! Takes this command's flags (and "--" with what follows) out of \a args; the rest stays.
    static std::optional<StreamFlags>
    extract(const QString &command, QStringList *args, QString *error);
};

} // namespace kube::cli
