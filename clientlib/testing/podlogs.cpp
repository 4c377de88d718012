#include "podlogs.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;
using kube::testing::detail::ApiStatus;

namespace kube::testing {

namespace {

QStringList containerNames(const QJsonObject &pod)
{
    QStringList names;
    const QJsonArray containers = pod.value(u"spec"_s).toObject().value(u"containers"_s).toArray();
    for (const QJsonValue &c : containers)
        names << c.toObject().value(u"name"_s).toString();
    return names;
}

QJsonObject containerStatus(const QJsonObject &pod, const QString &container)
{
    const QJsonArray statuses
        = pod.value(u"status"_s).toObject().value(u"containerStatuses"_s).toArray();
    for (const QJsonValue &s : statuses) {
        if (s.toObject().value(u"name"_s).toString() == container)
            return s.toObject();
    }
    return {};
}

qint64 parseTime(const QString &s)
{
    const QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}

} // namespace

struct PodLogs::Follower
{
    detail::HttpResponder responder;
    QString pod;
    QString container;
    qint64 baseMs = 0;
    qint64 next = 0; // index of the next line to send
    qint64 endIndex = -1; // terminated container: one past its last line
    bool timestamps = false;
    qint64 bytesLeft = -1; // limitBytes
};

PodLogs::PodLogs(QObject *parent)
    : QObject(parent)
    , m_startMs(QDateTime::currentMSecsSinceEpoch())
    , m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &PodLogs::tick);
}

PodLogs::~PodLogs() = default;

void PodLogs::setLineInterval(std::chrono::milliseconds interval)
{
    m_interval = std::max(interval, std::chrono::milliseconds(1));
    if (m_timer->isActive())
        m_timer->start(m_interval);
}

std::chrono::milliseconds PodLogs::lineInterval() const
{
    return m_interval;
}

int PodLogs::followerCount() const
{
    return int(m_followers.size());
}

void PodLogs::dropFollowers()
{
    const auto followers = m_followers;
    m_followers.clear();
    for (const auto &f : followers) {
        if (QTcpSocket *s = f->responder.socket())
            s->abort();
    }
}

qint64 PodLogs::lineTimeMs(qint64 baseMs, qint64 index) const
{
    return baseMs + index * m_interval.count();
}

QByteArray PodLogs::lineText(const QString &pod, const QString &container, qint64 index)
{
    const char *level = index % 13 == 12 ? "ERROR" : index % 7 == 6 ? "WARN" : "INFO";
    return QByteArray(level) + ' ' + pod.toUtf8() + '/' + container.toUtf8() + ": handled request "
        + QByteArray::number(index) + " in " + QByteArray::number(3 + index % 7) + "ms";
}

QByteArray PodLogs::rfc3339Nano(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    QByteArray out = t.toString(u"yyyy-MM-ddTHH:mm:ss"_s).toLatin1();
    const int frac = int(ms % 1000);
    if (frac != 0) {
        QByteArray f = QByteArray::number(frac).rightJustified(3, '0');
        while (f.endsWith('0'))
            f.chop(1);
        out += '.' + f;
    }
    return out + 'Z';
}

std::optional<ApiStatus>
PodLogs::check(const detail::HttpRequest &request, const QJsonObject &pod, QString *container) const
{
    const QString name = pod.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    const QStringList names = containerNames(pod);
    *container = request.queryValue(u"container"_s);
    if (container->isEmpty()) {
        if (names.size() != 1)
            return ApiStatus::badRequest(
                u"a container name must be specified for pod %1, choose one of: [%2]"_s.arg(
                    name, names.join(u' ')));
        *container = names.first();
    } else if (!names.contains(*container)) {
        return ApiStatus::badRequest(
            u"container %1 is not valid for pod %2"_s.arg(*container, name));
    }
    if (request.queryFlag(u"previous"_s)
        && containerStatus(pod, *container).value(u"restartCount"_s).toInt() == 0)
        return ApiStatus::badRequest(
            u"previous terminated container \"%1\" in pod \"%2\" not found"_s.arg(*container,
                                                                                  name));
    for (const QString &key : { u"tailLines"_s, u"limitBytes"_s, u"sinceSeconds"_s }) {
        if (!request.hasQuery(key))
            continue;
        bool ok = false;
        const qint64 v = request.queryValue(key).toLongLong(&ok);
        if (!ok || v < 0 || (v == 0 && key != u"tailLines"))
            return ApiStatus::badRequest(u"%1: Invalid value: %2: must be greater than 0"_s.arg(
                key, request.queryValue(key)));
    }
    if (request.hasQuery(u"sinceTime"_s) && parseTime(request.queryValue(u"sinceTime"_s)) < 0)
        return ApiStatus::badRequest(u"sinceTime: invalid RFC 3339 time"_s);
    return std::nullopt;
}

void PodLogs::serve(const detail::HttpRequest &request,
                    detail::HttpResponder responder,
                    const QJsonObject &pod,
                    qint64 createdMs)
{
    QString container;
    if (std::optional<ApiStatus> error = check(request, pod, &container)) {
        responder.write(error->code, { { "Content-Type", "application/json" } }, error->toBytes());
        return;
    }
    const QString podName = pod.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject status = containerStatus(pod, container);
    const bool previous = request.queryFlag(u"previous"_s);
    // Older pods have logged 20 lines by the time the server starts; newer ones start empty.
    qint64 baseMs = std::max(createdMs, m_startMs - 20 * m_interval.count());
    qint64 endIndex = -1;
    const QJsonObject terminated
        = status.value(u"state"_s).toObject().value(u"terminated"_s).toObject();
    if (previous) {
        // The previous instance: 20 lines that ended before the current one started.
        baseMs -= 21 * m_interval.count();
        endIndex = 20;
    } else if (!terminated.isEmpty()) {
        const qint64 finished = parseTime(terminated.value(u"finishedAt"_s).toString());
        endIndex = finished < baseMs ? 20 : (finished - baseMs) / m_interval.count() + 1;
    }
    const qint64 available = (now - baseMs) / m_interval.count() + 1;
    qint64 last = endIndex >= 0 ? std::min(endIndex, available) : available;
    last = std::max<qint64>(last, 0);
    qint64 first = 0;
    if (request.hasQuery(u"sinceSeconds"_s)) {
        const qint64 since = now - request.queryValue(u"sinceSeconds"_s).toLongLong() * 1000;
        first = std::max<qint64>(0, (since - baseMs + m_interval.count() - 1) / m_interval.count());
    }
    if (request.hasQuery(u"sinceTime"_s)) {
        const qint64 since = parseTime(request.queryValue(u"sinceTime"_s));
        first = std::max(
            first,
            std::max<qint64>(0, (since - baseMs + m_interval.count() - 1) / m_interval.count()));
    }
    if (request.hasQuery(u"tailLines"_s))
        first = std::max(first, last - request.queryValue(u"tailLines"_s).toLongLong());
    const bool timestamps = request.queryFlag(u"timestamps"_s);
    qint64 bytesLeft
        = request.hasQuery(u"limitBytes"_s) ? request.queryValue(u"limitBytes"_s).toLongLong() : -1;

    auto render = [&](qint64 from, qint64 to) {
        QByteArray out;
        for (qint64 i = from; i < to; ++i) {
            if (timestamps)
                out += rfc3339Nano(lineTimeMs(baseMs, i)) + ' ';
            out += lineText(podName, container, i) + '\n';
        }
        if (bytesLeft >= 0) {
            out.truncate(bytesLeft);
            bytesLeft -= out.size();
        }
        return out;
    };
    const detail::HeaderList headers { { "Content-Type", "text/plain" } };
    if (!request.queryFlag(u"follow"_s) || previous) {
        responder.write(200, headers, render(first, last));
        return;
    }
    responder.beginChunked(200, headers);
    const QByteArray initial = render(first, last);
    if (!initial.isEmpty())
        responder.writeChunk(initial);
    if ((endIndex >= 0 && last >= endIndex) || bytesLeft == 0) {
        responder.endChunked();
        return;
    }
    auto f = std::make_shared<Follower>();
    f->responder = responder;
    f->pod = podName;
    f->container = container;
    f->baseMs = baseMs;
    f->next = std::max(first, last);
    f->endIndex = endIndex;
    f->timestamps = timestamps;
    f->bytesLeft = bytesLeft;
    m_followers << f;
    if (!m_timer->isActive())
        m_timer->start(std::min<qint64>(m_interval.count(), 250));
}

void PodLogs::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = 0; i < m_followers.size();) {
        Follower &f = *m_followers[i];
        bool done = !f.responder.isConnected();
        if (!done) {
            qint64 available = (now - f.baseMs) / m_interval.count() + 1;
            if (f.endIndex >= 0)
                available = std::min(available, f.endIndex);
            QByteArray out;
            for (; f.next < available; ++f.next) {
                if (f.timestamps)
                    out += rfc3339Nano(lineTimeMs(f.baseMs, f.next)) + ' ';
                out += lineText(f.pod, f.container, f.next) + '\n';
            }
            if (f.bytesLeft >= 0) {
                out.truncate(f.bytesLeft);
                f.bytesLeft -= out.size();
            }
            if (!out.isEmpty())
                f.responder.writeChunk(out);
            if ((f.endIndex >= 0 && f.next >= f.endIndex) || f.bytesLeft == 0) {
                f.responder.endChunked();
                done = true;
            }
        }
        if (done)
            m_followers.removeAt(i);
        else
            ++i;
    }
    if (m_followers.isEmpty())
        m_timer->stop();
}

} // namespace kube::testing
