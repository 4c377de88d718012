#pragma once

#include <QString>

namespace kube::ui {

/*!
 * Hides the values of a Secret's `data` and `stringData` in its YAML until the user asks to
 * see them (someone may be watching the screen or sharing it). Keys stay visible; each value
 * becomes "•••••• (N bytes)". Works on the YAML text as YamlWriter prints it (two-space
 * indent, block scalars for multi-line strings), never on JSON.
 */
class SecretMasker final
{
public:
    //! \a yaml with the secret values masked; \a masked (optional) tells whether any were.
    static QString mask(const QString &yaml, bool *masked = nullptr);
};

} // namespace kube::ui
