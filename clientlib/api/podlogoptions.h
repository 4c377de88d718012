#pragma once

#include "queryparams.h"

#include <QString>

#include <optional>

namespace kube {

//! core/v1 PodLogOptions: what pods/log returns (kubectl logs' flags).
struct PodLogOptions
{
    QString container; //!< required when the pod has several containers
    bool follow = false; //!< stream new lines (use a streaming request)
    bool previous = false; //!< the previous, terminated instance of the container
    std::optional<qint64> sinceSeconds;
    QString sinceTime; //!< RFC 3339
    bool timestamps = false; //!< prefix every line with its RFC 3339 timestamp
    std::optional<qint64> tailLines;
    std::optional<qint64> limitBytes;
    bool insecureSkipTLSVerifyBackend = false;
    QString stream; //!< All, Stdout, Stderr (Kubernetes 1.32+)

    QueryParams toQuery() const;
};

} // namespace kube
