#pragma once

#include "errortext.h"

#include "api/manifest.h"
#include "api/result.h"
#include "discovery/restmapper.h"
#include "dynamic/dynamicclient.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace kube::cli {

class CliContext;

/*!
 * What the mutating commands share: resolving what the user typed (TYPE NAME, TYPE/NAME) or a
 * manifest's kinds to resources the way kubectl's builder does (a miss on cached discovery asks
 * the server again), reading -f files and stdin, and kubectl's names for objects in messages.
 */
class CliResources
{
public:
    struct Target
    {
        RestMapping mapping;
        QString name;
    };

    explicit CliResources(CliContext &context);

    Result<RestMapping> mappingFor(const QString &type);
    Result<RestMapping> mappingForKind(const GroupVersionKind &kind);
    //! "TYPE NAME..." or "TYPE/NAME..." (kubectl's ResourceTypeOrNameArgs); \a error is
    //! kubectl's wording when the arguments do not name objects.
    Result<QList<Target>> targets(const QStringList &args);
    //! -f files in order ("-" = stdin), every document of each.
    static Result<QList<Manifest::Document>> readFiles(const QStringList &files);

    std::shared_ptr<DynamicClient> dynamic();
    //! The namespace to use for \a mapping ("" for cluster-scoped resources).
    QString namespaceFor(const RestMapping &mapping) const;

    //! "deployment.apps", "pod" (kubectl's kind string in delete messages).
    static QString kindString(const GroupVersionKind &kind);
    //! "deployment.apps/web" (kubectl's name printer).
    static QString objectName(const GroupVersionKind &kind, const QString &name);
    //! " (server dry run)" or "".
    static QString dryRunSuffix(const QString &dryRun);
    //! kubectl's text for the errors a command collected (one: that error; several: an
    //! "error: " line with each error's message, as cmdutil.CheckErr prints an aggregate).
    static QByteArray errorsText(const QList<Error> &errors, const QUrl &server);
    static QStringList dryRunValues(const QString &dryRun);

private:
    Result<RestMapper> mapper(bool refresh);

    CliContext &m_context;
    std::shared_ptr<DynamicClient> m_dynamic;
};

} // namespace kube::cli
