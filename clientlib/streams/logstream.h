#pragma once

#include "api/error.h"
#include "api/podlogoptions.h"
#include "rest/restconfig.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

namespace kube {

class RestClient;
class RestReply;

//! One log line: its text (no newline) and the kubelet's timestamp for it.
struct LogLine
{
    QByteArray text; //!< with the "TIMESTAMP " prefix only when the options asked for it
    QByteArray timestamp; //!< RFC 3339 (nanoseconds) as the kubelet sent it
    qint64 timeNs = 0; //!< timestamp in ns since the epoch, 0 when unknown
};

/*!
 * The log of one container as lines (GET pods/NAME/log). With follow, a dropped connection
 * is resumed from the last line's timestamp (sinceTime, then the lines already delivered at
 * that timestamp are skipped), so no line is lost or repeated; the stream ends cleanly when
 * the server ends it (the container exited). A follow is requested with timestamps (to resume
 * and to merge several pods by time); the prefix is kept only if options.timestamps.
 */
class LogStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogStream)

public:
    //! The log of \a pod in \a ns as \a options say; start() sends the request.
    LogStream(const RestConfig &config,
              const QString &ns,
              const QString &pod,
              const PodLogOptions &options,
              QObject *parent = nullptr);
    ~LogStream() override;

    //! Sends the request; lines follow in linesReceived(), then finished().
    void start();
    //! Ends the stream now; finished() follows from this call, without an error.
    void stop();
    //! Attempts to resume after a dropped connection before giving up (default 5).
    void setMaxResumes(int resumes) { m_maxResumes = resumes; }

    //! The pod whose log this is.
    QString podName() const { return m_pod; }
    //! The container asked for (empty: the pod's only container).
    QString containerName() const { return m_options.container; }
    //! finished() was emitted.
    bool isFinished() const { return m_finished; }
    //! After finished(): why the log could not be read (or resumed); empty on success.
    const std::optional<Error> &error() const { return m_error; }
    //! Lines delivered so far.
    qint64 lineCount() const { return m_lines; }

    //! "2024-05-01T10:00:01.5Z" → ns since the epoch; 0 when it is not a timestamp.
    static qint64 parseTimestampNs(QByteArrayView timestamp);

signals:
    //! The complete lines of one read, in order (a partial last line waits for its newline).
    void linesReceived(const QList<kube::LogLine> &lines);
    //! The connection dropped; a new request resumes shortly (\a attempt counts from 1).
    void resuming(int attempt, const QString &reason);
    //! The log ended (exactly once): the server closed it, or error() says why not.
    void finished();

private:
    void request(bool resume);
    void onReadyRead();
    void onFinished();
    void process(const QByteArray &data, bool final);

    std::shared_ptr<RestClient> m_client;
    QString m_ns;
    QString m_pod;
    PodLogOptions m_options;
    QPointer<RestReply> m_reply;
    QByteArray m_partial;
    qint64 m_lastNs = 0;
    int m_seenAtLast = 0; // lines delivered whose time is m_lastNs
    qint64 m_skipBeforeNs = 0; // resuming: drop lines older than this
    int m_skipAtLast = 0; // resuming: lines at m_lastNs still to drop
    qint64 m_lines = 0;
    int m_resumes = 0;
    int m_maxResumes = 5;
    bool m_wireTimestamps = true;
    bool m_started = false;
    bool m_finished = false;
    std::optional<Error> m_error;
    QTimer m_resumeTimer;
};

} // namespace kube

Q_DECLARE_METATYPE(kube::LogLine)
