#include "democluster.h"

#include "testing/fakeapiserver.h"

#include <QThread>

namespace kube::app {

DemoCluster::DemoCluster(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
{
    m_thread->setObjectName(QStringLiteral("demo-apiserver"));
}

DemoCluster::~DemoCluster()
{
    if (m_server) {
        // The server must be destroyed on its own thread.
        QMetaObject::invokeMethod(
            m_server, [s = m_server] { delete s; }, Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
}

bool DemoCluster::start(const Options &options)
{
    if (!m_dir.isValid()) {
        m_error = tr("Cannot create a temporary folder: %1").arg(m_dir.errorString());
        return false;
    }
    // A context object on the server thread, so the server is created (and lives) there.
    auto *context = new QObject;
    context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, context, &QObject::deleteLater);
    m_thread->start();
    bool ok = false;
    const QString dir = m_dir.path();
    QMetaObject::invokeMethod(
        context,
        [this, options, dir, &ok] {
            auto *server = new kube::testing::FakeApiServer();
            kube::testing::FakeApiServer::StockOptions stock;
            stock.pods = options.pods;
            stock.namespaces = options.namespaces;
            stock.deployments = options.deployments;
            stock.nodes = options.nodes;
            server->loadStockCluster(stock);
            if (!server->start()) {
                m_error = server->errorString();
                delete server;
                return;
            }
            m_server = server;
            m_kubeconfig = server->writeKubeconfig(dir, QStringLiteral("demo"));
            ok = !m_kubeconfig.isEmpty();
        },
        Qt::BlockingQueuedConnection);
    if (ok)
        return true;
    if (m_error.isEmpty())
        m_error = tr("Could not write the demo kubeconfig.");
    return false;
}

} // namespace kube::app
