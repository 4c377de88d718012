#include "cliresources.h"

#include "clicontext.h"
#include "errortext.h"

#include "discovery/discoveryinterface.h"

#include <QFile>

namespace kube::cli {

CliResources::CliResources(CliContext &context)
    : m_context(context)
{ }

Result<RestMapper> CliResources::mapper(bool refresh)
{
    DiscoveryInterface *discovery = m_context.discovery();
    if (refresh)
        discovery->invalidate();
    std::unique_ptr<DiscoveryReply> reply(discovery->serverGroupsAndResources());
    reply->waitForFinished(std::chrono::hours(24));
    if (reply->hasError() && !reply->isPartial())
        return reply->error();
    return RestMapper(reply->data());
}

Result<RestMapping> CliResources::mappingFor(const QString &type)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto m = mapper(attempt > 0);
        if (!m)
            return m.error();
        auto mapping = m->mappingFor(type);
        if (mapping || attempt > 0 || m_context.discovery()->fresh())
            return mapping;
    }
    return Error::make(Error::Kind::NotFound, type);
}

Result<RestMapping> CliResources::mappingForKind(const GroupVersionKind &kind)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto m = mapper(attempt > 0);
        if (!m)
            return m.error();
        auto mapping = m->restMapping(kind);
        if (mapping || attempt > 0 || m_context.discovery()->fresh())
            return mapping;
    }
    return Error::make(Error::Kind::NotFound, kind.kind);
}

Result<QList<CliResources::Target>> CliResources::targets(const QStringList &args)
{
    QList<Target> out;
    if (args.isEmpty())
        return out;
    const bool slashForm = args.first().contains(u'/');
    if (slashForm) {
        for (const QString &a : args) {
            const qsizetype slash = a.indexOf(u'/');
            if (slash <= 0 || slash == a.size() - 1)
                return Error::make(
                    Error::Kind::InvalidRequest,
                    QStringLiteral("there is no need to specify a resource type as a separate "
                                   "argument when passing arguments in resource/name form (e.g. "
                                   "'kubectl get resource/<resource_name>' instead of 'kubectl "
                                   "get resource resource/<resource_name>'"));
            auto mapping = mappingFor(a.left(slash));
            if (!mapping)
                return mapping.error();
            out.append({ *mapping, a.mid(slash + 1) });
        }
        return out;
    }
    auto mapping = mappingFor(args.first());
    if (!mapping)
        return mapping.error();
    for (const QString &name : args.mid(1)) {
        if (name.contains(u'/'))
            return Error::make(
                Error::Kind::InvalidRequest,
                QStringLiteral("there is no need to specify a resource type as a separate "
                               "argument when passing arguments in resource/name form (e.g. "
                               "'kubectl get resource/<resource_name>' instead of 'kubectl get "
                               "resource resource/<resource_name>'"));
        out.append({ *mapping, name });
    }
    return out;
}

Result<QList<Manifest::Document>> CliResources::readFiles(const QStringList &files)
{
    QList<Manifest::Document> out;
    for (const QString &file : files) {
        QFile f;
        QByteArray data;
        if (file == QLatin1String("-")) {
            if (!f.open(stdin, QIODevice::ReadOnly))
                return Error::make(Error::Kind::Io, QStringLiteral("cannot read stdin"));
            data = f.readAll();
        } else {
            f.setFileName(file);
            if (!f.open(QIODevice::ReadOnly))
                return Error::make(Error::Kind::Io,
                                   QStringLiteral("the path \"%1\" does not exist").arg(file));
            data = f.readAll();
        }
        auto docs
            = Manifest::parse(data, file == QLatin1String("-") ? QStringLiteral("STDIN") : file);
        if (!docs)
            return docs.error();
        out += *docs;
    }
    return out;
}

std::shared_ptr<DynamicClient> CliResources::dynamic()
{
    if (!m_dynamic)
        m_dynamic = std::make_shared<DynamicClient>(m_context.unversionedClient());
    return m_dynamic;
}

QString CliResources::namespaceFor(const RestMapping &mapping) const
{
    return mapping.namespaced ? m_context.namespaceName() : QString();
}

QString CliResources::kindString(const GroupVersionKind &kind)
{
    const QString k = kind.kind.toLower();
    return kind.group.isEmpty() ? k : k + u'.' + kind.group;
}

QString CliResources::objectName(const GroupVersionKind &kind, const QString &name)
{
    return kindString(kind) + u'/' + name;
}

QString CliResources::dryRunSuffix(const QString &dryRun)
{
    if (dryRun == QLatin1String("server"))
        return QStringLiteral(" (server dry run)");
    if (dryRun == QLatin1String("client"))
        return QStringLiteral(" (dry run)");
    return {};
}

QByteArray CliResources::errorsText(const QList<Error> &errors, const QUrl &server)
{
    if (errors.isEmpty())
        return {};
    if (errors.size() == 1)
        return ErrorText::line(errors.first(), server);
    // cmdutil.MultipleErrors: each error's standard message (plain errors without "error: "),
    // one per line.
    QByteArrayList lines;
    for (const Error &e : errors) {
        QByteArray line = ErrorText::line(e, server);
        if (line.startsWith("error: "))
            line = line.mid(7);
        lines.append(line.trimmed());
    }
    return lines.join('\n') + '\n';
}

QStringList CliResources::dryRunValues(const QString &dryRun)
{
    return dryRun == QLatin1String("server") ? QStringList { QStringLiteral("All") }
                                             : QStringList();
}

} // namespace kube::cli
