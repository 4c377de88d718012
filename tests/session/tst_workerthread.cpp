// deleteWhenThreadFinishes: a worker deleted as its thread ends takes with it what its
// destruction posts for deletion (a client's network manager goes by deleteLater()).
#include "workerthread.h"

#include <QPointer>
#include <QTest>
#include <QThread>

#include <memory>

namespace {

//! Releases a resource the way RestClient releases its QNetworkAccessManager.
class Worker final : public QObject
{
public:
    explicit Worker(QObject *resource)
        : m_resource(resource)
    { }
    ~Worker() override { m_resource->deleteLater(); }

private:
    QObject *m_resource;
};

} // namespace

class tst_WorkerThread : public QObject
{
    Q_OBJECT

private slots:
    void deleteWhenThreadFinishes_data()
    {
        QTest::addColumn<bool>("helper");
        QTest::newRow("deleteWhenThreadFinishes") << true;
        QTest::newRow("QThread::finished to deleteLater (what it replaces)") << false;
    }

    void deleteWhenThreadFinishes()
    {
        QFETCH(bool, helper);
        auto thread = std::make_unique<QThread>();
        auto *resource = new QObject;
        auto *worker = new Worker(resource);
        resource->moveToThread(thread.get());
        worker->moveToThread(thread.get());
        QPointer<QObject> workerAlive(worker);
        QPointer<QObject> resourceAlive(resource);
        if (helper)
            kube::ui::deleteWhenThreadFinishes(thread.get(), worker);
        else
            connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        thread->quit();
        QVERIFY(thread->wait(10'000));
        QVERIFY(workerAlive.isNull());
        if (helper) {
            QVERIFY(resourceAlive.isNull());
        } else {
            // Qt runs the worker's deletion from the thread's last pass over posted events;
            // the deletion the worker posts then is left behind.
            QVERIFY(!resourceAlive.isNull());
            delete resource;
        }
    }
};

QTEST_GUILESS_MAIN(tst_WorkerThread)
#include "tst_workerthread.moc"
