#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace kube {

/*!
 * What kubectl's global flags override in the kubeconfig (client-go's ConfigOverrides). The CLI
 * fills it from --context, --namespace, --server ...; the GUI from its connection dialog. Empty
 * or unset members leave the kubeconfig's value alone.
 *
 * \code
 * kube::ConfigOverrides o;
 * o.context = QStringLiteral("staging");
 * o.namespaceName = QStringLiteral("kube-system");
 * auto rc = kubeconfig.restConfig(o);
 * \endcode
 */
struct ConfigOverrides
{
    ConfigOverrides() = default;
    //! Only --context: lets callers write kubeconfig.restConfig(contextName).
    ConfigOverrides(const QString &contextName) // NOLINT(google-explicit-constructor)
        : context(contextName)
    { }

    QString context; //!< --context
    QString cluster; //!< --cluster: use this cluster instead of the context's
    QString user; //!< --user: use this user instead of the context's
    QString namespaceName; //!< --namespace
    QString server; //!< --server; also clears the kubeconfig's tls-server-name (as kubectl)
    QString tlsServerName; //!< --tls-server-name
    QString certificateAuthority; //!< --certificate-authority (path, used as given)
    std::optional<bool> insecureSkipTlsVerify; //!< --insecure-skip-tls-verify
    QString token; //!< --token: then no other credential of the user is used
    QString username; //!< --username
    QString password; //!< --password
    QString clientCertificate; //!< --client-certificate (path)
    QString clientKey; //!< --client-key (path)
    QString impersonate; //!< --as
    std::chrono::milliseconds requestTimeout { 0 }; //!< --request-timeout; 0 = none

    // Not kubectl flags: how this program may run exec credential plugins.
    //! Our stdin is a terminal the plugin may prompt on (the CLI on a tty; never the GUI).
    bool execStdinIsTerminal = false;
    //! How long a plugin may run; 0 = ExecAuthProvider::defaultTimeout.
    std::chrono::milliseconds execTimeout { 0 };
    //! Find plugins with the login shell's PATH too (a GUI started from a desktop menu).
    bool execUseLoginShellPath = false;
    //! A user interface shows the plugin's stderr and forwards typed input to its stdin.
    bool execInteractiveInput = false;
};

} // namespace kube
