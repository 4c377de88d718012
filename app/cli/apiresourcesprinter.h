#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace kube::cli {

//! One resource type as `kubectl api-resources` lists it (from ServerPreferredResources).
struct ApiResourceRow
{
    QString name; //!< plural, e.g. "deployments"
    QStringList shortNames;
    QString group; //!< "" for core
    QString groupVersion; //!< "apps/v1", "v1"
    bool namespaced = true;
    QString kind;
    QStringList verbs;
    QStringList categories;
};

/*!
 * Filters, sorts and prints resource types exactly like `kubectl api-resources`: resources
 * without verbs are left out, rows sorted by group (or --sort-by name|kind) then name, columns
 * NAME SHORTNAMES APIVERSION NAMESPACED KIND (+ VERBS CATEGORIES with -o wide) aligned by
 * kubectl's tabwriter, or "name.group" lines with -o name.
 */
class ApiResourcesPrinter
{
public:
    enum class Output { Default, Wide, Name };
    struct Options
    {
        Output output = Output::Default;
        bool noHeaders = false;
        QString sortBy; //!< "", "name" or "kind"
        QString apiGroup; //!< only this group when set ("" means all: kubectl cannot select core)
        std::optional<bool> namespaced; //!< --namespaced=true|false
        QStringList verbs; //!< --verbs: resources supporting all of them
        QStringList categories; //!< --categories
    };

    static QList<ApiResourceRow> filterAndSort(const QList<ApiResourceRow> &rows,
                                               const Options &options);
    static QByteArray print(const QList<ApiResourceRow> &rows, const Options &options);
};

} // namespace kube::cli
