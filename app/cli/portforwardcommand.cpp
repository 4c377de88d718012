#include "portforwardcommand.h"

#include "clicontext.h"
#include "console.h"
#include "errortext.h"
#include "podlookup.h"

#include "rest/request.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"
#include "streams/portforwarder.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace kube::cli {

namespace {

int g_signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char c = 's';
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1);
}

//! The container port named \a name in \a pod, or 0.
int namedPort(const QJsonObject &pod, const QString &name)
{
    for (const QJsonValue &c : pod.value(u"spec"_s).toObject().value(u"containers"_s).toArray()) {
        for (const QJsonValue &p : c.toObject().value(u"ports"_s).toArray()) {
            if (p.toObject().value(u"name"_s).toString() == name)
                return p.toObject().value(u"containerPort"_s).toInt();
        }
    }
    return 0;
}

} // namespace

int PortForwardCommand::run(CliContext &context, const CommandLine &cl, const StreamFlags &flags)
{
    const QString ns = context.namespaceName();
    if (cl.args.size() < 2) {
        Console::err("error: TYPE/NAME and list of ports are required for port-forward\n");
        return 1;
    }
    const QString target = cl.args.first();
    PodLookup lookup(context);
    QString note;
    const Result<QJsonObject> pod = lookup.resolve(ns, target, &note);
    if (!pod) {
        Console::err(ErrorText::line(pod.error(), context.restConfig().host));
        return 1;
    }
    const QString phase = pod->value(u"status"_s).toObject().value(u"phase"_s).toString();
    if (phase != u"Running") {
        Console::err("error: unable to forward port because pod is not running. Current status="
                     + phase.toUtf8() + '\n');
        return 1;
    }
    // A service's ports are translated to the pod's (targetPort, by number or name).
    QJsonArray servicePorts;
    const QString type = target.section(u'/', 0, 0).toLower();
    if (target.contains(u'/') && (type == u"svc" || type == u"service" || type == u"services")) {
        std::unique_ptr<RestReply> r(context.client({ QString(), u"v1"_s })
                                         ->get()
                                         .inNamespace(ns)
                                         .resource(u"services"_s)
                                         .name(target.section(u'/', 1))
                                         .send());
        waitFor(r.get());
        if (r->result().ok())
            servicePorts = QJsonDocument::fromJson(r->result().body)
                               .object()
                               .value(u"spec"_s)
                               .toObject()
                               .value(u"ports"_s)
                               .toArray();
    }

    QList<PortMapping> mappings;
    for (const QString &spec : cl.args.mid(1)) {
        const QStringList parts = spec.split(u':');
        if (parts.size() > 2) {
            Console::err("error: invalid port format '" + spec.toUtf8() + "'\n");
            return 1;
        }
        const QString localText = parts.size() == 2 ? parts.first() : parts.first();
        const QString remoteText = parts.last();
        bool ok = false;
        int remote = remoteText.toInt(&ok);
        if (!servicePorts.isEmpty()) {
            QJsonObject match;
            for (const QJsonValue &p : std::as_const(servicePorts)) {
                const QJsonObject o = p.toObject();
                if ((ok && o.value(u"port"_s).toInt() == remote)
                    || (!ok && o.value(u"name"_s).toString() == remoteText))
                    match = o;
            }
            if (match.isEmpty()) {
                Console::err("error: Service " + target.section(u'/', 1).toUtf8()
                             + " does not have a service port " + remoteText.toUtf8() + '\n');
                return 1;
            }
            const QJsonValue tp = match.value(u"targetPort"_s);
            remote = tp.isString() ? namedPort(*pod, tp.toString())
                : tp.isDouble()    ? tp.toInt()
                                   : match.value(u"port"_s).toInt();
            ok = remote > 0;
        } else if (!ok) {
            remote = namedPort(*pod, remoteText);
            if (remote == 0) {
                Console::err("error: Pod '" + PodLookup::name(*pod).toUtf8()
                             + "' does not have a named port '" + remoteText.toUtf8() + "'\n");
                return 1;
            }
            ok = true;
        }
        if (!ok || remote <= 0 || remote > 65535) {
            Console::err("error: Port '" + remoteText.toUtf8() + "' is not a valid port\n");
            return 1;
        }
        int local = 0;
        if (parts.size() == 1) {
            local = remoteText.toInt(&ok) ? remoteText.toInt() : remote;
        } else if (!localText.isEmpty()) {
            local = localText.toInt(&ok);
            if (!ok || local < 0 || local > 65535) {
                Console::err("error: Port '" + localText.toUtf8() + "' is not a valid port\n");
                return 1;
            }
        }
        mappings << PortMapping { quint16(local), quint16(remote) };
    }

    PortForwarder forwarder(context.restConfig(), ns, PodLookup::name(*pod), mappings,
                            flags.addresses);
    QObject::connect(&forwarder, &PortForwarder::connectionOpened, [](quint16 local) {
        Console::out("Handling connection for " + QByteArray::number(local) + '\n');
    });
    QObject::connect(&forwarder, &PortForwarder::connectionError, [](const QString &message) {
        const QDateTime now = QDateTime::currentDateTime();
        Console::err("E" + now.toString(u"MMdd hh:mm:ss.zzz000"_s).toUtf8() + ' '
                     + QByteArray::number(::getpid()) + " portforward.go:424] " + message.toUtf8()
                     + '\n');
    });
    forwarder.start();
    if (!forwarder.isRunning()) {
        Console::err("error: " + forwarder.error()->message.toUtf8() + '\n');
        return 1;
    }
    QByteArray lines;
    for (const QString &l : forwarder.forwardingLines())
        lines += l.toUtf8() + '\n';
    Console::out(lines);

    if (g_signalPipe[0] < 0 && ::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return 1;
    QEventLoop loop;
    QSocketNotifier signalNotifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &loop, &QEventLoop::quit);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    loop.exec();
    forwarder.stop();
    return 0;
}

} // namespace kube::cli
