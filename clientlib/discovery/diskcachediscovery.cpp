#include "diskcachediscovery.h"

#include "api/discoveryjson.h"
#include "discoveryclient.h"
#include "discoverylogging.h"
#include "memcachediscovery.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QPointer>
#include <QScopeGuard>
#include <QTemporaryFile>
#include <QtConcurrent/QtConcurrentRun>

#include <filesystem>
#include <system_error>

namespace kube {

namespace {

const QString ServerGroupsFile = QStringLiteral("servergroups.json");
const QString ServerResourcesFile = QStringLiteral("serverresources.json");

constexpr QFile::Permissions DirPermissions = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
    | QFile::ReadGroup | QFile::ExeGroup; // 0750
constexpr QFile::Permissions FilePermissions
    = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::WriteGroup; // 0660

bool isSafeComponent(const QString &name)
{
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        return false;
    for (const QChar c : name) {
        if (c == u'/' || c == u'\\' || c == u':' || c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

// os.MkdirAll(dir, 0750): creates the missing folders only, leaves existing ones alone.
bool makePath(const QString &dir)
{
    if (QFileInfo(dir).isDir())
        return true;
    const QString parent = QFileInfo(dir).path();
    if (parent != dir && !makePath(parent))
        return false;
    return QDir().mkdir(dir, DirPermissions) || QFileInfo(dir).isDir();
}

} // namespace

struct DiskCacheDiscovery::ReadResult
{
    QList<APIResourceList> hits;
    QList<GroupVersion> misses;
};

DiskCacheDiscovery::DiskCacheDiscovery(std::unique_ptr<DiscoveryInterface> delegate,
                                       const QString &cacheDir,
                                       std::chrono::seconds ttl,
                                       QObject *parent)
    : DiscoveryInterface(parent)
    , m_delegate(std::move(delegate))
    , m_cacheDir(QDir::cleanPath(cacheDir))
    , m_ttl(ttl)
{
    m_pool.setMaxThreadCount(2);
}

DiskCacheDiscovery::~DiskCacheDiscovery()
{
    // File tasks use this object; let them finish (their continuations are then dropped).
    m_pool.waitForDone();
}

Result<std::unique_ptr<DiskCacheDiscovery>> DiskCacheDiscovery::create(const RestConfig &config,
                                                                       const QString &cacheRoot,
                                                                       std::chrono::seconds ttl,
                                                                       QObject *parent)
{
    auto live = DiscoveryClient::create(config);
    if (!live)
        return live.error();
    const QString dir = discoveryCacheDir(cacheRoot, (*live)->host());
    auto mem = std::make_unique<MemCacheDiscovery>(std::move(*live));
    return std::make_unique<DiskCacheDiscovery>(std::move(mem), dir, ttl, parent);
}

QString DiskCacheDiscovery::defaultCacheRoot()
{
    const QString env = qEnvironmentVariable("KUBECACHEDIR");
    if (!env.isEmpty())
        return env;
    return QDir::homePath() + QStringLiteral("/.kube/cache");
}

QString DiskCacheDiscovery::hostFolderName(const QString &host)
{
    // strings.Replace(.., 1) twice: the first occurrence of each, wherever it is.
    QString h = host;
    qsizetype i = h.indexOf(QLatin1String("https://"));
    if (i >= 0)
        h.remove(i, 8);
    i = h.indexOf(QLatin1String("http://"));
    if (i >= 0)
        h.remove(i, 7);
    // [^(\w/.)] with Go's ASCII \w, one '_' per code point.
    QString out;
    out.reserve(h.size());
    for (const char32_t c : h.toUcs4()) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '_' || c == '/' || c == '.' || c == '(' || c == ')';
        out.append(keep ? QChar(char16_t(c)) : QChar(u'_'));
    }
    return out;
}

QString DiskCacheDiscovery::discoveryCacheDir(const QString &cacheRoot, const QString &host)
{
    // filepath.Join cleans the result; QDir::cleanPath does the same.
    return QDir::cleanPath(cacheRoot + QStringLiteral("/discovery/") + hostFolderName(host));
}

std::optional<QString> DiskCacheDiscovery::resourcesFile(const QString &cacheDir,
                                                         const GroupVersion &gv)
{
    if (!isSafeComponent(gv.version) || (!gv.group.isEmpty() && !isSafeComponent(gv.group)))
        return std::nullopt;
    QString path = cacheDir + u'/';
    if (!gv.group.isEmpty())
        path += gv.group + u'/';
    return path + gv.version + u'/' + ServerResourcesFile;
}

bool DiskCacheDiscovery::fresh() const
{
    QMutexLocker lock(&m_mutex);
    return m_fresh;
}

void DiskCacheDiscovery::invalidate()
{
    {
        QMutexLocker lock(&m_mutex);
        m_ourFiles.clear();
        m_fresh = true;
        m_invalidated = true;
        ++m_generation;
    }
    m_delegate->invalidate();
}

std::optional<QByteArray> DiskCacheDiscovery::readCachedFile(const QString &path)
{
    bool ours = false;
    {
        QMutexLocker lock(&m_mutex);
        ours = m_ourFiles.contains(path);
        if (m_invalidated && !ours)
            return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QDateTime modified = file.fileTime(QFileDevice::FileModificationTime);
    if (!modified.isValid() || QDateTime::currentDateTimeUtc() > modified.addSecs(m_ttl.count()))
        return std::nullopt;
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return std::nullopt;
    QMutexLocker lock(&m_mutex);
    m_fresh = m_fresh && ours;
    return bytes;
}

bool DiskCacheDiscovery::writeCachedFile(const QString &path,
                                         const QByteArray &bytes,
                                         quint64 generation)
{
    const QString dir = QFileInfo(path).path();
    if (!makePath(dir)) {
        qCWarning(lcDiscovery) << "cannot create cache folder" << dir;
        return false;
    }
    QTemporaryFile tmp(dir + u'/' + QFileInfo(path).fileName() + QStringLiteral(".XXXXXX"));
    if (!tmp.open() || tmp.write(bytes) != bytes.size() || !tmp.flush()
        || !tmp.setPermissions(FilePermissions)) {
        qCWarning(lcDiscovery) << "cannot write cache file" << path << tmp.errorString();
        return false;
    }
    tmp.close();
    QMutexLocker lock(&m_mutex);
    if (generation != m_generation)
        return false; // data from before an invalidate(): never let it replace newer files
    std::error_code ec;
    // Replaces the old file in one step: readers see the old or the new file, never half.
    std::filesystem::rename(QFile::encodeName(tmp.fileName()).toStdString(),
                            QFile::encodeName(path).toStdString(), ec);
    if (ec) {
        qCWarning(lcDiscovery) << "cannot rename cache file" << path << ec.message().c_str();
        return false;
    }
    tmp.setAutoRemove(false);
    m_ourFiles.insert(path);
    return true;
}

void DiskCacheDiscovery::writeResources(const QList<APIResourceList> &lists)
{
    quint64 generation = 0;
    {
        QMutexLocker lock(&m_mutex);
        generation = m_generation;
    }
    // Serialised and written on the pool, in a few tasks so both threads work when there are
    // hundreds of lists; the caller's thread only copies (implicitly shared) lists.
    constexpr qsizetype Chunk = 64;
    for (qsizetype i = 0; i < lists.size(); i += Chunk) {
        m_pool.start([this, generation, chunk = lists.mid(i, Chunk)] {
            for (const APIResourceList &l : chunk) {
                // Like client-go: an empty list is not worth a file (it would hide a later fix).
                if (l.resources.isEmpty())
                    continue;
                if (auto path = resourcesFile(m_cacheDir, l.gv()))
                    writeCachedFile(*path, discoveryjson::toJson(l), generation);
                else
                    qCWarning(lcDiscovery) << "not caching unsafe group-version" << l.groupVersion;
            }
        });
    }
}

void DiskCacheDiscovery::writeGroups(const QList<APIGroup> &groups)
{
    quint64 generation = 0;
    {
        QMutexLocker lock(&m_mutex);
        generation = m_generation;
    }
    const QString path = m_cacheDir + u'/' + ServerGroupsFile;
    m_pool.start([this, generation, path, groups] {
        writeCachedFile(path, discoveryjson::toJson(APIGroupList { groups }), generation);
    });
}

void DiskCacheDiscovery::waitForPendingWrites()
{
    m_pool.waitForDone();
}

DiscoveryReply *DiskCacheDiscovery::groupsAndMaybeResources()
{
    auto *reply = new DiscoveryReply;
    QPointer<DiscoveryReply> guard(reply);
    const QString groupsPath = m_cacheDir + u'/' + ServerGroupsFile;
    QtConcurrent::run(&m_pool, [this, groupsPath]() -> std::optional<APIGroupList> {
        const std::optional<QByteArray> bytes = readCachedFile(groupsPath);
        if (!bytes)
            return std::nullopt;
        auto groups = discoveryjson::parseAPIGroupList(*bytes);
        if (!groups) {
            qCDebug(lcDiscovery) << "ignoring corrupt" << groupsPath << groups.error().message;
            return std::nullopt;
        }
        return std::move(*groups);
    }).then(this, [this, guard, groupsPath](std::optional<APIGroupList> cached) {
        if (!guard)
            return;
        if (cached) {
            DiscoveryData d;
            d.groups = std::move(cached->groups);
            guard->finish(std::move(d), std::nullopt);
            return;
        }
        DiscoveryReply *live = m_delegate->groupsAndMaybeResources()->consumedBy(this);
        connect(live, &DiscoveryReply::finished, this, [this, live, guard, groupsPath] {
            const auto release = qScopeGuard([live] { live->deleteLater(); });
            if (live->hasError() && !live->isPartial()) {
                if (guard)
                    guard->finish({}, live->error());
                return;
            }
            DiscoveryData d = live->data();
            std::optional<Error> error
                = live->hasError() ? std::optional<Error>(live->error()) : std::nullopt;
            // Answer now; the files follow in the background (resource lists first, so a
            // reader that finds servergroups.json finds the lists too).
            if (d.hasResources)
                writeResources(d.resources);
            if (!d.groups.isEmpty())
                writeGroups(d.groups);
            if (guard)
                guard->finish(std::move(d), std::move(error));
        });
    });
    return reply;
}

DiscoveryReply *DiskCacheDiscovery::resourcesForGroupVersions(const QList<GroupVersion> &gvs)
{
    auto *reply = new DiscoveryReply;
    QPointer<DiscoveryReply> guard(reply);
    QtConcurrent::run(&m_pool, [this, gvs] {
        ReadResult r;
        for (const GroupVersion &gv : gvs) {
            const std::optional<QString> path = resourcesFile(m_cacheDir, gv);
            std::optional<QByteArray> bytes;
            if (path)
                bytes = readCachedFile(*path);
            auto list = bytes ? discoveryjson::parseAPIResourceList(*bytes)
                              : Result<APIResourceList>(Error::make(Error::Kind::NotFound, {}));
            if (list) {
                list->groupVersion = gv.toString();
                r.hits.append(std::move(*list));
            } else {
                r.misses.append(gv);
            }
        }
        return r;
    }).then(this, [this, guard](ReadResult r) {
        if (!guard)
            return;
        if (r.misses.isEmpty()) {
            DiscoveryData d;
            d.hasResources = true;
            d.resources = std::move(r.hits);
            guard->finish(std::move(d), std::nullopt);
            return;
        }
        // Ask for all misses at once; the delegate shares one fetch among them.
        DiscoveryReply *live = m_delegate->resourcesForGroupVersions(r.misses)->consumedBy(this);
        connect(live, &DiscoveryReply::finished, this,
                [this, live, guard, hits = std::move(r.hits)]() mutable {
                    const auto release = qScopeGuard([live] { live->deleteLater(); });
                    const QList<APIResourceList> fetched = live->data().resources;
                    DiscoveryData d;
                    d.hasResources = true;
                    d.resources = std::move(hits) + fetched;
                    d.failed = live->data().failed;
                    writeResources(fetched);
                    if (guard)
                        guard->finish(std::move(d), std::nullopt);
                });
    });
    return reply;
}

DiscoveryReply *DiskCacheDiscovery::serverResourcesForGroupVersion(const GroupVersion &gv)
{
    auto *reply = new DiscoveryReply;
    QPointer<DiscoveryReply> guard(reply);
    DiscoveryReply *batch = resourcesForGroupVersions({ gv })->consumedBy(this);
    connect(batch, &DiscoveryReply::finished, this, [batch, guard] {
        const auto release = qScopeGuard([batch] { batch->deleteLater(); });
        if (!guard)
            return;
        const DiscoveryData &d = batch->data();
        if (!d.failed.isEmpty())
            guard->finish({}, d.failed.first().error);
        else
            guard->finish(d, std::nullopt);
    });
    return reply;
}

ServerVersionReply *DiskCacheDiscovery::serverVersion()
{
    return m_delegate->serverVersion();
}

} // namespace kube
