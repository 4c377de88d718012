#include "requestlog.h"

#include "console.h"

#include <QByteArray>
#include <QDateTime>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QString>

#include <atomic>

#include <unistd.h>

namespace kube::cli {

namespace {

int g_verbosity = 0;
std::atomic_int g_requests { 0 };

QByteArray klogHeader(char severity)
{
    // klog: Lmmdd hh:mm:ss.uuuuuu threadid file:line]
    const QDateTime now = QDateTime::currentDateTime();
    const QByteArray time = now.toString(QStringLiteral("MMdd HH:mm:ss.zzz")).toLatin1();
    return severity + time + "000 " + QByteArray::number(qint64(::getpid())).rightJustified(7, ' ')
        + " rest] ";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray category = context.category ? QByteArray(context.category) : QByteArray();
    if (category == "kube.rest" && type == QtDebugMsg) {
        static const QRegularExpression response(QStringLiteral(R"(^[A-Z]+ \S+ (\d{3}|failed))"));
        if (response.match(message).hasMatch())
            g_requests.fetch_add(1);
        if (g_verbosity >= 6)
            Console::err(klogHeader('I') + message.toUtf8() + '\n');
        return;
    }
    if (type == QtFatalMsg || type == QtCriticalMsg || g_verbosity >= 4) {
        const char severity = type == QtWarningMsg      ? 'W'
            : (type == QtDebugMsg || type == QtInfoMsg) ? 'I'
                                                        : 'E';
        Console::err(klogHeader(severity) + message.toUtf8() + '\n');
    }
}

} // namespace

void RequestLog::install(int verbosity)
{
    g_verbosity = verbosity;
    // The request lines are needed for counting even when not shown.
    QLoggingCategory::setFilterRules(QStringLiteral("kube.rest.debug=true"));
    qInstallMessageHandler(handler);
}

int RequestLog::requestCount()
{
    return g_requests.load();
}

} // namespace kube::cli
