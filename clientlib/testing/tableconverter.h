#pragma once

#include "fakeapiserver.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kube::testing::detail {

/*!
 * Server-side printing (the `as=Table` format) as kube-apiserver's printers do it
 * (pkg/printers/internalversion): the same columns, types, priorities and cell values for
 * pods, deployments, replica sets, stateful sets, daemon sets, services, nodes, namespaces,
 * config maps, secrets, service accounts and events; additionalPrinterColumns (else Age) for
 * custom resources; Name + Created At for everything else.
 *
 * Rows are cached per object; the Age cells depend on the time of the request, so a cached
 * row holds markers that resolveAges() replaces.
 */
class TableConverter
{
public:
    //! The columnDefinitions array, as JSON bytes.
    static QByteArray columnDefinitions(const FakeResource &resource);
    //! The cells array of \a object, as JSON bytes with age markers.
    static QByteArray cells(const FakeResource &resource, const QJsonObject &object);
    //! Replaces age markers in \a bytes with durations relative to \a nowMs.
    static QByteArray resolveAges(const QByteArray &bytes, qint64 nowMs);
    //! k8s.io/apimachinery/pkg/util/duration.HumanDuration.
    static QString humanDuration(qint64 ms);
    //! The marker for a timestamp cell shown as an age.
    static QString ageMarker(const QString &rfc3339);
};

} // namespace kube::testing::detail
