#include "logscommand.h"

#include "clicontext.h"
#include "console.h"
#include "errortext.h"
#include "podlookup.h"

#include "api/podlogoptions.h"
#include "streams/logstream.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;

namespace kube::cli {

namespace {

struct Target
{
    QString pod;
    QString container;
};

} // namespace

int LogsCommand::run(CliContext &context, const CommandLine &cl, const StreamFlags &flags)
{
    const QString ns = context.namespaceName();
    auto fail = [&](const QString &message) {
        Console::err("error: " + message.toUtf8() + '\n');
        return 1;
    };
    if (cl.selector.isEmpty() && cl.args.isEmpty())
        return fail(u"expected POD or TYPE/NAME is a required argument for the logs command"_s);
    if (!cl.selector.isEmpty() && !cl.args.isEmpty())
        return fail(u"only a selector (-l) or a POD name is allowed"_s);
    if (cl.args.size() > 2)
        return fail(u"expected at most 2 arguments"_s);
    if (!flags.since.isEmpty() && !flags.sinceTime.isEmpty())
        return fail(u"at most one of `sinceTime` or `sinceSeconds` may be specified"_s);

    PodLogOptions options;
    options.follow = flags.follow;
    options.previous = flags.previous;
    options.timestamps = flags.timestamps;
    qint64 tail = flags.tail;
    if (tail < 0 && !cl.selector.isEmpty())
        tail = 10; // kubectl's default with a selector
    if (tail >= 0)
        options.tailLines = tail;
    if (flags.limitBytes > 0)
        options.limitBytes = flags.limitBytes;
    if (!flags.since.isEmpty()) {
        const auto d = CommandLine::parseDuration(flags.since);
        if (!d)
            return fail(u"invalid argument \"%1\" for \"--since\" flag"_s.arg(flags.since));
        options.sinceSeconds = qint64(std::ceil(d->count() / 1000.0));
    }
    if (!flags.sinceTime.isEmpty()) {
        if (!QDateTime::fromString(flags.sinceTime, Qt::ISODateWithMs).isValid())
            return fail(
                u"invalid argument \"%1\" for \"--since-time\" flag"_s.arg(flags.sinceTime));
        options.sinceTime = flags.sinceTime;
    }

    PodLookup lookup(context);
    QList<QJsonObject> pods;
    if (!cl.selector.isEmpty()) {
        Result<QList<QJsonObject>> list = lookup.pods(ns, cl.selector);
        if (!list) {
            Console::err(ErrorText::line(list.error(), context.restConfig().host));
            return 1;
        }
        if (list->isEmpty()) {
            Console::err("No resources found in " + ns.toUtf8() + " namespace.\n");
            return 0;
        }
        pods = *list;
    } else {
        QString note;
        Result<QJsonObject> pod = lookup.resolve(ns, cl.args.first(), &note);
        if (!pod) {
            Console::err(ErrorText::line(pod.error(), context.restConfig().host));
            return 1;
        }
        if (!note.isEmpty())
            Console::err(note.toUtf8() + '\n');
        pods << *pod;
    }

    QList<Target> targets;
    for (const QJsonObject &pod : std::as_const(pods)) {
        const QString name = PodLookup::name(pod);
        QString container = flags.container.isEmpty() ? cl.args.value(1) : flags.container;
        if (flags.allContainers) {
            for (const QString &c : PodLookup::allContainerNames(pod, true))
                targets << Target { name, c };
            continue;
        }
        if (container.isEmpty()) {
            QString note;
            container = PodLookup::defaultContainer(pod, &note);
            if (!note.isEmpty() && cl.selector.isEmpty())
                Console::err(note.toUtf8() + '\n');
        }
        targets << Target { name, container };
    }
    if (flags.follow && targets.size() > flags.maxLogRequests)
        return fail(u"you are attempting to follow %1 log streams, but maximum allowed concurrency "
                    "is %2, use --max-log-requests to increase the limit"_s.arg(targets.size())
                        .arg(flags.maxLogRequests));
    const bool prefix = flags.prefix.value_or(false);

    int exitCode = 0;
    auto streamOne = [&](const Target &t) {
        PodLogOptions o = options;
        o.container = t.container;
        auto *stream = new LogStream(context.restConfig(), ns, t.pod, o);
        const QByteArray tag = "[pod/" + t.pod.toUtf8() + '/' + t.container.toUtf8() + "] ";
        QObject::connect(stream, &LogStream::linesReceived, stream,
                         [prefix, tag](const QList<LogLine> &lines) {
                             QByteArray out;
                             for (const LogLine &l : lines)
                                 out += (prefix ? tag : QByteArray()) + l.text + '\n';
                             Console::out(out);
                         });
        return stream;
    };
    auto report = [&](LogStream *s) {
        if (s->error()) {
            exitCode = 1;
            if (!flags.ignoreErrors || !s->error()->httpCode)
                Console::err(ErrorText::line(*s->error(), context.restConfig().host));
        }
    };
    if (!flags.follow) {
        // kubectl prints the logs one after the other.
        for (const Target &t : std::as_const(targets)) {
            std::unique_ptr<LogStream> s(streamOne(t));
            QEventLoop loop;
            QObject::connect(s.get(), &LogStream::finished, &loop, &QEventLoop::quit);
            s->start();
            if (!s->isFinished())
                loop.exec();
            report(s.get());
            if (exitCode && !flags.ignoreErrors)
                return exitCode;
        }
        return exitCode;
    }
    // Follow: all at once, lines as they come; done when every stream ended.
    std::vector<std::unique_ptr<LogStream>> streams;
    QEventLoop loop;
    int running = 0;
    for (const Target &t : std::as_const(targets)) {
        streams.emplace_back(streamOne(t));
        LogStream *s = streams.back().get();
        ++running;
        QObject::connect(s, &LogStream::finished, &loop, [&, s] {
            report(s);
            if (--running == 0)
                loop.quit();
        });
        s->start();
    }
    if (running > 0)
        loop.exec();
    return exitCode;
}

} // namespace kube::cli
