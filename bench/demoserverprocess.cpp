#include "demoserverprocess.h"

#include <QRegularExpression>

namespace kube::bench {

DemoServerProcess::DemoServerProcess(const QStringList &arguments)
{
    m_process.setProgram(QStringLiteral(KUBE_DEMO_SERVER));
    m_process.setArguments(QStringList { QStringLiteral("--port"), QStringLiteral("0") }
                           + arguments);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        m_error = m_process.errorString();
        return;
    }
    static const QRegularExpression urlPattern(QStringLiteral("https?://127\\.0\\.0\\.1:\\d+"));
    QByteArray output;
    while (m_process.waitForReadyRead(30000)) {
        output += m_process.readAllStandardOutput();
        const auto match = urlPattern.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured());
            return;
        }
    }
    m_error = QStringLiteral("demo server printed no URL: ") + QString::fromUtf8(output);
}

DemoServerProcess::~DemoServerProcess()
{
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
    m_process.waitForFinished(5000);
}

} // namespace kube::bench
