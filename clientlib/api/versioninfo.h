#pragma once

#include "result.h"

#include <QByteArrayView>
#include <QString>

namespace kube {

//! What GET /version answers (k8s.io/apimachinery/pkg/version.Info).
struct VersionInfo
{
    QString major;
    QString minor;
    QString gitVersion; //!< "v1.32.2"
    QString gitCommit;
    QString gitTreeState;
    QString buildDate;
    QString goVersion;
    QString compiler;
    QString platform; //!< "linux/amd64"

    static Result<VersionInfo> parse(QByteArrayView json);

    friend bool operator==(const VersionInfo &, const VersionInfo &) = default;
};

} // namespace kube
