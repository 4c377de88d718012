#pragma once

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

namespace kube::ui {

//! A port of a container or a Service, as the streams features need it (port-forward).
struct ObjectPort
{
    QString name; //!< "http"; empty when unnamed
    int port = 0; //!< containerPort, or a Service's port
    //! A Service's targetPort: a number or a container port's name; empty = same as port.
    QString targetPort;
    QString protocol; //!< "TCP" unless said otherwise

    friend bool operator==(const ObjectPort &, const ObjectPort &) = default;
};

//! The key facts shown above an object's YAML (from its metadata).
struct ObjectFacts
{
    QString kind;
    QString apiVersion;
    QString name;
    QString ns;
    QString uid;
    qint64 createdSecs = 0;
    QList<QPair<QString, QString>> labels;
    int annotationCount = 0;
    QStringList owners; //!< "ReplicaSet/web-7d4b9", controller first
    QString deletionTimestamp; //!< set while the object is being deleted
    //! Pods: app containers, then init containers; workloads: the pod template's.
    QStringList containers;
    QStringList initContainers;
    //! Workloads and Services: the pods they select, as a label selector ("" = none).
    QString selector;
    //! Pods and workloads: declared container ports; Services: their ports.
    QList<ObjectPort> ports;
    QString phase; //!< pods: status.phase
};

} // namespace kube::ui

Q_DECLARE_METATYPE(kube::ui::ObjectFacts)
