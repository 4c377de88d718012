#pragma once

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

namespace kube::ui {

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
};

} // namespace kube::ui

Q_DECLARE_METATYPE(kube::ui::ObjectFacts)
