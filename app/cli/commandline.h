#pragma once

#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace kube::cli {

//! Everything kubrowser-cli understood from its arguments (kubectl's flag names and forms).
struct CommandLine
{
    // Global flags
    QString kubeconfig;
    QString context;
    QString namespaceName; //!< -n/--namespace; empty = from kubeconfig
    QString server; //!< -s/--server
    QString token;
    bool insecureSkipTlsVerify = false;
    QString cacheDir; //!< empty = $KUBECACHEDIR or ~/.kube/cache
    QString requestTimeout; //!< as given ("0", "30s", "1m")
    bool demo = false;
    int verbosity = 0;

    // The command and its operands
    QString
        command; //!< "get", "api-resources", "api-versions", "version", "discovery", "completion"
    QStringList args;

    // Command flags
    QString output; //!< -o/--output
    bool noHeaders = false;
    bool showKind = false; //!< get --show-kind
    bool allNamespaces = false;
    QString selector; //!< -l/--selector
    QString fieldSelector;
    qint64 chunkSize = 500;
    bool watch = false;
    bool watchOnly = false;
    bool outputWatchEvents = false; //!< get --output-watch-events
    QString apiGroup;
    std::optional<bool> namespaced;
    bool cached = false;
    QString sortBy;
    QStringList verbs;
    QStringList categories;
    bool clientOnly = false; //!< version --client

    // Mutations (apply, delete, scale, rollout restart, cordon, create job, auth can-i)
    QStringList filenames; //!< -f/--filename, repeatable; "-" = stdin
    bool serverSide = false; //!< apply --server-side
    bool forceConflicts = false; //!< apply --force-conflicts
    QString fieldManager; //!< --field-manager; empty = the command's kubectl default
    QString dryRun = QStringLiteral("none"); //!< --dry-run: none, server, client
    QString cascade = QStringLiteral("background"); //!< delete --cascade
    qint64 gracePeriod = -1; //!< delete --grace-period
    bool wait = true; //!< delete --wait
    qint64 replicas = -1; //!< scale --replicas (-1 = not given)
    QString from; //!< create job --from=cronjob/NAME
    bool list = false; //!< auth can-i --list
    bool help = false;
    bool showVersion = false; //!< --version: print the program's version and exit

    /*!
     * Parses argv (without the program name) the way kubectl's flag library does: flags before
     * or after operands, "--flag value", "--flag=value", "-n value", "-nvalue", "-n=value",
     * boolean flags with an optional "=true|false", "--" ends the flags.
     * On error, returns nothing and sets \a error to kubectl's wording.
     */
    static std::optional<CommandLine> parse(const QStringList &arguments, QString *error);

    /*!
     * The subcommand named in \a arguments even when parse() failed: the first operand,
     * skipping the values of flags that take one ("--kubeconfig FILE get" is "get"), for
     * kubectl's "See 'kubectl get --help'" hint. Empty when there is none.
     */
    static QString commandName(const QStringList &arguments);

    //! --request-timeout as a duration (kubectl: "0" = none, bare numbers are seconds).
    static std::optional<std::chrono::milliseconds> parseDuration(const QString &text);
};

} // namespace kube::cli
