#pragma once

#include "apistatus.h"
#include "httprequest.h"
#include "httpresponder.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

#include <chrono>
#include <optional>

class QTimer;

namespace kube::testing {

/*!
 * The demo cluster's container logs (GET pods/NAME/log): every container writes one line per
 * interval, from its start (or 20 lines before the server started, for older pods) until now,
 * so logs grow while you watch. Serves kubelet's options: container, follow, previous,
 * timestamps (RFC 3339 with nanoseconds, trailing zeros trimmed as Go's RFC3339Nano),
 * sinceSeconds, sinceTime, tailLines, limitBytes. A container whose status is terminated has a
 * finite log, and a follow of it ends cleanly after the last line.
 */
class PodLogs final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PodLogs)

public:
    explicit PodLogs(QObject *parent = nullptr);
    ~PodLogs() override;

    //! Time between two lines of one container (default 1 s).
    void setLineInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds lineInterval() const;

    //! Follow streams currently open.
    int followerCount() const;
    //! Drops every follow stream without ending the chunked body (a lost connection).
    void dropFollowers();

    /*!
     * Answers \a request for \a pod (created at \a createdMs): the whole log, or a follow
     * stream that stays open. Errors are answered as kube-apiserver words them.
     */
    void serve(const detail::HttpRequest &request,
               detail::HttpResponder responder,
               const QJsonObject &pod,
               qint64 createdMs);

    //! The log line number \a index of a container: its time and text (without timestamp).
    qint64 lineTimeMs(qint64 baseMs, qint64 index) const;
    static QByteArray lineText(const QString &pod, const QString &container, qint64 index);
    //! Go's time.RFC3339Nano of \a ms in UTC ("2024-05-01T10:00:01.5Z").
    static QByteArray rfc3339Nano(qint64 ms);

private:
    struct Follower;
    std::optional<detail::ApiStatus>
    check(const detail::HttpRequest &request, const QJsonObject &pod, QString *container) const;
    void tick();

    std::chrono::milliseconds m_interval { 1000 };
    qint64 m_startMs = 0;
    QList<std::shared_ptr<Follower>> m_followers;
    QTimer *m_timer = nullptr;
};

} // namespace kube::testing
