#include "logfeed.h"

#include "logfeedworker.h"
#include "workerthread.h"

#include <QThread>

namespace kube::ui {

LogFeed::LogFeed(const RestConfig &config, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new LogFeedWorker(config))
{
    qRegisterMetaType<kube::ui::LogFeedLine>();
    qRegisterMetaType<QList<kube::ui::LogFeedLine>>();
    qRegisterMetaType<kube::Error>();
    m_thread->setObjectName(QStringLiteral("kubrowser-logs"));
    m_worker->moveToThread(m_thread);
    deleteWhenThreadFinishes(m_thread, m_worker);

    // Only the current run's signals get through: a replaced run's tail is dropped here.
    connect(m_worker, &LogFeedWorker::linesReady, this,
            [this](quint64 g, const QList<LogFeedLine> &lines) {
                if (g == m_generation)
                    emit linesReady(lines);
            });
    connect(m_worker, &LogFeedWorker::sourcesChanged, this,
            [this](quint64 g, const QStringList &running, int waiting) {
                if (g == m_generation)
                    emit sourcesChanged(running, waiting);
            });
    connect(m_worker, &LogFeedWorker::streamFailed, this,
            [this](quint64 g, const QString &source, const Error &error) {
                if (g == m_generation)
                    emit streamFailed(source, error);
            });
    connect(m_worker, &LogFeedWorker::resuming, this,
            [this](quint64 g, const QString &source, int attempt) {
                if (g == m_generation)
                    emit resuming(source, attempt);
            });
    connect(m_worker, &LogFeedWorker::linesDropped, this, [this](quint64 g, qint64 count) {
        if (g == m_generation)
            emit linesDropped(count);
    });
    connect(m_worker, &LogFeedWorker::finished, this, [this](quint64 g) {
        if (g != m_generation)
            return;
        m_running = false;
        emit finished();
    });
    m_thread->start();
}

LogFeed::~LogFeed()
{
    QMetaObject::invokeMethod(m_worker, &LogFeedWorker::stop, Qt::QueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void LogFeed::startPod(const QString &ns,
                       const QString &pod,
                       const QStringList &containers,
                       const Options &options)
{
    const quint64 g = ++m_generation;
    m_running = true;
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, g, ns, pod, containers, options] {
            w->startPod(g, ns, pod, containers, options);
        },
        Qt::QueuedConnection);
}

void LogFeed::startSelector(const QString &ns, const QString &selector, const Options &options)
{
    const quint64 g = ++m_generation;
    m_running = true;
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, g, ns, selector, options] { w->startSelector(g, ns, selector, options); },
        Qt::QueuedConnection);
}

void LogFeed::stop()
{
    ++m_generation;
    m_running = false;
    QMetaObject::invokeMethod(m_worker, &LogFeedWorker::stop, Qt::QueuedConnection);
}

} // namespace kube::ui
