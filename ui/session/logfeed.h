#pragma once

#include "api/error.h"
#include "api/podlogoptions.h"
#include "logfeedline.h"
#include "rest/restconfig.h"

#include <QObject>
#include <QStringList>

#include <chrono>

class QThread;

namespace kube::ui {

class LogFeedWorker;

/*!
 * Container logs for the GUI, read and decoded on a worker thread and handed over in batches
 * (one linesReady() per flush interval, however many lines arrived), so a chatty container
 * never floods the GUI thread with signals.
 *
 * Two modes: one pod (one container, or all of its containers merged), and a label selector
 * (a workload's pods): an informer on the pods starts a stream for every container of every
 * pod that has started and stops it when the pod leaves, at most Options::maxStreams at once
 * (the rest wait for a free slot). Lines of several streams are merged by their kubelet
 * timestamps within Options::mergeWindow and carry their "pod/container" source.
 *
 * Memory stays bounded: lines not yet handed over are capped at Options::maxPendingLines
 * (the oldest go first, counted in droppedLines()).
 *
 * Lives on the GUI thread; deleting it stops every stream.
 * \code
 * auto *feed = new LogFeed(session->config(), this);
 * connect(feed, &LogFeed::linesReady, view, &LogView::appendLines);
 * feed->startSelector("default", "app=web", {.log = {.follow = true, .tailLines = 100}});
 * \endcode
 */
class LogFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFeed)

public:
    struct Options
    {
        PodLogOptions log; //!< container is set per stream
        int maxStreams = 20; //!< concurrent log requests (kubectl's --max-log-requests)
        std::chrono::milliseconds flushInterval { 100 };
        //! Lines of several streams wait this long so later arrivals with earlier times merge.
        std::chrono::milliseconds mergeWindow { 300 };
        qsizetype maxPendingLines = 100'000;
    };

    explicit LogFeed(const RestConfig &config, QObject *parent = nullptr);
    ~LogFeed() override;

    //! The log of \a containers of one pod (several are merged by time). Replaces what ran.
    void startPod(const QString &ns,
                  const QString &pod,
                  const QStringList &containers,
                  const Options &options);
    //! Every container of every pod matching \a selector in \a ns, pods joining and leaving.
    void startSelector(const QString &ns, const QString &selector, const Options &options);
    void stop();

    bool isRunning() const { return m_running; }

signals:
    void linesReady(const QList<kube::ui::LogFeedLine> &lines);
    //! The "pod/container" streams running now, and how many wait for a free slot.
    void sourcesChanged(const QStringList &running, int waiting);
    //! A stream failed (the others go on); \a source is "pod/container".
    void streamFailed(const QString &source, const kube::Error &error);
    //! A dropped connection is being resumed.
    void resuming(const QString &source, int attempt);
    //! Lines dropped before they reached the GUI (a burst larger than maxPendingLines).
    void linesDropped(qint64 count);
    //! Every stream ended (no follow, or the containers exited) and no pod is left to read.
    void finished();

private:
    QThread *m_thread; // Owned; joined in the destructor.
    LogFeedWorker *m_worker; // Owned; lives on m_thread, deleted there.
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace kube::ui
