#include "config/kubeconfig.h"

#include "config/configlogging.h"
#include "config/execauthprovider.h"
#include "config/tokenfileauthprovider.h"
#include "config/yamlnode.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QSet>
#include <QSslCertificate>
#include <QSslKey>
#include <QtConcurrent/QtConcurrentRun>

namespace kube {

namespace {

Error configError(const QString &message)
{
    return Error::make(Error::Kind::Config, message);
}

QString resolvePath(const QString &path, const QString &baseDir)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return path;
    return QDir::cleanPath(QDir(baseDir).filePath(path));
}

QString quotedList(const QStringList &names)
{
    if (names.isEmpty())
        return QStringLiteral("none");
    QStringList sorted = names;
    sorted.sort();
    return sorted.join(QStringLiteral(", "));
}

// Reads the fields of one kubeconfig document. Each function checks the YAML shape the way
// client-go's decoder does (a list where a list belongs, a map where a map belongs) and names
// the file, line and column when it is wrong.
class DocumentReader
{
public:
    explicit DocumentReader(const QString &fileName)
        : m_file(fileName)
        , m_dir(QFileInfo(fileName).absolutePath())
    { }

    Result<Kubeconfig> read(const YAML::Node &root,
                            Kubeconfig &cfg,
                            QList<Kubeconfig::Cluster> &clusters,
                            QList<Kubeconfig::User> &users,
                            QList<Kubeconfig::Context> &contexts,
                            QString &currentContext);

private:
    Error shapeError(const YAML::Node &node, const QString &what) const
    {
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("%1: %2").arg(detail::yamlLocation(m_file, node), what));
    }
    std::optional<Error> expectMap(const YAML::Node &node, const QString &what) const
    {
        if (!detail::yamlIsMissing(node) && !node.IsMap())
            return shapeError(node, QStringLiteral("%1 must be a map").arg(what));
        return std::nullopt;
    }
    std::optional<Error> expectList(const YAML::Node &node, const QString &what) const
    {
        if (!detail::yamlIsMissing(node) && !node.IsSequence())
            return shapeError(node, QStringLiteral("%1 must be a list").arg(what));
        return std::nullopt;
    }
    Result<QString> string(const YAML::Node &map, const char *key, const QString &owner) const
    {
        const YAML::Node n = map[key];
        if (detail::yamlIsMissing(n))
            return QString();
        if (!n.IsScalar())
            return shapeError(
                n, QStringLiteral("%1 of %2 must be a string").arg(QLatin1String(key), owner));
        return detail::yamlString(n);
    }
    Result<bool> boolean(const YAML::Node &map, const char *key, const QString &owner) const
    {
        const YAML::Node n = map[key];
        if (detail::yamlIsMissing(n))
            return false;
        const QJsonValue v = detail::yamlIsScalar(n) ? detail::yamlToJson(n) : QJsonValue();
        if (!v.isBool())
            return shapeError(
                n, QStringLiteral("%1 of %2 must be true or false").arg(QLatin1String(key), owner));
        return v.toBool();
    }
    Result<QByteArray> base64(const YAML::Node &map, const char *key, const QString &owner) const
    {
        auto text = string(map, key, owner);
        if (!text)
            return text.error();
        // Go's base64 decoder (behind []byte fields) skips line breaks; nothing else.
        QByteArray raw = text->toLatin1();
        raw.replace('\n', QByteArray()).replace('\r', QByteArray());
        const auto decoded = QByteArray::fromBase64Encoding(
            raw, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
        const bool latin1 = QString::fromLatin1(raw) == *text;
        if (!decoded || !latin1 || (raw.size() % 4) != 0) {
            return shapeError(
                map[key],
                QStringLiteral("%1 of %2 is not valid base64").arg(QLatin1String(key), owner));
        }
        return *decoded;
    }
    Result<QJsonObject> extensions(const YAML::Node &map, const QString &owner) const
    {
        const YAML::Node list = map["extensions"];
        if (auto e = expectList(list, QStringLiteral("extensions of %1").arg(owner)))
            return *e;
        QJsonObject out;
        if (detail::yamlIsMissing(list))
            return out;
        for (const auto &item : list) {
            if (auto e = expectMap(item, QStringLiteral("an extension of %1").arg(owner)))
                return *e;
            auto name = string(item, "name", owner);
            if (!name)
                return name.error();
            out.insert(*name, detail::yamlToJson(item["extension"], 2));
        }
        return out;
    }

    Result<Kubeconfig::Cluster> cluster(const YAML::Node &item) const;
    Result<Kubeconfig::User> user(const YAML::Node &item) const;
    Result<Kubeconfig::Context> context(const YAML::Node &item) const;
    Result<ExecConfig> exec(const YAML::Node &node, const QString &owner) const;

    QString m_file;
    QString m_dir;
};

Result<Kubeconfig::Cluster> DocumentReader::cluster(const YAML::Node &item) const
{
    Kubeconfig::Cluster c;
    c.sourceFile = m_file;
    if (auto e = expectMap(item, QStringLiteral("a clusters entry")))
        return *e;
    auto name = string(item, "name", QStringLiteral("a cluster"));
    if (!name)
        return name.error();
    c.name = *name;
    const QString owner = QStringLiteral("cluster \"%1\"").arg(c.name);
    const YAML::Node body = item["cluster"];
    if (auto e = expectMap(body, owner))
        return *e;
    if (detail::yamlIsMissing(body))
        return c;

    auto server = string(body, "server", owner);
    auto ca = string(body, "certificate-authority", owner);
    auto caData = base64(body, "certificate-authority-data", owner);
    auto insecure = boolean(body, "insecure-skip-tls-verify", owner);
    auto sni = string(body, "tls-server-name", owner);
    auto proxy = string(body, "proxy-url", owner);
    auto noCompression = boolean(body, "disable-compression", owner);
    auto ext = extensions(body, owner);
    for (const Error *e :
         { server ? nullptr : &server.error(), ca ? nullptr : &ca.error(),
           caData ? nullptr : &caData.error(), insecure ? nullptr : &insecure.error(),
           sni ? nullptr : &sni.error(), proxy ? nullptr : &proxy.error(),
           noCompression ? nullptr : &noCompression.error(), ext ? nullptr : &ext.error() }) {
        if (e)
            return *e;
    }
    c.server = *server;
    c.certificateAuthority = resolvePath(*ca, m_dir);
    c.certificateAuthorityData = *caData;
    c.insecureSkipTlsVerify = *insecure;
    c.tlsServerName = *sni;
    c.proxyUrl = *proxy;
    c.disableCompression = *noCompression;
    c.extensions = *ext;
    return c;
}

Result<ExecConfig> DocumentReader::exec(const YAML::Node &node, const QString &owner) const
{
    ExecConfig x;
    const QString what = QStringLiteral("exec of %1").arg(owner);
    auto command = string(node, "command", what);
    auto apiVersion = string(node, "apiVersion", what);
    auto hint = string(node, "installHint", what);
    auto provide = boolean(node, "provideClusterInfo", what);
    auto mode = string(node, "interactiveMode", what);
    for (const Error *e :
         { command ? nullptr : &command.error(), apiVersion ? nullptr : &apiVersion.error(),
           hint ? nullptr : &hint.error(), provide ? nullptr : &provide.error(),
           mode ? nullptr : &mode.error() }) {
        if (e)
            return *e;
    }
    x.command = *command;
    // client-go resolves the command only when it is a path, so "aws" is still looked up in PATH.
    if (x.command.contains(u'/'))
        x.command = resolvePath(x.command, m_dir);
    x.apiVersion = *apiVersion;
    x.installHint = *hint;
    x.provideClusterInfo = *provide;
    x.interactiveMode = *mode;
    // client-go's defaulting: older API versions default to IfAvailable; v1 must say.
    if (x.interactiveMode.isEmpty()
        && x.apiVersion == QLatin1String("client.authentication.k8s.io/v1beta1"))
        x.interactiveMode = QStringLiteral("IfAvailable");

    const YAML::Node args = node["args"];
    if (auto e = expectList(args, QStringLiteral("args of %1").arg(what)))
        return *e;
    if (detail::yamlIsSequence(args)) {
        for (const auto &a : args) {
            if (!a.IsScalar() && !a.IsNull())
                return shapeError(a, QStringLiteral("args of %1 must be strings").arg(what));
            x.args.append(detail::yamlString(a));
        }
    }
    const YAML::Node env = node["env"];
    if (auto e = expectList(env, QStringLiteral("env of %1").arg(what)))
        return *e;
    if (detail::yamlIsSequence(env)) {
        for (const auto &v : env) {
            if (auto e = expectMap(v, QStringLiteral("an env entry of %1").arg(what)))
                return *e;
            auto name = string(v, "name", what);
            auto value = string(v, "value", what);
            if (!name)
                return name.error();
            if (!value)
                return value.error();
            x.env.append({ *name, *value });
        }
    }
    return x;
}

Result<Kubeconfig::User> DocumentReader::user(const YAML::Node &item) const
{
    Kubeconfig::User u;
    u.sourceFile = m_file;
    if (auto e = expectMap(item, QStringLiteral("a users entry")))
        return *e;
    auto name = string(item, "name", QStringLiteral("a user"));
    if (!name)
        return name.error();
    u.name = *name;
    const QString owner = QStringLiteral("user \"%1\"").arg(u.name);
    const YAML::Node body = item["user"];
    if (auto e = expectMap(body, owner))
        return *e;
    if (detail::yamlIsMissing(body))
        return u;

    auto cert = string(body, "client-certificate", owner);
    auto certData = base64(body, "client-certificate-data", owner);
    auto key = string(body, "client-key", owner);
    auto keyData = base64(body, "client-key-data", owner);
    auto token = string(body, "token", owner);
    auto tokenFile = string(body, "tokenFile", owner);
    auto username = string(body, "username", owner);
    auto password = string(body, "password", owner);
    auto as = string(body, "as", owner);
    auto ext = extensions(body, owner);
    for (const Error *e :
         { cert ? nullptr : &cert.error(), certData ? nullptr : &certData.error(),
           key ? nullptr : &key.error(), keyData ? nullptr : &keyData.error(),
           token ? nullptr : &token.error(), tokenFile ? nullptr : &tokenFile.error(),
           username ? nullptr : &username.error(), password ? nullptr : &password.error(),
           as ? nullptr : &as.error(), ext ? nullptr : &ext.error() }) {
        if (e)
            return *e;
    }
    u.clientCertificate = resolvePath(*cert, m_dir);
    u.clientCertificateData = *certData;
    u.clientKey = resolvePath(*key, m_dir);
    u.clientKeyData = *keyData;
    u.token = *token;
    u.tokenFile = resolvePath(*tokenFile, m_dir);
    u.username = *username;
    u.password = *password;
    u.impersonate = *as;
    u.extensions = *ext;

    const YAML::Node execNode = body["exec"];
    if (auto e = expectMap(execNode, QStringLiteral("exec of %1").arg(owner)))
        return *e;
    if (detail::yamlIsMap(execNode)) {
        auto x = exec(execNode, owner);
        if (!x)
            return x.error();
        u.exec = *x;
    }
    const YAML::Node provider = body["auth-provider"];
    if (auto e = expectMap(provider, QStringLiteral("auth-provider of %1").arg(owner)))
        return *e;
    if (detail::yamlIsMap(provider)) {
        auto providerName = string(provider, "name", owner);
        if (!providerName)
            return providerName.error();
        u.authProviderName = *providerName;
    }
    return u;
}

Result<Kubeconfig::Context> DocumentReader::context(const YAML::Node &item) const
{
    Kubeconfig::Context c;
    c.sourceFile = m_file;
    if (auto e = expectMap(item, QStringLiteral("a contexts entry")))
        return *e;
    auto name = string(item, "name", QStringLiteral("a context"));
    if (!name)
        return name.error();
    c.name = *name;
    const QString owner = QStringLiteral("context \"%1\"").arg(c.name);
    const YAML::Node body = item["context"];
    if (auto e = expectMap(body, owner))
        return *e;
    if (detail::yamlIsMissing(body))
        return c;
    auto cluster = string(body, "cluster", owner);
    auto user = string(body, "user", owner);
    auto ns = string(body, "namespace", owner);
    auto ext = extensions(body, owner);
    for (const Error *e : { cluster ? nullptr : &cluster.error(), user ? nullptr : &user.error(),
                            ns ? nullptr : &ns.error(), ext ? nullptr : &ext.error() }) {
        if (e)
            return *e;
    }
    c.cluster = *cluster;
    c.user = *user;
    c.namespaceName = *ns;
    c.extensions = *ext;
    return c;
}

template<typename Entry, typename ReadFn>
std::optional<Error> readList(
    const YAML::Node &list, const QString &file, const char *what, QList<Entry> &out, ReadFn read)
{
    if (detail::yamlIsMissing(list))
        return std::nullopt;
    if (!list.IsSequence()) {
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("%1: %2 must be a list")
                               .arg(detail::yamlLocation(file, list))
                               .arg(QLatin1String(what)));
    }
    QSet<QString> seen;
    for (const auto &item : list) {
        auto entry = read(item);
        if (!entry)
            return entry.error();
        // client-go refuses a file that names the same entry twice.
        if (seen.contains(entry->name)) {
            return Error::make(Error::Kind::Decode,
                               QStringLiteral("%1: duplicate name \"%2\" in %3")
                                   .arg(detail::yamlLocation(file, item), entry->name)
                                   .arg(QLatin1String(what)));
        }
        seen.insert(entry->name);
        out.append(*entry);
    }
    return std::nullopt;
}

Result<Kubeconfig> DocumentReader::read(const YAML::Node &root,
                                        Kubeconfig &cfg,
                                        QList<Kubeconfig::Cluster> &clusters,
                                        QList<Kubeconfig::User> &users,
                                        QList<Kubeconfig::Context> &contexts,
                                        QString &currentContext)
{
    if (detail::yamlIsMissing(root))
        return cfg; // an empty file is an empty config, as in client-go
    if (!root.IsMap()) {
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("%1: a kubeconfig must be a YAML map (apiVersion, "
                                          "clusters, contexts, users ...)")
                               .arg(detail::yamlLocation(m_file, root)));
    }
    const YAML::Node kind = root["kind"];
    if (detail::yamlIsScalar(kind) && !detail::yamlString(kind).isEmpty()
        && detail::yamlString(kind) != QLatin1String("Config")) {
        return shapeError(kind,
                          QStringLiteral("kind is \"%1\", a kubeconfig has kind \"Config\"")
                              .arg(detail::yamlString(kind)));
    }
    if (auto e = readList(root["clusters"], m_file, "clusters", clusters,
                          [this](const YAML::Node &n) { return cluster(n); }))
        return *e;
    if (auto e = readList(root["users"], m_file, "users", users,
                          [this](const YAML::Node &n) { return user(n); }))
        return *e;
    if (auto e = readList(root["contexts"], m_file, "contexts", contexts,
                          [this](const YAML::Node &n) { return context(n); }))
        return *e;
    auto current = string(root, "current-context", QStringLiteral("the kubeconfig"));
    if (!current)
        return current.error();
    currentContext = *current;
    return cfg;
}

Result<QByteArray> readSmallFile(const QString &path, const QString &what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return Error::make(
            Error::Kind::Io,
            QStringLiteral("cannot read %1 \"%2\": %3").arg(what, path, f.errorString()));
    }
    if (f.size() > Kubeconfig::maxFileSize) {
        return Error::make(Error::Kind::Io,
                           QStringLiteral("cannot read %1 \"%2\": file is too large (%3 bytes)")
                               .arg(what, path)
                               .arg(f.size()));
    }
    // Not read(maxFileSize + 1): that reserves the whole limit (64 MiB) for a 2 KB file, and the
    // returned array keeps that capacity. Chunks stop at the limit for files with no size (pipes).
    QByteArray data;
    data.reserve(qMin<qint64>(f.size(), Kubeconfig::maxFileSize) + 1);
    while (data.size() <= Kubeconfig::maxFileSize) {
        const QByteArray chunk
            = f.read(qMin<qint64>(1 << 16, Kubeconfig::maxFileSize + 1 - data.size()));
        if (chunk.isEmpty())
            break;
        data.append(chunk);
    }
    if (data.size() > Kubeconfig::maxFileSize) {
        return Error::make(
            Error::Kind::Io,
            QStringLiteral("cannot read %1 \"%2\": file is too large (over %3 bytes)")
                .arg(what, path)
                .arg(Kubeconfig::maxFileSize));
    }
    if (f.error() != QFileDevice::NoError) {
        return Error::make(
            Error::Kind::Io,
            QStringLiteral("cannot read %1 \"%2\": %3").arg(what, path, f.errorString()));
    }
    return data;
}

bool pemHasKey(const QByteArray &pem)
{
    for (QSsl::KeyAlgorithm alg : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
        if (!QSslKey(pem, alg, QSsl::Pem, QSsl::PrivateKey).isNull())
            return true;
    }
    return false;
}

} // namespace

// Merges documents with client-go's rules. A friend of Kubeconfig so that Kubeconfig stays a
// plain value with no setters.
struct KubeconfigMerger
{
    static void add(Kubeconfig &into, const Kubeconfig::Cluster &c)
    {
        if (!into.cluster(c.name))
            into.m_clusters.append(c);
    }
    static void add(Kubeconfig &into, const Kubeconfig::User &u)
    {
        if (!into.user(u.name))
            into.m_users.append(u);
    }
    static void add(Kubeconfig &into, const Kubeconfig::Context &c)
    {
        if (!into.context(c.name))
            into.m_contexts.append(c);
    }
    static void merge(Kubeconfig &into, const Kubeconfig &doc)
    {
        for (const auto &c : doc.m_clusters)
            add(into, c);
        for (const auto &u : doc.m_users)
            add(into, u);
        for (const auto &c : doc.m_contexts)
            add(into, c);
        if (into.m_currentContext.isEmpty() && !doc.m_currentContext.isEmpty()) {
            into.m_currentContext = doc.m_currentContext;
            into.m_currentContextFile = doc.m_currentContextFile;
        }
        into.m_files += doc.m_files;
    }
    static Result<Kubeconfig> parse(const QByteArray &yaml, const QString &fileName)
    {
        auto root = detail::parseYaml(yaml, fileName);
        if (!root)
            return root.error();
        Kubeconfig cfg;
        QString current;
        DocumentReader reader(fileName);
        try {
            auto result
                = reader.read(*root, cfg, cfg.m_clusters, cfg.m_users, cfg.m_contexts, current);
            if (!result)
                return result.error();
        } catch (const YAML::Exception &e) {
            // A shape we did not anticipate: still an error, never an escaping exception.
            return Error::make(
                Error::Kind::Decode,
                QStringLiteral("%1: %2").arg(fileName, QString::fromStdString(e.what())));
        }
        cfg.m_currentContext = current;
        if (!current.isEmpty())
            cfg.m_currentContextFile = fileName;
        cfg.m_files = QStringList { fileName };
        cfg.m_defaultFile = fileName;
        return cfg;
    }
    static void setFiles(Kubeconfig &cfg, const QString &defaultFile, bool explicitFile)
    {
        cfg.m_defaultFile = defaultFile;
        cfg.m_explicitFile = explicitFile;
    }
    static void setCurrent(Kubeconfig &cfg, const QString &name, const QString &file)
    {
        cfg.m_currentContext = name;
        cfg.m_currentContextFile = name.isEmpty() ? QString() : file;
    }
    static void setNamespace(Kubeconfig &cfg, const QString &context, const QString &ns)
    {
        for (auto &c : cfg.m_contexts) {
            if (c.name == context)
                c.namespaceName = ns;
        }
    }
    static bool isExplicit(const Kubeconfig &cfg) { return cfg.m_explicitFile; }
};

QStringList Kubeconfig::precedence(const LoadOptions &options)
{
    if (!options.explicitPath.isEmpty())
        return { options.explicitPath };
    const QString env
        = options.kubeconfigEnv ? *options.kubeconfigEnv : qEnvironmentVariable("KUBECONFIG");
    if (!env.isEmpty()) {
        QStringList files;
        for (const QString &entry : env.split(QDir::listSeparator())) {
            if (!entry.isEmpty() && !files.contains(entry))
                files.append(entry);
        }
        return files;
    }
    const QString home = options.homeDir.isEmpty() ? QDir::homePath() : options.homeDir;
    return { QDir(home).filePath(QStringLiteral(".kube/config")) };
}

Result<Kubeconfig> Kubeconfig::load(const LoadOptions &options)
{
    const QStringList files = precedence(options);
    qCDebug(lcConfig) << "loading kubeconfig from" << files;
    auto cfg = loadFiles(files, !options.explicitPath.isEmpty());
    if (cfg)
        KubeconfigMerger::setFiles(*cfg, cfg->m_defaultFile, !options.explicitPath.isEmpty());
    return cfg;
}

QFuture<Result<Kubeconfig>> Kubeconfig::loadInBackground(const LoadOptions &options)
{
    // Read the environment now, on the caller's thread, so the result matches load().
    LoadOptions resolved = options;
    if (!resolved.kubeconfigEnv)
        resolved.kubeconfigEnv = qEnvironmentVariable("KUBECONFIG");
    if (resolved.homeDir.isEmpty())
        resolved.homeDir = QDir::homePath();
    return QtConcurrent::run([resolved] { return load(resolved); });
}

Result<Kubeconfig> Kubeconfig::loadFiles(const QStringList &files, bool requireAll)
{
    Kubeconfig merged;
    QString firstExisting;
    for (const QString &file : files) {
        if (file.isEmpty())
            continue;
        const QFileInfo info(file);
        if (!info.exists()) {
            if (requireAll) {
                return configError(QStringLiteral("cannot read kubeconfig \"%1\": No such file or "
                                                  "directory")
                                       .arg(file));
            }
            qCDebug(lcConfig) << "skipping missing kubeconfig" << file;
            continue;
        }
        auto data = readSmallFile(file, QStringLiteral("kubeconfig"));
        if (!data)
            return data.error();
        auto doc = KubeconfigMerger::parse(*data, file);
        if (!doc) {
            Error e = doc.error();
            e.kind = Error::Kind::Config;
            e.message = QStringLiteral("error loading config file \"%1\": %2").arg(file, e.message);
            return e;
        }
        if (firstExisting.isEmpty())
            firstExisting = file;
        KubeconfigMerger::merge(merged, *doc);
    }
    // client-go's GetDefaultFilename: the first existing file, else the first of the list.
    KubeconfigMerger::setFiles(merged, !firstExisting.isEmpty() ? firstExisting : files.value(0),
                               false);
    return merged;
}

Result<Kubeconfig> Kubeconfig::parse(const QByteArray &yaml, const QString &fileName)
{
    return KubeconfigMerger::parse(yaml, fileName);
}

QStringList Kubeconfig::contextNames() const
{
    QStringList names;
    for (const auto &c : m_contexts)
        names.append(c.name);
    return names;
}

QStringList Kubeconfig::clusterNames() const
{
    QStringList names;
    for (const auto &c : m_clusters)
        names.append(c.name);
    return names;
}

QStringList Kubeconfig::userNames() const
{
    QStringList names;
    for (const auto &u : m_users)
        names.append(u.name);
    return names;
}

const Kubeconfig::Cluster *Kubeconfig::cluster(const QString &name) const
{
    for (const auto &c : m_clusters) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

const Kubeconfig::User *Kubeconfig::user(const QString &name) const
{
    for (const auto &u : m_users) {
        if (u.name == name)
            return &u;
    }
    return nullptr;
}

const Kubeconfig::Context *Kubeconfig::context(const QString &name) const
{
    for (const auto &c : m_contexts) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

Result<RestConfig> Kubeconfig::restConfig(const ConfigOverrides &overrides) const
{
    // Context ------------------------------------------------------------------------------
    const QString contextName = !overrides.context.isEmpty() ? overrides.context : m_currentContext;
    Context ctx;
    if (!contextName.isEmpty()) {
        const Context *found = context(contextName);
        if (!found) {
            Error e = configError(QStringLiteral("context \"%1\" does not exist; available: %2")
                                      .arg(contextName, quotedList(contextNames())));
            e.kind = Error::Kind::NotFound;
            return e;
        }
        ctx = *found;
    }

    // Cluster ------------------------------------------------------------------------------
    const QString clusterName = !overrides.cluster.isEmpty() ? overrides.cluster : ctx.cluster;
    Cluster cl;
    if (!clusterName.isEmpty()) {
        const Cluster *found = cluster(clusterName);
        if (!found) {
            const QString usedBy = overrides.cluster.isEmpty()
                ? QStringLiteral(" (used by context \"%1\")").arg(ctx.name)
                : QString();
            Error e = configError(QStringLiteral("cluster \"%1\"%2 does not exist; available: %3")
                                      .arg(clusterName, usedBy, quotedList(clusterNames())));
            e.kind = Error::Kind::NotFound;
            return e;
        }
        cl = *found;
    }
    if (!overrides.server.isEmpty()) {
        cl.server = overrides.server;
        // kubectl: --server clears the kubeconfig's tls-server-name unless one is given too.
        cl.tlsServerName = overrides.tlsServerName;
    } else if (!overrides.tlsServerName.isEmpty()) {
        cl.tlsServerName = overrides.tlsServerName;
    }
    // kubectl: --insecure-skip-tls-verify or --certificate-authority replace all three.
    if (overrides.insecureSkipTlsVerify.value_or(false)
        || !overrides.certificateAuthority.isEmpty()) {
        cl.insecureSkipTlsVerify = overrides.insecureSkipTlsVerify.value_or(false);
        cl.certificateAuthority = overrides.certificateAuthority;
        cl.certificateAuthorityData.clear();
    }

    if (cl.server.isEmpty()) {
        if (contextName.isEmpty() && clusterName.isEmpty() && inClusterPossible()) {
            // kubectl inside a pod with no kubeconfig: the service account (flags still apply).
            auto rc = inClusterConfig();
            if (rc) {
                if (!overrides.namespaceName.isEmpty())
                    rc->defaultNamespace = overrides.namespaceName;
                if (!overrides.token.isEmpty()) {
                    rc->bearerToken = overrides.token;
                    rc->bearerTokenFile.clear();
                    rc->authProvider.reset();
                }
                rc->timeout = overrides.requestTimeout;
                rc->impersonateUser = overrides.impersonate;
            }
            return rc;
        }
        if (contextName.isEmpty() && clusterName.isEmpty()) {
            return configError(
                QStringLiteral("no configuration has been provided: no current-context is set "
                               "(contexts: %1); choose a context or a server")
                    .arg(quotedList(contextNames())));
        }
        return configError(QStringLiteral("no server found for cluster \"%1\"").arg(clusterName));
    }

    // User ---------------------------------------------------------------------------------
    const QString userName = !overrides.user.isEmpty() ? overrides.user : ctx.user;
    User us;
    if (!userName.isEmpty()) {
        const User *found = user(userName);
        if (!found) {
            const QString usedBy = overrides.user.isEmpty()
                ? QStringLiteral(" (used by context \"%1\")").arg(ctx.name)
                : QString();
            Error e = configError(QStringLiteral("user \"%1\"%2 does not exist; available: %3")
                                      .arg(userName, usedBy, quotedList(userNames())));
            e.kind = Error::Kind::NotFound;
            return e;
        }
        us = *found;
    }
    if (!overrides.token.isEmpty()) {
        // A token on the command line is the credential: nothing else of the user is sent.
        us.token = overrides.token;
        us.tokenFile.clear();
        us.username.clear();
        us.password.clear();
        us.exec.reset();
        us.authProviderName.clear();
    }
    if (!overrides.username.isEmpty())
        us.username = overrides.username;
    if (!overrides.password.isEmpty())
        us.password = overrides.password;
    if (!overrides.clientCertificate.isEmpty()) {
        us.clientCertificate = overrides.clientCertificate;
        us.clientCertificateData.clear();
    }
    if (!overrides.clientKey.isEmpty()) {
        us.clientKey = overrides.clientKey;
        us.clientKeyData.clear();
    }
    if (!overrides.impersonate.isEmpty())
        us.impersonate = overrides.impersonate;

    RestConfig rc;
    rc.contextName = contextName;
    rc.clusterName = clusterName;
    rc.userName = userName;
    rc.defaultNamespace = !overrides.namespaceName.isEmpty() ? overrides.namespaceName
        : !ctx.namespaceName.isEmpty()                       ? ctx.namespaceName
                                                             : QStringLiteral("default");
    rc.timeout = overrides.requestTimeout;
    rc.impersonateUser = us.impersonate;

    // TLS ------------------------------------------------------------------------------------
    const QString clusterLabel = QStringLiteral("cluster \"%1\"").arg(clusterName);
    if (!cl.certificateAuthority.isEmpty() && !cl.certificateAuthorityData.isEmpty()) {
        return configError(QStringLiteral("certificate-authority-data and certificate-authority "
                                          "are both specified for %1; remove one")
                               .arg(clusterLabel));
    }
    if (cl.insecureSkipTlsVerify
        && (!cl.certificateAuthority.isEmpty() || !cl.certificateAuthorityData.isEmpty())) {
        return configError(QStringLiteral("%1: specifying a root certificate authority with "
                                          "insecure-skip-tls-verify is not allowed")
                               .arg(clusterLabel));
    }
    if (!cl.certificateAuthority.isEmpty()) {
        auto pem = readSmallFile(cl.certificateAuthority,
                                 QStringLiteral("certificate-authority of %1").arg(clusterLabel));
        if (!pem)
            return pem.error();
        if (QSslCertificate::fromData(*pem, QSsl::Pem).isEmpty()) {
            return configError(QStringLiteral("certificate-authority \"%1\" of %2 contains no PEM "
                                              "certificate")
                                   .arg(cl.certificateAuthority, clusterLabel));
        }
    }
    if (!cl.certificateAuthorityData.isEmpty()
        && QSslCertificate::fromData(cl.certificateAuthorityData, QSsl::Pem).isEmpty()) {
        return configError(QStringLiteral("certificate-authority-data of %1 contains no PEM "
                                          "certificate")
                               .arg(clusterLabel));
    }
    rc.tls.caFile = cl.certificateAuthority;
    rc.tls.caData = cl.certificateAuthorityData;
    rc.tls.insecure = cl.insecureSkipTlsVerify;
    rc.tls.serverName = cl.tlsServerName;

    // Host: client-go adds a scheme when the server has none (https when TLS is configured).
    QString server = cl.server;
    QUrl host(server, QUrl::StrictMode);
    if (!host.isValid() || host.scheme().isEmpty() || host.host().isEmpty()) {
        const bool tls = cl.insecureSkipTlsVerify || !cl.certificateAuthority.isEmpty()
            || !cl.certificateAuthorityData.isEmpty() || !us.clientCertificate.isEmpty()
            || !us.clientCertificateData.isEmpty();
        host = QUrl((tls ? QStringLiteral("https://") : QStringLiteral("http://")) + server,
                    QUrl::StrictMode);
    }
    if (!host.isValid() || host.host().isEmpty()
        || (host.scheme() != QLatin1String("https") && host.scheme() != QLatin1String("http"))) {
        return configError(QStringLiteral("server \"%1\" of %2 is not a valid http or https URL")
                               .arg(server, clusterLabel));
    }
    host.setQuery(QString());
    host.setFragment(QString());
    rc.host = host;

    if (!cl.proxyUrl.isEmpty()) {
        const QUrl proxy(cl.proxyUrl, QUrl::StrictMode);
        const QString scheme = proxy.scheme();
        if (!proxy.isValid() || proxy.host().isEmpty()) {
            return configError(
                QStringLiteral("invalid 'proxy-url' \"%1\" for %2").arg(cl.proxyUrl, clusterLabel));
        }
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https")
            && scheme != QLatin1String("socks5")) {
            return configError(QStringLiteral("invalid 'proxy-url' \"%1\" for %2: unsupported "
                                              "scheme \"%3\", must be http, https, or socks5")
                                   .arg(cl.proxyUrl, clusterLabel, scheme));
        }
        rc.proxyUrl = proxy;
    }

    // Credentials: kubectl reads them only for https servers, so a token never goes out in
    // clear text to an http:// server.
    if (host.scheme() != QLatin1String("https")) {
        qCDebug(lcConfig) << "server" << host << "is not https: credentials of user" << userName
                          << "are not used";
        return rc;
    }
    const QString userLabel = QStringLiteral("user \"%1\"").arg(userName);

    const bool hasCert = !us.clientCertificate.isEmpty() || !us.clientCertificateData.isEmpty();
    const bool hasKey = !us.clientKey.isEmpty() || !us.clientKeyData.isEmpty();
    if (hasCert || hasKey) {
        if (!us.clientCertificate.isEmpty() && !us.clientCertificateData.isEmpty()) {
            return configError(QStringLiteral("client-certificate-data and client-certificate are "
                                              "both specified for %1; remove one")
                                   .arg(userLabel));
        }
        if (!us.clientKey.isEmpty() && !us.clientKeyData.isEmpty()) {
            return configError(QStringLiteral("client-key-data and client-key are both specified "
                                              "for %1; remove one")
                                   .arg(userLabel));
        }
        if (!hasKey) {
            return configError(QStringLiteral("client-key-data or client-key must be specified "
                                              "for %1 to use the client certificate")
                                   .arg(userLabel));
        }
        if (!hasCert) {
            return configError(QStringLiteral("client-certificate-data or client-certificate must "
                                              "be specified for %1 to use the client key")
                                   .arg(userLabel));
        }
        QByteArray certPem = us.clientCertificateData;
        QByteArray keyPem = us.clientKeyData;
        if (!us.clientCertificate.isEmpty()) {
            auto pem = readSmallFile(us.clientCertificate,
                                     QStringLiteral("client-certificate of %1").arg(userLabel));
            if (!pem)
                return pem.error();
            certPem = *pem;
        }
        if (!us.clientKey.isEmpty()) {
            auto pem
                = readSmallFile(us.clientKey, QStringLiteral("client-key of %1").arg(userLabel));
            if (!pem)
                return pem.error();
            keyPem = *pem;
        }
        if (QSslCertificate::fromData(certPem, QSsl::Pem).isEmpty()) {
            return configError(QStringLiteral("the client certificate of %1 is not a PEM "
                                              "certificate")
                                   .arg(userLabel));
        }
        if (!pemHasKey(keyPem)) {
            return configError(QStringLiteral("the client key of %1 is not a PEM RSA or EC private "
                                              "key")
                                   .arg(userLabel));
        }
        rc.tls.certFile = us.clientCertificate;
        rc.tls.certData = us.clientCertificateData;
        rc.tls.keyFile = us.clientKey;
        rc.tls.keyData = us.clientKeyData;
    }

    const bool hasToken = !us.token.isEmpty() || !us.tokenFile.isEmpty();
    const bool hasBasic = !us.username.isEmpty() || !us.password.isEmpty();
    if (!us.token.isEmpty() && hasBasic) {
        return configError(QStringLiteral("more than one authentication method found for %1; "
                                          "found [token basicAuth], only one is allowed")
                               .arg(userLabel));
    }
    if (!us.token.isEmpty()) {
        rc.bearerToken = us.token; // wins over tokenFile
    } else if (!us.tokenFile.isEmpty()) {
        auto provider = TokenFileAuthProvider::create(us.tokenFile);
        if (!provider)
            return provider.error();
        rc.bearerTokenFile = us.tokenFile;
        rc.authProvider = *provider;
    }
    if (!hasToken && hasBasic) {
        rc.username = us.username;
        rc.password = us.password;
    }

    if (us.exec) {
        ExecConfig x = *us.exec;
        if (!us.authProviderName.isEmpty()) {
            return configError(QStringLiteral("authProvider cannot be provided in combination "
                                              "with an exec plugin for %1")
                                   .arg(userLabel));
        }
        if (auto valid = ExecAuthProvider::validate(x, userName); !valid)
            return valid.error();
        // As client-go: a token, basic auth or a client certificate is used as given and the
        // plugin is not run (this is what makes "kubectl --token" work with exec users).
        if (!hasToken && !hasBasic && !hasCert) {
            ExecAuthProvider::Options options;
            options.exec = x;
            options.userName = userName;
            options.stdinIsTerminal = overrides.execStdinIsTerminal;
            options.useLoginShellPath = overrides.execUseLoginShellPath;
            options.interactiveInput = overrides.execInteractiveInput;
            if (overrides.execTimeout.count() > 0)
                options.timeout = overrides.execTimeout;
            QJsonObject cluster;
            cluster.insert(QStringLiteral("server"), rc.host.toString());
            if (!cl.tlsServerName.isEmpty())
                cluster.insert(QStringLiteral("tls-server-name"), cl.tlsServerName);
            if (cl.insecureSkipTlsVerify)
                cluster.insert(QStringLiteral("insecure-skip-tls-verify"), true);
            QByteArray caData = cl.certificateAuthorityData;
            if (caData.isEmpty() && !cl.certificateAuthority.isEmpty()) {
                auto pem = readSmallFile(
                    cl.certificateAuthority,
                    QStringLiteral("certificate-authority of %1").arg(clusterLabel));
                if (!pem)
                    return pem.error();
                caData = *pem;
            }
            if (!caData.isEmpty()) {
                cluster.insert(QStringLiteral("certificate-authority-data"),
                               QString::fromLatin1(caData.toBase64()));
            }
            if (!cl.proxyUrl.isEmpty())
                cluster.insert(QStringLiteral("proxy-url"), cl.proxyUrl);
            if (cl.disableCompression)
                cluster.insert(QStringLiteral("disable-compression"), true);
            const auto config
                = cl.extensions.value(QStringLiteral("client.authentication.k8s.io/exec"));
            if (!config.isUndefined() && !config.isNull())
                cluster.insert(QStringLiteral("config"), config);
            options.cluster = cluster;
            rc.exec = x;
            rc.authProvider = ExecAuthProvider::shared(options);
        }
    } else if (!us.authProviderName.isEmpty() && !hasToken && !hasBasic && !hasCert) {
        const QString name = us.authProviderName;
        QString hint = QStringLiteral("configure a client-go credential plugin (exec) instead");
        if (name == QLatin1String("gcp"))
            hint = QStringLiteral(
                "use the \"gke-gcloud-auth-plugin\" kubectl/client-go credential plugin instead");
        else if (name == QLatin1String("azure"))
            hint = QStringLiteral("use the https://github.com/Azure/kubelogin kubectl/client-go "
                                  "credential plugin instead");
        else if (name == QLatin1String("oidc"))
            hint = QStringLiteral("use an exec credential plugin such as "
                                  "https://github.com/int128/kubelogin instead");
        Error e = Error::make(Error::Kind::Auth,
                              QStringLiteral("the %1 auth-provider of %2 is not supported; %3")
                                  .arg(name, userLabel, hint));
        return e;
    }
    return rc;
}

bool Kubeconfig::inClusterPossible(const QString &serviceAccountDir)
{
    return !qEnvironmentVariableIsEmpty("KUBERNETES_SERVICE_HOST")
        && !qEnvironmentVariableIsEmpty("KUBERNETES_SERVICE_PORT")
        && QFileInfo::exists(QDir(serviceAccountDir).filePath(QStringLiteral("token")));
}

Result<RestConfig> Kubeconfig::inClusterConfig(const QString &serviceAccountDir)
{
    const QString host = qEnvironmentVariable("KUBERNETES_SERVICE_HOST");
    const QString port = qEnvironmentVariable("KUBERNETES_SERVICE_PORT");
    if (host.isEmpty() || port.isEmpty()) {
        return configError(QStringLiteral("unable to load in-cluster configuration, "
                                          "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT "
                                          "must be defined"));
    }
    const QDir dir(serviceAccountDir);
    auto provider = TokenFileAuthProvider::create(dir.filePath(QStringLiteral("token")));
    if (!provider)
        return provider.error();
    RestConfig rc;
    // An IPv6 service address needs brackets, as net.JoinHostPort gives them.
    const QString hostPart = host.contains(u':') ? QStringLiteral("[%1]").arg(host) : host;
    rc.host = QUrl(QStringLiteral("https://%1:%2").arg(hostPart, port));
    rc.bearerTokenFile = dir.filePath(QStringLiteral("token"));
    rc.authProvider = *provider;
    const QString ca = dir.filePath(QStringLiteral("ca.crt"));
    if (QFileInfo::exists(ca)) {
        rc.tls.caFile = ca;
    } else {
        qCWarning(lcConfig) << "expected to load root CA config from" << ca
                            << "but it does not exist";
    }
    QString ns = qEnvironmentVariable("POD_NAMESPACE");
    if (ns.isEmpty()) {
        QFile f(dir.filePath(QStringLiteral("namespace")));
        if (f.open(QIODevice::ReadOnly))
            ns = QString::fromUtf8(f.readAll()).trimmed();
    }
    rc.defaultNamespace = ns.isEmpty() ? QStringLiteral("default") : ns;
    return rc;
}

// Saving ---------------------------------------------------------------------------------------

namespace {

VoidResult rewriteFile(const QString &file,
                       const std::function<std::optional<Error>(YAML::Node &)> &edit)
{
    QByteArray data;
    if (QFileInfo::exists(file)) {
        auto read = readSmallFile(file, QStringLiteral("kubeconfig"));
        if (!read)
            return read.error();
        data = *read;
    }
    auto parsed = detail::parseYaml(data, file);
    if (!parsed)
        return parsed.error();
    YAML::Node root = *parsed;
    if (detail::yamlIsMissing(root)) {
        root = YAML::Node(YAML::NodeType::Map);
        root["apiVersion"] = "v1";
        root["kind"] = "Config";
    }
    if (!root.IsMap())
        return configError(QStringLiteral("%1: a kubeconfig must be a YAML map").arg(file));
    std::string text;
    try {
        if (auto e = edit(root))
            return *e;
        text = detail::emitYaml(root);
    } catch (const YAML::Exception &e) {
        return configError(
            QStringLiteral("cannot write \"%1\": %2").arg(file, QString::fromStdString(e.msg)));
    }

    // QSaveFile writes a temporary file beside the target and renames it over the target only
    // when everything was written, keeping the target's permissions; a crash leaves the old file.
    const QString target = QFileInfo(file).isSymLink() ? QFileInfo(file).symLinkTarget() : file;
    if (!QFileInfo::exists(target))
        QDir().mkpath(QFileInfo(target).absolutePath());
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly)) {
        return Error::make(
            Error::Kind::Io,
            QStringLiteral("cannot write \"%1\": %2").arg(target, out.errorString()));
    }
    if (!QFileInfo::exists(target)) {
        // A new kubeconfig may hold credentials later: private, as kubectl creates it (0600).
        out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    out.write(text.data(), qint64(text.size()));
    if (!out.commit()) {
        return Error::make(
            Error::Kind::Io,
            QStringLiteral("cannot write \"%1\": %2").arg(target, out.errorString()));
    }
    qCDebug(lcConfig) << "wrote" << target;
    return {};
}

} // namespace

VoidResult Kubeconfig::saveCurrentContext(const QString &contextName)
{
    if (!contextName.isEmpty() && !context(contextName)) {
        Error e = configError(QStringLiteral("context \"%1\" does not exist; available: %2")
                                  .arg(contextName, quotedList(contextNames())));
        e.kind = Error::Kind::NotFound;
        return e;
    }
    QString file = m_currentContextFile;
    if (KubeconfigMerger::isExplicit(*this) || file.isEmpty())
        file = m_defaultFile;
    if (file.isEmpty())
        return configError(QStringLiteral("no kubeconfig file to write current-context to"));
    auto result = rewriteFile(file, [&](YAML::Node &root) -> std::optional<Error> {
        root["current-context"] = contextName.toStdString();
        return std::nullopt;
    });
    if (!result)
        return result;
    KubeconfigMerger::setCurrent(*this, contextName, file);
    return {};
}

VoidResult Kubeconfig::saveNamespace(const QString &contextName, const QString &namespaceName)
{
    const Context *ctx = context(contextName);
    if (!ctx) {
        Error e = configError(QStringLiteral("context \"%1\" does not exist; available: %2")
                                  .arg(contextName, quotedList(contextNames())));
        e.kind = Error::Kind::NotFound;
        return e;
    }
    const QString file = ctx->sourceFile;
    auto result = rewriteFile(file, [&](YAML::Node &root) -> std::optional<Error> {
        YAML::Node list = root["contexts"];
        if (detail::yamlIsSequence(list)) {
            for (std::size_t i = 0; i < list.size(); ++i) {
                YAML::Node item = list[i];
                if (!detail::yamlIsMap(item) || detail::yamlString(item["name"]) != contextName)
                    continue;
                YAML::Node body = item["context"];
                if (!detail::yamlIsMap(body)) {
                    body = YAML::Node(YAML::NodeType::Map);
                    item["context"] = body;
                }
                if (namespaceName.isEmpty())
                    body.remove("namespace");
                else
                    body["namespace"] = namespaceName.toStdString();
                return std::nullopt;
            }
        }
        return configError(
            QStringLiteral("context \"%1\" is no longer defined in \"%2\"").arg(contextName, file));
    });
    if (!result)
        return result;
    KubeconfigMerger::setNamespace(*this, contextName, namespaceName);
    return {};
}

} // namespace kube
