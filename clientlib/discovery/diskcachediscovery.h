#pragma once

#include "discoveryinterface.h"

#include <QMutex>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <chrono>
#include <memory>
#include <optional>

namespace kube {

struct RestConfig;

/*!
 * Discovery cached on disk in kubectl's layout (client-go's CachedDiscoveryClient), so that a
 * warm start makes no request and kubectl and kubrowser share one cache:
 *
 *   <root>/discovery/<host>/servergroups.json             APIGroupList
 *   <root>/discovery/<host>/<group>/<version>/serverresources.json   APIResourceList
 *   (core: <host>/v1/serverresources.json)
 *
 * <root> is $KUBECACHEDIR or ~/.kube/cache; <host> is the server URL without its first
 * "https://" and "http://", every character matching [^(\w/.)] replaced by '_'. A file older
 * than the TTL (6 h, by modification time) is a miss, so is a corrupt or unreadable one.
 * Files are written atomically (temporary file + rename) with mode 0660 in folders of 0750.
 * After invalidate(), only files this object wrote since are trusted; fresh() tells whether
 * everything answered came from this process's own fetches. Group and version names come from
 * the server: one that is not a plain path component (empty, ".", "..", '/', '\\', control
 * characters) is never read from or written to disk.
 *
 * File work runs on the global thread pool, never on the caller's thread. Misses go to the
 * delegate (normally a MemCacheDiscovery over a DiscoveryClient, as kubectl wires it).
 *
 * \code
 * auto disc = kube::DiskCacheDiscovery::create(restConfig);   // Result<unique_ptr<...>>
 * auto *r = (*disc)->serverGroupsAndResources();              // zero requests when warm
 * \endcode
 */
class DiskCacheDiscovery final : public DiscoveryInterface
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiskCacheDiscovery)

public:
    static constexpr std::chrono::seconds DefaultTtl = std::chrono::hours(6);

    //! DiskCache over MemCache over a live DiscoveryClient for \a config.
    static Result<std::unique_ptr<DiskCacheDiscovery>> create(const RestConfig &config,
                                                              const QString &cacheRoot
                                                              = defaultCacheRoot(),
                                                              std::chrono::seconds ttl = DefaultTtl,
                                                              QObject *parent = nullptr);

    DiskCacheDiscovery(std::unique_ptr<DiscoveryInterface> delegate,
                       const QString &cacheDir,
                       std::chrono::seconds ttl = DefaultTtl,
                       QObject *parent = nullptr);
    ~DiskCacheDiscovery() override;

    //! $KUBECACHEDIR, else ~/.kube/cache (kubectl's --cache-dir default).
    static QString defaultCacheRoot();
    //! <cacheRoot>/discovery/<host folder> for the server URL \a host as configured.
    static QString discoveryCacheDir(const QString &cacheRoot, const QString &host);
    //! The host folder name alone (kubectl's computeDiscoverCacheDir).
    static QString hostFolderName(const QString &host);
    //! Where the resources of \a gv live under \a cacheDir; nullopt when a name is unsafe.
    static std::optional<QString> resourcesFile(const QString &cacheDir, const GroupVersion &gv);

    QString cacheDir() const { return m_cacheDir; }
    std::chrono::seconds ttl() const { return m_ttl; }
    DiscoveryInterface *delegate() const { return m_delegate.get(); } // Owned.

    /*!
     * Blocks until the cache files of answers already given are on disk. Replies do not wait
     * for their files (the GUI gets data at network speed); call this before handing the
     * folder to another process (CLI exit, tests). Destruction waits as well.
     */
    void waitForPendingWrites();

    DiscoveryReply *groupsAndMaybeResources() override;
    DiscoveryReply *serverResourcesForGroupVersion(const GroupVersion &gv) override;
    ServerVersionReply *serverVersion() override;
    DiscoveryReply *resourcesForGroupVersions(const QList<GroupVersion> &gvs) override;
    bool fresh() const override;
    void invalidate() override;

private:
    struct ReadResult;
    //! The file's bytes if it may be used (thread-safe, blocking: call from a worker).
    std::optional<QByteArray> readCachedFile(const QString &path);
    //! Writes atomically (thread-safe, blocking: call from a worker).
    bool writeCachedFile(const QString &path, const QByteArray &bytes, quint64 generation);
    void writeResources(const QList<APIResourceList> &lists);
    void writeGroups(const QList<APIGroup> &groups);

    std::unique_ptr<DiscoveryInterface> m_delegate;
    const QString m_cacheDir;
    const std::chrono::seconds m_ttl;

    QThreadPool m_pool; // file reads and writes, off the caller's thread
    mutable QMutex m_mutex;
    QSet<QString> m_ourFiles; // guarded: files written by this object since invalidate()
    bool m_invalidated = false; // guarded
    bool m_fresh = true; // guarded
    quint64 m_generation = 0; // guarded; bumped by invalidate()
};

} // namespace kube
