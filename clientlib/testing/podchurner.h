#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>

class QTimer;

namespace kube::testing {

class FakeApiServer;

/*!
 * Makes a FakeApiServer's pods change at a steady rate, as a busy cluster's do (the demo
 * server's `--churn R`): mostly status updates (phase, restart counts), and pods deleted and
 * created in equal numbers, so the count stays about the same while names come and go.
 * Watchers see MODIFIED, DELETED and ADDED events.
 *
 * \code
 * kube::testing::PodChurner churn(&server, 200);   // 200 changes a second
 * churn.start();
 * \endcode
 * Lives on the server's thread. Not owned by the server.
 */
class PodChurner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PodChurner)

public:
    PodChurner(FakeApiServer *server, double changesPerSecond, QObject *parent = nullptr);
    ~PodChurner() override;

    void start();
    void stop();
    qint64 changes() const { return m_changes; }

private:
    void tick();
    void changeOne();

    FakeApiServer *m_server; // Not owned.
    double m_rate;
    QTimer *m_timer; // Owned (child).
    QElapsedTimer m_clock;
    qint64 m_changes = 0;
    qint64 m_created = 0;
    int m_pendingCreates = 0;
    QList<QJsonObject> m_pods; // our copy of the pods, so a change costs no full listing
};

} // namespace kube::testing
