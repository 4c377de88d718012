#include "workerthread.h"

#include <QCoreApplication>
#include <QEvent>
#include <QThread>

namespace kube::ui {

void deleteWhenThreadFinishes(QThread *thread, QObject *worker)
{
    // Direct: finished() is emitted on the ending thread itself, which owns the worker.
    QObject::connect(
        thread, &QThread::finished, worker,
        [worker] {
            delete worker;
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        },
        Qt::DirectConnection);
}

} // namespace kube::ui
