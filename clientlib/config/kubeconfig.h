#pragma once

#include "api/result.h"
#include "config/configoverrides.h"
#include "rest/restconfig.h"

#include <QByteArray>
#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace kube {

/*!
 * The merged kubeconfig a kubectl user has: clusters, users, contexts and current-context from
 * one file (--kubeconfig), the files in KUBECONFIG, or ~/.kube/config, merged exactly like
 * client-go's ClientConfigLoadingRules (the first file that defines a named entry wins as a
 * whole; current-context comes from the first file that sets it).
 *
 * A plain value: load it, look at it, resolve a context into a RestConfig. Every entry knows
 * the file that defined it, which is where saving writes back to. Relative paths are already
 * resolved against that file's folder.
 *
 * \code
 * auto cfg = kube::Kubeconfig::load();              // errors name file:line:column
 * if (!cfg) { qWarning() << cfg.error().message; return; }
 * auto rc = cfg->restConfig();                        // current context
 * auto rc2 = cfg->restConfig(QStringLiteral("kind-dev"));
 * \endcode
 */
class Kubeconfig
{
public:
    struct Cluster
    {
        QString name;
        QString server;
        QString certificateAuthority; //!< absolute path (resolved against sourceFile's folder)
        QByteArray certificateAuthorityData; //!< decoded PEM
        bool insecureSkipTlsVerify = false;
        QString tlsServerName;
        QString proxyUrl;
        bool disableCompression = false;
        QJsonObject extensions; //!< name -> extension object
        QString sourceFile; //!< the file that defined this cluster
    };

    struct User
    {
        QString name;
        QString clientCertificate; //!< absolute path
        QByteArray clientCertificateData; //!< decoded PEM
        QString clientKey; //!< absolute path
        QByteArray clientKeyData; //!< decoded PEM
        QString token;
        QString tokenFile; //!< absolute path
        QString username;
        QString password;
        QString impersonate; //!< "as"
        QString impersonateUid; //!< "as-uid"
        QStringList impersonateGroups; //!< "as-groups"
        QMap<QString, QStringList> impersonateExtra; //!< "as-user-extra"
        std::optional<ExecConfig> exec; //!< command resolved when it contains a '/'
        QString authProviderName; //!< legacy auth-provider (gcp, azure, oidc): not supported
        QJsonObject extensions;
        QString sourceFile;
    };

    struct Context
    {
        QString name;
        QString cluster;
        QString user;
        QString namespaceName; //!< empty = "default" when resolved
        QJsonObject extensions;
        QString sourceFile;
    };

    //! Where to load from; the defaults read the process environment like kubectl.
    struct LoadOptions
    {
        QString explicitPath; //!< --kubeconfig: only this file, which must exist
        //! The KUBECONFIG value; unset = read the environment variable.
        std::optional<QString> kubeconfigEnv;
        QString homeDir; //!< empty = QDir::homePath(); ~/.kube/config lives under it
    };

    //! The files that would be read, in precedence order (duplicates removed, empties skipped).
    static QStringList precedence(const LoadOptions &options = {});

    //! Loads and merges. Missing KUBECONFIG entries and a missing default file are skipped (an
    //! empty config, as kubectl); a missing --kubeconfig file is an error.
    static Result<Kubeconfig> load(const LoadOptions &options = {});
    /*!
     * load() on a worker thread, for the GUI: yaml-cpp reads about 2-3 MB/s, so a kubeconfig
     * of thousands of entries takes a noticeable time. The Kubeconfig is a plain value and may
     * be used on any thread once the future finishes.
     */
    static QFuture<Result<Kubeconfig>> loadInBackground(const LoadOptions &options = {});
    //! Loads and merges exactly these files (missing ones skipped unless \a requireAll).
    static Result<Kubeconfig> loadFiles(const QStringList &files, bool requireAll = false);
    //! Parses one kubeconfig document; \a fileName names it in errors and resolves relative paths.
    static Result<Kubeconfig> parse(const QByteArray &yaml, const QString &fileName);

    //! Largest file we parse; real kubeconfigs are a few kB to a few MB.
    static constexpr qint64 maxFileSize = 32 * 1024 * 1024;

    QString currentContext() const { return m_currentContext; }
    //! The file whose current-context is in effect (empty when none sets it).
    QString currentContextFile() const { return m_currentContextFile; }
    //! Files that were read, in precedence order (missing files not included).
    QStringList files() const { return m_files; }
    //! Where saving writes a current-context when no file sets one (client-go's default file).
    QString defaultFile() const { return m_defaultFile; }

    const QList<Cluster> &clusters() const { return m_clusters; }
    const QList<User> &users() const { return m_users; }
    const QList<Context> &contexts() const { return m_contexts; }
    QStringList contextNames() const;
    QStringList clusterNames() const;
    QStringList userNames() const;
    const Cluster *cluster(const QString &name) const;
    const User *user(const QString &name) const;
    const Context *context(const QString &name) const;
    bool isEmpty() const
    {
        return m_clusters.isEmpty() && m_users.isEmpty() && m_contexts.isEmpty();
    }

    /*!
     * Resolves a context (current-context when \a overrides.context is empty) into a
     * RestConfig, with kubectl's flag semantics for the overrides. Fails when the context,
     * cluster or user does not exist (listing what does), when a certificate, key or token
     * file cannot be read (naming the path and the OS error), and on settings kubectl rejects.
     * A QString converts to overrides naming the context: restConfig(QStringLiteral("dev")).
     *
     * As kubectl, credentials are used only for https servers: an http:// server gets none.
     */
    Result<RestConfig> restConfig(const ConfigOverrides &overrides = {}) const;

    /*!
     * The config of a process running in a pod (client-go's InClusterConfig): server from
     * KUBERNETES_SERVICE_HOST/PORT, the service account's CA and (re-read) token under
     * \a serviceAccountDir, namespace from POD_NAMESPACE or the namespace file. restConfig()
     * falls back to it, as kubectl does, when the kubeconfig names no context and no server.
     */
    static Result<RestConfig>
    inClusterConfig(const QString &serviceAccountDir
                    = QStringLiteral("/var/run/secrets/kubernetes.io/serviceaccount"));
    //! Whether inClusterConfig() can work: the service env variables and the token exist.
    static bool
    inClusterPossible(const QString &serviceAccountDir
                      = QStringLiteral("/var/run/secrets/kubernetes.io/serviceaccount"));

    // Saving ----------------------------------------------------------------------------------
    // Both write the one file concerned atomically (QSaveFile, permissions kept), re-reading it
    // first and changing only the one value: every other field, unknown ones included, is kept.
    // YAML comments are lost (yaml-cpp does not keep them); key order and values are not.

    //! Writes current-context into the file that sets it (else the first existing file, else
    //! the first file of the precedence), and updates this value.
    VoidResult saveCurrentContext(const QString &contextName);
    //! Writes a context's namespace into the file that defined the context ("" removes it).
    VoidResult saveNamespace(const QString &contextName, const QString &namespaceName);

private:
    friend struct KubeconfigMerger;

    QList<Cluster> m_clusters;
    QList<User> m_users;
    QList<Context> m_contexts;
    QString m_currentContext;
    QString m_currentContextFile;
    QStringList m_files;
    QString m_defaultFile;
    bool m_explicitFile = false;
};

} // namespace kube
