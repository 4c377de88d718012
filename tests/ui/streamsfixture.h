#pragma once

// Shared by the GUI streams tests: FakeApiServer with pods of our own (labels, containers,
// ports), so logs, exec and port-forward have known targets.

#include "objectfacts.h"
#include "rest/restconfig.h"
#include "testing/fakeapiserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace streamstest {

struct PodSpec
{
    QString name;
    QString app = QStringLiteral("logtest");
    QStringList containers = { QStringLiteral("app") };
    int port = 8080; //!< declared on the first container, named "http"
    qint64 ageMs = 60'000;
};

inline QJsonObject podJson(const PodSpec &p, const QString &ns)
{
    QJsonArray containers;
    QJsonArray statuses;
    for (const QString &c : p.containers) {
        QJsonObject container { { QStringLiteral("name"), c },
                                { QStringLiteral("image"), QStringLiteral("busybox") } };
        if (c == p.containers.first() && p.port > 0)
            container.insert(QStringLiteral("ports"),
                             QJsonArray { QJsonObject {
                                 { QStringLiteral("name"), QStringLiteral("http") },
                                 { QStringLiteral("containerPort"), p.port },
                                 { QStringLiteral("protocol"), QStringLiteral("TCP") } } });
        containers.append(container);
        statuses.append(QJsonObject {
            { QStringLiteral("name"), c },
            { QStringLiteral("ready"), true },
            { QStringLiteral("restartCount"), 1 },
            { QStringLiteral("state"),
              QJsonObject {
                  { QStringLiteral("running"),
                    QJsonObject { { QStringLiteral("startedAt"),
                                    QDateTime::currentDateTimeUtc().addMSecs(-p.ageMs).toString(
                                        Qt::ISODate) } } } } } });
    }
    const QString created
        = QDateTime::currentDateTimeUtc().addMSecs(-p.ageMs).toString(Qt::ISODate);
    return QJsonObject {
        { QStringLiteral("apiVersion"), QStringLiteral("v1") },
        { QStringLiteral("kind"), QStringLiteral("Pod") },
        { QStringLiteral("metadata"),
          QJsonObject {
              { QStringLiteral("name"), p.name },
              { QStringLiteral("namespace"), ns },
              { QStringLiteral("creationTimestamp"), created },
              { QStringLiteral("labels"), QJsonObject { { QStringLiteral("app"), p.app } } } } },
        { QStringLiteral("spec"),
          QJsonObject { { QStringLiteral("nodeName"), QStringLiteral("node-1") },
                        { QStringLiteral("containers"), containers } } },
        { QStringLiteral("status"),
          QJsonObject { { QStringLiteral("phase"), QStringLiteral("Running") },
                        { QStringLiteral("conditions"),
                          QJsonArray { QJsonObject {
                              { QStringLiteral("type"), QStringLiteral("Ready") },
                              { QStringLiteral("status"), QStringLiteral("True") } } } },
                        { QStringLiteral("containerStatuses"), statuses } } },
    };
}

inline void addPod(kube::testing::FakeApiServer &server,
                   const PodSpec &p,
                   const QString &ns = QStringLiteral("default"))
{
    server.addObject(QString(), QStringLiteral("v1"), QStringLiteral("pods"), podJson(p, ns));
}

//! The facts the details pane would hand the streams features for this pod.
inline kube::ui::ObjectFacts podFacts(const PodSpec &p,
                                      const QString &ns = QStringLiteral("default"))
{
    kube::ui::ObjectFacts f;
    f.kind = QStringLiteral("Pod");
    f.apiVersion = QStringLiteral("v1");
    f.name = p.name;
    f.ns = ns;
    f.uid = QStringLiteral("uid-") + p.name;
    f.containers = p.containers;
    if (p.port > 0)
        f.ports.append({ QStringLiteral("http"), p.port, QString(), QStringLiteral("TCP") });
    f.phase = QStringLiteral("Running");
    return f;
}

inline kube::RestConfig configFor(const kube::testing::FakeApiServer &server)
{
    kube::RestConfig c;
    c.host = server.url();
    c.qps = 0;
    return c;
}

} // namespace streamstest
