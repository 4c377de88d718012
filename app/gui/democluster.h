#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class QThread;

namespace kube::testing {
class FakeApiServer;
}

namespace kube::app {

/*!
 * The built-in demo cluster: a FakeApiServer with the stock data set, running on its own
 * thread (so serving 50,000 pods never competes with the GUI thread), plus a kubeconfig in a
 * temporary folder that points at it (context "demo").
 */
class DemoCluster final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoCluster)

public:
    struct Options
    {
        int pods = 2000;
        int namespaces = 8;
        int deployments = 40;
        int nodes = 6;
    };

    explicit DemoCluster(QObject *parent = nullptr);
    ~DemoCluster() override;

    //! Starts the server and writes the kubeconfig; false with errorString() on failure.
    bool start(const Options &options);
    QString kubeconfigPath() const { return m_kubeconfig; }
    QString cacheRoot() const { return m_dir.filePath(QStringLiteral("cache")); }
    QString errorString() const { return m_error; }

private:
    QTemporaryDir m_dir;
    QThread *m_thread; // Owned (QObject child); joined in the destructor.
    kube::testing::FakeApiServer *m_server = nullptr; // Owned; lives on m_thread.
    QString m_kubeconfig;
    QString m_error;
};

} // namespace kube::app
