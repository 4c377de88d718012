#pragma once

#include <QString>

#include <optional>

namespace kube::ui {

//! kubectl's age format (apimachinery duration.HumanDuration): "45s", "3m20s", "5h12m", "12d".
QString humanDuration(qint64 seconds);

//! Parses what humanDuration() and the server's Table cells print ("3m20s", "12d", "2y5d")
//! back to seconds, for sorting; nullopt when \a text is not a duration.
std::optional<qint64> parseHumanDuration(QStringView text);

//! The leading number of a cell such as "3", "3 (5m ago)", "1/2", "250m"; nullopt if none.
std::optional<double> leadingNumber(QStringView text);

} // namespace kube::ui
