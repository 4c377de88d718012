#pragma once

#include "api/result.h"
#include "rest/authprovider.h"
#include "rest/restconfig.h"

#include <QDateTime>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace kube {

/*!
 * Credentials from a client-go exec credential plugin (client.authentication.k8s.io/v1 and
 * v1beta1), e.g. aws eks get-token, gke-gcloud-auth-plugin, kubelogin.
 *
 * The plugin runs asynchronously in a QProcess with the user's environment plus the exec env
 * and KUBERNETES_EXEC_INFO; the calling thread's event loop keeps running. Its stdout must be an
 * ExecCredential of the configured apiVersion carrying a token or a client certificate and key.
 * The credentials are cached until status.expirationTimestamp (forever when absent) or until
 * invalidate(), which the REST client calls after a 401. Callers that ask while the plugin runs
 * share that one run. Failures carry the plugin's stderr; a missing binary gives kubectl's
 * install hint and the PATH that was searched. Every run is reported to ExecPluginMonitor
 * (stderr live, cancel, typed input).
 *
 * Lives on the thread that calls credentials() (it needs that thread's event loop); done is
 * called exactly once, synchronously when cached credentials are fresh, else from the event
 * loop. Destroying the provider kills a running plugin and fails pending callers (Cancelled).
 *
 * \code
 * auto provider = std::make_shared<kube::ExecAuthProvider>(options);
 * provider->credentials([](kube::Result<kube::Credentials> c) { ... });
 * \endcode
 */
class ExecAuthProvider final : public AuthProvider
{
public:
    //! kubelogin's browser flow waits up to 180 s for the user by default; we allow as long
    //! before declaring the plugin hung. Requests wait meanwhile; the GUI does not.
    static constexpr std::chrono::milliseconds defaultTimeout { 180'000 };
    //! The most a plugin may write to stdout (and to stderr); an ExecCredential is a few KiB.
    static constexpr qsizetype MaxPluginOutputBytes = 4 << 20;

    struct Options
    {
        ExecConfig exec;
        QString userName; //!< the kubeconfig user, for messages
        //! spec.cluster of KUBERNETES_EXEC_INFO, sent when exec.provideClusterInfo
        //! (server, tls-server-name, insecure-skip-tls-verify, certificate-authority-data,
        //! proxy-url, disable-compression, config).
        QJsonObject cluster;
        std::chrono::milliseconds timeout = defaultTimeout;
        //! Whether our stdin is a terminal the plugin may prompt on (a CLI on a tty). The GUI
        //! has none: IfAvailable runs non-interactive, Always fails.
        bool stdinIsTerminal = false;
        //! Base environment; unset = the process environment (the user's PATH etc.).
        std::optional<QProcessEnvironment> environment;
        //! Look the plugin up (and run it) with the login shell's PATH in front of ours, as
        //! LoginShellPath resolves it: a GUI started from a desktop menu has a minimal PATH.
        bool useLoginShellPath = false;
        //! A user interface forwards typed input to the plugin's stdin (through
        //! ExecPluginMonitor::writeInput) and shows its stderr: interactiveMode Always and
        //! IfAvailable then run interactive without a terminal.
        bool interactiveInput = false;
    };

    //! kubectl's checks of an exec section (command, apiVersion, env names, interactiveMode).
    static VoidResult validate(const ExecConfig &exec, const QString &userName);

    /*!
     * The provider for these options, shared process-wide while anyone holds it (as client-go
     * caches authenticators by config), so resolving the same context twice does not run the
     * plugin twice.
     */
    static std::shared_ptr<ExecAuthProvider> shared(const Options &options);

    explicit ExecAuthProvider(Options options);
    ~ExecAuthProvider() override;
    ExecAuthProvider(const ExecAuthProvider &) = delete;
    ExecAuthProvider &operator=(const ExecAuthProvider &) = delete;

    void credentials(std::function<void(Result<Credentials>)> done) override;
    void invalidate() override;

    //! How often the plugin was started (diagnostics and tests).
    int runCount() const;
    //! Expiry of the cached credentials; invalid when none are cached or they never expire.
    QDateTime expiry() const;

private:
    struct State;
    std::shared_ptr<State> d;
};

} // namespace kube
