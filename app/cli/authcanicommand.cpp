#include "authcanicommand.h"

#include "clicontext.h"
#include "cliresources.h"
#include "commandline.h"
#include "console.h"
#include "tabwriter.h"

#include "actions/accessreviewer.h"
#include "rest/waitfor.h"

#include <QJsonArray>

#include <algorithm>
#include <memory>

namespace kube::cli {

namespace {

struct Rule
{
    QStringList verbs;
    QStringList groups;
    QStringList resources;
    QStringList names;
    QStringList urls;

    // Go's %v of a []string, and rbacv1.PolicyRule.String(): kubectl sorts rules by it.
    static QString list(const QStringList &l) { return u'[' + l.join(u' ') + u']'; }
    QString goString() const
    {
        return QStringLiteral("&PolicyRule{Verbs:%1,APIGroups:%2,Resources:%3,ResourceNames:%4,"
                              "NonResourceURLs:%5,}")
            .arg(list(verbs), list(groups), list(resources), list(names), list(urls));
    }
};

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

const QStringList knownVerbs { QStringLiteral("get"),         QStringLiteral("list"),
                               QStringLiteral("watch"),       QStringLiteral("create"),
                               QStringLiteral("update"),      QStringLiteral("patch"),
                               QStringLiteral("delete"),      QStringLiteral("deletecollection"),
                               QStringLiteral("use"),         QStringLiteral("bind"),
                               QStringLiteral("impersonate"), QStringLiteral("*"),
                               QStringLiteral("approve"),     QStringLiteral("sign"),
                               QStringLiteral("escalate"),    QStringLiteral("attest") };

} // namespace

QByteArray AuthCanICommand::rulesTable(const QJsonObject &status, bool noHeaders)
{
    // rbac's BreakdownRule: one rule per (group, resource, verb[, name]) and per (url, verb).
    QList<Rule> broken;
    for (const QJsonValue &v : status.value(QLatin1String("resourceRules")).toArray()) {
        const QJsonObject r = v.toObject();
        const QStringList names = strings(r.value(QLatin1String("resourceNames")));
        for (const QString &g : strings(r.value(QLatin1String("apiGroups"))))
            for (const QString &res : strings(r.value(QLatin1String("resources"))))
                for (const QString &verb : strings(r.value(QLatin1String("verbs")))) {
                    if (names.isEmpty())
                        broken.append({ { verb }, { g }, { res }, {}, {} });
                    for (const QString &n : names)
                        broken.append({ { verb }, { g }, { res }, { n }, {} });
                }
    }
    for (const QJsonValue &v : status.value(QLatin1String("nonResourceRules")).toArray()) {
        const QJsonObject r = v.toObject();
        for (const QString &url : strings(r.value(QLatin1String("nonResourceURLs"))))
            for (const QString &verb : strings(r.value(QLatin1String("verbs"))))
                broken.append({ { verb }, {}, {}, {}, { url } });
    }
    // CompactRules: simple rules (one group, one resource, at most one name) merge their verbs.
    QList<Rule> compacted;
    QList<Rule> simple;
    for (const Rule &r : std::as_const(broken)) {
        if (!r.urls.isEmpty() || r.groups.size() != 1 || r.resources.size() != 1) {
            compacted.append(r);
            continue;
        }
        auto it = std::find_if(simple.begin(), simple.end(), [&](const Rule &s) {
            return s.groups == r.groups && s.resources == r.resources && s.names == r.names;
        });
        if (it == simple.end()) {
            simple.append(r);
            continue;
        }
        for (const QString &verb : r.verbs) {
            if (!it->verbs.contains(verb))
                it->verbs.append(verb);
        }
    }
    compacted += simple;
    std::stable_sort(compacted.begin(), compacted.end(), [](const Rule &a, const Rule &b) {
        return a.goString().toUtf8() < b.goString().toUtf8();
    });

    TabWriter w;
    if (!noHeaders)
        w.write("Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
    for (const Rule &r : std::as_const(compacted)) {
        QString combined;
        if (!r.resources.isEmpty()) {
            const QString first = r.resources.first();
            const qsizetype slash = first.indexOf(u'/');
            combined = slash < 0 ? first : first.left(slash);
            if (!r.groups.isEmpty() && !r.groups.first().isEmpty())
                combined += u'.' + r.groups.first();
            if (slash >= 0)
                combined += first.mid(slash);
        }
        w.write((combined + u'\t' + Rule::list(r.urls) + u'\t' + Rule::list(r.names) + u'\t'
                 + Rule::list(r.verbs) + u'\n')
                    .toUtf8());
    }
    return w.flush();
}

int AuthCanICommand::run(CliContext &context, const CommandLine &cmd)
{
    const QUrl server = context.restConfig().host;
    if (cmd.args.value(0) != QLatin1String("can-i")) {
        Console::err("error: kubrowser-cli auth supports \"can-i\"\n");
        return 1;
    }
    const QStringList args = cmd.args.mid(1);
    CliResources resources(context);
    auto dynamic = resources.dynamic();
    if (cmd.list) {
        if (cmd.allNamespaces) {
            Console::err("error: list option can't be specified with neither quiet, "
                         "all-namespaces nor subresource options\n");
            return 1;
        }
        std::unique_ptr<ObjectReply> reply(
            AccessReviewer::reviewRules(*dynamic, context.namespaceName()));
        waitFor(reply.get());
        if (!reply->hasValue()) {
            Console::err(ErrorText::line(reply->error(), server));
            return 1;
        }
        const QJsonObject status
            = reply->value().object().value(QLatin1String("status")).toObject();
        if (status.value(QLatin1String("incomplete")).toBool())
            Console::err("Warning: the list may be incomplete: "
                         + status.value(QLatin1String("evaluationError")).toString().toUtf8()
                         + '\n');
        Console::out(rulesTable(status, cmd.noHeaders));
        return 0;
    }
    if (args.size() != 2) {
        Console::err("error: you must specify two arguments: verb resource or verb "
                     "resource/resourceName.\nSee 'kubectl auth can-i -h' for help and "
                     "examples.\n");
        return 1;
    }
    AccessCheck check;
    check.verb = args.at(0);
    QString name;
    const QString ns = cmd.allNamespaces ? QString() : context.namespaceName();
    QByteArray warnings;
    std::unique_ptr<ObjectReply> reply;
    if (args.at(1).startsWith(u'/')) {
        // A non-resource URL (/logs, /healthz).
        QJsonObject body = AccessReviewer::accessReview({});
        QJsonObject spec { { QStringLiteral("nonResourceAttributes"),
                             QJsonObject { { QStringLiteral("verb"), check.verb },
                                           { QStringLiteral("path"), args.at(1) } } } };
        body.insert(QStringLiteral("spec"), spec);
        static const QStringList urlVerbs { QStringLiteral("get"),     QStringLiteral("put"),
                                            QStringLiteral("post"),    QStringLiteral("head"),
                                            QStringLiteral("options"), QStringLiteral("delete"),
                                            QStringLiteral("patch"),   QStringLiteral("*") };
        if (!urlVerbs.contains(check.verb))
            warnings += "Warning: verb '" + check.verb.toUtf8() + "' is not a known verb\n\n";
        Console::err(warnings);
        reply.reset(dynamic
                        ->resource({ QStringLiteral("authorization.k8s.io"), QStringLiteral("v1"),
                                     QStringLiteral("selfsubjectaccessreviews") },
                                   ResourceScope::Cluster)
                        .create(Unstructured(body)));
    } else {
        const QString arg = args.at(1);
        const qsizetype slash = arg.indexOf(u'/');
        const QString type = (slash < 0 ? arg : arg.left(slash)).toLower();
        name = slash < 0 ? QString() : arg.mid(slash + 1);
        bool namespaced = true;
        if (type == QLatin1String("*")) {
            check.resource = type;
        } else {
            auto mapping = resources.mappingFor(type);
            if (mapping) {
                check.group = mapping->resource.group;
                check.resource = mapping->resource.resource;
                namespaced = mapping->namespaced;
            } else {
                const qsizetype dot = type.indexOf(u'.');
                if (dot < 0)
                    warnings += "Warning: the server doesn't have a resource type '" + type.toUtf8()
                        + "'\n\n";
                else
                    warnings += "Warning: the server doesn't have a resource type '"
                        + type.left(dot).toUtf8() + "' in group '" + type.mid(dot + 1).toUtf8()
                        + "'\n\n";
                check.resource = arg.left(slash < 0 ? arg.size() : slash);
            }
        }
        if (!cmd.allNamespaces && !namespaced) {
            if (check.group.isEmpty())
                warnings += "Warning: resource '" + check.resource.toUtf8()
                    + "' is not namespace scoped\n\n";
            else
                warnings += "Warning: resource '" + check.resource.toUtf8()
                    + "' is not namespace scoped in group '" + check.group.toUtf8() + "'\n\n";
        }
        if (!knownVerbs.contains(check.verb))
            warnings += "Warning: verb '" + check.verb.toUtf8() + "' is not a known verb\n\n";
        Console::err(warnings);
        check.ns = ns;
        reply.reset(AccessReviewer::review(*dynamic, check, name));
    }
    waitFor(reply.get());
    if (!reply->hasValue()) {
        Console::err(ErrorText::line(reply->error(), server));
        return 1;
    }
    const QJsonObject status = reply->value().object().value(QLatin1String("status")).toObject();
    if (status.value(QLatin1String("allowed")).toBool()) {
        Console::out("yes\n");
        return 0;
    }
    QByteArray out = "no";
    if (!status.value(QLatin1String("reason")).toString().isEmpty())
        out += " - " + status.value(QLatin1String("reason")).toString().toUtf8();
    if (!status.value(QLatin1String("evaluationError")).toString().isEmpty())
        out += " - " + status.value(QLatin1String("evaluationError")).toString().toUtf8();
    Console::out(out + '\n');
    return 1;
}

} // namespace kube::cli
