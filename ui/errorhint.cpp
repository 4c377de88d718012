#include "errorhint.h"

#include <QCoreApplication>

namespace kube::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("kube::ui::ErrorHint", text);
}
} // namespace

ErrorHint ErrorHint::from(const Error &error, const QString &clusterUrl)
{
    ErrorHint h;
    const QString msg = error.message.isEmpty() ? tr("Unknown error.") : error.message;
    const QString where = clusterUrl.isEmpty() ? tr("the cluster") : clusterUrl;
    switch (error.kind) {
    case Error::Kind::Status:
        switch (error.httpCode) {
        case 401:
            h.headline = tr("Not authenticated (401): %1").arg(msg);
            h.hint
                = tr("Check the credentials of this context in your kubeconfig: the token or "
                     "client certificate may have expired, or the exec plugin failed to log in.");
            break;
        case 403:
            h.headline = tr("Forbidden (403): %1").arg(msg);
            h.hint = tr("Your user is not allowed to do this. Ask a cluster admin for RBAC "
                        "permissions, or pick another namespace.");
            break;
        case 404:
            h.headline = tr("Not found (404): %1").arg(msg);
            h.hint = tr("The object or resource type no longer exists; refresh the resource tree.");
            break;
        case 410:
            h.headline = tr("Expired (410): %1").arg(msg);
            h.hint = tr("The list changed too much while it loaded; reload it.");
            break;
        case 429:
            h.headline = tr("Too many requests (429): %1").arg(msg);
            h.hint = tr("The API server is throttling clients; wait a moment and reload.");
            break;
        default:
            if (error.httpCode >= 500) {
                h.headline = tr("Server error (%1): %2").arg(error.httpCode).arg(msg);
                h.hint = tr("The API server failed to answer; it may be overloaded or restarting. "
                            "Try again.");
            } else {
                h.headline = tr("Request failed (%1): %2").arg(error.httpCode).arg(msg);
            }
        }
        break;
    case Error::Kind::Network:
        h.headline = tr("Cannot reach %1: %2").arg(where, msg);
        if (msg.contains(QLatin1String("refused"), Qt::CaseInsensitive))
            h.hint = tr("Connection refused: is the cluster running and is the server address in "
                        "your kubeconfig right?");
        else if (msg.contains(QLatin1String("host"), Qt::CaseInsensitive)
                 && msg.contains(QLatin1String("not found"), Qt::CaseInsensitive))
            h.hint
                = tr("The host name does not resolve: check the server address, your VPN and DNS.");
        else
            h.hint = tr("Check that the cluster is running and reachable from this machine "
                        "(VPN, proxy, firewall).");
        break;
    case Error::Kind::Tls:
        h.headline = tr("TLS handshake with %1 failed: %2").arg(where, msg);
        h.hint = tr("Check certificate-authority(-data) and tls-server-name in your kubeconfig.");
        break;
    case Error::Kind::Timeout:
        h.headline = tr("%1 did not answer in time: %2").arg(where, msg);
        h.hint = tr("The cluster may be overloaded or unreachable; try again.");
        break;
    case Error::Kind::Cancelled:
        h.headline = tr("Cancelled.");
        break;
    case Error::Kind::Decode:
        h.headline = tr("Could not read the server's answer: %1").arg(msg);
        h.hint = tr("The API server sent something unexpected; is the server address really a "
                    "Kubernetes API server?");
        break;
    case Error::Kind::Config:
        h.headline = tr("Configuration problem: %1").arg(msg);
        h.hint = tr("Fix your kubeconfig (see the file and line above) or pick another context.");
        break;
    case Error::Kind::Auth:
        h.headline = tr("Could not get credentials: %1").arg(msg);
        h.hint = tr("Check the exec plugin or keychain entry of this context's user.");
        break;
    case Error::Kind::Io:
        h.headline = tr("File error: %1").arg(msg);
        break;
    case Error::Kind::NotFound:
        h.headline = msg;
        break;
    case Error::Kind::StaleDiscovery:
        h.headline = msg;
        h.hint = tr("The API service behind this group is unavailable; check its APIService "
                    "(kubectl get apiservices) and the pods that serve it.");
        break;
    case Error::Kind::InvalidRequest:
        h.headline = tr("Invalid request: %1").arg(msg);
        break;
    }
    return h;
}

} // namespace kube::ui
