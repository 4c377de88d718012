#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>

#include <functional>

namespace kube {

/*!
 * Where a GUI watches exec credential plugins run, live: which plugin started for which user,
 * what it prints on stderr while it runs (device-code logins print a URL and a code there),
 * and how it ended; and how it talks back: cancel a run, or forward typed input to the stdin
 * of a plugin that runs with ExecAuthProvider::Options::interactiveInput.
 *
 * One per process, living on the application's main thread. ExecAuthProvider reports to it
 * from whichever thread runs the plugin; the signals arrive queued on the receivers' threads.
 * cancel() and writeInput() may be called from any thread.
 *
 * \code
 * auto *m = kube::ExecPluginMonitor::instance();
 * connect(m, &kube::ExecPluginMonitor::output, this, [](quint64 run, const QString &text) {...});
 * \endcode
 */
class ExecPluginMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExecPluginMonitor)

public:
    static ExecPluginMonitor *instance();

    //! Stops run \a run; its callers get an Auth error saying the sign-in was cancelled.
    void cancel(quint64 run);
    //! Writes \a data to the plugin's stdin (only runs that accept input have one open).
    void writeInput(quint64 run, const QByteArray &data);
    //! Whether \a run is still running.
    bool isRunning(quint64 run) const;

    // For ExecAuthProvider ------------------------------------------------------------------
    struct Hooks
    {
        std::function<void()> cancel;
        std::function<void(const QByteArray &)> write;
    };
    quint64 beginRun(const QString &user, const QString &command, bool acceptsInput, Hooks hooks);
    void reportOutput(quint64 run, const QString &text);
    void endRun(quint64 run, bool ok, const QString &message);

signals:
    void started(quint64 run, const QString &user, const QString &command, bool acceptsInput);
    void output(quint64 run, const QString &text);
    void finished(quint64 run, bool ok, const QString &message);

private:
    ExecPluginMonitor();
    ~ExecPluginMonitor() override;

    mutable QMutex m_mutex;
    QHash<quint64, Hooks> m_runs;
    quint64 m_nextRun = 1;
};

} // namespace kube
