#include "commandline.h"

#include <QRegularExpression>

#include <functional>

namespace kube::cli {

namespace {

struct Flag
{
    QStringList names; //!< long names and single-letter short names
    bool isBool = false;
    std::function<bool(CommandLine &, const QString &)> set; //!< false = invalid value
};

bool parseBool(const QString &text, bool *value)
{
    // Go's strconv.ParseBool
    static const QStringList yes { QStringLiteral("1"),    QStringLiteral("t"),
                                   QStringLiteral("T"),    QStringLiteral("true"),
                                   QStringLiteral("TRUE"), QStringLiteral("True") };
    static const QStringList no { QStringLiteral("0"),     QStringLiteral("f"),
                                  QStringLiteral("F"),     QStringLiteral("false"),
                                  QStringLiteral("FALSE"), QStringLiteral("False") };
    if (yes.contains(text)) {
        *value = true;
        return true;
    }
    if (no.contains(text)) {
        *value = false;
        return true;
    }
    return false;
}

QList<Flag> flags()
{
    const auto str = [](QString CommandLine::*member) {
        return [member](CommandLine &c, const QString &v) {
            c.*member = v;
            return true;
        };
    };
    const auto boolean = [](bool CommandLine::*member) {
        return [member](CommandLine &c, const QString &v) { return parseBool(v, &(c.*member)); };
    };
    const auto list = [](QStringList CommandLine::*member) {
        return [member](CommandLine &c, const QString &v) {
            (c.*member) += v.split(u',', Qt::SkipEmptyParts);
            return true;
        };
    };
    return {
        { { QStringLiteral("kubeconfig") }, false, str(&CommandLine::kubeconfig) },
        { { QStringLiteral("context") }, false, str(&CommandLine::context) },
        { { QStringLiteral("namespace"), QStringLiteral("n") },
          false,
          str(&CommandLine::namespaceName) },
        { { QStringLiteral("server"), QStringLiteral("s") }, false, str(&CommandLine::server) },
        { { QStringLiteral("token") }, false, str(&CommandLine::token) },
        { { QStringLiteral("insecure-skip-tls-verify") },
          true,
          boolean(&CommandLine::insecureSkipTlsVerify) },
        { { QStringLiteral("cache-dir") }, false, str(&CommandLine::cacheDir) },
        { { QStringLiteral("request-timeout") }, false, str(&CommandLine::requestTimeout) },
        { { QStringLiteral("demo") }, true, boolean(&CommandLine::demo) },
        { { QStringLiteral("v"), QStringLiteral("v") },
          false,
          [](CommandLine &c, const QString &v) {
              bool ok = false;
              c.verbosity = v.toInt(&ok);
              return ok;
          } },
        { { QStringLiteral("output"), QStringLiteral("o") }, false, str(&CommandLine::output) },
        { { QStringLiteral("no-headers") }, true, boolean(&CommandLine::noHeaders) },
        { { QStringLiteral("show-kind") }, true, boolean(&CommandLine::showKind) },
        { { QStringLiteral("all-namespaces"), QStringLiteral("A") },
          true,
          boolean(&CommandLine::allNamespaces) },
        { { QStringLiteral("selector"), QStringLiteral("l") }, false, str(&CommandLine::selector) },
        { { QStringLiteral("field-selector") }, false, str(&CommandLine::fieldSelector) },
        { { QStringLiteral("chunk-size") },
          false,
          [](CommandLine &c, const QString &v) {
              bool ok = false;
              c.chunkSize = v.toLongLong(&ok);
              return ok;
          } },
        { { QStringLiteral("watch"), QStringLiteral("w") }, true, boolean(&CommandLine::watch) },
        { { QStringLiteral("watch-only") }, true, boolean(&CommandLine::watchOnly) },
        { { QStringLiteral("output-watch-events") },
          true,
          boolean(&CommandLine::outputWatchEvents) },
        { { QStringLiteral("api-group") }, false, str(&CommandLine::apiGroup) },
        { { QStringLiteral("namespaced") },
          true,
          [](CommandLine &c, const QString &v) {
              bool b = false;
              if (!parseBool(v, &b))
                  return false;
              c.namespaced = b;
              return true;
          } },
        { { QStringLiteral("cached") }, true, boolean(&CommandLine::cached) },
        { { QStringLiteral("sort-by") }, false, str(&CommandLine::sortBy) },
        { { QStringLiteral("verbs") }, false, list(&CommandLine::verbs) },
        { { QStringLiteral("categories") }, false, list(&CommandLine::categories) },
        { { QStringLiteral("client") }, true, boolean(&CommandLine::clientOnly) },
        { { QStringLiteral("help"), QStringLiteral("h") }, true, boolean(&CommandLine::help) },
        { { QStringLiteral("version") }, true, boolean(&CommandLine::showVersion) },
        { { QStringLiteral("filename"), QStringLiteral("f") },
          false,
          [](CommandLine &c, const QString &v) {
              c.filenames += v;
              return true;
          } },
        { { QStringLiteral("server-side") }, true, boolean(&CommandLine::serverSide) },
        { { QStringLiteral("force-conflicts") }, true, boolean(&CommandLine::forceConflicts) },
        { { QStringLiteral("field-manager") }, false, str(&CommandLine::fieldManager) },
        { { QStringLiteral("dry-run") },
          false,
          [](CommandLine &c, const QString &v) {
              // kubectl: --dry-run alone means "unchanged", which it rejects; we need a value.
              c.dryRun = v;
              return v == QLatin1String("none") || v == QLatin1String("server")
                  || v == QLatin1String("client");
          } },
        { { QStringLiteral("cascade") }, false, str(&CommandLine::cascade) },
        { { QStringLiteral("grace-period") },
          false,
          [](CommandLine &c, const QString &v) {
              bool ok = false;
              c.gracePeriod = v.toLongLong(&ok);
              return ok;
          } },
        { { QStringLiteral("wait") }, true, boolean(&CommandLine::wait) },
        { { QStringLiteral("replicas") },
          false,
          [](CommandLine &c, const QString &v) {
              bool ok = false;
              c.replicas = v.toLongLong(&ok);
              return ok;
          } },
        { { QStringLiteral("from") }, false, str(&CommandLine::from) },
        { { QStringLiteral("list") }, true, boolean(&CommandLine::list) },
    };
}

const Flag *findFlag(const QList<Flag> &all, const QString &name, bool shortForm)
{
    for (const Flag &f : all) {
        for (const QString &n : f.names) {
            if (n == name
                && (shortForm ? n.size() == 1 : (n.size() > 1 || n == QLatin1String("v"))))
                return &f;
        }
    }
    return nullptr;
}

} // namespace

QString CommandLine::commandName(const QStringList &arguments)
{
    const QList<Flag> all = flags();
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--"))
            return arguments.value(i + 1);
        if (!a.startsWith(u'-') || a == QLatin1String("-"))
            return a;
        if (a.contains(u'='))
            continue; // --flag=value, -n=value
        const bool isLong = a.startsWith(QLatin1String("--"));
        const QString name = isLong ? a.mid(2) : a.mid(1);
        // "-nvalue" carries its value; "-n value" and "--flag value" take the next argument.
        if (!isLong && name.size() > 1)
            continue;
        const Flag *f = findFlag(all, name, !isLong);
        if (f && !f->isBool)
            ++i;
    }
    return {};
}

std::optional<CommandLine> CommandLine::parse(const QStringList &arguments, QString *error)
{
    const QList<Flag> all = flags();
    CommandLine c;
    QStringList operands;
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        if (arg == QLatin1String("--")) {
            operands += arguments.mid(i + 1);
            break;
        }
        if (arg.startsWith(QLatin1String("--")) && arg.size() > 2) {
            const qsizetype eq = arg.indexOf(u'=');
            const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
            const Flag *flag = findFlag(all, name, false);
            if (!flag)
                return fail(QStringLiteral("unknown flag: --%1").arg(name));
            QString value;
            if (eq >= 0) {
                value = arg.mid(eq + 1);
            } else if (flag->isBool) {
                value = QStringLiteral("true");
            } else if (i + 1 < arguments.size()) {
                value = arguments.at(++i);
            } else {
                return fail(QStringLiteral("flag needs an argument: --%1").arg(name));
            }
            if (!flag->set(c, value))
                return fail(
                    QStringLiteral("invalid argument \"%1\" for \"--%2\" flag").arg(value, name));
            continue;
        }
        if (arg.startsWith(u'-') && arg.size() > 1) {
            // Short flags, possibly combined (-Aw) or with an attached value (-owide, -o=wide).
            for (qsizetype k = 1; k < arg.size(); ++k) {
                const QString name = arg.mid(k, 1);
                const Flag *flag = findFlag(all, name, true);
                if (!flag)
                    return fail(
                        QStringLiteral("unknown shorthand flag: '%1' in %2").arg(name, arg));
                QString value;
                const QString rest = arg.mid(k + 1);
                if (flag->isBool) {
                    if (rest.startsWith(u'=')) {
                        value = rest.mid(1);
                        k = arg.size();
                    } else {
                        value = QStringLiteral("true");
                    }
                } else {
                    if (!rest.isEmpty())
                        value = rest.startsWith(u'=') ? rest.mid(1) : rest;
                    else if (i + 1 < arguments.size())
                        value = arguments.at(++i);
                    else
                        return fail(
                            QStringLiteral("flag needs an argument: '%1' in -%1").arg(name));
                    k = arg.size();
                }
                if (!flag->set(c, value))
                    return fail(QStringLiteral("invalid argument \"%1\" for \"-%2, --%3\" flag")
                                    .arg(value, name, flag->names.first()));
            }
            continue;
        }
        operands.append(arg);
    }
    if (!operands.isEmpty())
        c.command = operands.takeFirst();
    c.args = operands;
    return c;
}

std::optional<std::chrono::milliseconds> CommandLine::parseDuration(const QString &text)
{
    if (text.isEmpty())
        return std::chrono::milliseconds(0);
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok)
        return std::chrono::milliseconds(seconds * 1000);
    // Go's time.ParseDuration: a sequence of decimal numbers with units.
    static const QRegularExpression part(
        QStringLiteral(R"((\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))"));
    double total = 0;
    qsizetype pos = 0;
    auto it = part.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedStart() != pos)
            return std::nullopt;
        pos = m.capturedEnd();
        const double v = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        const double factor = unit == QLatin1String("h") ? 3600e3
            : unit == QLatin1String("m")                 ? 60e3
            : unit == QLatin1String("s")                 ? 1e3
            : unit == QLatin1String("ms")                ? 1
            : unit == QLatin1String("ns")                ? 1e-6
                                                         : 1e-3;
        total += v * factor;
    }
    if (pos != text.size() || pos == 0)
        return std::nullopt;
    return std::chrono::milliseconds(qint64(total));
}

} // namespace kube::cli
