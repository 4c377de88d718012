#pragma once

#include <QByteArray>

namespace kube::cli {

//! stdout and stderr as kubectl writes them: raw bytes, no locale conversion, flushed per call.
class Console
{
public:
    static void out(const QByteArray &bytes);
    static void err(const QByteArray &bytes);
};

} // namespace kube::cli
