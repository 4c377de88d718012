#pragma once

#include <QColor>
#include <QPalette>

namespace kube::ui {

/*!
 * Semantic colours (ok, warning, error, accent …) derived from a palette rather than written
 * down: the hue names the meaning, and lightness and saturation follow the palette's text and
 * base colours, so they keep their contrast in light and dark themes and change with the
 * palette at run time.
 */
class ThemeColors final
{
public:
    enum class Role { Ok, Warning, Error, Muted, Key, String, Number, Keyword };

    static QColor color(Role role, const QPalette &palette);
    //! The application's current palette.
    static QColor color(Role role);
    static bool isDark(const QPalette &palette);
    //! "color:#rrggbb" for a QLabel style sheet.
    static QString styleSheet(Role role, const QPalette &palette);
};

} // namespace kube::ui
