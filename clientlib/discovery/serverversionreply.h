#pragma once

#include "api/result.h"
#include "api/versioninfo.h"

#include <QObject>

#include <atomic>
#include <chrono>

namespace kube {

/*!
 * The answer to DiscoveryInterface::serverVersion() (GET /version). Emits finished() exactly
 * once, asynchronously; then result() holds the VersionInfo or the Error. The caller owns it
 * (deleteLater() after finished()); it lives on the calling thread.
 */
class ServerVersionReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerVersionReply)

public:
    explicit ServerVersionReply(QObject *parent = nullptr);
    ~ServerVersionReply() override;

    bool isFinished() const { return m_finished; }
    const Result<VersionInfo> &result() const { return m_result; }

    //! Delivers the result (queued to the reply's thread; the first call counts).
    void finish(Result<VersionInfo> result);
    //! Blocks in a local event loop (CLI and tests only).
    bool waitForFinished(std::chrono::milliseconds timeout = std::chrono::seconds(60));

signals:
    void finished();

private:
    Result<VersionInfo> m_result { Error::make(Error::Kind::Cancelled,
                                               QStringLiteral("not finished")) };
    bool m_finished = false;
    std::atomic_bool m_finishing { false };
};

} // namespace kube
