#pragma once

// Helpers shared by the printer tests: fixtures and kubectl's reference output, captured with
// tests/data/cli/capture.sh from kubectl v1.32 against the same fixtures.

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace kube::cli::test {

inline QString dataDir()
{
    return QStringLiteral(KUBE_TEST_DATA_DIR "/cli");
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

//! A fixture served by the capture server, e.g. "api_v1_namespaces_default_pods.table".
inline QJsonObject fixture(const QString &name)
{
    return QJsonDocument::fromJson(
               readFile(dataDir() + QStringLiteral("/server/") + name + QStringLiteral(".json")))
        .object();
}

//! kubectl's stdout / stderr / exit code for a captured case.
inline QByteArray goldenOut(const QString &name)
{
    return readFile(dataDir() + QStringLiteral("/golden/") + name + QStringLiteral(".out"));
}

inline QByteArray goldenErr(const QString &name)
{
    return readFile(dataDir() + QStringLiteral("/golden/") + name + QStringLiteral(".err"));
}

//! On a mismatch, writes \a actual to $KUBE_GOLDEN_ACTUAL_DIR/<name>.out (if set), for diffing.
inline void saveActual(const QString &name, const QByteArray &actual)
{
    const QString dir = qEnvironmentVariable("KUBE_GOLDEN_ACTUAL_DIR");
    if (dir.isEmpty())
        return;
    QFile f(dir + u'/' + name + QStringLiteral(".out"));
    if (f.open(QIODevice::WriteOnly))
        f.write(actual);
}

} // namespace kube::cli::test
