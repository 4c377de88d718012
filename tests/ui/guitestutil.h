#pragma once

// Helpers shared by the GUI tests of part 2 (sign-in, window state).

#include <QFile>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace guitest {

struct Context
{
    QString name;
    QUrl server;
    QString userYaml = QStringLiteral("{}"); //!< the user's body, e.g. an exec section
    //! The server's CA (PEM) for https servers: kubectl's rules send credentials only over TLS.
    QByteArray caPem = {};
};

// A kubeconfig written by hand, one cluster and user per context.
inline QString
writeKubeconfig(const QString &path, const QList<Context> &contexts, const QString &current)
{
    QString yaml = QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n");
    for (const Context &c : contexts) {
        yaml += QStringLiteral("- name: %1-cluster\n  cluster:\n    server: %2\n")
                    .arg(c.name, c.server.toString());
        if (!c.caPem.isEmpty())
            yaml += QStringLiteral("    certificate-authority-data: %1\n")
                        .arg(QString::fromLatin1(c.caPem.toBase64()));
    }
    yaml += QStringLiteral("users:\n");
    for (const Context &c : contexts)
        yaml += QStringLiteral("- name: %1-user\n  user: %2\n").arg(c.name, c.userYaml);
    yaml += QStringLiteral("contexts:\n");
    for (const Context &c : contexts)
        yaml += QStringLiteral("- name: %1\n  context:\n    cluster: %1-cluster\n    user: "
                               "%1-user\n    namespace: default\n")
                    .arg(c.name);
    yaml += QStringLiteral("current-context: %1\n").arg(current);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(yaml.toUtf8());
    return path;
}

} // namespace guitest
