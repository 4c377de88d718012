#pragma once

#include "logfeed.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <memory>

namespace kube {
class Informer;
class LogStream;
class SharedInformerFactory;
struct InformerBatch;
struct LogLine;
} // namespace kube

namespace kube::ui {

/*!
 * LogFeed's other half, on the feed's worker thread: runs the LogStreams (and, for a
 * selector, the pods informer), decodes, merges and batches lines. Internal to kubesession;
 * every slot is invoked queued from LogFeed, and every signal carries the generation of the
 * start*() call it belongs to, so LogFeed can ignore the tail of a replaced run.
 */
class LogFeedWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFeedWorker)

public:
    explicit LogFeedWorker(const RestConfig &config);
    ~LogFeedWorker() override;

    void startPod(quint64 generation,
                  const QString &ns,
                  const QString &pod,
                  const QStringList &containers,
                  const kube::ui::LogFeed::Options &options);
    void startSelector(quint64 generation,
                       const QString &ns,
                       const QString &selector,
                       const kube::ui::LogFeed::Options &options);
    void stop();

signals:
    void linesReady(quint64 generation, const QList<kube::ui::LogFeedLine> &lines);
    void sourcesChanged(quint64 generation, const QStringList &running, int waiting);
    void streamFailed(quint64 generation, const QString &source, const kube::Error &error);
    void resuming(quint64 generation, const QString &source, int attempt);
    void linesDropped(quint64 generation, qint64 count);
    void finished(quint64 generation);

private:
    struct Source
    {
        QString ns;
        QString pod;
        QString container;
        bool fromStart = false; // a pod that joined after the first sync: its whole log
    };
    struct Pending
    {
        LogFeedLine line;
        qint64 receivedMs = 0;
    };

    void reset(quint64 generation, const LogFeed::Options &options);
    void add(const QString &key, const Source &source);
    void remove(const QString &key);
    void startWaiting();
    void launch(const QString &key);
    void onLines(const QString &key, const QList<LogLine> &lines);
    void onStreamFinished(const QString &key);
    void onPods(const InformerBatch &batch);
    void flush(bool all);
    void reportSources();
    void checkFinished();

    RestConfig m_config;
    quint64 m_generation = 0;
    LogFeed::Options m_options;
    QString m_ns;
    bool m_merge = false;
    bool m_selectorMode = false;
    bool m_synced = false;
    bool m_finishedSent = false;

    QHash<QString, Source> m_sources; // by "pod/container"
    QHash<QString, LogStream *> m_running; // Owned (children), by key
    QStringList m_waiting; // keys, in arrival order
    QSet<QString> m_done; // keys whose stream ended (not restarted while the pod stays)
    QHash<QString, QStringList> m_podKeys; // informer key (namespace/name) → its sources

    std::deque<Pending> m_pending;
    QTimer m_flushTimer;
    QElapsedTimer m_clock;

    SharedInformerFactory *m_factory = nullptr; // Owned (child), created for selectors.
    std::shared_ptr<Informer> m_informer;
};

} // namespace kube::ui
