#include "logstream.h"

#include "rest/request.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "streamslogging.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace kube {

LogStream::LogStream(const RestConfig &config,
                     const QString &ns,
                     const QString &pod,
                     const PodLogOptions &options,
                     QObject *parent)
    : QObject(parent)
    , m_client(RestClient::create(config, { QString(), u"v1"_s }))
    , m_ns(ns)
    , m_pod(pod)
    , m_options(options)
{
    m_resumeTimer.setSingleShot(true);
    connect(&m_resumeTimer, &QTimer::timeout, this, [this] { request(true); });
}

LogStream::~LogStream()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
    }
}

qint64 LogStream::parseTimestampNs(QByteArrayView ts)
{
    // 2006-01-02T15:04:05[.999999999]Z (or an offset)
    if (ts.size() < 20 || ts.at(4) != '-' || ts.at(10) != 'T')
        return 0;
    qsizetype i = 19;
    qint64 fracNs = 0;
    if (ts.at(i) == '.') {
        ++i;
        int digits = 0;
        while (i < ts.size() && ts.at(i) >= '0' && ts.at(i) <= '9') {
            if (digits < 9) {
                fracNs = fracNs * 10 + (ts.at(i) - '0');
                ++digits;
            }
            ++i;
        }
        for (; digits < 9; ++digits)
            fracNs *= 10;
    }
    QDateTime t = QDateTime::fromString(
        QString::fromLatin1(ts.first(19)) + QString::fromLatin1(ts.sliced(i)), Qt::ISODate);
    if (!t.isValid())
        return 0;
    return t.toSecsSinceEpoch() * 1000000000LL + fracNs;
}

void LogStream::start()
{
    if (m_started)
        return;
    m_started = true;
    request(false);
}

void LogStream::stop()
{
    m_resumeTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    if (!m_finished) {
        m_finished = true;
        emit finished();
    }
}

void LogStream::request(bool resume)
{
    PodLogOptions o = m_options;
    // Timestamps let a follow resume exactly (and order several streams); limitBytes counts
    // the bytes the user sees, so it is left alone then.
    m_wireTimestamps = m_options.timestamps || (m_options.follow && !m_options.limitBytes);
    o.timestamps = m_wireTimestamps;
    if (resume && m_lastNs > 0) {
        // sinceTime has whole seconds: ask from the second of the last line, skip what we had.
        o.sinceSeconds.reset();
        o.tailLines.reset();
        const QDateTime t = QDateTime::fromSecsSinceEpoch(m_lastNs / 1000000000LL, Qt::UTC);
        o.sinceTime = t.toString(Qt::ISODate);
        m_skipBeforeNs = m_lastNs;
        m_skipAtLast = m_seenAtLast;
    } else if (resume) {
        // Nothing received yet: ask again from the start.
        m_skipBeforeNs = 0;
        m_skipAtLast = 0;
    }
    m_partial.clear();
    Request r
        = m_client->get().inNamespace(m_ns).resource(u"pods"_s).name(m_pod).subresource(u"log"_s);
    r.params(o.toQuery()).accept("*/*");
    m_reply = o.follow ? r.stream() : r.send();
    connect(m_reply, &RestReply::readyRead, this, &LogStream::onReadyRead);
    connect(m_reply, &RestReply::finished, this, &LogStream::onFinished);
}

void LogStream::onReadyRead()
{
    if (m_reply)
        process(m_reply->readAll(), false);
}

void LogStream::process(const QByteArray &data, bool final)
{
    m_partial += data;
    if (final && !m_partial.isEmpty() && !m_partial.endsWith('\n'))
        m_partial += '\n';
    const qsizetype end = m_partial.lastIndexOf('\n');
    if (end < 0)
        return;
    const QByteArray complete = m_partial.left(end);
    m_partial.remove(0, end + 1);
    QList<LogLine> out;
    for (const QByteArray &raw : complete.split('\n')) {
        const qsizetype space = raw.indexOf(' ');
        LogLine line;
        if (!m_wireTimestamps) {
            line.text = raw;
            ++m_lines;
            out << line;
            continue;
        }
        line.timestamp = space > 0 ? raw.left(space) : QByteArray();
        line.timeNs = parseTimestampNs(line.timestamp);
        if (line.timeNs == 0) {
            line.timestamp.clear();
            line.text = raw;
        } else {
            line.text = m_options.timestamps ? raw : raw.mid(space + 1);
        }
        if (line.timeNs > 0) {
            if (line.timeNs < m_skipBeforeNs)
                continue;
            if (line.timeNs == m_skipBeforeNs && m_skipAtLast > 0) {
                --m_skipAtLast;
                continue;
            }
            if (line.timeNs == m_lastNs) {
                ++m_seenAtLast;
            } else {
                m_lastNs = line.timeNs;
                m_seenAtLast = 1;
            }
        }
        ++m_lines;
        out << line;
    }
    if (!out.isEmpty()) {
        m_resumes = 0; // healthy again
        emit linesReceived(out);
    }
}

void LogStream::onFinished()
{
    RestReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    const std::optional<Error> err = reply->result().error;
    if (!err) {
        process(reply->isStreaming() ? reply->readAll() : reply->result().body, true);
        m_finished = true;
        emit finished();
        return;
    }
    if (reply->isStreaming())
        process(reply->readAll(), false); // complete lines before the drop still count
    const bool dropped = reply->isResponseStarted()
        && (err->kind == Error::Kind::Network || err->kind == Error::Kind::Timeout);
    if (m_options.follow && dropped && m_resumes < m_maxResumes) {
        ++m_resumes;
        const int delayMs = std::min(500 << (m_resumes - 1), 30000);
        qCInfo(lcStreams) << "log stream of" << m_pod << "dropped:" << err->message
                          << "- resuming in" << delayMs << "ms";
        emit resuming(m_resumes, err->message);
        m_resumeTimer.start(delayMs);
        return;
    }
    m_error = err;
    m_finished = true;
    emit finished();
}

} // namespace kube
