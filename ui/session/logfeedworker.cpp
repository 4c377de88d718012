#include "logfeedworker.h"

#include "informer/informer.h"
#include "informer/informerbatch.h"
#include "informer/sharedinformerfactory.h"
#include "rest/restclient.h"
#include "sessionlogging.h"
#include "streams/logstream.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace kube::ui {

namespace {

QString podName(const QJsonObject &pod)
{
    return pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
}

// A pod whose containers have started has a log to read; a Pending one has none yet.
bool hasLogs(const QJsonObject &pod)
{
    const QString phase
        = pod.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString();
    return phase == QLatin1String("Running") || phase == QLatin1String("Succeeded")
        || phase == QLatin1String("Failed");
}

QStringList containerNames(const QJsonObject &pod)
{
    QStringList names;
    for (const QJsonValue &c :
         pod.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray())
        names << c.toObject().value(QLatin1String("name")).toString();
    return names;
}

} // namespace

LogFeedWorker::LogFeedWorker(const RestConfig &config)
    : m_config(config)
    , m_flushTimer(this) // a child, so it moves to the worker thread with this object
{
    m_flushTimer.setSingleShot(false);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { flush(false); });
    m_clock.start();
}

LogFeedWorker::~LogFeedWorker()
{
    stop();
}

void LogFeedWorker::reset(quint64 generation, const LogFeed::Options &options)
{
    stop();
    m_generation = generation;
    m_options = options;
    m_synced = false;
    m_finishedSent = false;
    m_flushTimer.start(options.flushInterval);
}

void LogFeedWorker::stop()
{
    m_flushTimer.stop();
    m_informer.reset();
    const auto running = m_running;
    m_running.clear();
    for (LogStream *s : running) {
        s->disconnect(this);
        s->stop();
        s->deleteLater();
    }
    m_sources.clear();
    m_waiting.clear();
    m_done.clear();
    m_podKeys.clear();
    m_pending.clear();
}

void LogFeedWorker::startPod(quint64 generation,
                             const QString &ns,
                             const QString &pod,
                             const QStringList &containers,
                             const LogFeed::Options &options)
{
    reset(generation, options);
    m_ns = ns;
    m_selectorMode = false;
    m_merge = containers.size() > 1;
    m_synced = true;
    // An empty container name asks for the pod's only container (the server names the choice).
    const QStringList names = containers.isEmpty() ? QStringList { QString() } : containers;
    for (const QString &c : names)
        add(pod + u'/' + c, { ns, pod, c, false });
    startWaiting();
    reportSources();
}

void LogFeedWorker::startSelector(quint64 generation,
                                  const QString &ns,
                                  const QString &selector,
                                  const LogFeed::Options &options)
{
    reset(generation, options);
    m_ns = ns;
    m_selectorMode = true;
    m_merge = true;
    if (!m_factory)
        m_factory = new SharedInformerFactory(RestClient::createUnversioned(m_config), {}, this);
    m_informer = m_factory->informer(
        { .resource = { QString(), QStringLiteral("v1"), QStringLiteral("pods") },
          .ns = ns,
          .labelSelector = selector,
          .mode = InformerMode::Full },
        ResourceScope::Namespaced);
    connect(m_informer.get(), &Informer::batchReady, this, &LogFeedWorker::onPods);
    reportSources();
}

void LogFeedWorker::onPods(const InformerBatch &batch)
{
    const bool initial = !m_synced;
    for (const QString &key : batch.removed) {
        for (const QString &source : m_podKeys.take(key))
            remove(source);
    }
    QStringList changed = batch.added;
    changed += batch.updated;
    for (const QString &key : std::as_const(changed)) {
        const QJsonObject pod = batch.objects.value(key);
        const QString name = podName(pod);
        if (name.isEmpty() || !hasLogs(pod))
            continue;
        const QString ns = pod.value(QLatin1String("metadata"))
                               .toObject()
                               .value(QLatin1String("namespace"))
                               .toString();
        for (const QString &c : containerNames(pod)) {
            // All namespaces: the same pod name may exist in several, so the source says which.
            const QString source = (m_ns.isEmpty() ? ns + u'/' : QString()) + name + u'/' + c;
            if (m_sources.contains(source))
                continue;
            // Pods there from the start show their tail; a pod that joins later is new, so
            // its whole log is worth reading.
            add(source, { ns, name, c, !initial });
            m_podKeys[key] << source;
        }
    }
    if (batch.synced)
        m_synced = true;
    startWaiting();
    reportSources();
    if (m_synced && !m_options.log.follow) {
        // Without follow the selector is read once, as kubectl logs -l does.
        m_informer.reset();
        checkFinished();
    }
}

void LogFeedWorker::add(const QString &key, const Source &source)
{
    m_sources.insert(key, source);
    m_waiting << key;
}

void LogFeedWorker::remove(const QString &key)
{
    m_sources.remove(key);
    m_waiting.removeAll(key);
    m_done.remove(key);
    if (LogStream *s = m_running.take(key)) {
        s->disconnect(this);
        s->stop();
        s->deleteLater();
    }
}

void LogFeedWorker::startWaiting()
{
    while (!m_waiting.isEmpty() && m_running.size() < m_options.maxStreams)
        launch(m_waiting.takeFirst());
}

void LogFeedWorker::launch(const QString &key)
{
    const Source source = m_sources.value(key);
    PodLogOptions o = m_options.log;
    o.container = source.container;
    if (source.fromStart)
        o.tailLines.reset();
    // Merging needs every line's time: ask for timestamps and strip them again in onLines().
    if (m_merge)
        o.timestamps = true;
    auto *stream = new LogStream(m_config, source.ns, source.pod, o, this);
    m_running.insert(key, stream);
    connect(stream, &LogStream::linesReceived, this,
            [this, key](const QList<LogLine> &lines) { onLines(key, lines); });
    connect(stream, &LogStream::resuming, this, [this, key](int attempt, const QString &) {
        emit resuming(m_generation, key, attempt);
    });
    connect(stream, &LogStream::finished, this, [this, key] { onStreamFinished(key); });
    stream->start();
}

void LogFeedWorker::onLines(const QString &key, const QList<LogLine> &lines)
{
    const qint64 now = m_clock.elapsed();
    const QString source = m_selectorMode || m_merge ? key : QString();
    const bool strip = m_merge && !m_options.log.timestamps;
    for (const LogLine &l : lines) {
        QByteArrayView text = l.text;
        if (strip && l.timeNs > 0) {
            const qsizetype space = text.indexOf(' ');
            text = space < 0 ? QByteArrayView() : text.sliced(space + 1);
        }
        m_pending.push_back({ { QString::fromUtf8(text), l.timeNs, source }, now });
    }
    const qsizetype over = qsizetype(m_pending.size()) - m_options.maxPendingLines;
    if (over > 0) {
        m_pending.erase(m_pending.begin(), m_pending.begin() + over);
        emit linesDropped(m_generation, over);
    }
}

void LogFeedWorker::onStreamFinished(const QString &key)
{
    LogStream *s = m_running.take(key);
    if (!s)
        return;
    if (s->error()) {
        qCInfo(lcSession) << "log stream" << key << "failed:" << s->error()->message;
        emit streamFailed(m_generation, key, *s->error());
    }
    s->disconnect(this);
    s->deleteLater();
    m_done.insert(key);
    startWaiting();
    reportSources();
    checkFinished();
}

void LogFeedWorker::checkFinished()
{
    if (m_finishedSent || !m_synced || !m_running.isEmpty() || !m_waiting.isEmpty())
        return;
    if (m_selectorMode && m_informer)
        return; // following a workload: new pods may still come
    flush(true);
    m_flushTimer.stop();
    m_finishedSent = true;
    emit finished(m_generation);
}

void LogFeedWorker::flush(bool all)
{
    if (m_pending.empty())
        return;
    auto end = m_pending.end();
    if (m_merge && !all) {
        // Arrival order is receive-time order: lines older than the window form a prefix.
        const qint64 cutoff = m_clock.elapsed() - m_options.mergeWindow.count();
        end = std::find_if(m_pending.begin(), m_pending.end(),
                           [cutoff](const Pending &p) { return p.receivedMs > cutoff; });
        if (end == m_pending.begin())
            return;
    }
    QList<LogFeedLine> out;
    out.reserve(qsizetype(std::distance(m_pending.begin(), end)));
    for (auto it = m_pending.begin(); it != end; ++it)
        out.append(std::move(it->line));
    m_pending.erase(m_pending.begin(), end);
    if (m_merge) {
        std::stable_sort(out.begin(), out.end(), [](const LogFeedLine &a, const LogFeedLine &b) {
            return a.timeNs < b.timeNs;
        });
    }
    emit linesReady(m_generation, out);
}

void LogFeedWorker::reportSources()
{
    QStringList running = m_running.keys();
    running.sort();
    emit sourcesChanged(m_generation, running, int(m_waiting.size()));
}

} // namespace kube::ui
