#pragma once

#include "api/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QUrl>

namespace kube::detail {

/*!
 * The value of the top-level "kind" of a JSON object, found by skipping over every other
 * member without building anything; empty when the body is not an object or has no string
 * kind. Decides whether a 2xx body is a Status (client-go decides from the decoded kind too)
 * without parsing a large list twice.
 */
QByteArray topLevelKind(QByteArrayView json);

/*!
 * A 3xx answer as an error naming where it points. API servers do not redirect; following
 * one would send the request (and its Authorization header) somewhere else.
 */
Error errorFromRedirect(int httpCode, const QUrl &from, const QUrl &target);

} // namespace kube::detail
