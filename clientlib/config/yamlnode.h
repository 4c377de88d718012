#pragma once

#include "api/result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <yaml-cpp/yaml.h>

// yaml-cpp helpers shared by the kubeconfig reader and writer. Internal: yaml-cpp is linked
// PRIVATE, so this header must not be included from public headers.
namespace kube::detail {

//! Deepest nesting we accept in a kubeconfig; yaml-cpp recurses per level.
constexpr int maxYamlDepth = 256;

/*!
 * Parses one YAML document. Never throws: malformed input, a document nested deeper than
 * maxYamlDepth, NUL bytes or more than one document give an Error naming file:line:column.
 * An empty document gives a Null node.
 */
kube::Result<YAML::Node> parseYaml(const QByteArray &yaml, const QString &fileName);

// yaml-cpp throws InvalidNode when Type() is asked of a missing key's node; these do not.
inline bool yamlIsMissing(const YAML::Node &n)
{
    return !n.IsDefined() || n.IsNull();
}
inline bool yamlIsMap(const YAML::Node &n)
{
    return n.IsDefined() && n.IsMap();
}
inline bool yamlIsSequence(const YAML::Node &n)
{
    return n.IsDefined() && n.IsSequence();
}
inline bool yamlIsScalar(const YAML::Node &n)
{
    return n.IsDefined() && n.IsScalar();
}

//! "file:line:column" of a node (1-based), for error messages.
QString yamlLocation(const QString &fileName, const YAML::Node &node);

//! A scalar's text; null and missing nodes give an empty string.
QString yamlString(const YAML::Node &node);

//! True when the scalar was quoted in the source (and so is a string whatever it looks like).
bool yamlIsQuoted(const YAML::Node &node);

/*!
 * The JSON value sigs.k8s.io/yaml would produce: plain scalars become null, bool, number or
 * string by YAML 1.1 rules; quoted scalars stay strings. \a depth bounds the recursion.
 */
QJsonValue yamlToJson(const YAML::Node &node, int depth = 0);

//! Emits a node as block YAML, keeping quoted scalars quoted so no value changes its type.
std::string emitYaml(const YAML::Node &node);

} // namespace kube::detail
