#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace kube::bench {

/*!
 * kubrowser-demo-server in a child process, so the server's work never shares a thread (or a
 * core's time slice accounting) with the client being measured.
 */
class DemoServerProcess final
{
    Q_DISABLE_COPY_MOVE(DemoServerProcess)

public:
    explicit DemoServerProcess(const QStringList &arguments);
    ~DemoServerProcess();

    //! The server's URL, or an empty URL when it did not start (errorString() says why).
    QUrl url() const { return m_url; }
    QString errorString() const { return m_error; }

private:
    QProcess m_process;
    QUrl m_url;
    QString m_error;
};

} // namespace kube::bench
