#include "podchurner.h"

#include "fakeapiserver.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

namespace kube::testing {

PodChurner::PodChurner(FakeApiServer *server, double changesPerSecond, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_rate(changesPerSecond)
    , m_timer(new QTimer(this))
{
    // 20 ticks a second: smooth enough for a UI to see a steady stream, cheap at any rate.
    m_timer->setInterval(50);
    connect(m_timer, &QTimer::timeout, this, &PodChurner::tick);
}

PodChurner::~PodChurner() = default;

void PodChurner::start()
{
    m_pods = m_server->objects({}, QStringLiteral("v1"), QStringLiteral("pods"));
    m_clock.start();
    m_changes = 0;
    m_timer->start();
}

void PodChurner::stop()
{
    m_timer->stop();
}

void PodChurner::tick()
{
    const qint64 due = qint64(double(m_clock.elapsed()) * m_rate / 1000.0);
    while (m_changes < due && !m_pods.isEmpty())
        changeOne();
}

void PodChurner::changeOne()
{
    ++m_changes;
    QRandomGenerator *rng = QRandomGenerator::global();
    const qsizetype i = rng->bounded(qsizetype(m_pods.size()));
    const int dice = rng->bounded(100);
    if (dice < 10 || m_pendingCreates > 0) {
        if (m_pendingCreates > 0) {
            // Replace a deleted pod: same namespace as a random one, a new name.
            QJsonObject pod = m_pods.at(i);
            QJsonObject meta = pod.value(QLatin1String("metadata")).toObject();
            const QString base = meta.value(QLatin1String("name")).toString().section(u'-', 0, -2);
            meta
                = QJsonObject { { QStringLiteral("name"),
                                  QStringLiteral("%1-c%2")
                                      .arg(base.isEmpty() ? QStringLiteral("pod") : base)
                                      .arg(++m_created) },
                                { QStringLiteral("namespace"),
                                  meta.value(QLatin1String("namespace")) },
                                { QStringLiteral("labels"), meta.value(QLatin1String("labels")) } };
            pod.insert(QStringLiteral("metadata"), meta);
            QJsonObject status = pod.value(QLatin1String("status")).toObject();
            status.insert(QStringLiteral("phase"), QStringLiteral("Pending"));
            pod.insert(QStringLiteral("status"), status);
            const QJsonObject stored
                = m_server->addObject({}, QStringLiteral("v1"), QStringLiteral("pods"), pod);
            if (!stored.isEmpty())
                m_pods.append(stored);
            --m_pendingCreates;
            return;
        }
        const QJsonObject meta = m_pods.at(i).value(QLatin1String("metadata")).toObject();
        m_server->removeObject({}, QStringLiteral("v1"), QStringLiteral("pods"),
                               meta.value(QLatin1String("namespace")).toString(),
                               meta.value(QLatin1String("name")).toString());
        m_pods.removeAt(i);
        ++m_pendingCreates;
        return;
    }
    // A status change: phase flips between Running and Pending, restarts count up.
    QJsonObject pod = m_pods.at(i);
    QJsonObject status = pod.value(QLatin1String("status")).toObject();
    status.insert(QStringLiteral("phase"),
                  status.value(QLatin1String("phase")).toString() == QLatin1String("Running")
                      ? QStringLiteral("Pending")
                      : QStringLiteral("Running"));
    QJsonArray containers = status.value(QLatin1String("containerStatuses")).toArray();
    if (!containers.isEmpty()) {
        QJsonObject c = containers.at(0).toObject();
        c.insert(QStringLiteral("restartCount"),
                 c.value(QLatin1String("restartCount")).toInt() + 1);
        containers.replace(0, c);
        status.insert(QStringLiteral("containerStatuses"), containers);
    }
    pod.insert(QStringLiteral("status"), status);
    const QJsonObject stored
        = m_server->addObject({}, QStringLiteral("v1"), QStringLiteral("pods"), pod);
    if (!stored.isEmpty())
        m_pods[i] = stored;
}

} // namespace kube::testing
