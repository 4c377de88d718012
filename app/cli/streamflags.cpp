#include "streamflags.h"

#include <functional>

namespace kube::cli {

namespace {

struct Spec
{
    QString longName;
    QChar shortName;
    bool isBool;
    std::function<bool(StreamFlags &, const QString &)> set;
};

bool parseBool(const QString &v, bool *out)
{
    const QString l = v.toLower();
    if (l == u"true" || l == u"1" || l == u"t") {
        *out = true;
        return true;
    }
    if (l == u"false" || l == u"0" || l == u"f") {
        *out = false;
        return true;
    }
    return false;
}

QList<Spec> specsFor(const QString &command)
{
    auto b = [](bool StreamFlags::*m) {
        return [m](StreamFlags &f, const QString &v) { return parseBool(v, &(f.*m)); };
    };
    auto s = [](QString StreamFlags::*m) {
        return [m](StreamFlags &f, const QString &v) {
            f.*m = v;
            return true;
        };
    };
    auto n = [](qint64 StreamFlags::*m) {
        return [m](StreamFlags &f, const QString &v) {
            bool ok = false;
            f.*m = v.toLongLong(&ok);
            return ok;
        };
    };
    QList<Spec> specs;
    if (command == u"logs" || command == u"exec" || command == u"attach")
        specs.append({ QStringLiteral("container"), u'c', false, s(&StreamFlags::container) });
    if (command == u"logs") {
        specs.append({ QStringLiteral("follow"), u'f', true, b(&StreamFlags::follow) });
        specs.append({ QStringLiteral("previous"), u'p', true, b(&StreamFlags::previous) });
        specs.append({ QStringLiteral("tail"), QChar(), false, n(&StreamFlags::tail) });
        specs.append({ QStringLiteral("since"), QChar(), false, s(&StreamFlags::since) });
        specs.append({ QStringLiteral("since-time"), QChar(), false, s(&StreamFlags::sinceTime) });
        specs.append({ QStringLiteral("timestamps"), QChar(), true, b(&StreamFlags::timestamps) });
        specs.append(
            { QStringLiteral("all-containers"), QChar(), true, b(&StreamFlags::allContainers) });
        specs.append(
            { QStringLiteral("prefix"), QChar(), true, [](StreamFlags &f, const QString &v) {
                 bool on = false;
                 if (!parseBool(v, &on))
                     return false;
                 f.prefix = on;
                 return true;
             } });
        specs.append({ QStringLiteral("max-log-requests"), QChar(), false,
                       [](StreamFlags &f, const QString &v) {
                           bool ok = false;
                           f.maxLogRequests = v.toInt(&ok);
                           return ok;
                       } });
        specs.append(
            { QStringLiteral("limit-bytes"), QChar(), false, n(&StreamFlags::limitBytes) });
        specs.append(
            { QStringLiteral("ignore-errors"), QChar(), true, b(&StreamFlags::ignoreErrors) });
        specs.append({ QStringLiteral("pod-running-timeout"), QChar(), false,
                       [](StreamFlags &, const QString &) { return true; } });
    }
    if (command == u"exec" || command == u"attach") {
        specs.append({ QStringLiteral("stdin"), u'i', true, b(&StreamFlags::stdinFlag) });
        specs.append({ QStringLiteral("tty"), u't', true, b(&StreamFlags::tty) });
        specs.append({ QStringLiteral("quiet"), u'q', true, b(&StreamFlags::quiet) });
        specs.append({ QStringLiteral("pod-running-timeout"), QChar(), false,
                       [](StreamFlags &, const QString &) { return true; } });
    }
    if (command == u"port-forward") {
        specs.append(
            { QStringLiteral("address"), QChar(), false, [](StreamFlags &f, const QString &v) {
                 f.addresses += v.split(u',', Qt::SkipEmptyParts);
                 return true;
             } });
        specs.append({ QStringLiteral("pod-running-timeout"), QChar(), false,
                       [](StreamFlags &, const QString &) { return true; } });
    }
    return specs;
}

} // namespace

std::optional<StreamFlags>
StreamFlags::extract(const QString &command, QStringList *args, QString *error)
{
    const QList<Spec> specs = specsFor(command);
    StreamFlags f;
    QStringList rest;
    const auto fail = [&](const QString &message) {
        *error = message;
        return std::nullopt;
    };
    for (qsizetype i = 0; i < args->size(); ++i) {
        const QString arg = args->at(i);
        if (arg == u"--") {
            f.dash = true;
            f.command = args->mid(i + 1);
            break;
        }
        if (arg.startsWith(u"--") && arg.size() > 2) {
            const qsizetype eq = arg.indexOf(u'=');
            const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
            const Spec *spec = nullptr;
            for (const Spec &s : specs) {
                if (s.longName == name)
                    spec = &s;
            }
            if (!spec) {
                rest << arg; // a global flag: CommandLine parses it (and its value)
                continue;
            }
            QString value;
            if (eq >= 0)
                value = arg.mid(eq + 1);
            else if (spec->isBool)
                value = QStringLiteral("true");
            else if (i + 1 < args->size())
                value = args->at(++i);
            else
                return fail(QStringLiteral("flag needs an argument: --%1").arg(name));
            if (!spec->set(f, value))
                return fail(
                    QStringLiteral("invalid argument \"%1\" for \"--%2\" flag").arg(value, name));
            continue;
        }
        if (arg.startsWith(u'-') && arg.size() > 1 && arg != u"-") {
            // Short flags of ours, possibly combined (-it) or with a value (-cNAME, -c=NAME).
            const Spec *first = nullptr;
            for (const Spec &s : specs) {
                if (s.shortName == arg.at(1))
                    first = &s;
            }
            if (!first) {
                rest << arg;
                continue;
            }
            for (qsizetype k = 1; k < arg.size(); ++k) {
                const Spec *spec = nullptr;
                for (const Spec &s : specs) {
                    if (s.shortName == arg.at(k))
                        spec = &s;
                }
                if (!spec)
                    return fail(QStringLiteral("unknown shorthand flag: '%1' in %2")
                                    .arg(arg.at(k))
                                    .arg(arg));
                const QString after = arg.mid(k + 1);
                QString value;
                if (spec->isBool) {
                    if (after.startsWith(u'=')) {
                        value = after.mid(1);
                        k = arg.size();
                    } else {
                        value = QStringLiteral("true");
                    }
                } else {
                    if (!after.isEmpty())
                        value = after.startsWith(u'=') ? after.mid(1) : after;
                    else if (i + 1 < args->size())
                        value = args->at(++i);
                    else
                        return fail(QStringLiteral("flag needs an argument: '%1' in -%1")
                                        .arg(spec->shortName));
                    k = arg.size();
                }
                if (!spec->set(f, value))
                    return fail(QStringLiteral("invalid argument \"%1\" for \"-%2, --%3\" flag")
                                    .arg(value, QString(spec->shortName), spec->longName));
            }
            continue;
        }
        rest << arg;
    }
    *args = rest;
    return f;
}

} // namespace kube::cli
