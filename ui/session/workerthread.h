#pragma once

class QObject;
class QThread;

namespace kube::ui {

/*!
 * Deletes \a worker on \a thread as the thread finishes, and with it whatever its destruction
 * posted for deletion there (the network managers of its clients go by deleteLater()). Qt's
 * own QThread::finished → deleteLater pattern leaves those behind: once the worker is being
 * deleted from the thread's last pass over posted events, the deletions it posts never run.
 */
void deleteWhenThreadFinishes(QThread *thread, QObject *worker);

} // namespace kube::ui
