#include "config/execpluginmonitor.h"

#include <QCoreApplication>
#include <QThread>

namespace kube {

ExecPluginMonitor::ExecPluginMonitor() = default;
ExecPluginMonitor::~ExecPluginMonitor() = default;

ExecPluginMonitor *ExecPluginMonitor::instance()
{
    // Never deleted: providers on worker threads may report until the process ends.
    static ExecPluginMonitor *monitor = [] {
        auto *m = new ExecPluginMonitor;
        if (QCoreApplication *app = QCoreApplication::instance();
            app && m->thread() != app->thread())
            m->moveToThread(app->thread());
        return m;
    }();
    return monitor;
}

quint64 ExecPluginMonitor::beginRun(const QString &user,
                                    const QString &command,
                                    bool acceptsInput,
                                    Hooks hooks)
{
    quint64 run = 0;
    {
        QMutexLocker lock(&m_mutex);
        run = m_nextRun++;
        m_runs.insert(run, std::move(hooks));
    }
    emit started(run, user, command, acceptsInput);
    return run;
}

void ExecPluginMonitor::reportOutput(quint64 run, const QString &text)
{
    emit output(run, text);
}

void ExecPluginMonitor::endRun(quint64 run, bool ok, const QString &message)
{
    {
        QMutexLocker lock(&m_mutex);
        m_runs.remove(run);
    }
    emit finished(run, ok, message);
}

bool ExecPluginMonitor::isRunning(quint64 run) const
{
    QMutexLocker lock(&m_mutex);
    return m_runs.contains(run);
}

void ExecPluginMonitor::cancel(quint64 run)
{
    std::function<void()> hook;
    {
        QMutexLocker lock(&m_mutex);
        hook = m_runs.value(run).cancel;
    }
    if (hook)
        hook();
}

void ExecPluginMonitor::writeInput(quint64 run, const QByteArray &data)
{
    std::function<void(const QByteArray &)> hook;
    {
        QMutexLocker lock(&m_mutex);
        hook = m_runs.value(run).write;
    }
    if (hook)
        hook(data);
}

} // namespace kube
