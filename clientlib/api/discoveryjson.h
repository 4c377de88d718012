#pragma once

#include "apigroup.h"
#include "apiresource.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

/*!
 * Pure parsers and writers for the legacy (unaggregated) discovery documents, the formats of
 * GET /api (APIVersions), GET /apis (APIGroupList) and GET /api/v1, /apis/<g>/<v>
 * (APIResourceList). The same JSON is what kubectl's disk cache holds in servergroups.json and
 * serverresources.json, so the writers produce exactly what client-go writes (kind and
 * apiVersion included) and the readers accept what kubectl wrote.
 *
 * \code
 * auto groups = kube::discoveryjson::parseAPIGroupList(body);
 * if (!groups) return groups.error();
 * \endcode
 */
namespace kube::discoveryjson {

//! GET /api: the core group ("" with its versions, "v1" preferred). An empty version list
//! yields an APIGroup with no versions, as client-go does.
Result<APIGroup> parseAPIVersions(QByteArrayView json);
Result<APIGroupList> parseAPIGroupList(QByteArrayView json);
Result<APIResourceList> parseAPIResourceList(QByteArrayView json);

//! Compact JSON with kind/apiVersion, as client-go's LegacyCodec writes it.
QByteArray toJson(const APIGroupList &groups);
QByteArray toJson(const APIResourceList &list);

} // namespace kube::discoveryjson
