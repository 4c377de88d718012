#include "themecolors.h"

#include <QGuiApplication>

#include <algorithm>

namespace kube::ui {

bool ThemeColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < palette.color(QPalette::Text).lightness();
}

QColor ThemeColors::color(Role role, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    if (role == Role::Muted) {
        // Halfway between text and background: readable, visibly secondary.
        return QColor::fromRgbF((text.redF() * 3 + base.redF() * 2) / 5,
                                (text.greenF() * 3 + base.greenF() * 2) / 5,
                                (text.blueF() * 3 + base.blueF() * 2) / 5);
    }
    int hue = 0;
    switch (role) {
    case Role::Ok:
        hue = 135;
        break;
    case Role::Warning:
        hue = 38;
        break;
    case Role::Error:
        hue = 356;
        break;
    case Role::Key:
        hue = 212;
        break;
    case Role::String:
        hue = 128;
        break;
    case Role::Number:
        hue = 24;
        break;
    case Role::Keyword:
        hue = 268;
        break;
    case Role::Muted:
        break;
    }
    // Lightness about a third of the way from the text towards the middle grey: dark text on a
    // light base gives a deep tint, light text on a dark base a pale one.
    const int lightness = std::clamp((text.lightness() * 2 + 128) / 3, 70, 200);
    const int saturation = isDark(palette) ? 170 : 200;
    return QColor::fromHsl(hue, saturation, lightness);
}

QColor ThemeColors::color(Role role)
{
    return color(role, QGuiApplication::palette());
}

QString ThemeColors::styleSheet(Role role, const QPalette &palette)
{
    return QStringLiteral("color:%1").arg(color(role, palette).name());
}

} // namespace kube::ui
