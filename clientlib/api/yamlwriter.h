#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace kube {

/*!
 * (Moved here from app/cli's YamlPrinter so the GUI can use it too; the CLI can alias it.)
 * Writes YAML the way `kubectl get -o yaml` does (sigs.k8s.io/yaml over go-yaml v2): map keys in
 * go-yaml's natural order ("tier9" before "tier10"), sequences in mappings not indented, strings
 * quoted only when they would read back as something else ("true", "1", "", timestamps), literal
 * blocks for multi-line text, long lines folded at column 80, non-printable characters escaped.
 *
 * Numbers go through the same JSON text as in kubectl, so 2.0 prints as 2 and 1e-9 as 1e-09.
 */
class YamlWriter
{
public:
    static QByteArray print(const QJsonValue &value);

    //! True when go-yaml v2 would write \a text without quotes as a plain string.
    static bool resolvesToString(const QString &text);
    //! go-yaml v2's map key order for string keys.
    static bool keyLess(const QString &a, const QString &b);
};

} // namespace kube
